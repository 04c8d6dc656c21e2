package org.carbonledger.service.plant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.carbonledger.service.plant.PlantAlertsTest.FACTOR;
import static org.carbonledger.service.plant.PlantAlertsTest.GTIN;
import static org.carbonledger.service.plant.PlantAlertsTest.LOT;
import static org.carbonledger.service.plant.PlantAlertsTest.call;
import static org.carbonledger.service.plant.PlantAlertsTest.reading;
import static org.carbonledger.service.plant.PlantAlertsTest.text;
import static org.carbonledger.service.plant.PlantAlertsTest.token;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.io.File;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.carbonledger.core.json.JsonArray;
import org.carbonledger.core.json.JsonObject;
import org.carbonledger.service.testing.TestClients;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * The live plant page in Debian's headless Chromium, against the service started here (embedded MariaDB, HTTP
 * server): readings go through the real ingestion (verified, stored, then told to the live view), and the page must
 * follow them without a reload: its chart grows, the alert appears, and acknowledging it from the page works and is
 * kept with the operator's client id. Chromium and its driver come from {@code network/scripts/test-tools.sh};
 * without them the test is skipped.
 */
class PlantLiveBrowserTest {
    private static final File CHROMIUM = new File("/usr/bin/chromium");
    private static final File DRIVER = new File("/usr/bin/chromedriver");
    private static final String TOPIC = "carbonledger/SteelCoMSP/meter-1/readings";

    static ChromeDriver driver;
    static EmbeddedServer service;

