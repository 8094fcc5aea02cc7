package org.clickstream.processor;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.LongConsumer;
import org.apache.spark.api.java.function.VoidFunction2;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.DataStreamReader;
import org.apache.spark.sql.streaming.DataStreamWriter;
import org.apache.spark.sql.streaming.OutputMode;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.apache.spark.sql.streaming.StreamingQueryListener;
import org.apache.spark.sql.streaming.Trigger;
import org.clickstream.core.Endpoints;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The streaming processor's entry point for spark-submit: Kafka topic in, exact metrics in HBase out.
 * {@link #run} takes the source and the store, so tests can run the same job on their own.
 */
@Command(name = "processor", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Spark Structured Streaming: validates e-commerce events from Kafka and keeps exact "
                + "per-minute, per-brand and per-brand-minute metrics in HBase.")
public final class ProcessorJob implements Callable<Integer> {
    private static final Logger LOG = LoggerFactory.getLogger(ProcessorJob.class);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);
    static final String HDFS_STATE_STORE = "org.apache.spark.sql.execution.streaming.state.HDFSBackedStateStoreProvider";

    @Option(names = "--bootstrap", description = "Kafka bootstrap servers (default: $KAFKA_BOOTSTRAP or 127.0.0.1:9092).")
    String bootstrap = Endpoints.kafkaBootstrap();

    @Option(names = "--topic", description = "Topic to read (default: ${DEFAULT-VALUE}).")
    String topic = Endpoints.DEFAULT_TOPIC;

    @Option(names = "--zookeeper", description = "HBase's ZooKeeper as host:port (default: $HBASE_ZOOKEEPER or 127.0.0.1:2181).")
    String zookeeper = Endpoints.hbaseZookeeper();

    // A String, not a Path: on a cluster it is a URI (hdfs://namenode:8020/..., s3a://bucket/...).
    @Option(names = "--checkpoint", required = true,
            description = "Checkpoint directory or URI (offsets and aggregation state); reuse it to resume exactly where the job stopped.")
    String checkpoint;

    @Option(names = "--starting-offsets", defaultValue = "earliest",
            description = "Where a NEW checkpoint starts reading: earliest, latest or Spark's JSON per partition (default: ${DEFAULT-VALUE}).")
    String startingOffsets;

    @Option(names = "--max-offsets-per-trigger", defaultValue = "200000",
            description = "At most this many records per micro-batch (default: ${DEFAULT-VALUE}).")
    long maxOffsetsPerTrigger;

    @Option(names = "--trigger", defaultValue = "200 milliseconds",
            description = "Micro-batch interval, e.g. '2 seconds'; 0 starts the next batch as soon as one ends (default: ${DEFAULT-VALUE}).")
    String trigger;

    @Option(names = "--available-now", description = "Process what the topic holds now, then exit.")
    boolean availableNow;

    @Option(names = "--watermark", defaultValue = "10 minutes",
            description = "How late (in event time) an event may arrive and still count in its minute (default: ${DEFAULT-VALUE}).")
    String watermark;

    // One partition: on 2 cores each extra state partition costs a task, a state-store commit and an
    // HBase flush per batch, which doubled the p95 latency at 1,000 events/s (docs/BENCHMARKS.md).
    @Option(names = "--shuffle-partitions", defaultValue = "1",
            description = "Partitions of the aggregation state, fixed by the checkpoint at its first start; "
                    + "raise it on a cluster, e.g. to the executors' cores (default: ${DEFAULT-VALUE}).")
    int shufflePartitions;

    @Option(names = "--state-store", defaultValue = "hdfs",
            description = "Aggregation state store: hdfs (in memory, snapshots to the checkpoint) or rocksdb (off-heap) (default: ${DEFAULT-VALUE}).")
    String stateStore;

    @Option(names = "--fail-on-data-loss", defaultValue = "true", arity = "1",
            description = "Stop when Kafka no longer has records the checkpoint expects (topic recreated, retention expired); "
                    + "false skips them with a warning (default: ${DEFAULT-VALUE}).")
    boolean failOnDataLoss;

    @Option(names = "--kafka-option", paramLabel = "KEY=VALUE",
            description = "Any Kafka consumer setting, e.g. security.protocol=SASL_SSL (repeatable).")
    Map<String, String> kafkaOptions = new LinkedHashMap<>();

    @Option(names = "--max-restarts", defaultValue = "-1",
            description = "Restart the query after a failure (HBase or Kafka away) this many times, -1 for no limit (default: ${DEFAULT-VALUE}).")
    int maxRestarts;

    @Option(names = "--stuck-batch-seconds", defaultValue = "180",
            description = "A micro-batch (or start-up step) without progress this long is stopped and the query restarted (default: ${DEFAULT-VALUE}).")
    long stuckBatchSeconds;

    @Option(names = "--ui", description = "Enable Spark's web UI (off by default locally).")
    boolean ui;

    @Option(names = "--batch-log", paramLabel = "FILE",
            description = "Append a JSON line per micro-batch: Kafka offsets covered and when its results were written (for latency measurements).")
    Path batchLog;

    /** Whether the query has ever completed a trigger in this JVM: failures after that are worth a restart. */
    private boolean ran;

    /** Set when the JVM is asked to stop (Ctrl-C, SIGTERM): the query is stopped and never restarted. */
    private volatile boolean stopping;

    private volatile StreamingQuery running;

    private Trigger triggerMode;

    @Override
    public Integer call() throws Exception {
        triggerMode = availableNow ? Trigger.AvailableNow() : parsedTrigger();
        SparkSession spark = configure(SparkSession.builder(), shufflePartitions, stateStoreProvider())
                .appName("clickstream-processor")
                .config("spark.ui.enabled", ui)
                .getOrCreate();
        PipelineStore store = new HBasePipelineStore(zookeeper);
        Runtime.getRuntime().addShutdownHook(new Thread(this::stopForShutdown, "processor-shutdown"));
        LOG.info("reading {} from {}; metrics to HBase at {}; checkpoint {}", topic, bootstrap, zookeeper, checkpoint);
        return runWithRestarts(spark, kafkaSource(spark), store);
    }

    /** The session settings the processor's query relies on; tests build their session with them too. */
    static SparkSession.Builder configure(SparkSession.Builder builder, int shufflePartitions, String stateStoreProvider) {
        return builder
                .config("spark.sql.shuffle.partitions", shufflePartitions)
                .config("spark.sql.session.timeZone", "UTC")
                .config("spark.sql.streaming.stateStore.providerClass", stateStoreProvider)
                // Adaptive execution does not apply to streaming; off, Spark does not warn about it.
                .config("spark.sql.adaptive.enabled", false)
                // The unique counts' sketches run in Spark's object hash aggregate, which falls back
                // to sorting above 128 groups per task: a micro-batch has thousands.
                .config("spark.sql.objectHashAggregate.sortBased.fallbackThreshold", 65_536)
                // Stopping a stuck query must not wait forever for its thread.
                .config("spark.sql.streaming.stopTimeout", 60_000)
                // The run summary is computed from this history.
                .config("spark.sql.streaming.numRecentProgressUpdates", 1000);
    }

    private Trigger parsedTrigger() {
        try {
            return processingTime(trigger);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(new CommandLine(this),
                    "--trigger must be Spark's interval syntax ('500 milliseconds', '2 seconds') or milliseconds, not '" + trigger + "'");
        }
    }

    private String stateStoreProvider() {
        return switch (stateStore) {
            case "hdfs" -> HDFS_STATE_STORE;
            case "rocksdb" -> "org.apache.spark.sql.execution.streaming.state.RocksDBStateStoreProvider";
            default -> throw new CommandLine.ParameterException(new CommandLine(this),
                    "--state-store must be hdfs or rocksdb, not " + stateStore);
        };
    }

    private Dataset<Row> kafkaSource(SparkSession spark) {
        DataStreamReader reader = spark.readStream().format("kafka")
                .option("kafka.bootstrap.servers", bootstrap)
                .option("subscribe", topic)
                .option("startingOffsets", startingOffsets)
                .option("maxOffsetsPerTrigger", maxOffsetsPerTrigger)
                .option("failOnDataLoss", failOnDataLoss);
        kafkaOptions.forEach((key, value) -> reader.option("kafka." + key, value));
        return reader.load();
    }

    /**
     * Runs the query; after a failure once it has run (HBase or Kafka away for a while) restarts it from
     * the checkpoint with a capped back-off. Failing before it ever ran (a wrong address, say) and losing
     * Kafka records end the job with a clear message instead: restarting cannot mend those.
     */
    private int runWithRestarts(SparkSession spark, Dataset<Row> source, PipelineStore store) throws InterruptedException {
        Duration backoff = Duration.ofSeconds(1);
        for (int restarts = 0; ; restarts++) {
            try {
                run(spark, source, store);
                return 0;
            } catch (Exception e) {
                if (stopping || spark.sparkContext().isStopped()) {
                    // The failure is the shutdown itself (its batch cancelled, its connections closed).
                    return 0;
                }
                if (isDataLoss(e)) {
                    LOG.error("Kafka no longer has records this checkpoint expects (topic deleted and recreated, or "
                            + "retention expired): {}. Start over with a new --checkpoint, or pass --fail-on-data-loss "
                            + "false to skip the missing records.", rootMessage(e));
                    return 2;
                }
                if (!ran) {
                    LOG.error("processor could not start (Kafka {}, HBase {}): {}", bootstrap, zookeeper, rootMessage(e));
                    return 1;
                }
                if (maxRestarts >= 0 && restarts >= maxRestarts) {
                    LOG.error("processor stopped after {} restarts: {}", restarts, rootMessage(e));
                    return 1;
                }
                if (!checkpointHoldsOffsets(spark)) {
                    // Restarting now would start a new query from --starting-offsets and count everything again.
                    LOG.error("checkpoint {} no longer holds the query's offsets (deleted while the processor ran?); "
                            + "not restarting: {}", checkpoint, rootMessage(e));
                    return 1;
                }
                LOG.warn("micro-batch failed ({}); restarting from the checkpoint in {} s", rootMessage(e), backoff.toSeconds());
                // A client that saw the failure may be stuck in it: the restart starts with new connections.
                store.reset();
                Thread.sleep(backoff.toMillis());
                backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
            }
        }
    }

    /** Runs the query until it ends (available-now) or fails; a failure surfaces as StreamingQueryException. */
    void run(SparkSession spark, Dataset<Row> source, PipelineStore store) throws Exception {
        // With HBase away these would block for as long as the client keeps retrying: bound them.
        bounded("creating the tables", () -> {
            store.prepare();
            return null;
        });
        Map<Long, Long> writtenAt = new java.util.concurrent.ConcurrentHashMap<>();
        StreamingQuery query = start(source, store, checkpoint,
                triggerMode, watermark,
                batchLog == null ? batchId -> { } : batchId -> BatchLog.batchWritten(writtenAt, batchId));
        running = query;
        if (stopping) {
            stopQuietly(query);
            return;
        }
        HealthReporter health;
        try {
            health = bounded("reading the health row", () -> new HealthReporter(store, query.id()));
        } catch (Exception e) {
            stopQuietly(query);
            throw e;
        }
        List<StreamingQueryListener> listeners = new ArrayList<>(List.of(health, new RunReport(query.id())));
        if (batchLog != null) {
            listeners.add(new BatchLog(batchLog, query.id(), writtenAt));
        }
        listeners.forEach(spark.streams()::addListener);
        try {
            awaitTermination(query);
        } finally {
            ran |= query.lastProgress() != null;
            listeners.forEach(spark.streams()::removeListener);
            stopQuietly(query);
            LOG.info(RunReport.summary(query.recentProgress()));
        }
    }

    /**
     * Waits for the query to end. A micro-batch that makes no progress for --stuck-batch-seconds
     * (a client waiting on Kafka or HBase for good) is stopped and counts as a failure, so that the
     * restart loop takes over instead of the job hanging.
     */
    private void awaitTermination(StreamingQuery query) throws Exception {
        long stuckSince = -1;
        Object lastProgress = null;
        while (!query.awaitTermination(1_000)) {
            Object progress = query.lastProgress();
            if (!query.status().isTriggerActive() || progress != lastProgress) {
                stuckSince = -1;
                lastProgress = progress;
            } else if (stuckSince < 0) {
                stuckSince = System.nanoTime();
            } else if (System.nanoTime() - stuckSince > TimeUnit.SECONDS.toNanos(stuckBatchSeconds)) {
                LOG.warn("a micro-batch made no progress for {} s (Kafka or HBase not answering); stopping it", stuckBatchSeconds);
                stopQuietly(query);
                throw new IllegalStateException("micro-batch stuck for more than " + stuckBatchSeconds + " s");
            }
        }
    }

    private boolean checkpointHoldsOffsets(SparkSession spark) {
        try {
            org.apache.hadoop.fs.Path offsets = new org.apache.hadoop.fs.Path(checkpoint, "offsets");
            return offsets.getFileSystem(spark.sparkContext().hadoopConfiguration()).exists(offsets);
        } catch (java.io.IOException e) {
            // The file system is away too: the restart loop will find out.
            return true;
        }
    }

    private void stopForShutdown() {
        stopping = true;
        StreamingQuery query = running;
        if (query != null && query.isActive()) {
            LOG.info("stopping; a micro-batch in flight runs again at the next start, from the checkpoint");
            try {
                stopQuietly(query);
            } catch (IllegalStateException sparkAlreadyStopped) {
                // Spark's own shutdown hook stopped the context first: the query ends with it.
            }
        }
    }

    private <T> T bounded(String what, Callable<T> task) throws Exception {
        FutureTask<T> future = new FutureTask<>(task);
        Thread thread = new Thread(future, "processor-" + what.replace(' ', '-'));
        thread.setDaemon(true);
        thread.start();
        try {
            return future.get(stuckBatchSeconds, TimeUnit.SECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            thread.interrupt();
            throw new IllegalStateException("no answer from HBase within " + stuckBatchSeconds + " s while " + what, e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
    }

    /** Spark's interval syntax ("2 seconds"), or plain milliseconds ("0": back-to-back batches). */
    static Trigger processingTime(String interval) {
        return interval.strip().matches("\\d+") ? Trigger.ProcessingTime(Long.parseLong(interval.strip()))
                : Trigger.ProcessingTime(interval);
    }

    /** Starts the metrics query on any source with Kafka's columns, writing to any store. */
    public static StreamingQuery start(Dataset<Row> source, PipelineStore store, String checkpoint, Trigger trigger,
            String watermark, LongConsumer batchWritten) throws TimeoutException {
        DataStreamWriter<Row> writer = MetricsQuery.aggregate(source, store, watermark)
                .writeStream()
                .queryName("clickstream-metrics")
                .outputMode(OutputMode.Update())
                .option("checkpointLocation", checkpoint)
                .trigger(trigger)
                .foreachBatch((VoidFunction2<Dataset<Row>, Long>) (updates, batchId) -> {
                    MetricsQuery.writeUpdates(updates, store);
                    batchWritten.accept(batchId);
                    FaultInjection.afterWrite(batchId);
                });
        return writer.start();
    }

    private static void stopQuietly(StreamingQuery query) {
        try {
            query.stop();
        } catch (TimeoutException e) {
            LOG.warn("query did not stop in time: {}", e.toString());
        }
    }

    /** Spark's Kafka source names its option in the message when records it expected are gone. */
    static boolean isDataLoss(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause.getMessage() != null && cause.getMessage().contains("failOnDataLoss")) {
                return true;
            }
        }
        return false;
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }

    public static void main(String[] args) {
        CommandLine commandLine = new CommandLine(new ProcessorJob());
        commandLine.setParameterExceptionHandler((e, args1) -> {
            e.getCommandLine().getErr().println("error: " + e.getMessage() + " (see --help)");
            return 2;
        });
        commandLine.setExecutionExceptionHandler((e, cmd, parsed) -> {
            LOG.error("processor failed: {}", rootMessage(e));
            return 1;
        });
        // Exit explicitly: client threads (HBase, Kafka) must not keep a finished job's JVM alive.
        System.exit(commandLine.execute(args));
    }
}
