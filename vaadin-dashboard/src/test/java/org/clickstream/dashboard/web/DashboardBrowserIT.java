package org.clickstream.dashboard.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.apache.hadoop.hbase.client.Connection;
import org.clickstream.core.Endpoints;
import org.clickstream.core.HBaseConnections;
import org.clickstream.core.RowKeys;
import org.clickstream.core.TableLayout;
import org.clickstream.core.testing.ExpectedMetrics;
import org.clickstream.core.testing.HBaseTables;
import org.clickstream.core.testing.LocalStack;
import org.clickstream.dashboard.testing.Browser;
import org.clickstream.dashboard.testing.DashboardProcess;
import org.clickstream.dashboard.testing.MetricRows;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * The dashboard as a person sees it: scripts/dashboard against the real HBase, in headless
 * Chromium. The metric rows come from the sample CSV through ExpectedMetrics (plain Java, not the
 * dashboard's code), and every number the test expects on the page it sums itself from the rows
 * it wrote.
 */
class DashboardBrowserIT {
    private static final String HOSTILE_BRAND = "<img src=x onerror=alert(1)>";
    private static final Duration PUSH_TIMEOUT = Duration.ofSeconds(10);

    private static Connection connection;
    private static TreeMap<String, Map<String, Long>> minutes;
    private static Map<String, Map<String, Long>> brands;
    private static DashboardProcess dashboard;
    private static ChromeDriver browser;

    @BeforeAll
    static void startEverything() throws Exception {
        LocalStack.ensureRunning();
        connection = HBaseConnections.connect(Endpoints.hbaseZookeeper());
        HBaseTables.createEmpty(connection);
        ExpectedMetrics sample = ExpectedMetrics.of(LocalStack.repositoryRoot().resolve(Path.of("data", "sample-events.csv")));
        minutes = new TreeMap<>(sample.byMinute);
        brands = new TreeMap<>(sample.byBrand);
        // A brand with the most revenue of all, so it heads the grid and the bar chart.
        long topRevenue = brands.values().stream().mapToLong(b -> b.get("revenue_cents")).max().orElseThrow();
        brands.put(HOSTILE_BRAND, counters(3, 1, 1, 0, 1, topRevenue + 100, topRevenue + 300));
        MetricRows.put(connection, TableLayout.METRICS_BY_MINUTE, minutes);
        MetricRows.put(connection, TableLayout.METRICS_BY_BRAND, brands);
        MetricRows.putPipeline(connection, 42, Instant.now(), 5_000, 1_850, 2_700, 3, 17, sample.malformedLines.size(), 120);

        dashboard = DashboardProcess.start("dashboard-it");
        browser = Browser.start(1440, 1800);
        browser.get(dashboard.uri().toString());
    }

    @AfterAll
    static void stopEverything() throws Exception {
        if (browser != null) {
            browser.quit();
        }
        if (dashboard != null) {
            dashboard.close();
        }
        if (connection != null) {
            connection.close();
        }
    }

    @Test
    void showsWhatHBaseHoldsAndUpdatesWithoutReload() throws IOException {
        await().atMost(PUSH_TIMEOUT).ignoreExceptions().untilAsserted(() -> {
            assertCardsShow("all", sum(brands.values()));
            assertCardsShow("window", sum(lastHour(minutes).values()));
        });
        assertThat(text("health-throughput-value")).isEqualTo("1,850 rows/s");
        assertThat(text("health-lag-value")).isEqualTo("120");
        assertThat(text("health-late-value")).isEqualTo("17");
        screenshot("dashboard-it.png");

        browser.executeScript("window.__marker = 'same page'; window.__changedAt = 0;"
                + "new MutationObserver(() => window.__changedAt = window.__changedAt || Date.now())"
                + ".observe(document.getElementById('all-events-value'), {childList: true, characterData: true, subtree: true})");
        Instant newMinute = RowKeys.minuteStart(minutes.lastKey()).plus(1, ChronoUnit.MINUTES);
        Map<String, Map<String, Long>> newMinuteRow = Map.of(RowKeys.minuteKey(newMinute), counters(7, 5, 1, 0, 1, 12_345, 20_000));
        Map<String, Map<String, Long>> newBrandRow = Map.of("zz live brand", counters(7, 5, 1, 0, 1, 12_345, 20_000));
        minutes.putAll(newMinuteRow);
        brands.putAll(newBrandRow);
        Instant written = Instant.now();
        MetricRows.put(connection, TableLayout.METRICS_BY_MINUTE, newMinuteRow);
        MetricRows.put(connection, TableLayout.METRICS_BY_BRAND, newBrandRow);

        await().atMost(PUSH_TIMEOUT).pollInterval(Duration.ofMillis(100)).ignoreExceptions().untilAsserted(() -> {
            assertCardsShow("all", sum(brands.values()));
            assertCardsShow("window", sum(lastHour(minutes).values()));
        });
        System.out.printf("page showed the new rows %d ms after they were written%n",
                (Long) browser.executeScript("return window.__changedAt") - written.toEpochMilli());
        assertThat(browser.executeScript("return window.__marker")).as("the page was not reloaded").isEqualTo("same page");
    }

    @Test
    void theWindowChoiceChangesTheWindowCardsOnly() {
        try {
            chooseWindow("Last 15 min");
            await().atMost(PUSH_TIMEOUT).ignoreExceptions().untilAsserted(() -> {
                assertCardsShow("window", sum(lastMinutes(minutes, 15).values()));
                assertCardsShow("all", sum(brands.values()));
            });
            chooseWindow("All time");
            await().atMost(PUSH_TIMEOUT).ignoreExceptions().untilAsserted(() -> assertCardsShow("window", sum(brands.values())));
        } finally {
            chooseWindow("Last hour");
        }
    }

    @Test
    void showsAHostileBrandNameAsText() {
        await().atMost(PUSH_TIMEOUT).ignoreExceptions().untilAsserted(() -> assertThat((Boolean) browser.executeScript(
                "return Array.from(document.querySelectorAll('vaadin-grid-cell-content'))"
                        + ".some(cell => cell.textContent === arguments[0])", HOSTILE_BRAND)).isTrue());
        @SuppressWarnings("unchecked")
        List<String> chartBrands = (List<String>) browser.executeScript(
                "return document.getElementById('chart-brands').chart.getOption().yAxis[0].data");
        assertThat(chartBrands).first().isEqualTo(HOSTILE_BRAND);

        // The bar chart's tooltip is the one place ECharts writes HTML: show it for that brand.
        browser.executeScript("document.getElementById('chart-brands').chart"
                + ".dispatchAction({type: 'showTip', seriesIndex: 0, dataIndex: 0})");
        await().atMost(PUSH_TIMEOUT).untilAsserted(() -> assertThat((String) browser.executeScript(
                "return document.getElementById('chart-brands').innerText")).contains(HOSTILE_BRAND));

        assertThat((Long) browser.executeScript("return document.querySelectorAll('img[src=x], img[onerror]').length"))
                .isZero();
        assertThat((List<?>) browser.executeScript("return window.__alerts")).isEmpty();
    }

    @Test
    void warnsWhileTheProcessorIsSilentAndStopsWhenItWritesAgain() throws IOException {
        try {
            MetricRows.putPipeline(connection, 43, Instant.now().minus(5, ChronoUnit.MINUTES), 10, 1, 100, 0, 17, 20, 120);
            await().atMost(PUSH_TIMEOUT).ignoreExceptions().untilAsserted(() -> assertThat(
                    browser.findElement(By.id("notices")).getText()).startsWith("The processor has not written for 5 min"));
        } finally {
            MetricRows.putPipeline(connection, 44, Instant.now(), 5_000, 1_850, 2_700, 3, 17, 20, 120);
        }
        await().atMost(PUSH_TIMEOUT).untilAsserted(() -> assertThat(
                (Long) browser.executeScript("return document.getElementById('notices').childElementCount")).isZero());
    }

    @Test
    void warnsWhenHBaseCannotBeReached() throws Exception {
        int deadPort;
        try (var socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            deadPort = socket.getLocalPort();
        }
        try (DashboardProcess orphan = DashboardProcess.start("dashboard-dead-hbase-it", "--zookeeper", "127.0.0.1:" + deadPort)) {
            ChromeDriver second = Browser.start(1280, 800);
            try {
                second.get(orphan.uri().toString());
                await().atMost(Duration.ofSeconds(60)).ignoreExceptions().untilAsserted(() -> assertThat(second.findElement(By.id("notices")).getText())
                        .startsWith("Cannot read HBase (ZooKeeper 127.0.0.1:" + deadPort + ")")
                        .contains("Retrying every second"));
                assertThat(second.findElement(By.id("empty-state")).isDisplayed()).isTrue();
            } finally {
                second.quit();
            }
        }
    }

    @Test
    void listensOnLoopbackOnlyByDefault() throws Exception {
        assertThat(org.clickstream.core.testing.ListeningSockets.of(dashboard.pid())).isNotEmpty()
                .allMatch(org.clickstream.core.testing.ListeningSockets.Socket::isLoopback);
    }

    @Test
    void aTakenPortIsOneClearLine() throws Exception {
        Process second = new ProcessBuilder(LocalStack.repositoryRoot().resolve("scripts/dashboard").toString(),
                "--port", Integer.toString(dashboard.uri().getPort())).redirectErrorStream(true).start();
        String output = new String(second.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);

        assertThat(second.waitFor()).isEqualTo(1);
        assertThat(output).isEqualTo("error: cannot listen on 127.0.0.1:" + dashboard.uri().getPort()
                + ": Address already in use (another dashboard?); stop it or choose another --port\n");
    }

    private static void assertCardsShow(String prefix, Map<String, Long> totals) {
        long views = totals.get("views");
        long carts = totals.get("carts");
        long purchases = totals.get("purchases");
        assertThat(text(prefix + "-events-value")).isEqualTo(String.format(Locale.US, "%,d", totals.get("events")));
        assertThat(text(prefix + "-views-value")).isEqualTo(String.format(Locale.US, "%,d", views));
        assertThat(text(prefix + "-carts-value")).isEqualTo(String.format(Locale.US, "%,d", carts));
        assertThat(text(prefix + "-purchases-value")).isEqualTo(String.format(Locale.US, "%,d", purchases));
        assertThat(text(prefix + "-revenue-value"))
                .isEqualTo("$" + String.format(Locale.US, "%,.2f", BigDecimal.valueOf(totals.get("revenue_cents"), 2)));
        assertThat(text(prefix + "-view-to-cart-value")).isEqualTo(String.format(Locale.US, "%.1f %%", 100.0 * carts / views));
        assertThat(text(prefix + "-view-to-purchase-value")).isEqualTo(String.format(Locale.US, "%.1f %%", 100.0 * purchases / views));
        assertThat(text(prefix + "-cart-to-purchase-value")).isEqualTo(String.format(Locale.US, "%.1f %%", 100.0 * purchases / carts));
    }

    private static String text(String id) {
        return await().atMost(PUSH_TIMEOUT).until(() -> browser.findElement(By.id(id)).getText(), t -> !t.isEmpty());
    }

    private static void chooseWindow(String label) {
        WebElement radio = (WebElement) browser.executeScript("return Array.from(document.querySelectorAll("
                + "'#window vaadin-radio-button')).find(button => button.textContent.trim() === arguments[0])", label);
        radio.click();
    }

    /** The rows of the hour of event time that ends with the newest minute. */
    private static Map<String, Map<String, Long>> lastHour(TreeMap<String, Map<String, Long>> rows) {
        return lastMinutes(rows, 60);
    }

    private static Map<String, Map<String, Long>> lastMinutes(TreeMap<String, Map<String, Long>> rows, int count) {
        String first = RowKeys.minuteKey(RowKeys.minuteStart(rows.lastKey()).minus(count - 1L, ChronoUnit.MINUTES));
        return rows.tailMap(first, true);
    }

    private static Map<String, Long> sum(Iterable<Map<String, Long>> rows) {
        Map<String, Long> totals = new HashMap<>();
        for (Map<String, Long> row : rows) {
            row.forEach((qualifier, value) -> totals.merge(qualifier, value, Long::sum));
        }
        return totals;
    }

    private static Map<String, Long> counters(long events, long views, long carts, long removes, long purchases,
            long revenueCents, long priceSumCents) {
        return Map.of("events", events, "views", views, "carts", carts, "removes", removes, "purchases", purchases,
                "revenue_cents", revenueCents, "price_sum_cents", priceSumCents);
    }

    private static void screenshot(String name) throws IOException {
        Path shot = browser.getScreenshotAs(OutputType.FILE).toPath();
        Files.copy(shot, Path.of("target", name), StandardCopyOption.REPLACE_EXISTING);
    }
}
