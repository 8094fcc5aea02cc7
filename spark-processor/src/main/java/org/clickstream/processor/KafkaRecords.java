package org.clickstream.processor;

import java.sql.Timestamp;
import java.time.Instant;
import org.apache.spark.sql.Row;
import org.clickstream.core.EventJson;
import org.clickstream.core.EventRules;
import org.clickstream.core.ParseResult;
import org.clickstream.core.RejectReason;

/**
 * The columns of Spark's Kafka source the processor reads, and how one record becomes a
 * {@link ParseResult}. The validating clock of a record is its Kafka timestamp (when the producer
 * sent it, or when the broker appended it), but never later than the micro-batch's own time: a
 * replayed batch, and the second query reading the same record, judge it the same way.
 */
final class KafkaRecords {
    static final String VALUE = "value";
    static final String TOPIC = "topic";
    static final String PARTITION = "partition";
    static final String OFFSET = "offset";
    static final String TIMESTAMP = "timestamp";
    /** The source columns, in this order, that the processor's parse steps read. */
    static final String[] COLUMNS = {VALUE, TOPIC, PARTITION, OFFSET, TIMESTAMP};

    private KafkaRecords() {}

    /** Judges a record given as {@link #COLUMNS}. */
    static ParseResult parse(Row record, EventRules rules, BatchContext batch) {
        byte[] value = (byte[]) record.get(0);
        if (value == null) {
            return ParseResult.rejected(RejectReason.MALFORMED_JSON, "record has no value");
        }
        Timestamp sent = (Timestamp) record.get(4);
        long clock = sent == null ? batch.timestampMs() : Math.min(sent.getTime(), batch.timestampMs());
        return EventJson.decode(value, rules, Instant.ofEpochMilli(clock));
    }

    /** {@code topic/partition/offset}: where a record came from, unique per record. */
    static String source(Row record) {
        return record.get(1) + "/" + record.get(2) + "/" + record.get(3);
    }

    static byte[] value(Row record) {
        return (byte[]) record.get(0);
    }
}
