package org.clickstream.processor;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.apache.hadoop.hbase.TableName;
import org.apache.hadoop.hbase.client.Connection;
import org.apache.hadoop.hbase.client.Result;
import org.apache.hadoop.hbase.client.ResultScanner;
import org.apache.hadoop.hbase.client.Scan;
import org.apache.hadoop.hbase.client.Table;
import org.apache.hadoop.hbase.util.Bytes;
import org.clickstream.core.Endpoints;
import org.clickstream.core.HBaseConnections;
import org.clickstream.core.TableLayout;
import org.clickstream.core.testing.HBaseTables;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** scripts/process against the real Kafka and HBase, compared cell by cell with the independent computation. */
class ProcessorIT {
    private static Connection hbase;

    @TempDir
    Path dir;

    @BeforeAll
    static void connect() throws IOException {
        org.clickstream.core.testing.LocalStack.ensureRunning();
        hbase = HBaseConnections.connect(Endpoints.hbaseZookeeper());
    }

    @AfterAll
    static void close() throws IOException {
        hbase.close();
    }

    @Test
    void availableNowWritesExactMetricsAndEveryReject() throws Exception {
        ProcessorFixture data = ProcessorFixture.load(dir, "processor-it", 20_000, 11);
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
        // Malformed CSV lines reach Kafka as plain text, so all of them are malformed JSON; the
        // extra records are a JSON event missing fields, an array, invalid UTF-8 and a 1 MB object.
        assertThat(reasons).containsOnlyKeys("malformed_json", "bad_product_id", "bad_event_time");
        assertThat(reasons.get("bad_product_id")).isEqualTo(1);
        assertThat(reasons.get("bad_event_time")).isEqualTo(1);

        Map<String, Long> health = HBaseTables.readCounters(hbase, TableLayout.PIPELINE).get("processor");
        assertThat(health).containsEntry("rejects_total", data.rejects).containsEntry("kafka_lag", 0L)
                .containsEntry("late_rows_total", 0L);
        assertThat(health.get("last_batch_id")).isGreaterThanOrEqualTo(2L);
    }
}
