package org.carbonledger.service.passport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.carbonledger.service.passport.ResolverControllerTest.WASHERS_PATH;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;

import io.micronaut.context.annotation.Property;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.carbonledger.service.footprint.WorkedExampleReadModel;
import org.carbonledger.service.sync.ChangeApplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * The passport page as phones and desktops show it: the service started in the test (embedded MariaDB holding the
 * worked example, no Fabric network), the page rendered by Debian's headless Chromium at a phone's 390 × 844 and a
 * desktop's 1280 × 800 CSS pixels, in English and in Chinese; the product page likewise at the phone's width.
 *
 * <p>Screenshots are compared with baselines under {@code src/test/resources/passport/screenshots}, allowing for
 * small anti-aliasing differences; after an intended change of the page, regenerate them with
 * {@code -Dpassport.screenshots.update=true} and look at them before committing. Chromium, its driver and a Chinese
 * font come from {@code network/scripts/test-tools.sh}; without Chromium or its driver the test is skipped.
 */
@MicronautTest(transactional = false)
@Property(name = "carbonledger.passport.base-url", value = "https://passport.example.com")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PassportBrowserTest {
    private static final File CHROMIUM = new File("/usr/bin/chromium");
    private static final File DRIVER = new File("/usr/bin/chromedriver");
    private static final Path BASELINES = Path.of("src", "test", "resources", "passport", "screenshots");
    private static final boolean UPDATE = Boolean.getBoolean("passport.screenshots.update");
    /** At most this share of pixels may differ noticeably from the baseline (font hinting, anti-aliasing). */
    private static final double TOLERANCE = 0.01;
    private static final List<String> TERMS = List.of("co2e", "boundary", "scope", "assurance", "seal");

    private record Viewport(String name, int width, int height, boolean mobile) {
    }

    private static final Viewport PHONE = new Viewport("phone", 390, 844, true);
    private static final Viewport DESKTOP = new Viewport("desktop", 1280, 800, false);

    @Inject
    EmbeddedServer server;

    @Inject
    ChangeApplier applier;

    private ChromeDriver driver;

    @BeforeAll
    void browser() {
        Assumptions.assumeTrue(CHROMIUM.canExecute() && DRIVER.canExecute(),
                "Chromium and chromedriver are needed: run network/scripts/test-tools.sh");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.getPath());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--ignore-certificate-errors", "--hide-scrollbars", "--force-color-profile=srgb",
                "--font-render-hinting=none");
        driver = new ChromeDriver(new ChromeDriverService.Builder().usingDriverExecutable(DRIVER).usingAnyFreePort()
                .build(), options);
    }

    @AfterAll
    void quit() {
        if (driver != null) {
            driver.quit();
        }
    }

    @BeforeEach
    void readModel() {
        WorkedExampleReadModel.apply(applier);
    }

    /** The washers' product page, which lists their sealed lot. */
    private static final String PRODUCT_PATH = "/01/09506000134390";

    private void open(Viewport v, String lang) {
        open(v, WASHERS_PATH, lang);
    }

    private void open(Viewport v, String path, String lang) {
        driver.executeCdpCommand("Emulation.setDeviceMetricsOverride", Map.of("width", v.width(), "height",
                v.height(), "deviceScaleFactor", 1, "mobile", v.mobile()));
        driver.get(server.getURL().toString().replaceAll("/$", "") + path + "?lang=" + lang);
    }

    private long script(String js) {
        return ((Number) driver.executeScript(js)).longValue();
    }

    /** The widest right edge of any element, in CSS pixels: beyond the viewport means the page scrolls sideways. */
    private long rightmostEdge() {
        return script("let m=0;for(const e of document.querySelectorAll('body *')){"
                + "m=Math.max(m,Math.ceil(e.getBoundingClientRect().right));}return m;");
    }

    @Test
    void neither_language_scrolls_sideways_on_a_phone_or_a_desktop_and_every_explanation_opens() {
        for (Viewport v : List.of(PHONE, DESKTOP)) {
            for (String lang : List.of("en", "zh")) {
                open(v, lang);
                String at = lang + " at " + v.name();
                assertThat(driver.findElement(By.tagName("html")).getAttribute("lang")).as(at)
                        .startsWith(lang);
                // A phone widens its layout viewport to content that overflows: that too is a broken layout.
                assertThat(script("return window.innerWidth")).as(at + " layout viewport").isEqualTo(v.width());
                for (String term : TERMS) {
                    WebElement details = driver.findElement(By.id("term-" + term));
                    WebElement explanation = details.findElement(By.tagName("p"));
                    assertThat(explanation.isDisplayed()).as(at + ": " + term + " closed").isFalse();
                    details.findElement(By.tagName("summary")).click();
                    assertThat(explanation.isDisplayed()).as(at + ": " + term + " opened").isTrue();
                    assertThat(explanation.getText()).as(at + ": " + term).hasSizeGreaterThan(20);
                }
                // Measured with every explanation open, the longest state of the page.
                assertThat(script("return document.documentElement.scrollWidth")).as(at + " scroll width")
                        .isLessThanOrEqualTo(v.width());
                assertThat(rightmostEdge()).as(at + " rightmost element").isLessThanOrEqualTo(v.width());
                WebElement chart = driver.findElement(By.id("breakdown-chart"));
                assertThat(chart.getSize().getWidth()).as(at + " chart").isGreaterThan(250);
                assertThat(chart.findElements(By.cssSelector("rect.segment")))
                        .allSatisfy(s -> assertThat(s.getSize().getWidth()).isPositive());
            }
        }
    }

    @Test
    void the_product_page_does_not_scroll_sideways_on_a_phone_in_either_language_and_its_switch_works() {
        for (String path : List.of(PRODUCT_PATH, PRODUCT_PATH + "/10/NO-SUCH-LOT")) {
            for (String lang : List.of("en", "zh")) {
                open(PHONE, path, lang);
                String at = path + " in " + lang;
                assertThat(driver.findElement(By.tagName("html")).getAttribute("lang")).as(at).startsWith(lang);
                assertThat(script("return window.innerWidth")).as(at + " layout viewport").isEqualTo(PHONE.width());
                assertThat(script("return document.documentElement.scrollWidth")).as(at + " scroll width")
                        .isLessThanOrEqualTo(PHONE.width());
                assertThat(rightmostEdge()).as(at + " rightmost element").isLessThanOrEqualTo(PHONE.width());
                assertThat(driver.findElement(By.id("lots")).getText()).as(at)
                        .isEqualTo(lang.equals("zh") ? "各批次的碳足迹" : "Footprints by lot");
            }
        }
        open(PHONE, PRODUCT_PATH, "en");
        driver.findElement(By.id("lang-zh")).click();
        assertThat(driver.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("zh-Hans");
        // The choice is kept on the way to the lot's passport.
        driver.findElement(By.partialLinkText("WM-2611-001")).click();
        assertThat(driver.findElement(By.id("fp")).getText()).isEqualTo("碳足迹");
    }

    @Test
    void the_language_switch_leads_to_the_other_language() {
        open(PHONE, "en");
        driver.findElement(By.id("lang-zh")).click();
        assertThat(driver.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("zh-Hans");
        assertThat(driver.findElement(By.id("fp")).getText()).isEqualTo("碳足迹");
        driver.findElement(By.id("lang-en")).click();
        assertThat(driver.findElement(By.id("fp")).getText()).isEqualTo("Carbon footprint");
    }

    @Test
    void screenshots_are_stable_match_their_baselines_and_differ_between_languages() throws IOException {
        for (Viewport v : List.of(PHONE, DESKTOP)) {
            BufferedImage en = screenshot(v, "en");
            assertThat(differingShare(en, screenshot(v, "en"))).as("the same page twice at " + v.name()).isZero();
            BufferedImage zh = screenshot(v, "zh");
            assertThat(differingShare(en, zh)).as("en and zh at " + v.name()).isGreaterThan(0.02);
            for (Map.Entry<String, BufferedImage> shot : Map.of("en", en, "zh", zh).entrySet()) {
                matchesBaseline("passport-" + shot.getKey() + "-" + v.name() + ".png", shot.getValue());
            }
        }
    }

    @Test
    void product_page_screenshots_at_phone_width_match_their_baselines_and_differ_between_languages()
            throws IOException {
        BufferedImage en = screenshot(PHONE, PRODUCT_PATH, "en");
        BufferedImage zh = screenshot(PHONE, PRODUCT_PATH, "zh");
        assertThat(differingShare(en, zh)).as("en and zh product pages").isGreaterThan(0.01);
        matchesBaseline("product-en-phone.png", en);
        matchesBaseline("product-zh-phone.png", zh);
    }

    private static void matchesBaseline(String name, BufferedImage shot) throws IOException {
        Path target = Path.of("target", "screenshots", name);
        Files.createDirectories(target.getParent());
        ImageIO.write(shot, "png", target.toFile());
        Path baseline = BASELINES.resolve(name);
        if (UPDATE) {
            Files.createDirectories(BASELINES);
            ImageIO.write(shot, "png", baseline.toFile());
            return;
        }
        assertThat(baseline).as("baseline (regenerate with -Dpassport.screenshots.update=true)").exists();
        assertThat(differingShare(ImageIO.read(baseline.toFile()), shot))
                .as(name + " against its baseline; the new one is " + target).isLessThanOrEqualTo(TOLERANCE);
    }

    /** The whole page, not just the viewport. */
    private BufferedImage screenshot(Viewport v, String lang) throws IOException {
        return screenshot(v, WASHERS_PATH, lang);
    }

    private BufferedImage screenshot(Viewport v, String path, String lang) throws IOException {
        open(v, path, lang);
        Map<String, Object> shot = driver.executeCdpCommand("Page.captureScreenshot", Map.of("format", "png",
                "captureBeyondViewport", true, "fromSurface", true));
        return ImageIO.read(new ByteArrayInputStream(Base64.getDecoder().decode((String) shot.get("data"))));
    }

    /** Share of pixels where some channel differs by more than 48 of 255; a different size counts as all. */
    static double differingShare(BufferedImage a, BufferedImage b) {
        if (a.getWidth() != b.getWidth() || a.getHeight() != b.getHeight()) {
            return 1;
        }
        long differing = 0;
        for (int y = 0; y < a.getHeight(); y++) {
            for (int x = 0; x < a.getWidth(); x++) {
                int p = a.getRGB(x, y);
                int q = b.getRGB(x, y);
                for (int shift = 0; shift <= 16; shift += 8) {
                    if (Math.abs(((p >> shift) & 0xff) - ((q >> shift) & 0xff)) > 48) {
                        differing++;
                        break;
                    }
                }
            }
        }
        return (double) differing / ((long) a.getWidth() * a.getHeight());
    }
}
