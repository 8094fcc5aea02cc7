package org.clickstream.core.hbase;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.apache.hadoop.hbase.client.Put;
import org.apache.hadoop.hbase.client.Result;
import org.apache.hadoop.hbase.util.Bytes;

/**
 * One row of the rejects table (family {@code r}, kept for the table's TTL): why, what was wrong, at
 * most {@value #MAX_RAW_BYTES} bytes of the record as received with its full size, and where it came
 * from. The row key is the source ({@code topic/partition/offset}), unique per record, so writing a
 * reject again (a replayed batch) leaves one row.
 */
public record RejectRow(String reason, String detail, byte[] raw, long rawBytes, String source) {
    public static final int MAX_RAW_BYTES = 4096;
    public static final int MAX_DETAIL_CHARS = 500;
    private static final byte[] REASON = Bytes.toBytes("reason");
    private static final byte[] DETAIL = Bytes.toBytes("detail");
    private static final byte[] RAW = Bytes.toBytes("raw");
    private static final byte[] RAW_BYTES = Bytes.toBytes("raw_bytes");
    private static final byte[] SOURCE = Bytes.toBytes("source");

    /** A reject keeping a bounded prefix of {@code record} (however large it was) and a bounded detail. */
    public static RejectRow of(String reason, String detail, byte[] record, String source) {
        byte[] raw = record == null ? new byte[0] : record;
        String shortDetail = detail == null
                ? ""
                : detail.length() > MAX_DETAIL_CHARS ? detail.substring(0, MAX_DETAIL_CHARS) : detail;
        return new RejectRow(
                reason,
                shortDetail,
                raw.length > MAX_RAW_BYTES ? Arrays.copyOf(raw, MAX_RAW_BYTES) : raw,
                raw.length,
                source);
    }

    public Put toPut() {
        return new Put(Bytes.toBytes(source))
                .addColumn(TableLayout.REJECTS_FAMILY, REASON, Bytes.toBytes(reason))
                .addColumn(TableLayout.REJECTS_FAMILY, DETAIL, Bytes.toBytes(detail))
                .addColumn(TableLayout.REJECTS_FAMILY, RAW, raw)
                .addColumn(TableLayout.REJECTS_FAMILY, RAW_BYTES, Bytes.toBytes(rawBytes))
                .addColumn(TableLayout.REJECTS_FAMILY, SOURCE, Bytes.toBytes(source));
    }

    public static RejectRow read(Result result) {
        byte[] rawBytes = result.getValue(TableLayout.REJECTS_FAMILY, RAW_BYTES);
        return new RejectRow(
                string(result, REASON),
                string(result, DETAIL),
                result.getValue(TableLayout.REJECTS_FAMILY, RAW),
                rawBytes == null ? -1 : Bytes.toLong(rawBytes),
                string(result, SOURCE));
    }

    public String rawText() {
        return new String(raw, StandardCharsets.UTF_8);
    }

    private static String string(Result result, byte[] qualifier) {
        byte[] value = result.getValue(TableLayout.REJECTS_FAMILY, qualifier);
        return value == null ? null : Bytes.toString(value);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof RejectRow r
                && reason.equals(r.reason)
                && detail.equals(r.detail)
                && Arrays.equals(raw, r.raw)
                && rawBytes == r.rawBytes
                && source.equals(r.source);
    }

    @Override
    public int hashCode() {
        return source.hashCode();
    }

    @Override
    public String toString() {
        return "RejectRow[" + source + ": " + reason + " (" + detail + "), " + rawBytes + " bytes]";
    }
}
