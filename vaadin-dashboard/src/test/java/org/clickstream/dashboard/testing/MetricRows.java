package org.clickstream.dashboard.testing;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.hbase.TableName;
import org.apache.hadoop.hbase.client.Connection;
import org.apache.hadoop.hbase.client.Put;
import org.apache.hadoop.hbase.client.Table;
import org.apache.hadoop.hbase.util.Bytes;
import org.clickstream.core.RowKeys;
import org.clickstream.core.TableLayout;

/**
 * Writes metric rows into the real HBase as the processor does (CONTRACT.md: absolute 8-byte long
 * values), so the dashboard can be tested before and apart from the processor.
 */
public final class MetricRows {

    private MetricRows() {
    }

    /** Rows keyed like the table (row key, then qualifier, then value), e.g. {@code ExpectedMetrics.byMinute}. */
    public static void put(Connection connection, String table, Map<String, Map<String, Long>> rows) throws IOException {
        List<Put> puts = new ArrayList<>();
        rows.forEach((key, counters) -> {
            Put put = new Put(RowKeys.bytes(key));
            counters.forEach((qualifier, value) ->
                    put.addColumn(TableLayout.METRICS_FAMILY, Bytes.toBytes(qualifier), Bytes.toBytes(value)));
            puts.add(put);
        });
        try (Table t = connection.getTable(TableName.valueOf(table))) {
            t.put(puts);
        }
    }

    /** The processor's health row. */
    public static void putPipeline(Connection connection, long batchId, Instant batchTime, long inputRows,
            long rowsPerSecond, long batchDurationMs, long lateRows, long lateRowsTotal, long rejectsTotal, long kafkaLag)
            throws IOException {
        Put put = new Put(TableLayout.Pipeline.PROCESSOR_ROW);
        byte[] s = TableLayout.PIPELINE_FAMILY;
        put.addColumn(s, TableLayout.Pipeline.LAST_BATCH_ID, Bytes.toBytes(batchId));
        put.addColumn(s, TableLayout.Pipeline.LAST_BATCH_TIME_MS, Bytes.toBytes(batchTime.toEpochMilli()));
        put.addColumn(s, TableLayout.Pipeline.INPUT_ROWS, Bytes.toBytes(inputRows));
        put.addColumn(s, TableLayout.Pipeline.ROWS_PER_SECOND, Bytes.toBytes(rowsPerSecond));
        put.addColumn(s, TableLayout.Pipeline.BATCH_DURATION_MS, Bytes.toBytes(batchDurationMs));
        put.addColumn(s, TableLayout.Pipeline.LATE_ROWS, Bytes.toBytes(lateRows));
        put.addColumn(s, TableLayout.Pipeline.LATE_ROWS_TOTAL, Bytes.toBytes(lateRowsTotal));
        put.addColumn(s, TableLayout.Pipeline.REJECTS_TOTAL, Bytes.toBytes(rejectsTotal));
        put.addColumn(s, TableLayout.Pipeline.KAFKA_LAG, Bytes.toBytes(kafkaLag));
        try (Table t = connection.getTable(TableName.valueOf(TableLayout.PIPELINE))) {
            t.put(put);
        }
    }
}
