package org.clickstream.processor;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.hadoop.hbase.client.Result;
import org.apache.hadoop.hbase.client.ResultScanner;
import org.apache.hadoop.hbase.client.Scan;
import org.apache.hadoop.hbase.client.Table;
import org.clickstream.core.hbase.HealthRow;
import org.clickstream.core.hbase.RejectRow;
import org.clickstream.core.hbase.TableLayout;
import org.clickstream.core.testing.HBaseTables;
import org.junit.jupiter.api.Test;

/** scripts/process against the real Kafka and HBase, compared cell by cell with the independent computation. */
class ProcessorIT extends StackIT {
    private static final TableLayout TABLES = TableLayout.defaultLayout();

    @Test
    void availableNowWritesEveryTableExactlyAndEveryRejectWithItsReason() throws Exception {
        String event = "\"event_time\":\"2020-09-24 11:57:06 UTC\",\"event_type\":\"view\",\"category_id\":null,"
                + "\"category_code\":null,\"brand\":\"x\",\"price\":1,\"user_id\":7,\"user_session\":\"s\"";
        ProcessorFixture data = ProcessorFixture.load(
                dir,
                "processor-it",
                20_000,
                11,
                List.of(
                        "this is not JSON",
                        "{" + event + ",\"product_id\":\"12\"}",
                        "{" + event + ",\"product_id\":123456789012345678901234567890}",
                        "{" + event.replace("2020-09-24 11:57:06", "9999-99-99 99:99:99") + ",\"product_id\":1}",
                        "{\"brand\":\"" + "y".repeat(1_000_000) + "\"}"));
        HBaseTables.createEmpty(hbase);

        ProcessorFixture.runToCompletion(
                dir.resolve("run.log"),
                Map.of(),
                "--available-now",
                "--topic",
                data.topic,
                "--checkpoint",
                dir.resolve("checkpoint").toString(),
                "--max-offsets-per-trigger",
                "7000",
                "--stats-json",
                dir.resolve("stats.json").toString());

        data.assertTablesExact(hbase, "an available-now run");
        Map<String, Long> reasons = new TreeMap<>();
        for (RejectRow reject : rejects()) {
            assertThat(reject.source()).startsWith(data.topic + "/");
            assertThat(reject.raw()).isNotEmpty().hasSizeLessThanOrEqualTo(RejectRow.MAX_RAW_BYTES);
            assertThat(reject.rawBytes()).isGreaterThanOrEqualTo(reject.raw().length);
            reasons.merge(reject.reason(), 1L, Long::sum);
        }
        // Malformed CSV lines reach Kafka as plain text, so all of them are malformed JSON, as are an
        // array, invalid UTF-8 and a line of prose; a JSON event missing its product id, one with the id
        // as text and one with an id beyond a long are bad_product_id; an impossible time and a 1 MB
        // object without a time (from the client and from the console producer) are bad_event_time.
        assertThat(reasons).containsOnlyKeys("malformed_json", "bad_product_id", "bad_event_time");
        assertThat(reasons.get("bad_product_id")).isEqualTo(3);
        assertThat(reasons.get("bad_event_time")).isEqualTo(3);
        assertThat(reasons.get("malformed_json")).isEqualTo(data.expected.malformedLines.size() + 3);

        HealthRow health = health(HealthRow.PROCESSOR);
        assertThat(health.rejectsTotal()).isEqualTo(data.rejects);
        assertThat(health.kafkaLag()).isZero();
        assertThat(health.lateRowsTotal()).isZero();
        assertThat(health.lastBatchId()).isGreaterThanOrEqualTo(2L);
        assertThat(health.topic()).isEqualTo(data.topic);
        assertThat(health(HealthRow.SESSIONS)).isNotNull();
        assertThat(Files.readString(dir.resolve("stats.json")))
                .contains("\"query\" : \"metrics\"", "\"records\" : " + (data.expected.validRows + data.rejects));
    }

