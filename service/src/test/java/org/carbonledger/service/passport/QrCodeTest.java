package org.carbonledger.service.passport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.Result;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import org.carbonledger.core.identifier.BatchId;
import org.carbonledger.core.identifier.DigitalLink;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class QrCodeTest {

    static String decode(BufferedImage image) throws Exception {
        BinaryBitmap bitmap = new BinaryBitmap(new HybridBinarizer(new BufferedImageLuminanceSource(image)));
        Result result = new QRCodeReader().decode(bitmap, Map.of(DecodeHintType.PURE_BARCODE, Boolean.TRUE));
        return result.getText();
    }

    @ParameterizedTest
    @ValueSource(strings = {"COIL-7", "A/B%\"&<>?", "WM-2611-001", "x"})
    void png_decodes_back_to_exactly_the_digital_link(String lot) throws Exception {
        String uri = DigitalLink.of("https://passport.example.com", BatchId.of("09506000134352", lot)).uri();
        byte[] png = QrCode.of(uri).png(6);
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
        assertThat(decode(image)).isEqualTo(uri);
    }

    @Test
    void png_has_the_quiet_zone_and_the_requested_module_size() throws Exception {
        QrCode qr = QrCode.of("https://passport.example.com/01/09506000134352/10/COIL-7");
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(qr.png(5)));
        assertThat(image.getWidth()).isEqualTo((qr.size() + 8) * 5).isEqualTo(image.getHeight());
        for (int i = 0; i < 20; i++) {
            assertThat(image.getRGB(i, i) & 0xffffff).as("quiet zone pixel").isEqualTo(0xffffff);
        }
        // The top-left finder pattern starts right after the quiet zone.
        assertThat(image.getRGB(20, 20) & 0xffffff).isEqualTo(0);
    }

    @Test
    void svg_draws_the_same_modules_and_decodes_back() throws Exception {
        String uri = "https://passport.example.com/01/09506000134352/10/A%2FB";
        QrCode qr = QrCode.of(uri);
        String svg = qr.svg();
        assertThat(svg).startsWith("<svg xmlns=\"http://www.w3.org/2000/svg\"").contains("<title>" + uri + "</title>");
        // Rasterize the path ourselves (each "Mx yhNv1h-Nz" is a run of N dark modules) and decode it.
        int side = qr.size() + 2 * QrCode.QUIET_ZONE;
        int scale = 4;
        BufferedImage image = new BufferedImage(side * scale, side * scale, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < side * scale; y++) {
            for (int x = 0; x < side * scale; x++) {
                image.setRGB(x, y, 0xffffff);
            }
        }
        Matcher run = Pattern.compile("M(\\d+) (\\d+)h(\\d+)v1h-\\3z").matcher(svg);
        int dark = 0;
        while (run.find()) {
            int x0 = Integer.parseInt(run.group(1));
            int y0 = Integer.parseInt(run.group(2));
            int n = Integer.parseInt(run.group(3));
            for (int m = 0; m < n; m++) {
                assertThat(qr.isDark(x0 + m - QrCode.QUIET_ZONE, y0 - QrCode.QUIET_ZONE)).isTrue();
                dark++;
                for (int dy = 0; dy < scale; dy++) {
                    for (int dx = 0; dx < scale; dx++) {
                        image.setRGB((x0 + m) * scale + dx, y0 * scale + dy, 0);
                    }
                }
            }
        }
        int expectedDark = 0;
        for (int y = 0; y < qr.size(); y++) {
            for (int x = 0; x < qr.size(); x++) {
                expectedDark += qr.isDark(x, y) ? 1 : 0;
            }
        }
        assertThat(dark).isEqualTo(expectedDark);
        assertThat(decode(image)).isEqualTo(uri);
    }

    @Test
    void refuses_empty_or_oversized_text_and_module_sizes() {
        assertThatThrownBy(() -> QrCode.of("")).hasMessage("text must have 1 to 1024 characters, found 0");
        assertThatThrownBy(() -> QrCode.of("x".repeat(1025)))
                .hasMessage("text must have 1 to 1024 characters, found 1025");
        QrCode qr = QrCode.of("https://a.example/01/09506000134352");
        assertThatThrownBy(() -> qr.png(0)).hasMessage("modulePixels must be 1 to 40, found 0");
        assertThatThrownBy(() -> qr.png(41)).hasMessage("modulePixels must be 1 to 40, found 41");
    }
}
