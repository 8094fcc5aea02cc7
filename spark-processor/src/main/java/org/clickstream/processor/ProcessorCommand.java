package org.clickstream.processor;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.spark.sql.streaming.Trigger;
import org.clickstream.core.Endpoints;
import org.clickstream.core.EventTimes;
import org.clickstream.core.cli.CommandLines;
import org.clickstream.core.cli.ValidationOptions;
import org.clickstream.core.hbase.TableLayout;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** The streaming processor's command line (spark-submit's main class): options in, {@link ProcessorJob} run. */
@Command(
        name = "scripts/process",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        usageHelpWidth = 110,
        description = "Spark Structured Streaming: validates e-commerce events from Kafka and keeps exact per-minute, "
                + "per-brand, per-category, per-product and per-session metrics in HBase (docs/CONTRACT.md).",
        footer = {"", "Exit status: 0 when stopped or done (--available-now), 1 on a failure, 2 on a usage error."})
public final class ProcessorCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(
            names = "--bootstrap",
            paramLabel = "HOST:PORT",
            description = "Kafka bootstrap servers (default: $KAFKA_BOOTSTRAP or 127.0.0.1:9092).")
    String bootstrap = Endpoints.kafkaBootstrap();

    @Option(names = "--topic", description = "Topic to read (default: ${DEFAULT-VALUE}).")
    String topic = Endpoints.DEFAULT_TOPIC;

    @Option(
            names = "--zookeeper",
            paramLabel = "HOST:PORT",
            description = "HBase's ZooKeeper (default: $HBASE_ZOOKEEPER or 127.0.0.1:2181).")
    String zookeeper = Endpoints.hbaseZookeeper();

    @Option(
            names = "--namespace",
            defaultValue = TableLayout.DEFAULT_NAMESPACE,
            description =
                    "HBase namespace of the tables; two pipelines on one HBase use two (default: ${DEFAULT-VALUE}).")
    String namespace;

    // A String, not a Path: on a cluster it is a URI (hdfs://namenode:8020/..., s3a://bucket/...).
    @Option(
            names = "--checkpoint",
            required = true,
            paramLabel = "DIR|URI",
            description =
                    "Checkpoint (offsets and aggregation state); reuse it to resume exactly where the job stopped.")
    String checkpoint;

    @Option(
            names = "--starting-offsets",
            defaultValue = "earliest",
            description =
                    "Where a NEW checkpoint starts reading: earliest, latest or Spark's JSON per partition (default: ${DEFAULT-VALUE}).")
    String startingOffsets;

    // At the real shape (4 events a minute) nearly every event is a group of its own in each
    // per-minute table: with every table, 200,000 records ran the 1 GB driver out of heap in the
    // third batch; 100,000 keep it within (docs/BENCHMARKS.md), at the same rate.
    @Option(
            names = "--max-offsets-per-trigger",
            defaultValue = "100000",
            description = "At most this many records per micro-batch (default: ${DEFAULT-VALUE}).")
    long maxOffsetsPerTrigger;

    @Option(
            names = "--trigger",
            defaultValue = "200 milliseconds",
            description =
                    "Micro-batch interval, e.g. '2 seconds'; 0 starts the next batch as soon as one ends (default: ${DEFAULT-VALUE}).")
    String trigger;

    // Sessions count only once the watermark has passed their end by the gap (40 minutes by
    // default), so a few seconds more change nothing a user sees; at the metrics query's 200 ms its
    // planning and tasks took the cores the metrics query needs for its latency (docs/BENCHMARKS.md).
    @Option(
            names = "--sessions-trigger",
            defaultValue = "5 seconds",
            description =
                    "Micro-batch interval of the sessions query (sessions_by_minute), as --trigger (default: ${DEFAULT-VALUE}).")
    String sessionsTrigger;

    @Option(names = "--available-now", description = "Process what the topic holds now, then exit.")
    boolean availableNow;

    @Option(
            names = "--watermark",
            defaultValue = "10 minutes",
            description =
                    "How late (in event time) an event may arrive and still count in its minute (default: ${DEFAULT-VALUE}).")
    String watermark;

    @Option(
            names = "--session-gap",
            defaultValue = "30 minutes",
            description =
                    "Events of one session key less than this apart belong to one session (default: ${DEFAULT-VALUE}).")
    String sessionGap;

    @Option(
            names = "--tables",
            defaultValue = Outputs.ALL,
            paramLabel = "all|T1,T2,...",
            description = "The tables to keep: all, or names from docs/CONTRACT.md, e.g. "
                    + "metrics_by_minute,metrics_by_brand,metrics_by_brand_minute (default: ${DEFAULT-VALUE}).")
    String tables;

    // One partition: on 2 cores each extra state partition costs a task, a state-store commit and an
    // HBase flush per batch, which doubled the p95 latency at 1,000 events/s (docs/BENCHMARKS.md).
    @Option(
            names = "--shuffle-partitions",
            defaultValue = "1",
            description = "Partitions of the aggregation state, fixed by the checkpoint at its first start; "
                    + "raise it on a cluster, e.g. to the executors' cores (default: ${DEFAULT-VALUE}).")
    int shufflePartitions;

    @Option(
            names = "--state-store",
            defaultValue = "hdfs",
            description =
                    "Aggregation state store: hdfs (in memory, snapshots to the checkpoint) or rocksdb (off-heap) (default: ${DEFAULT-VALUE}).")
    String stateStore;

    @Option(
            names = "--fail-on-data-loss",
            defaultValue = "true",
            arity = "1",
            description =
                    "Stop when Kafka no longer has records the checkpoint expects (topic recreated, retention expired); "
                            + "false skips them with a warning (default: ${DEFAULT-VALUE}).")
    boolean failOnDataLoss;

    @Option(
            names = "--kafka-option",
            paramLabel = "KEY=VALUE",
            description = "Any Kafka consumer setting, e.g. security.protocol=SASL_SSL (repeatable).")
    Map<String, String> kafkaOptions = new LinkedHashMap<>();

    @Option(
            names = "--max-restarts",
            defaultValue = "-1",
            description =
                    "Restart the queries after a failure (HBase or Kafka away) this many times, -1 for no limit (default: ${DEFAULT-VALUE}).")
    int maxRestarts;

    @Option(
            names = "--stuck-batch-seconds",
            defaultValue = "180",
            description =
                    "A micro-batch (or start-up step) without progress this long is stopped and the queries restarted (default: ${DEFAULT-VALUE}).")
    long stuckBatchSeconds;

    @Option(
            names = "--rejects-ttl",
            defaultValue = "7 days",
            description =
                    "How long the rejects table keeps a reject, when this run creates it (default: ${DEFAULT-VALUE}).")
    String rejectsTtl;

    @Option(
            names = "--events-from",
            paramLabel = "TIME",
            description =
                    "Skip (and count) events before this time, e.g. '2021-03-01 00:00:00 UTC': scripts/backfill wrote them "
                            + "(it prints the value to use); all-time totals then continue from the backfill's.")
    String eventsFrom;

    @Option(
            names = "--take-over",
            description = "Write the namespace's tables even when another live query writes them.")
    boolean takeOver;

    @Option(names = "--ui", description = "Enable Spark's web UI (off by default locally).")
    boolean ui;

    @Option(
            names = "--batch-log",
            paramLabel = "FILE",
            description =
                    "Append a JSON line per micro-batch: Kafka offsets covered, when its results were written, Spark's phases and state metrics (for latency measurements).")
    Path batchLog;

    @Option(
            names = "--stats-json",
            paramLabel = "FILE",
            description =
                    "Write the run's summary (records, rates, batch durations, late events, rejects, peak memory) as JSON when it ends.")
    Path statsJson;

    @Mixin
    ValidationOptions validation;

    @Override
    public Integer call() throws Exception {
        return ProcessorJob.run(settings());
    }

    ProcessorSettings settings() {
        if (maxOffsetsPerTrigger < 1 || shufflePartitions < 1 || stuckBatchSeconds < 1) {
            throw usage("--max-offsets-per-trigger, --shuffle-partitions and --stuck-batch-seconds must be >= 1");
        }
        String provider =
                switch (stateStore) {
                    case "hdfs" -> SparkSessions.HDFS_STATE_STORE;
                    case "rocksdb" -> SparkSessions.ROCKSDB_STATE_STORE;
                    default -> throw usage("--state-store must be hdfs or rocksdb, not " + stateStore);
                };
        TableLayout layout;
        Outputs outputs;
        try {
            layout = TableLayout.of(namespace);
            outputs = Outputs.parse(tables);
        } catch (IllegalArgumentException e) {
            throw usage(e.getMessage());
        }
        return new ProcessorSettings(
                bootstrap,
                topic,
                zookeeper,
                layout,
                checkpoint,
                startingOffsets,
                maxOffsetsPerTrigger,
                availableNow ? Trigger.AvailableNow() : triggerOf("--trigger", trigger),
                availableNow ? Trigger.AvailableNow() : triggerOf("--sessions-trigger", sessionsTrigger),
                duration("--watermark", watermark),
                duration("--session-gap", sessionGap),
                shufflePartitions,
                provider,
                failOnDataLoss,
                kafkaOptions,
                maxRestarts,
                Duration.ofSeconds(stuckBatchSeconds),
                ui,
                batchLog,
                statsJson,
                validation.rules(),
                outputs,
                duration("--rejects-ttl", rejectsTtl),
                takeOver,
                eventsFrom == null
                        ? null
                        : EventTimes.parse(eventsFrom)
                                .orElseThrow(() -> usage(
                                        "--events-from must look like '2021-03-01 00:00:00 UTC': " + eventsFrom)));
    }

    /** Spark's interval words ("2 seconds") or plain milliseconds ("0": back-to-back batches). */
    private Trigger triggerOf(String option, String interval) {
        try {
            return interval.strip().matches("\\d+")
                    ? Trigger.ProcessingTime(Long.parseLong(interval.strip()))
                    : Trigger.ProcessingTime(interval);
        } catch (IllegalArgumentException e) {
            throw usage(
                    option + " must be Spark's interval syntax ('500 milliseconds', '2 seconds') or milliseconds, not '"
                            + interval + "'");
        }
    }

    private Duration duration(String option, String text) {
        return CommandLines.positiveDuration(spec, option, text);
    }

    private ParameterException usage(String message) {
        return CommandLines.usage(spec, message);
    }

    public static void main(String[] args) {
        CommandLines.exit(new ProcessorCommand(), args);
    }
}