    @Test
    void hostileRecordsAmongValidOnesAreRejectsAndEveryOtherRowIsExact() throws Exception {
        // A valid-looking event dated 2099 a third of the way in would drag the watermark to 2099 and
        // drop every later event as late; prices that cost a billion digits, a 40,000-character brand.
        List<String> hostile = List.of(
                "2099-01-01 00:00:00 UTC,view,1,,,acme,1.00,1,s",
                "2020-09-24 12:00:00 UTC,view,1,,,acme,1e-999999999,1,s",
                "2020-09-24 12:00:00 UTC,view,1,,,acme,1e-100000000,1,s",
                "2020-09-24 12:00:00 UTC,view,1,,,acme,0E-10000,1,s",
                "2020-09-24 12:00:00 UTC,view,1,,," + "b".repeat(40_000) + ",1,1,s");
        ProcessorFixture data = ProcessorFixture.load(
                dir, "hostile-it", ProcessorFixture.Data.of(20_000, 13).withHostile(hostile, 6_000));
        HBaseTables.createEmpty(hbase);

        ProcessorFixture.runToCompletion(
                dir.resolve("run.log"),
                Map.of(),
                "--available-now",
                "--topic",
                data.topic,
                "--checkpoint",
                dir.resolve("checkpoint").toString(),
                "--max-offsets-per-trigger",
                "5000");

        data.assertTablesExact(hbase, "a run with hostile records among valid ones");
        Map<String, Long> reasons = new TreeMap<>();
        for (RejectRow reject : rejects()) {
            if (!reject.reason().equals("malformed_json")) {
                reasons.merge(reject.reason(), 1L, Long::sum);
            }
        }
        // The hostile five, and the fixture's garbage beside the malformed JSON: an event without a
        // product id and a 1 MB object without a time.
        assertThat(reasons)
                .isEqualTo(Map.of(
                        "future_event_time",
                        1L,
                        "bad_price",
                        3L,
                        "bad_text_field",
                        1L,
                        "bad_product_id",
                        1L,
                        "bad_event_time",
                        1L));
        assertThat(HBaseTables.readCounters(hbase, TABLES.table("metrics_by_minute"))
                        .keySet())
                .as("no minute of 2099")
                .allMatch(minute -> minute.startsWith("2020"));
    }

    @Test
    void aPoisonedPriceAmongAHundredValidEventsEndsWithExitZeroAndTheHundredCounted() throws Exception {
        ProcessorFixture data = ProcessorFixture.load(
                dir,
                "poisoned-it",
                ProcessorFixture.Data.of(100, 17)
                        .withoutMalformedRows()
                        .withHostile(List.of("2020-09-24 12:00:00 UTC,purchase,1,,,acme,1e-999999999,1,s"), 50));
        HBaseTables.createEmpty(hbase);

        ProcessorFixture.runToCompletion(
                dir.resolve("run.log"),
                Map.of(),
                "--available-now",
                "--topic",
                data.topic,
                "--checkpoint",
                dir.resolve("checkpoint").toString());

        assertThat(data.expected.validRows).isEqualTo(100);
        long counted = HBaseTables.readCounters(hbase, TABLES.table("metrics_by_brand")).values().stream()
                .mapToLong(row -> row.get("events"))
                .sum();
        assertThat(counted).isEqualTo(100);
        data.assertTablesExact(hbase, "a run with one poisoned price");
        assertThat(rejects())
                .extracting(RejectRow::reason)
                .containsExactlyInAnyOrder(
                        "bad_price", "bad_product_id", "bad_event_time", "malformed_json", "malformed_json");
    }

    private List<RejectRow> rejects() throws java.io.IOException {
        List<RejectRow> rows = new ArrayList<>();
        try (Table table = hbase.getTable(TABLES.rejects());
                ResultScanner scanner = table.getScanner(new Scan())) {
            for (Result row : scanner) {
                RejectRow reject = RejectRow.read(row);
                assertThat(reject.source()).isEqualTo(new String(row.getRow(), StandardCharsets.UTF_8));
                rows.add(reject);
            }
        }
        return rows;
    }

    private static HealthRow health(String row) throws java.io.IOException {
        try (Table table = hbase.getTable(TABLES.pipeline())) {
            return HealthRow.read(table.get(HealthRow.get(row)));
        }
    }
}
