package org.clickstream.dashboard.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.hadoop.hbase.client.Connection;
import org.clickstream.core.Endpoints;
import org.clickstream.core.hbase.HBaseConnections;
import org.clickstream.core.hbase.HealthRow;
import org.clickstream.core.hbase.RowKeys;
import org.clickstream.core.hbase.TableLayout;
import org.clickstream.core.testing.ExpectedMetrics;
import org.clickstream.core.testing.LocalStack;
import org.clickstream.dashboard.testing.Cells;
import org.clickstream.dashboard.testing.Namespaces;
import org.clickstream.dashboard.testing.TableRows;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The HBase reader against the real HBase. The tables hold what ExpectedMetrics computes from the
 * sample CSV (written through pipeline-core's codecs), and every expected value below is taken
 * from ExpectedMetrics' plain maps, never from the dashboard's own decoding.
 */
class HBaseMetricsSourceIT {
    private static final TableLayout LAYOUT = TableLayout.of("dashboard_source_it");
    private static final TableLayout DAYS = TableLayout.of("dashboard_days_it");
    private static final HealthRow HEALTH = new HealthRow(
            17,
            Instant.parse("2026-01-02T03:04:05.678Z").toEpochMilli(),
            5_000,
            1_234,
            2_600,
            3,
            12,
            20,
            99L,
            "query-1",
            "ecommerce-events");

    private static Connection connection;
    private static ExpectedMetrics expected;
    private static HBaseMetricsSource source;

    @BeforeAll
    static void writeTheSample() throws IOException {
        LocalStack.ensureRunning();
        connection = HBaseConnections.connect(Endpoints.hbaseZookeeper());
        expected = ExpectedMetrics.of(LocalStack.repositoryRoot().resolve(Path.of("data", "sample-events.csv")));
        Namespaces.fresh(connection, LAYOUT);
        TableRows.putAll(connection, LAYOUT, expected);
        TableRows.putHealth(connection, LAYOUT, HEALTH);
        source = new HBaseMetricsSource(Endpoints.hbaseZookeeper(), LAYOUT);
    }

    @AfterAll
    static void close() throws IOException {
        source.close();
        connection.close();
    }

    @Test
    void readsEveryPartOfThePageAsTheTablesHoldIt() throws IOException {
        MetricsData data = source.read(60);

        // The sample spans 51 minutes: an hour back from its newest minute is all of them.
        assertThat(minutes(data.recentMinutes())).isEqualTo(counters(expected.byMinute()));
        assertThat(sessions(data.recentSessions()))
                .isEqualTo(expected.table(ExpectedMetrics.SESSIONS))
                .isNotEmpty();
        // Every event is in exactly one brand: the brands' sum is the all-time total.
        assertThat(data.allTime().map(Cells::of))
                .contains(Cells.sum(expected.byBrand().values()));
        assertThat(named(data.brands())).isEqualTo(rowsOfBoards("brand", expected.byBrand()));
        assertThat(named(data.categories()))
                .isEqualTo(rowsOfBoards("category", expected.table(ExpectedMetrics.CATEGORY)));
        assertThat(named(data.categoryCodes()))
                .isEqualTo(rowsOfBoards("category_code", expected.table(ExpectedMetrics.CATEGORY_CODE)));

        String hour = expected.leaderboards.keySet().stream()
                .filter(row -> row.startsWith("product|"))
                .map(row -> row.split("\\|")[1])
                .max(String::compareTo)
                .orElseThrow();
        assertThat(data.topProducts().hour()).contains(RowKeys.hourStart(hour));
        assertThat(ranked(data.topProducts().byRevenue()))
                .isEqualTo(expectedRanked("product|" + hour + "|revenue_cents"))
                .isNotEmpty();
        assertThat(ranked(data.topProducts().byViews()))
                .isEqualTo(expectedRanked("product|" + hour + "|views"))
                .hasSize(10);
        assertThat(data.pipeline()).contains(HEALTH);
    }

    @Test
    void theWindowIsTheNewestMinutesOfEventTime() throws IOException {
        MetricsData data = source.read(15);

        TreeMap<String, Map<String, Long>> all = new TreeMap<>(expected.byMinute());
        String first = RowKeys.minuteKey(RowKeys.minuteStart(all.lastKey()).minus(14, ChronoUnit.MINUTES));
        assertThat(minutes(data.recentMinutes()))
                .isEqualTo(counters(all.tailMap(first, true)))
                .hasSize(15);
        assertThat(data.recentSessions())
                .allMatch(s -> RowKeys.minuteKey(s.minute()).compareTo(first) >= 0);
    }

    @Test
    void aBrandsDrillDownIsItsMinutesItsRowAndItsTopProducts() throws IOException {
        String brand =
                expected.leaderboards.get("brand|all|revenue_cents").get(0).getKey();
        TreeMap<String, Map<String, Long>> all = new TreeMap<>(expected.byMinute());
        Instant first = RowKeys.minuteStart(all.firstKey());
        Instant last = RowKeys.minuteStart(all.lastKey());

        BrandDetail detail = source.readBrand(brand, first, last);

        Map<String, Map<String, Long>> brandMinutes = new TreeMap<>();
        expected.byBrandMinute().forEach((key, row) -> {
            if (key.length() == brand.length() + 13 && key.startsWith(brand + "|")) {
                brandMinutes.put(key.substring(brand.length() + 1), row);
            }
        });
        assertThat(minutes(detail.minutes())).isEqualTo(brandMinutes).isNotEmpty();
        assertThat(detail.minutesIncomplete()).isFalse();
        assertThat(Cells.of(detail.allTime())).isEqualTo(expected.byBrand().get(brand));

        List<String> ids = new ArrayList<>();
        for (String measure : List.of("revenue_cents", "views")) {
            expected.leaderboards.getOrDefault("brand_product|" + brand + "|" + measure, List.of()).stream()
                    .map(Map.Entry::getKey)
                    .filter(id -> !ids.contains(id))
                    .forEach(id -> {
                        if (ids.size() < 10) {
                            ids.add(id);
                        }
                    });
        }
        assertThat(detail.topProducts())
                .extracting(ProductMetrics::productId)
                .containsExactlyElementsOf(ids)
                .isNotEmpty();
        for (ProductMetrics product : detail.topProducts()) {
            assertThat(Cells.of(product.counters()))
                    .isEqualTo(expected.table(ExpectedMetrics.PRODUCT).get(product.productId()));
            assertThat(product.details()).hasValueSatisfying(d -> assertThat(List.of(d.brand(), d.categoryCode()))
                    .isEqualTo(expected.productDetails.get(product.productId())));
        }
    }

    @Test
    void aBrandWithABarInItsNameGetsItsOwnMinutesOnly() throws IOException {
        String brand = "pipe|brand";
        Instant m0 = Instant.parse("2020-09-24T12:00:00Z");
        Map<String, Map<String, Long>> rows = new TreeMap<>();
        for (int i = 0; i < 3; i++) {
            rows.put(
                    brand + "|" + RowKeys.minuteKey(m0.plus(i, ChronoUnit.MINUTES)),
                    Map.of("events", 10L + i, "views", 10L + i));
        }
        // Brands whose names start with "pipe|brand|<minute>": their rows sort inside pipe|brand's minutes.
        for (int i = 0; i < 3; i++) {
            rows.put(
                    brand + "|" + RowKeys.minuteKey(m0.plus(1, ChronoUnit.MINUTES)) + "|x" + i + "|"
                            + RowKeys.minuteKey(m0),
                    Map.of("events", 1_000L, "views", 1_000L));
        }
        TableRows.putCounters(connection, LAYOUT.table(ExpectedMetrics.BRAND_MINUTE), rows);

        BrandDetail wide = source.readBrand(brand, m0.minus(10, ChronoUnit.MINUTES), m0.plus(4, ChronoUnit.MINUTES));
        assertThat(wide.minutes()).extracting(m -> m.counters().events()).containsExactly(10L, 11L, 12L);
        assertThat(wide.minutesIncomplete()).isFalse();
        assertThat(wide.allTime()).isEqualTo(Counters.ZERO);
        assertThat(wide.topProducts()).isEmpty();

        // Two minutes: a read takes at most 2 rows per minute, and 5 are in range.
        BrandDetail narrow = source.readBrand(brand, m0, m0.plus(1, ChronoUnit.MINUTES));
        assertThat(narrow.minutesIncomplete()).isTrue();
        assertThat(narrow.cost().rows()).isLessThanOrEqualTo(1 + 4 + 2);
    }

    @Test
    void theBrandSearchIsAPrefixInKeyOrderUpToTheLimit() throws IOException {
        List<String> brands = expected.byBrand().keySet().stream()
                .sorted((a, b) -> Arrays.compareUnsigned(RowKeys.bytes(a), RowKeys.bytes(b)))
                .toList();
        String prefix = brands.get(brands.size() / 2).substring(0, 1);
        List<String> matching =
                brands.stream().filter(b -> b.startsWith(prefix)).toList();

        assertThat(source.brandsStartingWith(prefix, 100)).isEqualTo(matching).isNotEmpty();
        assertThat(source.brandsStartingWith(prefix, 1)).isEqualTo(matching.subList(0, 1));
        assertThat(source.brandsStartingWith("no brand starts like this", 10)).isEmpty();
    }

    @Test
    void emptyTablesReadAsNoDataAndAReadCostsTheSameHowManyMinutesTheTableHolds() throws IOException {
        Namespaces.fresh(connection, DAYS);
        try (HBaseMetricsSource days = new HBaseMetricsSource(Endpoints.hbaseZookeeper(), DAYS)) {
            MetricsData nothing = days.read(60);
            assertThat(nothing.isEmpty()).isTrue();
            assertThat(nothing)
                    .usingRecursiveComparison()
                    .ignoringFields("cost")
                    .isEqualTo(MetricsData.EMPTY);

            // Three days of minutes: a read of the last hour touches only the last hour.
            Map<String, Map<String, Long>> threeDays = new TreeMap<>();
            Instant start = Instant.parse("2026-03-01T00:00:00Z");
            for (int i = 0; i < 3 * 24 * 60; i++) {
                threeDays.put(
                        RowKeys.minuteKey(start.plus(i, ChronoUnit.MINUTES)),
                        Map.of("events", i + 1L, "views", i + 1L));
            }
            TableRows.putCounters(connection, DAYS.table(ExpectedMetrics.MINUTE), threeDays);

            MetricsData hour = days.read(60);
            assertThat(hour.recentMinutes()).hasSize(60);
            assertThat(hour.recentMinutes().get(59).counters().events()).isEqualTo(3 * 24 * 60);
            assertThat(hour.recentMinutes().get(0).minute())
                    .isEqualTo(start.plus(3 * 24 * 60 - 60, ChronoUnit.MINUTES));
            // The newest minute's key and 60 minute rows; nothing else is stored.
            assertThat(hour.cost().rows()).isEqualTo(1 + 60);

            for (int i = 0; i < 3; i++) {
                System.out.println("refresh of 24 h with 3 days of minutes stored: "
                        + days.read(24 * 60).cost());
            }
        }
    }

    private static Map<String, Map<String, Long>> minutes(List<MinuteMetrics> minutes) {
        return minutes.stream()
                .collect(Collectors.toMap(
                        m -> RowKeys.minuteKey(m.minute()), m -> Cells.of(m.counters()), (a, b) -> a, TreeMap::new));
    }

    private static Map<String, Map<String, Long>> sessions(List<SessionMinute> sessions) {
        Map<String, Map<String, Long>> rows = new TreeMap<>();
        sessions.forEach(s -> rows.put(RowKeys.minuteKey(s.minute()), Cells.of(s.sessions())));
        return rows;
    }

    private static Map<String, Map<String, Long>> counters(Map<String, Map<String, Long>> rows) {
        Map<String, Map<String, Long>> counters = new TreeMap<>();
        rows.forEach((key, row) -> counters.put(key, Cells.counters(row)));
        return counters;
    }

    private static Map<String, Map<String, Long>> named(List<NamedCounters> rows) {
        return rows.stream()
                .collect(Collectors.toMap(NamedCounters::name, r -> Cells.of(r.counters()), (a, b) -> a, TreeMap::new));
    }

    /** The rows of the keys on the all-time boards of {@code dimension} (by events and by revenue). */
    private static Map<String, Map<String, Long>> rowsOfBoards(String dimension, Map<String, Map<String, Long>> table) {
        Set<String> keys = new LinkedHashSet<>();
        for (String measure : List.of("events", "revenue_cents")) {
            expected.leaderboards
                    .getOrDefault(dimension + "|all|" + measure, List.of())
                    .forEach(entry -> keys.add(entry.getKey()));
        }
        assertThat(keys).as("%s boards", dimension).isNotEmpty();
        Map<String, Map<String, Long>> rows = new TreeMap<>();
        keys.forEach(key -> rows.put(key, table.get(key)));
        return rows;
    }

    private static List<List<String>> ranked(List<RankedProduct> products) {
        return products.stream()
                .map(p -> List.of(
                        p.productId(),
                        Long.toString(p.value()),
                        p.details().map(d -> d.brand()).orElse("?"),
                        p.details().map(d -> d.categoryCode()).orElse("?")))
                .toList();
    }

    private static List<List<String>> expectedRanked(String board) {
        return expected.leaderboards.get(board).stream()
                .limit(10)
                .map(entry -> List.of(
                        entry.getKey(),
                        Long.toString(entry.getValue()),
                        expected.productDetails.get(entry.getKey()).get(0),
                        expected.productDetails.get(entry.getKey()).get(1)))
                .toList();
    }
}
