package org.clickstream.processor;

import java.io.Serializable;
import java.util.Collection;
import java.util.Map;
import org.clickstream.core.hbase.HealthRow;
import org.clickstream.core.hbase.Leaderboard;
import org.clickstream.core.hbase.ProductDetails;
import org.clickstream.core.hbase.RejectRow;

/**
 * Where the processor's results go. The job takes it as a parameter: {@code main} wires HBase, tests
 * an in-memory store. Implementations are serialized to the executors, which call {@link #open()}
 * once per task; every write is an absolute value under a deterministic key, so writing the same
 * thing twice (a replayed micro-batch, a retried task) leaves the same result.
 */
public interface PipelineStore extends Serializable {

    /** Creates what the store needs (tables); called once on the driver before the queries start. */
    void prepare() throws Exception;

    Writer open() throws Exception;

    /** Drops this JVM's clients after a failure, so that the next {@link #open()} starts afresh. */
    default void reset() {}

    /** A human description of where the store is (for log lines). */
    String describe();

    interface Writer extends AutoCloseable {
        /**
         * Sets the counters of one row of a counter table ({@code table} without namespace); zero
         * counters are not stored. {@code details} (products only) may be {@code null}.
         */
        void putCounters(String table, String rowKey, Map<String, Long> counters, ProductDetails details)
                throws Exception;

        /**
         * The backfill's base totals (family {@code b}) of rows of an all-time table; rows without one
         * are left out.
         */
        Map<String, Map<String, Long>> readBases(String table, java.util.List<String> rowKeys) throws Exception;

        /** Stores a reject under its source ({@code topic/partition/offset}), unique per record. */
        void putReject(RejectRow reject) throws Exception;

        void putHealth(String row, HealthRow health) throws Exception;

        /** A health row, or {@code null} when there is none. */
        HealthRow readHealth(String row) throws Exception;

        /** The current boards of the given leaderboard rows (missing ones are {@link Leaderboard#EMPTY}). */
        Map<String, Leaderboard> readBoards(Collection<String> rows) throws Exception;

        void putBoard(String row, Leaderboard board) throws Exception;

        /** Makes every write so far durable; throws if any failed. */
        @Override
        void close() throws Exception;
    }
}
