package org.clickstream.dashboard.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.hadoop.hbase.client.Connection;
import org.clickstream.core.Endpoints;
import org.clickstream.core.hbase.HBaseConnections;
import org.clickstream.core.hbase.HealthRow;
import org.clickstream.core.hbase.MetricTable;
import org.clickstream.core.hbase.RowKeys;
import org.clickstream.core.hbase.TableLayout;
import org.clickstream.core.testing.ExpectedMetrics;
import org.clickstream.core.testing.HBaseTables;
import org.clickstream.core.testing.LocalStack;
import org.clickstream.dashboard.data.HBaseMetricsSource;
import org.clickstream.dashboard.data.MetricsData;
import org.clickstream.dashboard.data.NamedCounters;
import org.clickstream.dashboard.data.ReadCost;
import org.clickstream.dashboard.testing.Browser;
import org.clickstream.dashboard.testing.Cells;
import org.clickstream.dashboard.testing.DashboardProcess;
import org.clickstream.dashboard.testing.Namespaces;
import org.clickstream.dashboard.testing.TableRows;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WindowType;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * 200,000 brands (an attack, or a marketplace): a refresh reads the same bounded rows as with a
 * handful, the page still works, and the time of a refresh with several pages open is measured
 * (printed, not asserted: the machine is shared).
 */
class ManyBrandsIT {
    private static final TableLayout LAYOUT = TableLayout.of("dashboard_many_brands_it");
    private static final int BRANDS = 200_000;
    private static final int MINUTES = 60;
    private static final int PAGES = 5;
    /** docs/DASHBOARD.md's bound of one shared read, in rows, spelt out: see the table there. */
    private static final int ROWS_PER_REFRESH_BOUND = 1 + 1_440 + 1_440 + 6 + 3 * 50 + 1 + 2 + 20 + 1_001 + 1;

    private static final Pattern REFRESH = Pattern.compile("([0-9.]+) (ms|s)");

    private static Connection connection;
    private static final Map<String, Map<String, Long>> brands = new TreeMap<>();
    private static final Map<String, List<Map.Entry<String, Long>>> boards = new TreeMap<>();
    private static HBaseMetricsSource source;

    @BeforeAll
    static void write200000Brands() throws IOException {
        LocalStack.ensureRunning();
        connection = HBaseConnections.connect(Endpoints.hbaseZookeeper());
        long created = System.nanoTime();
        Namespaces.fresh(connection, LAYOUT);
        System.out.printf(
                "namespace %s new and empty in %d ms%n", LAYOUT.namespace(), (System.nanoTime() - created) / 1_000_000);
        for (int i = 0; i < BRANDS; i++) {
            long events = 1 + (i * 7_919L) % 100_000;
            long purchases = events % 7;
            Map<String, Long> row = new TreeMap<>(
                    Map.of("events", events, "views", events - purchases, "price_sum_cents", events * 1_000));
            if (purchases > 0) {
                row.put("purchases", purchases);
                row.put("revenue_cents", purchases * (1 + (i * 31L) % 10_000));
            }
            brands.put(String.format(Locale.ROOT, "brand-%06d", i), row);
        }
        for (String measure : List.of("events", "revenue_cents")) {
            boards.put(
                    "brand|all|" + measure,
                    brands.entrySet().stream()
                            .filter(b -> b.getValue().containsKey(measure))
                            .map(b -> Map.entry(b.getKey(), b.getValue().get(measure)))
                            .sorted(Map.Entry.<String, Long>comparingByValue()
                                    .reversed()
                                    .thenComparing(Map.Entry.comparingByKey()))
                            .limit(25)
                            .toList());
        }
        Map<String, Map<String, Long>> minutes = new TreeMap<>();
        Instant start = Instant.parse("2026-03-01T00:00:00Z");
        for (int i = 0; i < MINUTES; i++) {
            minutes.put(
                    RowKeys.minuteKey(start.plus(i, ChronoUnit.MINUTES)),
                    Map.of("events", 100L + i, "views", 100L + i));
        }
        // The minutes of the brands a page can drill into from the grid (those on the boards).
        Map<String, Map<String, Long>> brandMinutes = new TreeMap<>();
        boards.values()
                .forEach(board -> board.forEach(entry -> minutes.forEach((minute, row) ->
                        brandMinutes.put(entry.getKey() + "|" + minute, Map.of("events", 1L, "views", 1L)))));
        long started = System.nanoTime();
        TableRows.putCounters(connection, LAYOUT.table(ExpectedMetrics.BRAND), brands);
        System.out.printf(
                "wrote %,d brand rows with a BufferedMutator in %d ms%n",
                BRANDS, (System.nanoTime() - started) / 1_000_000);
        TableRows.putCounters(
                connection, LAYOUT.table(MetricTable.TOTAL), Map.of(MetricTable.TOTAL_ROW, Cells.sum(brands.values())));
        TableRows.putCounters(connection, LAYOUT.table(ExpectedMetrics.MINUTE), minutes);
        TableRows.putCounters(connection, LAYOUT.table(ExpectedMetrics.BRAND_MINUTE), brandMinutes);
        TableRows.putBoards(connection, LAYOUT, boards);
        TableRows.putHealth(
                connection, LAYOUT, new HealthRow(1, System.currentTimeMillis(), 10, 10, 100, 0, 0, 0, 0L, "q", "t"));
        source = new HBaseMetricsSource(Endpoints.hbaseZookeeper(), LAYOUT);
    }

