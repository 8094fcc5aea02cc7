package org.clickstream.core.hbase;

import org.apache.hadoop.hbase.client.Get;
import org.apache.hadoop.hbase.client.Put;
import org.apache.hadoop.hbase.client.Result;
import org.apache.hadoop.hbase.util.Bytes;

/**
 * A streaming query's health row in the pipeline table (family {@code s}), written after every
 * micro-batch: numbers as 8-byte longs, the query's id and topic as text. The metrics query writes
 * row {@value #PROCESSOR}, the sessions query row {@value #SESSIONS}. The query id says which query
 * owns the namespace's tables: a processor refuses to write tables another live query writes.
 *
 * @param kafkaLag records in Kafka not yet processed, {@code null} when unknown (a replayed batch)
 */
public record HealthRow(
        long lastBatchId,
        long lastBatchTimeMs,
        long inputRows,
        long rowsPerSecond,
        long batchDurationMs,
        long lateRows,
        long lateRowsTotal,
        long rejectsTotal,
        Long kafkaLag,
        String queryId,
        String topic) {
    public static final String PROCESSOR = "processor";
    public static final String SESSIONS = "sessions";

    static final byte[] LAST_BATCH_ID = Bytes.toBytes("last_batch_id");
    /** Wall-clock end of the last batch, epoch milliseconds. */
    static final byte[] LAST_BATCH_TIME_MS = Bytes.toBytes("last_batch_time_ms");

    static final byte[] INPUT_ROWS = Bytes.toBytes("input_rows");
    static final byte[] ROWS_PER_SECOND = Bytes.toBytes("rows_per_second");
    static final byte[] BATCH_DURATION_MS = Bytes.toBytes("batch_duration_ms");
    static final byte[] LATE_ROWS = Bytes.toBytes("late_rows");
    static final byte[] LATE_ROWS_TOTAL = Bytes.toBytes("late_rows_total");
    static final byte[] REJECTS_TOTAL = Bytes.toBytes("rejects_total");
    static final byte[] KAFKA_LAG = Bytes.toBytes("kafka_lag");
    static final byte[] QUERY_ID = Bytes.toBytes("query_id");
    static final byte[] TOPIC = Bytes.toBytes("topic");

    public Put toPut(String row) {
        Put put = new Put(Bytes.toBytes(row));
        addLong(put, LAST_BATCH_ID, lastBatchId);
        addLong(put, LAST_BATCH_TIME_MS, lastBatchTimeMs);
        addLong(put, INPUT_ROWS, inputRows);
        addLong(put, ROWS_PER_SECOND, rowsPerSecond);
        addLong(put, BATCH_DURATION_MS, batchDurationMs);
        addLong(put, LATE_ROWS, lateRows);
        addLong(put, LATE_ROWS_TOTAL, lateRowsTotal);
        addLong(put, REJECTS_TOTAL, rejectsTotal);
        if (kafkaLag != null) {
            addLong(put, KAFKA_LAG, kafkaLag);
        }
        put.addColumn(TableLayout.PIPELINE_FAMILY, QUERY_ID, Bytes.toBytes(queryId));
        put.addColumn(TableLayout.PIPELINE_FAMILY, TOPIC, Bytes.toBytes(topic));
        return put;
    }

    public static Get get(String row) {
        return new Get(Bytes.toBytes(row)).addFamily(TableLayout.PIPELINE_FAMILY);
    }

    /** The health row in {@code result}, or {@code null} when there is none. */
    public static HealthRow read(Result result) {
        if (result == null || result.isEmpty()) {
            return null;
        }
        byte[] lag = result.getValue(TableLayout.PIPELINE_FAMILY, KAFKA_LAG);
        return new HealthRow(
                getLong(result, LAST_BATCH_ID),
                getLong(result, LAST_BATCH_TIME_MS),
                getLong(result, INPUT_ROWS),
                getLong(result, ROWS_PER_SECOND),
                getLong(result, BATCH_DURATION_MS),
                getLong(result, LATE_ROWS),
                getLong(result, LATE_ROWS_TOTAL),
                getLong(result, REJECTS_TOTAL),
                lag == null ? null : Bytes.toLong(lag),
                getString(result, QUERY_ID),
                getString(result, TOPIC));
    }

    private static void addLong(Put put, byte[] qualifier, long value) {
        put.addColumn(TableLayout.PIPELINE_FAMILY, qualifier, Bytes.toBytes(value));
    }

    private static long getLong(Result result, byte[] qualifier) {
        byte[] value = result.getValue(TableLayout.PIPELINE_FAMILY, qualifier);
        return value == null || value.length != Bytes.SIZEOF_LONG ? 0 : Bytes.toLong(value);
    }

    private static String getString(Result result, byte[] qualifier) {
        byte[] value = result.getValue(TableLayout.PIPELINE_FAMILY, qualifier);
        return value == null ? null : Bytes.toString(value);
    }
}
