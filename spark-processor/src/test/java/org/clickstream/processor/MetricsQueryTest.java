package org.clickstream.processor;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.apache.spark.sql.streaming.Trigger;
import org.clickstream.core.ClickEvent;
import org.clickstream.core.EventCsv;
import org.clickstream.core.EventJson;
import org.clickstream.core.ParseResult;
import org.clickstream.core.generator.CsvGenerator;
import org.clickstream.core.generator.EventGenerator;
import org.clickstream.core.testing.ExpectedMetrics;
import org.clickstream.core.testing.MetricAssertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The streaming computation on in-memory input and an in-memory store. */
class MetricsQueryTest {
    private static SparkSession spark;

    @TempDir
    Path dir;

    @BeforeAll
    static void startSpark() {
        spark = SparkTestSupport.localSpark();
    }

    @AfterAll
    static void stopSpark() {
        spark.stop();
    }

    @Test
    void keepsExactTotalsPerMinuteBrandAndBrandMinuteAcrossBatches() throws Exception {
        InMemoryPipelineStore store = new InMemoryPipelineStore();
        SparkTestSupport.Records records = new SparkTestSupport.Records(spark);
        StreamingQuery query = start(records, store, "checkpoint");
        records.add(List.of(
                json("2020-09-24 12:00:05 UTC,view,1,,,Samsung,10.00,1,a"),
                json("2020-09-24 12:00:30 UTC,purchase,1,,,samsung ,0.145,1,a"),
                json("2020-09-24 12:00:59 UTC,cart,2,,,,5.5,2,")));
        query.processAllAvailable();
        records.add(List.of(
                json("2020-09-24 12:00:40 UTC,view,3,,,\"acme, inc.\",1,3,b"),
                json("2020-09-24 12:01:00 UTC,remove_from_cart,3,,,\"acme, inc.\",1,3,b")));
        query.processAllAvailable();
        query.stop();

        // By hand: 0.145 rounds half up to 15 cents; the empty brand counts as "unknown"; the empty
        // session is not a session; minute 12:00 got events from both batches.
        assertThat(store.table(MetricTable.MINUTE)).isEqualTo(Map.of(
                "202009241200", counters(4, 2, 1, 0, 1, 15, 1000 + 15 + 550 + 100, 3L, 2L),
                "202009241201", counters(1, 0, 0, 1, 0, 0, 100, 1L, 1L)));
        assertThat(store.table(MetricTable.BRAND)).isEqualTo(Map.of(
                "samsung", counters(2, 1, 0, 0, 1, 15, 1015, null, null),
                "unknown", counters(1, 0, 1, 0, 0, 0, 550, null, null),
                "acme, inc.", counters(2, 1, 0, 1, 0, 0, 200, null, null)));
        assertThat(store.table(MetricTable.BRAND_MINUTE)).isEqualTo(Map.of(
                "202009241200|samsung", counters(2, 1, 0, 0, 1, 15, 1015, null, null),
                "202009241200|unknown", counters(1, 0, 1, 0, 0, 0, 550, null, null),
                "202009241200|acme, inc.", counters(1, 1, 0, 0, 0, 0, 100, null, null),
                "202009241201|acme, inc.", counters(1, 0, 0, 1, 0, 0, 100, null, null)));
        assertThat(store.state().rejects).isEmpty();
    }

    @Test
    void rejectsEveryMalformedRecordWithItsReasonAndSourceAndKeepsGoing() throws Exception {
        InMemoryPipelineStore store = new InMemoryPipelineStore();
        SparkTestSupport.Records records = new SparkTestSupport.Records(spark);
        StreamingQuery query = start(records, store, "checkpoint");
        String valid = json("2020-09-24 12:00:05 UTC,view,1,,,samsung,10.00,1,a");
        Map<String, String> malformed = new java.util.LinkedHashMap<>();
        malformed.put("not json at all", "malformed_json");
        malformed.put("[1,2,3]", "malformed_json");
        malformed.put("2020-09-24 11:57:06 UTC,view,1,,,,1,7,s", "malformed_json");
        malformed.put(valid.replace("\"2020-09-24 12:00:05 UTC\"", "\"2020-02-30 12:00:05 UTC\""), "bad_event_time");
        malformed.put(valid.replace("\"view\"", "\"click\""), "bad_event_type");
        malformed.put(valid.replace("\"product_id\":1", "\"product_id\":\"1\""), "bad_product_id");
        malformed.put(valid.replace("\"category_id\":null", "\"category_id\":1.5"), "bad_category_id");
        malformed.put(valid.replace("\"price\":10.00", "\"price\":\"10\""), "bad_price");
        malformed.put(valid.replace("\"price\":10.00", "\"price\":-10"), "negative_price");
        malformed.put(valid.replace("\"user_id\":1", "\"user_id\":null"), "bad_user_id");
        malformed.put(valid.replace("\"brand\":\"samsung\"", "\"brand\":{}"), "bad_text_field");
        malformed.put("{\"huge\":\"" + "x".repeat(1_000_000) + "\"}", "bad_event_time");
        List<String> values = new ArrayList<>(malformed.keySet());
        values.add(1, valid);
        long first = records.add(values);
        query.processAllAvailable();
        query.stop();

        assertThat(store.state().rejects).hasSize(malformed.size());
        long offset = first;
        for (String value : values) {
            if (value.equals(valid)) {
                offset++;
                continue;
            }
            PipelineStore.Reject reject = store.state().rejects.get(SparkTestSupport.TOPIC + "/0/" + offset++);
            assertThat(reject).as(value.substring(0, Math.min(60, value.length()))).isNotNull();
            assertThat(reject.reason()).isEqualTo(malformed.get(value));
            assertThat(new String(reject.raw(), StandardCharsets.UTF_8)).isEqualTo(value);
        }
        assertThat(store.table(MetricTable.MINUTE)).containsOnlyKeys("202009241200");
        assertThat(store.table(MetricTable.MINUTE).get("202009241200")).containsEntry("events", 1L);
    }

