package org.clickstream.processor;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.StreamingQueryProgress;
import org.clickstream.core.EventCsv;
import org.clickstream.core.EventJson;
import org.clickstream.core.EventRules;
import org.clickstream.core.ParseResult;
import org.clickstream.core.generator.CsvGenerator;
import org.clickstream.core.generator.EventGenerator;
import org.clickstream.core.hbase.HealthRow;
import org.clickstream.core.hbase.RejectRow;
import org.clickstream.core.testing.ExpectedMetrics;
import org.clickstream.core.testing.MetricAssertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The streaming computation (both queries) on in-memory input and an in-memory store. */
class MetricsQueryTest {
    private static SparkSession spark;

    @TempDir
    Path dir;

    @BeforeAll
    static void startSpark() {
        spark = SparkTestSupport.localSpark();
    }

    /** A failed test must not leave its queries writing into the next test's checkpoint. */
    @AfterEach
    void stopQueries() throws Exception {
        for (var query : spark.streams().active()) {
            query.stop();
        }
    }

    @AfterAll
    static void stopSpark() {
        spark.stop();
    }

    @Test
    void keepsExactTotalsPerMinuteBrandAndCategoryAcrossBatches() throws Exception {
        InMemoryPipelineStore store = new InMemoryPipelineStore();
        SparkTestSupport.Records records = new SparkTestSupport.Records(spark);
        Pipeline pipeline = start(records, store, "checkpoint");
        records.add(List.of(
                json("2020-09-24 12:00:05 UTC,view,1,,computers.notebook,Samsung,10.00,1,a"),
                json("2020-09-24 12:00:30 UTC,purchase,1,,computers.notebook,samsung\u00a0,0.145,1,a"),
                json("2020-09-24 12:00:59 UTC,cart,2,,,,5.5,2,")));
        pipeline.processAll();
        records.add(List.of(
                json("2020-09-24 12:00:40 UTC,view,3,,apparel,\"acme, inc.\",1,3,b"),
                json("2020-09-24 12:01:00 UTC,remove_from_cart,3,,apparel,\"acme, inc.\",1,3,b")));
        pipeline.processAll();
        pipeline.stop();

        // By hand: 0.145 rounds half up to 15 cents; the empty brand counts as "unknown"; the
        // no-break space is trimmed; the empty session is not a session; minute 12:00 got events from
        // both batches; zero counters are not stored.
        assertThat(store.table("metrics_by_minute"))
                .isEqualTo(Map.of(
                        "202009241200",
                                cells(
                                        "events",
                                        4,
                                        "views",
                                        2,
                                        "carts",
                                        1,
                                        "purchases",
                                        1,
                                        "revenue_cents",
                                        15,
                                        "price_sum_cents",
                                        1000 + 15 + 550 + 100,
                                        "unique_users",
                                        3,
                                        "unique_sessions",
                                        2),
                        "202009241201",
                                cells(
                                        "events",
                                        1,
                                        "removes",
                                        1,
                                        "price_sum_cents",
                                        100,
                                        "unique_users",
                                        1,
                                        "unique_sessions",
                                        1)));
        assertThat(store.table("metrics_by_brand"))
                .isEqualTo(Map.of(
                        "samsung",
                                cells(
                                        "events",
                                        2,
                                        "views",
                                        1,
                                        "purchases",
                                        1,
                                        "revenue_cents",
                                        15,
                                        "price_sum_cents",
                                        1015),
                        "unknown", cells("events", 1, "carts", 1, "price_sum_cents", 550),
                        "acme, inc.", cells("events", 2, "views", 1, "removes", 1, "price_sum_cents", 200)));
        assertThat(store.table("metrics_by_brand_minute"))
                .isEqualTo(Map.of(
                        "samsung|202009241200",
                                cells(
                                        "events",
                                        2,
                                        "views",
                                        1,
                                        "purchases",
                                        1,
                                        "revenue_cents",
                                        15,
                                        "price_sum_cents",
                                        1015),
                        "unknown|202009241200", cells("events", 1, "carts", 1, "price_sum_cents", 550),
                        "acme, inc.|202009241200", cells("events", 1, "views", 1, "price_sum_cents", 100),
                        "acme, inc.|202009241201", cells("events", 1, "removes", 1, "price_sum_cents", 100)));
        assertThat(store.table("metrics_by_category").keySet())
                .containsExactlyInAnyOrder("computers", "unknown", "apparel");
        assertThat(store.table("metrics_by_category_code").get("computers.notebook"))
                .isEqualTo(
                        cells("events", 2, "views", 1, "purchases", 1, "revenue_cents", 15, "price_sum_cents", 1015));
        assertThat(store.table("metrics_by_product").get("1")).containsEntry("events", 2L);
        assertThat(store.state().productDetails.get("1")).containsExactly("samsung", "computers.notebook");
        assertThat(store.leaderboards().get("brand|all|events"))
                .containsExactly(Map.entry("acme, inc.", 2L), Map.entry("samsung", 2L), Map.entry("unknown", 1L));
        assertThat(store.leaderboards().get("product|2020092412|revenue_cents")).containsExactly(Map.entry("1", 15L));
        assertThat(store.state().rejects).isEmpty();
    }

