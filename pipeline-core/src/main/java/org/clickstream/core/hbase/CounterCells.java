package org.clickstream.core.hbase;

import java.util.Map;
import java.util.TreeMap;
import org.apache.hadoop.hbase.Cell;
import org.apache.hadoop.hbase.CellUtil;
import org.apache.hadoop.hbase.client.Put;
import org.apache.hadoop.hbase.client.Result;
import org.apache.hadoop.hbase.util.Bytes;

/**
 * The encoding of counter rows (family {@code m} of every metric table and of the sessions table):
 * one 8-byte big-endian long per qualifier ({@link Bytes#toBytes(long)}, {@code :toLong} in the
 * shell). A counter that is zero is not written: every counter only grows, so an absent cell always
 * means zero, and a row with one view stores three cells instead of seven.
 */
public final class CounterCells {

    private CounterCells() {}

    /** Adds the non-zero counters to {@code put}; a negative counter is a defect, not data. */
    public static Put addTo(Put put, Map<String, Long> counters) {
        return addTo(put, TableLayout.METRICS_FAMILY, counters);
    }

    /** As {@link #addTo(Put, Map)}, into another family of counters (a backfill's base, {@link TableLayout#BASE_FAMILY}). */
    public static Put addTo(Put put, byte[] family, Map<String, Long> counters) {
        counters.forEach((qualifier, value) -> {
            if (value < 0) {
                throw new IllegalArgumentException("counter " + qualifier + " is negative: " + value);
            }
            if (value != 0) {
                put.addColumn(family, Bytes.toBytes(qualifier), Bytes.toBytes(value));
            }
        });
        return put;
    }

    public static Put put(String rowKey, Map<String, Long> counters) {
        return addTo(new Put(RowKeys.bytes(rowKey)), counters);
    }

    /** The counters of a row as stored: only the non-zero ones are present. */
    public static Map<String, Long> read(Result result) {
        return read(result, TableLayout.METRICS_FAMILY);
    }

    public static Map<String, Long> read(Result result, byte[] family) {
        Map<String, Long> counters = new TreeMap<>();
        for (Cell cell : result.rawCells()) {
            if (CellUtil.matchingFamily(cell, family)) {
                counters.put(Bytes.toString(CellUtil.cloneQualifier(cell)), Bytes.toLong(CellUtil.cloneValue(cell)));
            }
        }
        return counters;
    }

    /** A counter, zero when absent. */
    public static long get(Map<String, Long> counters, String qualifier) {
        return counters.getOrDefault(qualifier, 0L);
    }
}