    @Test
    void dropsEventsOlderThanTheWatermarkFromTheMinuteTablesAndCountsThem() throws Exception {
        InMemoryPipelineStore store = new InMemoryPipelineStore();
        SparkTestSupport.Records records = new SparkTestSupport.Records(spark);
        StreamingQuery query = start(records, store, "checkpoint");
        records.add(List.of(
                json("2020-09-24 12:00:00 UTC,view,1,,,samsung,1,1,a"),
                json("2020-09-24 12:30:00 UTC,view,1,,,samsung,1,1,a")));
        query.processAllAvailable();
        // The watermark is now 12:20: 12:05 is late, 12:25 is not.
        records.add(List.of(
                json("2020-09-24 12:05:00 UTC,purchase,1,,,samsung,7,1,a"),
                json("2020-09-24 12:25:00 UTC,view,1,,,samsung,1,1,a")));
        query.processAllAvailable();
        long droppedRows = 0;
        for (var progress : query.recentProgress()) {
            for (var operator : progress.stateOperators()) {
                droppedRows += operator.numRowsDroppedByWatermark();
            }
        }
        query.stop();

        assertThat(store.table(MetricTable.MINUTE)).containsOnlyKeys("202009241200", "202009241225", "202009241230");
        assertThat(store.table(MetricTable.BRAND_MINUTE)).doesNotContainKey("202009241205|samsung");
        // The late event counts in the all-time brand total, and twice in the dropped rows (minute, brand-minute).
        assertThat(store.table(MetricTable.BRAND).get("samsung")).containsEntry("events", 4L).containsEntry("purchases", 1L);
        assertThat(droppedRows).isEqualTo(2);
    }

    @Test
    void restartingFromTheCheckpointContinuesTheTotalsAndAFreshRunWritesTheSameValues() throws Exception {
        Path csv = dir.resolve("events.csv");
        CsvGenerator.write(csv, new EventGenerator(EventGenerator.Settings.defaults().withRemoveShare(0.02)), 3_000, 0);
        List<String> values = validJson(csv);
        ExpectedMetrics expected = ExpectedMetrics.of(csv);

        InMemoryPipelineStore resumed = new InMemoryPipelineStore();
        SparkTestSupport.Records records = new SparkTestSupport.Records(spark);
        StreamingQuery query = start(records, resumed, "resumed");
        records.add(values.subList(0, 1_000));
        query.processAllAvailable();
        query.stop();
        // A new query on the same checkpoint, as after a crash: state and offsets come back.
        query = start(records, resumed, "resumed");
        records.add(values.subList(1_000, 2_000));
        query.processAllAvailable();
        records.add(values.subList(2_000, values.size()));
        query.processAllAvailable();
        query.stop();

        InMemoryPipelineStore fresh = new InMemoryPipelineStore();
        SparkTestSupport.Records again = new SparkTestSupport.Records(spark);
        query = start(again, fresh, "fresh");
        again.add(values);
        query.processAllAvailable();
        query.stop();

        for (InMemoryPipelineStore store : List.of(resumed, fresh)) {
            MetricAssertions.assertSameMetrics("minute", store.table(MetricTable.MINUTE), expected.byMinute);
            MetricAssertions.assertSameMetrics("brand", store.table(MetricTable.BRAND), expected.byBrand);
            MetricAssertions.assertSameMetrics("brand-minute", store.table(MetricTable.BRAND_MINUTE), expected.byBrandMinute);
        }
        // Replaying the same records from a fresh checkpoint gives the very same values, sketches included.
        assertThat(fresh.table(MetricTable.MINUTE)).isEqualTo(resumed.table(MetricTable.MINUTE));
    }

    private StreamingQuery start(SparkTestSupport.Records records, InMemoryPipelineStore store, String checkpoint)
            throws Exception {
        return ProcessorJob.start(records.source(), store, dir.resolve(checkpoint).toString(),
                Trigger.ProcessingTime(0), "10 minutes", batchId -> { });
    }

    static String json(String csvLine) {
        ParseResult result = EventCsv.parseLine(csvLine);
        assertThat(result).as(csvLine).isInstanceOf(ParseResult.Valid.class);
        return new String(EventJson.encode(((ParseResult.Valid) result).event()), StandardCharsets.UTF_8);
    }

    static List<String> validJson(Path csv) throws java.io.IOException {
        List<String> values = new ArrayList<>();
        try (EventCsv.LineReader lines = EventCsv.open(csv)) {
            lines.forEachRemaining(line -> {
                if (line.result() instanceof ParseResult.Valid valid) {
                    values.add(new String(EventJson.encode(valid.event()), StandardCharsets.UTF_8));
                }
            });
        }
        return values;
    }

    /** A metric row; the unique counts only when given (minute rows). */
    private static Map<String, Long> counters(long events, long views, long carts, long removes, long purchases,
            long revenueCents, long priceSumCents, Long uniqueUsers, Long uniqueSessions) {
        Map<String, Long> row = new java.util.TreeMap<>(Map.of("events", events, "views", views, "carts", carts,
                "removes", removes, "purchases", purchases, "revenue_cents", revenueCents, "price_sum_cents", priceSumCents));
        if (uniqueUsers != null) {
            row.put("unique_users", uniqueUsers);
            row.put("unique_sessions", uniqueSessions);
        }
        return row;
    }
}
