package org.clickstream.processor;

import org.apache.spark.sql.SparkSession;

/** The session settings the processor's queries rely on; tests build their session with them too. */
final class SparkSessions {
    static final String HDFS_STATE_STORE =
            "org.apache.spark.sql.execution.streaming.state.HDFSBackedStateStoreProvider";
    static final String ROCKSDB_STATE_STORE =
            "org.apache.spark.sql.execution.streaming.state.RocksDBStateStoreProvider";

    private SparkSessions() {}

    static SparkSession.Builder configure(
            SparkSession.Builder builder, int shufflePartitions, String stateStoreProvider) {
        return builder.config("spark.sql.shuffle.partitions", shufflePartitions)
                .config("spark.sql.session.timeZone", "UTC")
                .config("spark.sql.streaming.stateStore.providerClass", stateStoreProvider)
                // Local checkpoints without a chmod and a readlink process per file (the class explains).
                .config("spark.hadoop.fs.file.impl", ForklessLocalFileSystem.class.getName())
                .config("spark.hadoop.fs.AbstractFileSystem.file.impl", ForklessLocalFileSystem.Fs.class.getName())
                // Exact money: a sum of cents that would pass a long fails the batch instead of wrapping.
                .config("spark.sql.ansi.enabled", true)
                // Adaptive execution does not apply to streaming; off, Spark does not warn about it.
                .config("spark.sql.adaptive.enabled", false)
                // The unique counts' sketches run in Spark's object hash aggregate, which falls back
                // to sorting above 128 groups per task: a micro-batch has thousands.
                .config("spark.sql.objectHashAggregate.sortBased.fallbackThreshold", 65_536)
                // The sessions query's per-minute sum after flatMapGroupsWithState has no watermark and
                // so drops nothing, which is what this check guards against (SessionsQuery explains).
                .config("spark.sql.streaming.statefulOperator.checkCorrectness.enabled", false)
                // The in-memory state store copies its whole map into every new version and keeps two
                // (Spark's default): at the real shape with every table, a third copy of ~600,000 groups
                // ran the 1 GB driver out of heap in the third 200,000-record batch. One is enough to
                // go on; a retried batch reloads the version before from the checkpoint.
                .config("spark.sql.streaming.maxBatchesToRetainInMemory", 1)
                // Stopping a stuck query must not wait forever for its thread.
                .config("spark.sql.streaming.stopTimeout", 60_000)
                // The run summary is computed from this history.
                .config("spark.sql.streaming.numRecentProgressUpdates", 1000);
    }
}