    @AfterAll
    static void close() throws IOException {
        if (source != null) {
            source.close();
        }
        if (connection != null) {
            connection.close();
        }
    }

    @Test
    void aRefreshReadsTheBoardsBrandsOnlyNotTheBrandTable() throws IOException {
        Set<String> onBoards = new LinkedHashSet<>();
        boards.values().forEach(board -> board.forEach(entry -> onBoards.add(entry.getKey())));

        List<Long> millis = new ArrayList<>();
        MetricsData data = null;
        for (int i = 0; i < 10; i++) {
            data = source.read(24 * 60);
            millis.add(data.cost().millis());
        }

        assertThat(data.brands().stream().collect(Collectors.toMap(NamedCounters::name, b -> Cells.of(b.counters()))))
                .isEqualTo(onBoards.stream().collect(Collectors.toMap(b -> b, brands::get)));
        assertThat(data.allTime().map(Cells::of)).contains(Cells.sum(brands.values()));
        ReadCost cost = data.cost();
        // The newest minute's key, the minutes, 2 of the 6 boards (only the brand boards exist), their brands,
        // the all-time total's row, the health row.
        assertThat(cost.rows())
                .isEqualTo(1 + MINUTES + 2 + onBoards.size() + 1 + 1)
                .isLessThanOrEqualTo(ROWS_PER_REFRESH_BOUND);
        long scanStarted = System.nanoTime();
        int scanned = HBaseTables.readCounters(connection, LAYOUT.table(ExpectedMetrics.BRAND))
                .size();
        System.out.printf(
                "one refresh with %,d brands stored: %s; read time over 10 reads: median %d ms, max %d ms;"
                        + " for comparison, the whole brand table (what a refresh read before the boards): %,d rows in %d ms; load average %s%n",
                BRANDS,
                cost,
                millis.stream().sorted().toList().get(5),
                millis.stream().max(Comparator.naturalOrder()).orElseThrow(),
                scanned,
                (System.nanoTime() - scanStarted) / 1_000_000,
                loadAverage());
    }

    @Test
    void theBrandSearchReadsAtMostItsLimit() throws IOException {
        List<String> expected = new ArrayList<>();
        for (int i = 199_900; i < 200_000; i++) {
            expected.add(String.format(Locale.ROOT, "brand-%06d", i));
        }
        assertThat(source.brandsStartingWith("brand-1999", 1_000)).isEqualTo(expected);
        assertThat(source.brandsStartingWith("brand-", 1_000))
                .hasSize(100)
                .first()
                .isEqualTo("brand-000000");
        assertThat(source.brandsStartingWith("brand-12345", 3))
                .containsExactly("brand-123450", "brand-123451", "brand-123452");
    }

