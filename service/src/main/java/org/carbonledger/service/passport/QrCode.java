package org.carbonledger.service.passport;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Objects;
import javax.imageio.ImageIO;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;

/**
 * The QR code of a GS1 Digital Link, as PNG or SVG. The symbol encodes exactly the given text (byte mode, UTF-8, no
 * ECI header for plain ASCII), with error correction level M and the 4-module quiet zone ISO/IEC 18004 requires, so
 * every phone camera and GS1 scanner reads back the same URI.
 *
 * <pre>{@code
 * QrCode qr = QrCode.of(DigitalLink.of("https://passport.example.com", batch).uri());
 * byte[] png = qr.png(8);     // 8 pixels per module
 * String svg = qr.svg();      // scalable, one path
 * }</pre>
 */
final class QrCode {
    /** Modules of white border on each side (ISO/IEC 18004 quiet zone). */
    public static final int QUIET_ZONE = 4;
    /** Largest module size in pixels a PNG may be asked for: a 40-H symbol at 40 px is 7,400 px wide. */
    public static final int MAX_MODULE_PIXELS = 40;
    /** The longest text encoded: far above any Digital Link of this product (host + 41 characters). */
    public static final int MAX_LENGTH = 1024;

    private final String text;
    private final BitMatrix modules;

    private QrCode(String text, BitMatrix modules) {
        this.text = text;
        this.modules = modules;
    }

    /**
     * @param text the text to encode, typically a Digital Link URI
     * @return its QR code
     * @throws IllegalArgumentException if the text is empty or longer than {@value #MAX_LENGTH} characters
     */
    public static QrCode of(String text) {
        Objects.requireNonNull(text, "text");
        if (text.isEmpty() || text.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("text must have 1 to " + MAX_LENGTH + " characters, found "
                    + text.length());
        }
        boolean ascii = text.chars().allMatch(c -> c < 128);
        Map<EncodeHintType, Object> hints = ascii
                ? Map.of(EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.M, EncodeHintType.MARGIN, 0)
                : Map.of(EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.M, EncodeHintType.MARGIN, 0,
                        EncodeHintType.CHARACTER_SET, StandardCharsets.UTF_8.name());
        try {
            // Size 0: ZXing returns the bare module matrix; scaling and the quiet zone are ours.
            return new QrCode(text, new QRCodeWriter().encode(text, BarcodeFormat.QR_CODE, 0, 0, hints));
        } catch (WriterException e) {
            throw new IllegalArgumentException("text cannot be encoded as a QR code: " + e.getMessage(), e);
        }
    }

    /** @return the encoded text */
    public String text() {
        return text;
    }

    /** @return modules per side, without the quiet zone */
    public int size() {
        return modules.getWidth();
    }

    /** @return whether the module at (x, y) is dark; 0 ≤ x, y &lt; {@link #size()} */
    public boolean isDark(int x, int y) {
        return modules.get(x, y);
    }

    /**
     * @param modulePixels pixels per module, 1 to {@value #MAX_MODULE_PIXELS}
     * @return a black-on-white PNG with the quiet zone
     */
    public byte[] png(int modulePixels) {
        if (modulePixels < 1 || modulePixels > MAX_MODULE_PIXELS) {
            throw new IllegalArgumentException("modulePixels must be 1 to " + MAX_MODULE_PIXELS + ", found "
                    + modulePixels);
        }
        int side = (size() + 2 * QUIET_ZONE) * modulePixels;
        BufferedImage image = new BufferedImage(side, side, BufferedImage.TYPE_BYTE_BINARY);
        for (int y = 0; y < side; y++) {
            for (int x = 0; x < side; x++) {
                int mx = x / modulePixels - QUIET_ZONE;
                int my = y / modulePixels - QUIET_ZONE;
                boolean dark = mx >= 0 && my >= 0 && mx < size() && my < size() && modules.get(mx, my);
                image.setRGB(x, y, dark ? 0xff000000 : 0xffffffff);
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(image, "png", out)) {
                throw new IllegalStateException("the JDK has no PNG writer");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /**
     * @return an SVG document: a white square and one black path of unit squares, in module coordinates (the
     *     viewBox includes the quiet zone), so it scales to any size without blurring; {@code shape-rendering} keeps
     *     module edges crisp
     */
    public String svg() {
        int side = size() + 2 * QUIET_ZONE;
        StringBuilder path = new StringBuilder();
        for (int y = 0; y < size(); y++) {
            int x = 0;
            while (x < size()) {
                if (!modules.get(x, y)) {
                    x++;
                    continue;
                }
                int run = x;
                while (run < size() && modules.get(run, y)) {
                    run++;
                }
                path.append('M').append(x + QUIET_ZONE).append(' ').append(y + QUIET_ZONE)
                        .append('h').append(run - x).append("v1h-").append(run - x).append('z');
                x = run;
            }
        }
        return "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 " + side + " " + side + "\" width=\""
                + side * 8 + "\" height=\"" + side * 8 + "\" shape-rendering=\"crispEdges\" role=\"img\">"
                + "<title>" + escape(text) + "</title>"
                + "<rect width=\"" + side + "\" height=\"" + side + "\" fill=\"#fff\"/>"
                + "<path d=\"" + path + "\" fill=\"#000\"/></svg>";
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