    @Test
    void rejectsEveryMalformedOrHostileRecordWithItsReasonAndCountsTheRestExactly() throws Exception {
        InMemoryPipelineStore store = new InMemoryPipelineStore();
        SparkTestSupport.Records records = new SparkTestSupport.Records(spark);
        Pipeline pipeline = start(records, store, "checkpoint");
        String valid = json("2020-09-24 12:00:05 UTC,view,1,,,samsung,10.00,1,a");
        Map<String, String> malformed = new LinkedHashMap<>();
        malformed.put("not json at all", "malformed_json");
        malformed.put("[1,2,3]", "malformed_json");
        malformed.put("2020-09-24 11:57:06 UTC,view,1,,,,1,7,s", "malformed_json");
        malformed.put(valid.replace("\"2020-09-24 12:00:05 UTC\"", "\"2020-02-30 12:00:05 UTC\""), "bad_event_time");
        malformed.put(valid.replace("\"2020-09-24 12:00:05 UTC\"", "\"2099-01-01 00:00:00 UTC\""), "future_event_time");
        malformed.put(valid.replace("\"view\"", "\"click\""), "bad_event_type");
        malformed.put(valid.replace("\"product_id\":1", "\"product_id\":\"1\""), "bad_product_id");
        malformed.put(valid.replace("\"category_id\":null", "\"category_id\":1.5"), "bad_category_id");
        malformed.put(valid.replace("\"price\":10.00", "\"price\":\"10\""), "bad_price");
        malformed.put(valid.replace("\"price\":10.00", "\"price\":1e-999999999"), "bad_price");
        malformed.put(valid.replace("\"price\":10.00", "\"price\":1e-100000000"), "bad_price");
        malformed.put(valid.replace("\"price\":10.00", "\"price\":-10"), "negative_price");
        malformed.put(valid.replace("\"user_id\":1", "\"user_id\":null"), "bad_user_id");
        malformed.put(valid.replace("\"brand\":\"samsung\"", "\"brand\":{}"), "bad_text_field");
        malformed.put(
                valid.replace("\"brand\":\"samsung\"", "\"brand\":\"" + "b".repeat(40_000) + "\""), "bad_text_field");
        malformed.put("{\"huge\":\"" + "x".repeat(1_000_000) + "\"}", "bad_event_time");
        List<String> values = new ArrayList<>(malformed.keySet());
        values.add(1, valid);
        values.add(valid.replace("12:00:05", "12:00:06"));
        long first = records.add(values);
        pipeline.processAll();
        pipeline.stop();

        assertThat(store.state().rejects).hasSize(malformed.size());
        long offset = first;
        for (String value : values) {
            RejectRow reject = store.state().rejects.get(SparkTestSupport.TOPIC + "/0/" + offset++);
            if (!malformed.containsKey(value)) {
                assertThat(reject).isNull();
                continue;
            }
            assertThat(reject)
                    .as(value.substring(0, Math.min(60, value.length())))
                    .isNotNull();
            assertThat(reject.reason()).isEqualTo(malformed.get(value));
            byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
            assertThat(reject.rawBytes()).isEqualTo(bytes.length);
            assertThat(reject.raw()).hasSize(Math.min(bytes.length, RejectRow.MAX_RAW_BYTES));
            assertThat(reject.detail()).isNotBlank().hasSizeLessThanOrEqualTo(RejectRow.MAX_DETAIL_CHARS);
        }
        // The two valid events around them, exactly; nothing from the far future.
        assertThat(store.table("metrics_by_minute")).containsOnlyKeys("202009241200");
        assertThat(store.table("metrics_by_minute").get("202009241200"))
                .containsEntry("events", 2L)
                .containsEntry("price_sum_cents", 2000L);
        assertThat(store.table("metrics_by_brand")).containsOnlyKeys("samsung");
    }

