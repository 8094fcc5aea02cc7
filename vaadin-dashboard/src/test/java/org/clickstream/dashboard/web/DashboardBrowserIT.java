package org.clickstream.dashboard.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
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
import org.apache.hadoop.hbase.client.Connection;
import org.clickstream.core.Endpoints;
import org.clickstream.core.hbase.HBaseConnections;
import org.clickstream.core.hbase.HealthRow;
import org.clickstream.core.hbase.RowKeys;
import org.clickstream.core.hbase.TableLayout;
import org.clickstream.core.testing.ExpectedMetrics;
import org.clickstream.core.testing.ListeningSockets;
import org.clickstream.core.testing.LocalStack;
import org.clickstream.dashboard.testing.Browser;
import org.clickstream.dashboard.testing.Cells;
import org.clickstream.dashboard.testing.DashboardProcess;
import org.clickstream.dashboard.testing.Namespaces;
import org.clickstream.dashboard.testing.TableRows;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * The dashboard as a person sees it: scripts/dashboard against the real HBase, in headless
 * Chromium. The tables hold what ExpectedMetrics (plain Java, not the dashboard's code) computes
 * from the sample CSV plus a few hostile events, written through pipeline-core's codecs; every
 * number the test expects on the page it derives itself from ExpectedMetrics' maps.
 */
class DashboardBrowserIT {
    private static final TableLayout LAYOUT = TableLayout.of("dashboard_browser_it");
    private static final String HOSTILE_BRAND = "<img src=x onerror=alert(1)>";
    private static final String HOSTILE_CATEGORY = "<svg onload=alert(2)>";
    private static final String HOSTILE_CODE = HOSTILE_CATEGORY + ".<b>bold</b>";
    private static final String LIVE_BRAND = "zz live brand";
    private static final Duration PUSH_TIMEOUT = Duration.ofSeconds(10);
    /** Reads a grid's rendered rows, in row order, as the text of each cell. */
    private static final String GRID_ROWS = """
            const grid = document.getElementById(arguments[0]);
            return Array.from(grid.shadowRoot.querySelectorAll('#items [part~="row"]'))
                .filter(row => !row.hidden && row.index >= 0)
                .sort((a, b) => a.index - b.index)
                .map(row => Array.from(row.querySelectorAll('[part~="cell"]')).map(cell => {
                    const content = cell.querySelector('slot') && cell.querySelector('slot').assignedElements()[0];
                    return content ? content.textContent : '';
                }));
            """;

    private static Connection connection;
    private static Path events;
    private static volatile ExpectedMetrics expected;
    private static DashboardProcess dashboard;
    private static ChromeDriver browser;

    @BeforeAll
    static void startEverything() throws Exception {
        LocalStack.ensureRunning();
        connection = HBaseConnections.connect(Endpoints.hbaseZookeeper());
        Namespaces.fresh(connection, LAYOUT);
        // The sample, then hostile names with the most revenue of all, so they head every top list.
        events = Files.createDirectories(Path.of("target"))
                .resolve("dashboard-it-events.csv")
                .toAbsolutePath();
        Files.copy(
                LocalStack.repositoryRoot().resolve(Path.of("data", "sample-events.csv")),
                events,
                StandardCopyOption.REPLACE_EXISTING);
        List<String> hostile = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            hostile.add("2020-09-24 12:47:0" + i + " UTC,view,99000001,1," + HOSTILE_CODE + "," + HOSTILE_BRAND
                    + ",99999.99,42,hostile-1");
            hostile.add("2020-09-24 12:47:1" + i + " UTC,purchase,99000001,1," + HOSTILE_CODE + "," + HOSTILE_BRAND
                    + ",99999.99,42,hostile-1");
        }
        append(hostile);
        TableRows.putHealth(connection, LAYOUT, health(42, Instant.now()));

        dashboard = DashboardProcess.start("dashboard-it", "--namespace", LAYOUT.namespace());
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
    void everyPanelShowsWhatHBaseHoldsAndUpdatesWithoutReload() throws IOException {
        await().atMost(PUSH_TIMEOUT).ignoreExceptions().untilAsserted(DashboardBrowserIT::assertPageShowsTheTables);
        assertThat(text("health-throughput-value")).isEqualTo("1,850 rows/s");
        assertThat(text("health-lag-value")).isEqualTo("120");
        assertThat(text("health-late-value")).isEqualTo("17");
        screenshot("dashboard-it.png");

        browser.executeScript(
                "window.__marker = 'same page'; window.__changedAt = 0;"
                        + "new MutationObserver(() => window.__changedAt = window.__changedAt || Date.now())"
                        + ".observe(document.getElementById('all-events-value'), {childList: true, characterData: true, subtree: true})");
        // Two hours later in event time: a session at 14:00 (closed once the watermark passes 14:30), a new brand, a
        // new hour.
        Instant written = Instant.now();
        append(List.of(
                "2020-09-24 14:00:00 UTC,view,99000002,2,live.category," + LIVE_BRAND + ",10.00,43,live-1",
                "2020-09-24 14:00:30 UTC,cart,99000002,2,live.category," + LIVE_BRAND + ",10.00,43,live-1",
                "2020-09-24 14:01:00 UTC,purchase,99000002,2,live.category," + LIVE_BRAND + ",10.00,43,live-1",
                "2020-09-24 14:50:00 UTC,view,99000003,2,live.category," + LIVE_BRAND + ",20.00,44,live-2",
                "2020-09-24 14:50:30 UTC,view,99000002,2,live.category," + LIVE_BRAND + ",10.00,44,live-2"));

        await().atMost(PUSH_TIMEOUT)
                .pollInterval(Duration.ofMillis(100))
                .ignoreExceptions()
                .untilAsserted(DashboardBrowserIT::assertPageShowsTheTables);
        System.out.printf(
                "page showed the new rows %d ms after they were written%n",
                (Long) browser.executeScript("return window.__changedAt") - written.toEpochMilli());
        assertThat(browser.executeScript("return window.__marker"))
                .as("the page was not reloaded")
                .isEqualTo("same page");
        assertThat(text("sessions-sessions-value"))
                .as("the 14:00 session closed")
                .isEqualTo("1");
        assertThat(gridRows("hour-products-views"))
                .extracting(row -> row.get(1))
                .containsExactly("99000002", "99000003");
    }

    @Test
    void theWindowChoiceChangesTheWindowCardsOnly() {
        try {
            chooseWindow("Last 15 min");
            await().atMost(PUSH_TIMEOUT).ignoreExceptions().untilAsserted(() -> {
                assertCardsShow("window", Cells.sum(lastMinutes(15).values()));
                assertCardsShow("all", allTime());
            });
            chooseWindow("All time");
            await().atMost(PUSH_TIMEOUT).ignoreExceptions().untilAsserted(() -> assertCardsShow("window", allTime()));
        } finally {
            chooseWindow("Last hour");
        }
    }

    @Test
    void choosingABrandShowsItsMinutesAndTopProducts() {
        String brand = "samsung";
        try {
            WebElement search = browser.findElement(By.cssSelector("#brand-search input"));
            search.sendKeys("SAMS");
            WebElement item = await().atMost(PUSH_TIMEOUT)
                    .ignoreExceptions()
                    .until(
                            () -> (WebElement) browser.executeScript(
                                    "return Array.from(document.querySelectorAll('vaadin-combo-box-item'))"
                                            + ".find(item => item.textContent.trim() === arguments[0])",
                                    brand),
                            e -> e != null);
            item.click();
            await().atMost(PUSH_TIMEOUT).ignoreExceptions().untilAsserted(() -> assertBrandPanelShows(brand));

            // A brand from the grid: the hostile one, whose name and products' category stay text.
            browser.executeScript(
                    "Array.from(document.querySelectorAll('#brand-grid vaadin-grid-cell-content'))"
                            + ".find(cell => cell.textContent === arguments[0]).click()",
                    HOSTILE_BRAND);
            await().atMost(PUSH_TIMEOUT).ignoreExceptions().untilAsserted(() -> assertBrandPanelShows(HOSTILE_BRAND));
            assertNothingHostileRan();
        } finally {
            browser.findElement(By.id("brand-panel-close")).click();
        }
        await().atMost(PUSH_TIMEOUT)
                .until(() -> !browser.findElement(By.id("brand-panel")).isDisplayed());
    }

    @Test
    void hostileNamesStayTextInEveryPanelAndTooltip() {
        await().atMost(PUSH_TIMEOUT).ignoreExceptions().untilAsserted(() -> {
            assertThat(cellTexts("brand-grid")).contains(HOSTILE_BRAND);
            assertThat(cellTexts("category-code-grid")).contains(HOSTILE_CODE);
            assertThat(cellTexts("hour-products-revenue")).contains(HOSTILE_BRAND, HOSTILE_CODE);
            assertThat(chartNames("chart-brands")).first().isEqualTo(HOSTILE_BRAND);
            assertThat(chartNames("chart-categories")).first().isEqualTo(HOSTILE_CATEGORY);
        });
        // The tooltips are the one place ECharts writes HTML: show them for those names.
        for (String[] chartAndName :
                new String[][] {{"chart-brands", HOSTILE_BRAND}, {"chart-categories", HOSTILE_CATEGORY}}) {
            browser.executeScript(
                    "document.getElementById(arguments[0]).chart"
                            + ".dispatchAction({type: 'showTip', seriesIndex: 0, dataIndex: 0})",
                    chartAndName[0]);
            await().atMost(PUSH_TIMEOUT).untilAsserted(() -> assertThat((String) browser.executeScript(
                            "return document.getElementById(arguments[0]).innerText", chartAndName[0]))
                    .contains(chartAndName[1]));
        }
        assertNothingHostileRan();
    }

    @Test
    void warnsWhileTheProcessorIsSilentAndStopsWhenItWritesAgain() throws IOException {
        try {
            TableRows.putHealth(connection, LAYOUT, health(43, Instant.now().minus(5, ChronoUnit.MINUTES)));
            await().atMost(PUSH_TIMEOUT).ignoreExceptions().untilAsserted(() -> assertThat(
                            browser.findElement(By.id("notices")).getText())
                    .startsWith("The processor has not written for 5 min"));
        } finally {
            TableRows.putHealth(connection, LAYOUT, health(44, Instant.now()));
        }
        await().atMost(PUSH_TIMEOUT).untilAsserted(() -> assertThat(
                        (Long) browser.executeScript("return document.getElementById('notices').childElementCount"))
                .isZero());
    }

    @Test
    void warnsWhenHBaseCannotBeReached() throws Exception {
        int deadPort;
        try (var socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            deadPort = socket.getLocalPort();
        }
        try (DashboardProcess orphan =
                DashboardProcess.start("dashboard-dead-hbase-it", "--zookeeper", "127.0.0.1:" + deadPort)) {
            ChromeDriver second = Browser.start(1280, 800);
            try {
                second.get(orphan.uri().toString());
                await().atMost(Duration.ofSeconds(60)).ignoreExceptions().untilAsserted(() -> assertThat(
                                second.findElement(By.id("notices")).getText())
                        .startsWith("Cannot read HBase (ZooKeeper 127.0.0.1:" + deadPort + ", namespace ecommerce)")
                        .contains("Retrying every second"));
                assertThat(second.findElement(By.id("empty-state")).isDisplayed())
                        .isTrue();
            } finally {
                second.quit();
            }
        }
    }

    @Test
    void listensOnLoopbackOnlyByDefault() throws Exception {
        assertThat(ListeningSockets.of(dashboard.pid())).isNotEmpty().allMatch(ListeningSockets.Socket::isLoopback);
    }

    @Test
    void aTakenPortIsOneClearLine() throws Exception {
        Process second = new ProcessBuilder(
                        LocalStack.repositoryRoot().resolve("scripts/dashboard").toString(),
                        "--port",
                        Integer.toString(dashboard.uri().getPort()))
                .redirectErrorStream(true)
                .start();
        String output = new String(second.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(second.waitFor()).isEqualTo(1);
        assertThat(output)
                .isEqualTo(
                        "error: cannot listen on 127.0.0.1:" + dashboard.uri().getPort()
                                + ": Address already in use (another dashboard?); stop it or choose another --port\n");
    }

    /** Appends events to the test's CSV and writes every table as ExpectedMetrics computes it from the whole file. */
    private static void append(List<String> lines) throws IOException {
        Files.write(events, lines, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        ExpectedMetrics next = ExpectedMetrics.of(events);
        TableRows.putAll(connection, LAYOUT, next);
        expected = next;
    }

    private static HealthRow health(long batch, Instant at) {
        return new HealthRow(
                batch, at.toEpochMilli(), 5_000, 1_850, 2_700, 3, 17, 20, 120L, "query-it", "ecommerce-events");
    }

    /** Cards, session figures, charts and top lists against the tables (the default window: the last hour). */
    private static void assertPageShowsTheTables() {
        TreeMap<String, Map<String, Long>> window = lastMinutes(60);
        assertCardsShow("window", Cells.sum(window.values()));
        assertCardsShow("all", allTime());

        Map<String, Long> sessions = Cells.sum(new TreeMap<>(expected.table(ExpectedMetrics.SESSIONS))
                .tailMap(window.firstKey())
                .values());
        long count = sessions.getOrDefault("sessions", 0L);
        assertThat(text("sessions-sessions-value")).isEqualTo(count(count));
        assertThat(text("sessions-cart-sessions-value")).isEqualTo(count(sessions.getOrDefault("cart_sessions", 0L)));
        assertThat(text("sessions-purchase-sessions-value"))
                .isEqualTo(count(sessions.getOrDefault("purchase_sessions", 0L)));
        long purchaseSessions = sessions.getOrDefault("purchase_sessions", 0L);
        assertThat(text("sessions-order-value-value"))
                .isEqualTo(
                        purchaseSessions == 0
                                ? "–"
                                : money(Math.round(
                                        (double) sessions.getOrDefault("revenue_cents", 0L) / purchaseSessions)));
        assertThat(text("sessions-events-per-session-value"))
                .isEqualTo(
                        count == 0 ? "–" : String.format(Locale.US, "%.1f", (double) sessions.get("events") / count));
        assertThat(text("sessions-length-value"))
                .isEqualTo(
                        count == 0
                                ? "–"
                                : age(Math.round((double) sessions.getOrDefault("duration_seconds", 0L) / count)));
        assertThat(funnelValues("chart-session-funnel"))
                .containsExactly(count, sessions.getOrDefault("cart_sessions", 0L), purchaseSessions);
        Map<String, Long> windowTotals = Cells.sum(window.values());
        assertThat(funnelValues("chart-funnel"))
                .containsExactly(
                        windowTotals.getOrDefault("views", 0L),
                        windowTotals.getOrDefault("carts", 0L),
                        windowTotals.getOrDefault("purchases", 0L));

        assertTopBars("chart-brands", topByRevenue("brand", expected.byBrand()));
        assertTopBars("chart-categories", topByRevenue("category", expected.table(ExpectedMetrics.CATEGORY)));

        String hour = expected.leaderboards.keySet().stream()
                .filter(row -> row.startsWith("product|"))
                .map(row -> row.split("\\|")[1])
                .max(Comparator.naturalOrder())
                .orElseThrow();
        assertThat(gridRows("hour-products-revenue"))
                .isEqualTo(hourProducts(hour, "revenue_cents", DashboardBrowserIT::money));
        assertThat(gridRows("hour-products-views")).isEqualTo(hourProducts(hour, "views", DashboardBrowserIT::count));

        List<Map.Entry<String, Map<String, Long>>> brands = topByRevenue("brand", expected.byBrand());
        assertThat(gridRows("brand-grid").subList(0, 5))
                .extracting(row -> row.get(0), row -> row.get(1), row -> row.get(7))
                .containsExactlyElementsOf(brands.subList(0, 5).stream()
                        .map(b -> org.assertj.core.groups.Tuple.tuple(
                                b.getKey(),
                                count(b.getValue().get("events")),
                                money(b.getValue().getOrDefault("revenue_cents", 0L))))
                        .toList());
    }

    private static void assertBrandPanelShows(String brand) {
        assertThat(browser.findElement(By.id("brand-panel-name")).getText()).isEqualTo(brand);
        Map<String, Long> row = expected.byBrand().get(brand);
        assertThat(text("brand-events-value")).isEqualTo(count(row.get("events")));
        assertThat(text("brand-views-value")).isEqualTo(count(row.getOrDefault("views", 0L)));
        assertThat(text("brand-purchases-value")).isEqualTo(count(row.getOrDefault("purchases", 0L)));
        assertThat(text("brand-revenue-value")).isEqualTo(money(row.getOrDefault("revenue_cents", 0L)));

        // Views per minute over the chart's minutes (the last hour), from the brand-minute rows.
        List<Long> views = new ArrayList<>();
        for (String minute : chartMinuteKeys()) {
            views.add(expected.byBrandMinute()
                    .getOrDefault(brand + "|" + minute, Map.of())
                    .getOrDefault("views", 0L));
        }
        assertThat(seriesValues("chart-brand-minutes", 0)).isEqualTo(views);
        assertThat(text("brand-window-events-value"))
                .isEqualTo(count(chartMinuteKeys().stream()
                        .mapToLong(m -> expected.byBrandMinute()
                                .getOrDefault(brand + "|" + m, Map.of())
                                .getOrDefault("events", 0L))
                        .sum()));

        Set<String> ids = new LinkedHashSet<>();
        for (String measure : List.of("revenue_cents", "views")) {
            expected.leaderboards
                    .getOrDefault("brand_product|" + brand + "|" + measure, List.of())
                    .forEach(e -> ids.add(e.getKey()));
        }
        List<List<String>> products = ids.stream()
                .limit(10)
                .map(id -> {
                    Map<String, Long> product =
                            expected.table(ExpectedMetrics.PRODUCT).get(id);
                    return List.of(
                            id,
                            expected.productDetails.get(id).get(1),
                            count(product.getOrDefault("views", 0L)),
                            count(product.getOrDefault("purchases", 0L)),
                            money(product.getOrDefault("revenue_cents", 0L)));
                })
                .toList();
        assertThat(gridRows("brand-products")).isEqualTo(products).isNotEmpty();
    }

    private static void assertCardsShow(String prefix, Map<String, Long> totals) {
        long views = totals.getOrDefault("views", 0L);
        long carts = totals.getOrDefault("carts", 0L);
        long purchases = totals.getOrDefault("purchases", 0L);
        assertThat(text(prefix + "-events-value")).isEqualTo(count(totals.getOrDefault("events", 0L)));
        assertThat(text(prefix + "-views-value")).isEqualTo(count(views));
        assertThat(text(prefix + "-carts-value")).isEqualTo(count(carts));
        assertThat(text(prefix + "-purchases-value")).isEqualTo(count(purchases));
        assertThat(text(prefix + "-revenue-value")).isEqualTo(money(totals.getOrDefault("revenue_cents", 0L)));
        assertThat(text(prefix + "-view-to-cart-value")).isEqualTo(percent(carts, views));
        assertThat(text(prefix + "-view-to-purchase-value")).isEqualTo(percent(purchases, views));
        assertThat(text(prefix + "-cart-to-purchase-value")).isEqualTo(percent(purchases, carts));
    }

    private static String percent(long part, long whole) {
        return whole == 0 ? "–" : String.format(Locale.US, "%.1f %%", 100.0 * part / whole);
    }

    private static void assertTopBars(String chart, List<Map.Entry<String, Map<String, Long>>> top) {
        List<Map.Entry<String, Map<String, Long>>> ten = top.subList(0, Math.min(10, top.size()));
        assertThat(chartNames(chart))
                .containsExactlyElementsOf(ten.stream().map(Map.Entry::getKey).toList());
        assertThat(seriesValues(chart, 0))
                .containsExactlyElementsOf(ten.stream()
                        .map(e -> (Number) e.getValue().get("events"))
                        .toList());
        assertThat(seriesValues(chart, 1).stream().map(Number::doubleValue).toList())
                .containsExactlyElementsOf(ten.stream()
                        .map(e -> e.getValue().getOrDefault("revenue_cents", 0L) / 100.0)
                        .toList());
    }

    private static void assertNothingHostileRan() {
        assertThat(
                        (Long)
                                browser.executeScript(
                                        "return document.querySelectorAll('img[src=x], img[onerror], svg[onload], vaadin-grid-cell-content b').length"))
                .isZero();
        assertThat((List<?>) browser.executeScript("return window.__alerts")).isEmpty();
    }

    /** The rows on the all-time boards of {@code dimension}, ranked as the page ranks them: revenue, events, name. */
    private static List<Map.Entry<String, Map<String, Long>>> topByRevenue(
            String dimension, Map<String, Map<String, Long>> table) {
        Set<String> keys = new LinkedHashSet<>();
        for (String measure : List.of("events", "revenue_cents")) {
            expected.leaderboards
                    .getOrDefault(dimension + "|all|" + measure, List.of())
                    .forEach(e -> keys.add(e.getKey()));
        }
        return keys.stream()
                .map(key -> Map.entry(key, table.get(key)))
                .sorted(Comparator.<Map.Entry<String, Map<String, Long>>>comparingLong(
                                e -> -e.getValue().getOrDefault("revenue_cents", 0L))
                        .thenComparingLong(e -> -e.getValue().get("events"))
                        .thenComparing(Map.Entry::getKey))
                .toList();
    }

    private static List<List<String>> hourProducts(
            String hour, String measure, java.util.function.LongFunction<String> format) {
        List<Map.Entry<String, Long>> board = expected.leaderboards.get("product|" + hour + "|" + measure);
        List<List<String>> rows = new ArrayList<>();
        for (int i = 0; i < Math.min(10, board.size()); i++) {
            String id = board.get(i).getKey();
            rows.add(List.of(
                    Integer.toString(i + 1),
                    id,
                    expected.productDetails.get(id).get(0),
                    expected.productDetails.get(id).get(1),
                    format.apply(board.get(i).getValue())));
        }
        return rows;
    }

    private static Map<String, Long> allTime() {
        return Cells.sum(expected.byBrand().values());
    }

    /** The minute rows of the window that ends with the newest minute. */
    private static TreeMap<String, Map<String, Long>> lastMinutes(int count) {
        TreeMap<String, Map<String, Long>> rows = new TreeMap<>(expected.byMinute());
        String first = RowKeys.minuteKey(RowKeys.minuteStart(rows.lastKey()).minus(count - 1L, ChronoUnit.MINUTES));
        return new TreeMap<>(rows.tailMap(first, true));
    }

    /** Every minute of the last-hour chart: from the window's first minute present to the newest. */
    private static List<String> chartMinuteKeys() {
        TreeMap<String, Map<String, Long>> window = lastMinutes(60);
        List<String> keys = new ArrayList<>();
        for (Instant m = RowKeys.minuteStart(window.firstKey());
                !m.isAfter(RowKeys.minuteStart(window.lastKey()));
                m = m.plus(1, ChronoUnit.MINUTES)) {
            keys.add(RowKeys.minuteKey(m));
        }
        return keys;
    }

    private static String text(String id) {
        return await().atMost(PUSH_TIMEOUT)
                .until(() -> browser.findElement(By.id(id)).getText(), t -> !t.isEmpty());
    }

    @SuppressWarnings("unchecked")
    private static List<List<String>> gridRows(String id) {
        return (List<List<String>>) browser.executeScript(GRID_ROWS, id);
    }

    @SuppressWarnings("unchecked")
    private static List<String> cellTexts(String gridId) {
        return (List<String>) browser.executeScript(
                "return Array.from(document.querySelectorAll("
                        + "'#' + arguments[0] + ' vaadin-grid-cell-content')).map(cell => cell.textContent)",
                gridId);
    }

    @SuppressWarnings("unchecked")
    private static List<String> chartNames(String chart) {
        return (List<String>) browser.executeScript(
                "return document.getElementById(arguments[0]).chart.getOption().yAxis[0].data", chart);
    }

    @SuppressWarnings("unchecked")
    private static List<Number> seriesValues(String chart, int series) {
        return (List<Number>) browser.executeScript(
                "return document.getElementById(arguments[0]).chart.getOption().series[arguments[1]].data",
                chart,
                series);
    }

    @SuppressWarnings("unchecked")
    private static List<Long> funnelValues(String chart) {
        return ((List<Number>) browser.executeScript(
                        "return document.getElementById(arguments[0]).chart.getOption()"
                                + ".series[0].data.map(stage => stage.value)",
                        chart))
                .stream().map(Number::longValue).toList();
    }

    private static void chooseWindow(String label) {
        WebElement radio = (WebElement) browser.executeScript(
                "return Array.from(document.querySelectorAll("
                        + "'#window vaadin-radio-button')).find(button => button.textContent.trim() === arguments[0])",
                label);
        radio.click();
    }

    private static String count(long value) {
        return String.format(Locale.US, "%,d", value);
    }

    private static String money(long cents) {
        return "$" + String.format(Locale.US, "%,.2f", BigDecimal.valueOf(cents, 2));
    }

    private static String age(long seconds) {
        return seconds < 60 ? seconds + " s" : (seconds / 60) + " min " + (seconds % 60) + " s";
    }

    private static void screenshot(String name) throws IOException {
        Path shot = browser.getScreenshotAs(OutputType.FILE).toPath();
        Files.copy(shot, Path.of("target", name), StandardCopyOption.REPLACE_EXISTING);
    }
}