    @BeforeAll
    static void start() throws Exception {
        Assumptions.assumeTrue(CHROMIUM.canExecute() && DRIVER.canExecute(),
                "Chromium and chromedriver are needed: run network/scripts/test-tools.sh");
        PlantReadingsTest.clearPlantTablesOfAnExternalDatabase();
        service = ApplicationContext.run(EmbeddedServer.class, Map.of("carbonledger.data-dir",
                Files.createTempDirectory("carbonledger-live-page-").toString()), "test");
        PlantAlertsTest.registerMeterAndFactor(service.getApplicationContext());
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.getPath());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--ignore-certificate-errors", "--window-size=1280,900");
        driver = new ChromeDriver(new ChromeDriverService.Builder().usingDriverExecutable(DRIVER).usingAnyFreePort()
                .build(), options);
    }

    @AfterAll
    static void stop() throws Exception {
        if (driver != null) {
            driver.quit();
        }
        if (service != null) {
            service.close();
        }
    }

    private static void feed(long sequence, String kWh) {
        ReadingIngestion ingestion = service.getApplicationContext().getBean(ReadingIngestion.class);
        assertThat(ingestion.accept(TOPIC, reading(sequence, kWh))).isEqualTo(ReadingIngestion.Outcome.STORED);
    }

    private static <T> T eventually(Supplier<T> value, java.util.function.Predicate<T> wanted, String what) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        T last = null;
        while (System.nanoTime() < deadline) {
            try {
                last = value.get();
                if (wanted.test(last)) {
                    return last;
                }
            } catch (org.openqa.selenium.WebDriverException e) {
                last = null; // the element is being replaced by the next snapshot
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
        throw new AssertionError("timed out waiting for " + what + ", last seen: " + last);
    }

    private static long chartPoints(String id) {
        return Long.parseLong(driver.findElement(By.id("chart-" + id)).getAttribute("data-points"));
    }

    @Test
    void the_chart_follows_the_readings_and_an_alert_appears_and_is_acknowledged_without_a_reload()
            throws Exception {
        String operator = token(service, TestClients.OPERATOR, TestClients.OPERATOR_SECRET);
        assertThat(call(service, "PUT", "/api/v1/plant/devices/meter-1", operator, """
                {"line":"press-1","factorId":"%s","expectedIntervalSeconds":60,
                 "plausible":{"min":"0","max":"500","unit":"kWh"},"batch":{"gtin":"%s","lot":"%s"}}"""
                .formatted(FACTOR, GTIN, LOT)).status()).isEqualTo(200);
        assertThat(call(service, "PUT", "/api/v1/plant/batches/" + GTIN + "/" + LOT, operator, """
                {"targetKgCo2ePerUnit":"2","plannedQuantity":{"amount":"1000","unit":"piece"},"plannedEnd":"%s"}"""
                .formatted(Instant.now().plus(Duration.ofHours(1)).truncatedTo(ChronoUnit.SECONDS))).status())
                .isEqualTo(200);
        assertThat(call(service, "POST", "/api/v1/plant/alert-rules", operator, """
                {"kind":"RATE_ABOVE","scope":"LINE","subject":"press-1","thresholdKgCo2ePerHour":"1000",
                 "severity":"CRITICAL"}""").status()).isEqualTo(201);

        driver.get(service.getURL().toString().replaceAll("/$", "") + "/plant/live");
        assertThat(driver.findElement(By.id("login-form")).isDisplayed()).isTrue();
        assertThat(driver.findElement(By.id("live")).isDisplayed()).isFalse();
        driver.findElement(By.id("client-id")).sendKeys(TestClients.OPERATOR);
        driver.findElement(By.id("client-secret")).sendKeys(TestClients.OPERATOR_SECRET);
        driver.findElement(By.id("login-submit")).click();
        eventually(() -> driver.findElements(By.id("chart-device-meter-1")).size(), n -> n == 1, "the first snapshot");
        assertThat(driver.findElement(By.id("signed-in")).getText()).contains(TestClients.OPERATOR);
        assertThat(driver.findElement(By.id("login-form")).isDisplayed()).isFalse();
        // Set on this very document: a reload would lose it.
        driver.executeScript("window.sameDocument = 'yes';");

        long before = chartPoints("device-meter-1");
        feed(1, "10");
        feed(2, "10");
        eventually(() -> driver.findElement(By.id("device-meter-1")).getText(), t -> t.contains("10 kgCO2e"),
                "today's 10 kgCO2e on the device card");
        long after = eventually(() -> chartPoints("device-meter-1"), n -> n > before, "the chart to grow");
        assertThat(after).isGreaterThan(before);
        String polyline = driver.findElement(By.cssSelector("#chart-line-press-1 polyline")).getAttribute("points");
        assertThat(polyline.split(" ")).hasSizeGreaterThan(1);
        assertThat(driver.findElement(By.id("alerts")).findElements(By.tagName("li"))).isEmpty();

        feed(3, "200"); // 110 kgCO2e in the 5-minute window: 1320 kgCO2e/h on line press-1
        WebElement alert = eventually(() -> driver.findElement(By.cssSelector("#alerts li.alert.OPEN")),
                e -> e.getText().contains("line press-1"), "the alert on the page");
        assertThat(alert.getAttribute("class")).contains("CRITICAL");
        assertThat(alert.getText()).contains("1320").contains("above 1000");
        String alertId = alert.getAttribute("data-id");

        alert.findElement(By.cssSelector("button.ack")).click();
        eventually(() -> driver.findElement(By.cssSelector("#alerts li[data-id='" + alertId + "']")).getText(),
                t -> t.contains("acknowledged by " + TestClients.OPERATOR), "the acknowledgement on the page");
        assertThat(driver.findElements(By.cssSelector("#alerts li[data-id='" + alertId + "'] button.ack"))).isEmpty();
        assertThat(driver.executeScript("return window.sameDocument")).isEqualTo("yes");

        JsonObject stored = null;
        for (var v : ((JsonArray) call(service, "GET", "/api/v1/plant/alerts", operator, null).json().get("items")
                .orElseThrow()).elements()) {
            if (text((JsonObject) v, "id").equals(alertId)) {
                stored = (JsonObject) v;
            }
        }
        assertThat(stored).isNotNull();
        assertThat(text(stored, "state")).isEqualTo("ACKNOWLEDGED");
        assertThat(text(stored, "acknowledgedBy")).isEqualTo(TestClients.OPERATOR);
        assertThat(List.of(driver.findElement(By.id("ack-error")).getText())).containsExactly("");

        // In Chinese, still signed in (the token is the tab's): labels and the acknowledgement in Chinese.
        driver.findElement(By.id("lang-zh")).click();
        assertThat(driver.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("zh-Hans");
        assertThat(driver.findElement(By.tagName("h1")).getText()).isEqualTo("实时工厂");
        eventually(() -> driver.findElement(By.id("device-meter-1")).getText(), t -> t.contains("速率"),
                "the device card in Chinese");
        eventually(() -> driver.findElement(By.cssSelector("#alerts li[data-id='" + alertId + "']")).getText(),
                t -> t.contains("确认人：" + TestClients.OPERATOR), "the acknowledgement in Chinese");
        driver.findElement(By.id("lang-en")).click();
        assertThat(driver.findElement(By.tagName("h1")).getText()).isEqualTo("Live plant");
    }
}
