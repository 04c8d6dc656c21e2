package org.carbonledger.cli.qr;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.carbonledger.cli.Cli;
import org.carbonledger.cli.common.ExitCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class QrCommandTest {
    @TempDir
    Path dir;

    @Test
    void the_png_decodes_to_exactly_the_batchs_digital_link() throws Exception {
        Cli.Result r = new Cli(dir).run("qr", "9506000134390", "WM/2611-001", "--base", "https://passport.example.com",
                "--out", "wm.png");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        String link = "https://passport.example.com/01/09506000134390/10/WM%2F2611-001";
        assertThat(r.err()).startsWith("QR code of " + link + " (");
        var image = ImageIO.read(dir.resolve("wm.png").toFile());
        String decoded = new QRCodeReader().decode(new BinaryBitmap(new HybridBinarizer(
                new BufferedImageLuminanceSource(image)))).getText();
        assertThat(decoded).isEqualTo(link);
    }

    @Test
    void svg_goes_to_stdout_by_default_with_the_local_service_as_host() {
        Cli.Result r = new Cli(dir).run("qr", "09506000134390", "WM-2611-001");
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).startsWith("<svg").contains("</svg>");
    }

    @Test
    void bad_input_is_refused_naming_the_part() throws IOException {
        Cli.Result lot = new Cli(dir).run("qr", "09506000134390", "WM~1", "--out", "x.svg");
        assertThat(lot.exitCode()).isEqualTo(ExitCode.INVALID_INPUT);
        assertThat(lot.errLines()).singleElement().asString().startsWith("carbonctl: lot \"WM~1\": ");
        assertThat(new Cli(dir).run("qr", "09506000134391", "L1").err()).contains("gtin \"09506000134391\"");
        assertThat(new Cli(dir).run("qr", "09506000134390", "L1", "--format", "png").err())
                .contains("a PNG needs --out FILE");
        assertThat(new Cli(dir).run("qr", "09506000134390", "L1", "--base", "https://x.example/p", "--out", "q.svg")
                .exitCode()).isEqualTo(ExitCode.INVALID_INPUT);
        assertThat(Files.exists(dir.resolve("q.svg"))).isFalse();
    }
}