    @Test
    void pagesWorkAndARefreshStaysShortWithSeveralPagesOpen() throws Exception {
        String topByRevenue = boards.get("brand|all|revenue_cents").get(0).getKey();
        try (DashboardProcess dashboard =
                DashboardProcess.start("dashboard-many-brands-it", "--namespace", LAYOUT.namespace())) {
            ChromeDriver browser = Browser.start(1280, 1000);
            try {
                browser.get(dashboard.uri().toString());
                awaitTopBrand(browser, topByRevenue);
                report("1 page", sampleRefreshes(browser, 1));
                List<String> tabs = new ArrayList<>(List.of(browser.getWindowHandle()));
                for (int i = 1; i < PAGES; i++) {
                    browser.switchTo().newWindow(WindowType.TAB);
                    browser.get(dashboard.uri().toString());
                    awaitTopBrand(browser, topByRevenue);
                    tabs.add(browser.getWindowHandle());
                }
                report(PAGES + " pages", sampleRefreshes(browser, PAGES));
                // Each page drills into another brand: the feed reads each one's minutes and products too.
                for (int i = 0; i < PAGES; i++) {
                    browser.switchTo().window(tabs.get(i));
                    String brand = boards.get("brand|all|revenue_cents").get(i).getKey();
                    await().atMost(Duration.ofSeconds(10))
                            .ignoreExceptions()
                            .until(() -> (Boolean) browser.executeScript(
                                    "Array.from(document.querySelectorAll('#brand-grid vaadin-grid-cell-content'))"
                                            + ".find(cell => cell.textContent === arguments[0]).click(); return true;",
                                    brand));
                    await().atMost(Duration.ofSeconds(10)).ignoreExceptions().until(() -> browser.findElement(
                                    By.id("brand-panel-name"))
                            .getText()
                            .equals(brand));
                }
                // A brand deep in the table, found by the search, shows its own row.
                String deep = "brand-123457";
                browser.findElement(By.cssSelector("#brand-search input")).sendKeys("brand-12345");
                await().atMost(Duration.ofSeconds(10)).ignoreExceptions().until(() -> (Boolean) browser.executeScript(
                        "const item = Array.from(document.querySelectorAll('vaadin-combo-box-item'))"
                                + ".find(item => item.textContent.trim() === arguments[0]); item.click(); return true;",
                        deep));
                await().atMost(Duration.ofSeconds(10)).ignoreExceptions().untilAsserted(() -> {
                    assertThat(browser.findElement(By.id("brand-panel-name")).getText())
                            .isEqualTo(deep);
                    assertThat(browser.findElement(By.id("brand-events-value")).getText())
                            .isEqualTo(String.format(
                                    Locale.US, "%,d", brands.get(deep).get("events")));
                });
                report(PAGES + " pages, each drilling into a brand", sampleRefreshes(browser, PAGES));
            } finally {
                browser.quit();
            }
        }
    }

    private static String loadAverage() {
        try {
            return java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg"))
                    .strip();
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static void awaitTopBrand(ChromeDriver browser, String brand) {
        await().atMost(Duration.ofSeconds(20)).ignoreExceptions().untilAsserted(() -> assertThat(
                        (String) browser.executeScript(
                                "return document.getElementById('chart-brands').chart.getOption().yAxis[0].data[0]"))
                .isEqualTo(brand));
    }

    /**
     * What the page's "Dashboard refresh" card says over ten refreshes once {@code pages} pages are
     * served: {milliseconds, rows read} of each.
     */
    private static List<double[]> sampleRefreshes(ChromeDriver browser, int pages) throws InterruptedException {
        String pagesText = pages + (pages == 1 ? " page" : " pages");
        await().atMost(Duration.ofSeconds(20))
                .until(() ->
                        browser.findElement(By.id("health-refresh")).getText().contains(pagesText));
        List<double[]> samples = new ArrayList<>();
        String last = "";
        while (samples.size() < 10) {
            String value = browser.findElement(By.id("health-refresh-value")).getText();
            String detail = browser.findElement(By.cssSelector("#health-refresh .card-detail"))
                    .getText();
            if (!(value + detail).equals(last) && detail.contains(pagesText)) {
                Matcher matcher = REFRESH.matcher(value);
                assertThat(matcher.matches()).as(value).isTrue();
                double millis =
                        Double.parseDouble(matcher.group(1)) * (matcher.group(2).equals("s") ? 1_000 : 1);
                samples.add(new double[] {
                    millis,
                    Double.parseDouble(detail.substring(0, detail.indexOf(' ')).replace(",", ""))
                });
                last = value + detail;
            }
            Thread.sleep(300);
        }
        return samples;
    }

    private static void report(String what, List<double[]> samples) {
        List<Double> millis = samples.stream().map(s -> s[0]).sorted().toList();
        List<Double> rows = samples.stream().map(s -> s[1]).sorted().toList();
        System.out.printf(
                "refresh with %,d brands, %s: median %.0f ms, max %.0f ms (%d refreshes); rows read median %.0f, max %.0f;"
                        + " load average %s%n",
                BRANDS,
                what,
                millis.get(millis.size() / 2),
                millis.get(millis.size() - 1),
                samples.size(),
                rows.get(rows.size() / 2),
                rows.get(rows.size() - 1),
                loadAverage());
        assertThat(rows.get(rows.size() - 1))
                .isLessThanOrEqualTo(ROWS_PER_REFRESH_BOUND + 4.0 * (1 + 2 * 1_440 + 2 + 10));
    }
}
