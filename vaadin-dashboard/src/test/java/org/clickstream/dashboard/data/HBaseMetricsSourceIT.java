package org.clickstream.dashboard.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.hadoop.hbase.client.Connection;
import org.clickstream.core.Endpoints;
import org.clickstream.core.HBaseConnections;
import org.clickstream.core.RowKeys;
import org.clickstream.core.TableLayout;
import org.clickstream.core.testing.ExpectedMetrics;
import org.clickstream.core.testing.HBaseTables;
import org.clickstream.core.testing.LocalStack;
import org.clickstream.dashboard.testing.MetricRows;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The HBase reader against the real HBase, with rows computed from the sample CSV by ExpectedMetrics. */
class HBaseMetricsSourceIT {
    private static Connection connection;
    private static ExpectedMetrics expected;
    private HBaseMetricsSource source;

    @BeforeAll
    static void connect() throws IOException {
        LocalStack.ensureRunning();
        connection = HBaseConnections.connect(Endpoints.hbaseZookeeper());
        expected = ExpectedMetrics.of(LocalStack.repositoryRoot().resolve(Path.of("data", "sample-events.csv")));
    }

    @AfterAll
    static void close() throws IOException {
        connection.close();
    }

    @BeforeEach
    void emptyTables() throws IOException {
        HBaseTables.createEmpty(connection);
        source = new HBaseMetricsSource(Endpoints.hbaseZookeeper());
    }

    @AfterEach
    void closeSource() throws IOException {
        source.close();
    }

    @Test
    void readsTheNewestMinutesTheBrandTotalsAndThePipelineRow() throws IOException {
        MetricRows.put(connection, TableLayout.METRICS_BY_MINUTE, expected.byMinute);
        MetricRows.put(connection, TableLayout.METRICS_BY_BRAND, expected.byBrand);
        Instant batchTime = Instant.parse("2026-01-02T03:04:05.678Z");
        MetricRows.putPipeline(connection, 17, batchTime, 5_000, 1_234, 2_600, 3, 12, 20, 99);

        MetricsData data = source.read(15);

        // The 15 newest minutes of the file, oldest first, each with the file's counters.
        TreeMap<String, Map<String, Long>> minutes = new TreeMap<>(expected.byMinute);
        String newest = minutes.lastKey();
        String first = RowKeys.minuteKey(RowKeys.minuteStart(newest).minus(14, ChronoUnit.MINUTES));
        Map<String, Map<String, Long>> window = minutes.subMap(first, true, newest, true);
        assertThat(data.recentMinutes()).extracting(m -> RowKeys.minuteKey(m.minute()))
                .containsExactlyElementsOf(window.keySet());
        for (MinuteMetrics minute : data.recentMinutes()) {
            assertThat(minute.counters()).isEqualTo(Counters.of(window.get(RowKeys.minuteKey(minute.minute()))));
        }
        assertThat(data.brands().stream().collect(Collectors.toMap(BrandMetrics::brand, BrandMetrics::counters)))
                .isEqualTo(expected.byBrand.entrySet().stream()
                        .collect(Collectors.toMap(Map.Entry::getKey, e -> Counters.of(e.getValue()))));
        assertThat(data.pipeline()).contains(new PipelineStatus(17, batchTime, 5_000, 1_234, 2_600, 3, 12, 20, 99));
    }

    @Test
    void oneReadCostsTheSameHowManyMinutesTheTableHolds() throws IOException {
        // Three days of minutes, then the brands: a read of the last hour must touch only the last hour.
        Map<String, Map<String, Long>> days = new TreeMap<>();
        Instant start = Instant.parse("2026-03-01T00:00:00Z");
        for (int i = 0; i < 3 * 24 * 60; i++) {
            days.put(RowKeys.minuteKey(start.plus(i, ChronoUnit.MINUTES)), Map.of("events", (long) i, "views", (long) i));
        }
        MetricRows.put(connection, TableLayout.METRICS_BY_MINUTE, days);
        MetricRows.put(connection, TableLayout.METRICS_BY_BRAND, expected.byBrand);

        MetricsData data = source.read(60);

        assertThat(data.recentMinutes()).hasSize(60);
        assertThat(data.recentMinutes().get(59).counters().events()).isEqualTo(3 * 24 * 60 - 1);
        assertThat(data.recentMinutes().get(0).minute()).isEqualTo(start.plus(3 * 24 * 60 - 60, ChronoUnit.MINUTES));
        // newest-minute key + 60 minute rows + one row per brand; no pipeline row written.
        HBaseMetricsSource.ReadCost cost = source.lastReadCost();
        assertThat(List.of(cost.scans(), cost.gets(), cost.rows())).containsExactly(3, 1, 1L + 60 + expected.byBrand.size());

        // What a refresh of the running dashboard costs: a day of minutes (it reads 24 h for every window).
        for (int i = 0; i < 5; i++) {
            source.read(24 * 60);
            System.out.println("refresh of 24 h with " + 3 * 24 * 60 + " minutes stored: " + source.lastReadCost());
        }
    }

    @Test
    void emptyTablesReadAsNoData() throws IOException {
        assertThat(source.read(60)).isEqualTo(MetricsData.EMPTY);
    }
}
