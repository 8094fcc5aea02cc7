package org.clickstream.processor;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.hbase.TableName;
import org.apache.hadoop.hbase.client.Result;
import org.apache.hadoop.hbase.client.ResultScanner;
import org.apache.hadoop.hbase.client.Scan;
import org.apache.hadoop.hbase.client.Table;
import org.apache.hadoop.hbase.util.Bytes;
import org.clickstream.core.Endpoints;
import org.clickstream.core.TableLayout;
import org.clickstream.core.testing.HBaseTables;
import org.junit.jupiter.api.Test;

/** scripts/process against the real Kafka and HBase, compared cell by cell with the independent computation. */
class ProcessorIT extends StackIT {
    @Test
    void availableNowWritesExactMetricsAndEveryReject() throws Exception {
        String event = "\"event_time\":\"2020-09-24 11:57:06 UTC\",\"event_type\":\"view\",\"category_id\":null,"
                + "\"category_code\":null,\"brand\":\"x\",\"price\":1,\"user_id\":7,\"user_session\":\"s\"";
        ProcessorFixture data = ProcessorFixture.load(dir, "processor-it", 20_000, 11, List.of(
                "this is not JSON",
                "{" + event + ",\"product_id\":\"12\"}",
                "{" + event + ",\"product_id\":123456789012345678901234567890}",
                "{" + event.replace("2020-09-24 11:57:06", "9999-99-99 99:99:99") + ",\"product_id\":1}",
                "{\"brand\":\"" + "y".repeat(1_000_000) + "\"}"));
        HBaseTables.createEmpty(hbase);

        ProcessorFixture.runToCompletion(dir.resolve("run.log"), Map.of(), "--available-now", "--topic", data.topic,
                "--checkpoint", dir.resolve("checkpoint").toString(), "--max-offsets-per-trigger", "7000");

        data.assertTablesExact(hbase, "an available-now run");
        Map<String, Long> reasons = new java.util.TreeMap<>();
        try (Table rejects = hbase.getTable(TableName.valueOf(TableLayout.REJECTS));
                ResultScanner scanner = rejects.getScanner(new Scan())) {
            for (Result row : scanner) {
                String source = Bytes.toString(row.getRow());
                assertThat(source).startsWith(data.topic + "/");
                assertThat(Bytes.toString(row.getValue(TableLayout.REJECTS_FAMILY, TableLayout.Reject.SOURCE))).isEqualTo(source);
                assertThat(row.getValue(TableLayout.REJECTS_FAMILY, TableLayout.Reject.RAW)).isNotEmpty();
                reasons.merge(Bytes.toString(row.getValue(TableLayout.REJECTS_FAMILY, TableLayout.Reject.REASON)), 1L, Long::sum);
            }
        }
        // Malformed CSV lines reach Kafka as plain text, so all of them are malformed JSON, as are an
        // array, invalid UTF-8 and a line of prose; a JSON event missing its product id, one with the id
        // as text and one with an id beyond a long are bad_product_id; an impossible time and a 1 MB
        // object without a time (from the client and from the console producer) are bad_event_time.
        assertThat(reasons).containsOnlyKeys("malformed_json", "bad_product_id", "bad_event_time");
        assertThat(reasons.get("bad_product_id")).isEqualTo(3);
        assertThat(reasons.get("bad_event_time")).isEqualTo(3);
        assertThat(reasons.get("malformed_json")).isEqualTo(data.expected.malformedLines.size() + 3);

        Map<String, Long> health = HBaseTables.readCounters(hbase, TableLayout.PIPELINE).get("processor");
        assertThat(health).containsEntry("rejects_total", data.rejects).containsEntry("kafka_lag", 0L)
                .containsEntry("late_rows_total", 0L);
        assertThat(health.get("last_batch_id")).isGreaterThanOrEqualTo(2L);
    }
}
