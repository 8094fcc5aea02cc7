package org.clickstream.processor;

import java.io.Serializable;
import java.util.Map;

/**
 * Where the processor's results go. The job takes it as a parameter: {@code main} wires HBase, tests
 * an in-memory store. Implementations are serialized to the executors, which call {@link #open()}
 * once per task; every write is an absolute value under a deterministic key, so writing the same
 * thing twice (a replayed micro-batch, a retried task) leaves the same result.
 */
public interface PipelineStore extends Serializable {

    /** Creates what the store needs (tables); called once on the driver before the query starts. */
    void prepare() throws Exception;

    Writer open() throws Exception;

    /** Drops this JVM's clients after a failure, so that the next {@link #open()} starts afresh. */
    default void reset() {
    }

    /** A rejected Kafka record: why, and the record as received. */
    record Reject(String reason, String detail, byte[] raw, String source) implements Serializable {
    }

    interface Writer extends AutoCloseable {
        /** Sets the given counters of one metric row (other qualifiers of the row are left alone). */
        void putCounters(MetricTable table, String rowKey, Map<String, Long> counters) throws Exception;

        /** Stores a reject under its source ({@code topic/partition/offset}), unique per record. */
        void putReject(Reject reject) throws Exception;

        /** Replaces the processor's health row. */
        void putHealth(Map<String, Long> values, String queryId) throws Exception;

        /** Reads the processor's health row (empty if none); the health totals continue from it. */
        Map<String, Long> readHealth() throws Exception;

        /** The query id the health row was last written for, or {@code null}. */
        String readHealthQueryId() throws Exception;

        /** Makes every write so far durable; throws if any failed. */
        @Override
        void close() throws Exception;
    }
}