    @Test
    void lateEventsAreCountedOneByOneAndStillCountInTheAllTimeTotals() throws Exception {
        InMemoryPipelineStore store = new InMemoryPipelineStore();
        SparkTestSupport.Records records = new SparkTestSupport.Records(spark);
        Pipeline pipeline = start(records, store, "checkpoint");
        List<String> onTime = new ArrayList<>();
        for (int minute = 0; minute <= 30; minute++) {
            onTime.add(json(String.format("2020-09-24 12:%02d:00 UTC,view,1,,,samsung,1,1,a", minute)));
        }
        records.add(onTime);
        pipeline.processAll();
        // The watermark is now 12:20; these fifty are 25 minutes older than the newest event, across five brands.
        List<String> late = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            late.add(json(String.format("2020-09-24 12:05:%02d UTC,purchase,%d,,,brand%d,7,2,b", i, i, i % 5)));
        }
        records.add(late);
        pipeline.processAll();
        List<StreamingQueryProgress> progress =
                List.of(pipeline.metrics().query().recentProgress());
        pipeline.stop();

        long lateCounted = progress.stream()
                .mapToLong(p -> HealthReporter.observed(p, MetricsQuery.OBSERVED_LATE))
                .sum();
        assertThat(lateCounted).isEqualTo(50);
        HealthRow health = store.state().health.get(HealthRow.PROCESSOR);
        assertThat(health.lateRowsTotal()).isEqualTo(50);
        // Minute 12:05 keeps its one on-time view: the fifty late purchases are not in it.
        assertThat(store.table("metrics_by_minute")).hasSize(31);
        assertThat(store.table("metrics_by_minute").get("202009241205"))
                .containsEntry("events", 1L)
                .doesNotContainKey("purchases");
        for (int b = 0; b < 5; b++) {
            assertThat(store.table("metrics_by_brand").get("brand" + b))
                    .containsEntry("events", 10L)
                    .containsEntry("purchases", 10L);
            assertThat(store.table("metrics_by_brand_minute")).doesNotContainKey("brand" + b + "|202009241205");
        }
    }

    @Test
    void sessionsSplitAtTheGapAndCountOnceClosed() throws Exception {
        InMemoryPipelineStore store = new InMemoryPipelineStore();
        SparkTestSupport.Records records = new SparkTestSupport.Records(spark);
        Pipeline pipeline = start(records, store, "checkpoint");
        records.add(List.of(
                // Session s1: 12:00:00 and 12:29:59 (less than 30 minutes apart), with a cart and a purchase ...
                json("2020-09-24 12:00:00 UTC,view,1,,,a,10,1,s1"),
                json("2020-09-24 12:29:59 UTC,cart,1,,,a,10,1,s1"),
                json("2020-09-24 12:10:00 UTC,purchase,1,,,a,12.34,1,s1"),
                // ... and 13:00:00 is 30:01 after the last one: a new session of s1, started at 13:00.
                json("2020-09-24 13:00:00 UTC,view,1,,,a,10,1,s1"),
                // Events exactly one gap apart: two sessions of user 7 (no session id), both at 12:00 and 12:30.
                json("2020-09-24 12:00:30 UTC,view,2,,,a,1,7,"),
                json("2020-09-24 12:30:30 UTC,view,2,,,a,1,7,")));
        pipeline.processAll();
        // The watermark is now 12:50 (13:00 less ten minutes): only user 7's first session (last event
        // 12:00:30, plus the gap 12:30:30) is closed; s1's (12:29:59 + 30 minutes) is not.
        assertThat(store.table("sessions_by_minute"))
                .isEqualTo(Map.of("202009241200", cells("sessions", 1, "events", 1)));
        // An event far later moves the watermark past every session's last event plus the gap.
        records.add(List.of(json("2020-09-24 15:00:00 UTC,view,3,,,a,1,9,later")));
        pipeline.processAll();
        records.add(List.of(json("2020-09-24 15:00:01 UTC,view,3,,,a,1,9,later")));
        pipeline.processAll();
        pipeline.stop();

        assertThat(store.table("sessions_by_minute"))
                .isEqualTo(Map.of(
                        "202009241200",
                                cells(
                                        "sessions",
                                        2,
                                        "cart_sessions",
                                        1,
                                        "purchase_sessions",
                                        1,
                                        "events",
                                        4,
                                        "duration_seconds",
                                        29 * 60 + 59,
                                        "revenue_cents",
                                        1234),
                        "202009241230", cells("sessions", 1, "events", 1),
                        "202009241300", cells("sessions", 1, "events", 1)));
    }

    @Test
    void restartingFromTheCheckpointContinuesTheTotalsAndAFreshRunWritesTheSameValues() throws Exception {
        Path csv = dir.resolve("events.csv");
        CsvGenerator.write(
                csv, new EventGenerator(EventGenerator.Settings.defaults().withRemoveShare(0.02)), 3_000, 0);
        List<String> values = validJson(csv);
        ExpectedMetrics expected = ExpectedMetrics.of(csv);

        InMemoryPipelineStore resumed = new InMemoryPipelineStore();
        SparkTestSupport.Records records = new SparkTestSupport.Records(spark);
        Pipeline pipeline = start(records, resumed, "resumed");
        records.add(values.subList(0, 1_000));
        pipeline.processAll();
        pipeline.stop();
        // New queries on the same checkpoints, as after a crash: state and offsets come back.
        pipeline = start(records, resumed, "resumed");
        records.add(values.subList(1_000, 2_000));
        pipeline.processAll();
        records.add(values.subList(2_000, values.size()));
        pipeline.processAll();
        pipeline.stop();

        InMemoryPipelineStore fresh = new InMemoryPipelineStore();
        SparkTestSupport.Records again = new SparkTestSupport.Records(spark);
        pipeline = start(again, fresh, "fresh");
        again.add(values);
        pipeline.processAll();
        pipeline.stop();

        for (InMemoryPipelineStore store : List.of(resumed, fresh)) {
            for (String table : ExpectedMetrics.COUNTER_TABLES) {
                MetricAssertions.assertSameMetrics(table, store.table(table), expected.table(table));
            }
            assertThat(new TreeMap<>(store.state().productDetails)).isEqualTo(expected.productDetails);
            assertThat(store.leaderboards()).isEqualTo(expected.leaderboards);
        }
        // Replaying the same records from a fresh checkpoint gives the very same values, sketches included.
        assertThat(fresh.table("metrics_by_minute")).isEqualTo(resumed.table("metrics_by_minute"));
    }

    /** Both queries of a run. */
    private record Pipeline(List<QuerySupervisor.Running> running) {
        QuerySupervisor.Running metrics() {
            return running.get(0);
        }

        void processAll() {
            running.forEach(r -> r.query().processAllAvailable());
        }

        void stop() throws Exception {
            for (QuerySupervisor.Running r : running) {
                r.listeners().forEach(spark.streams()::removeListener);
                r.query().stop();
            }
        }
    }

    private Pipeline start(SparkTestSupport.Records records, InMemoryPipelineStore store, String checkpoint)
            throws Exception {
        List<QuerySupervisor.Running> running =
                ProcessorJob.start(spark, records.source(), store, SparkTestSupport.settings(dir.resolve(checkpoint)));
        running.forEach(r -> r.listeners().forEach(spark.streams()::addListener));
        return new Pipeline(running);
    }

    static String json(String csvLine) {
        ParseResult result = EventCsv.parseLine(csvLine, EventRules.defaults(), Instant.now());
        assertThat(result).as(csvLine).isInstanceOf(ParseResult.Valid.class);
        return new String(EventJson.encode(((ParseResult.Valid) result).event()), StandardCharsets.UTF_8);
    }

    static List<String> validJson(Path csv) throws java.io.IOException {
        List<String> values = new ArrayList<>();
        try (EventCsv.LineReader lines = EventCsv.open(csv, EventRules.defaults(), java.time.Clock.systemUTC())) {
            lines.forEachRemaining(line -> {
                if (line.result() instanceof ParseResult.Valid valid) {
                    values.add(new String(EventJson.encode(valid.event()), StandardCharsets.UTF_8));
                }
            });
        }
        return values;
    }

    /** A row's cells from (qualifier, value) pairs. */
    private static Map<String, Long> cells(Object... pairs) {
        Map<String, Long> row = new TreeMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            row.put((String) pairs[i], ((Number) pairs[i + 1]).longValue());
        }
        return row;
    }
}
