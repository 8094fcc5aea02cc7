package org.clickstream.processor;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeoutException;
import java.util.function.LongConsumer;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.function.VoidFunction2;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.DataStreamReader;
import org.apache.spark.sql.streaming.OutputMode;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.apache.spark.sql.streaming.StreamingQueryListener;
import org.clickstream.core.Durations;
import org.clickstream.core.hbase.HealthRow;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The processor: Kafka topic in, exact metrics in HBase out. {@link #run} wires the real source and
 * store; {@link #start} takes any source with Kafka's columns and any store, so tests run the very
 * same queries on their own.
 */
final class ProcessorJob {
    private static final Logger LOG = LoggerFactory.getLogger(ProcessorJob.class);

    private ProcessorJob() {}

    static int run(ProcessorSettings requested) throws IOException {
        SparkSession spark = SparkSessions.configure(
                        SparkSession.builder(), requested.shufflePartitions(), requested.stateStoreProvider())
                .appName("clickstream-processor")
                .config("spark.ui.enabled", requested.ui())
                .getOrCreate();
        ProcessorSettings settings = withQualifiedCheckpoint(spark, requested);
        PipelineStore store = new HBasePipelineStore(settings.zookeeper(), settings.layout(), settings.rejectsTtl());
        LOG.info(
                "reading {} from {}; metrics to {}; checkpoint {}",
                settings.topic(),
                settings.bootstrap(),
                store.describe(),
                settings.checkpoint());
        boolean[] checkedOwner = {false};
        return new QuerySupervisor(spark, settings, store).run(() -> {
            if (!checkedOwner[0] && !settings.takeOver()) {
                try (PipelineStore.Writer writer = store.open()) {
                    Ownership.check(
                            writer.readHealth(HealthRow.PROCESSOR),
                            Ownership.queryIdOf(settings.checkpoint()),
                            settings.layout().namespace(),
                            System.currentTimeMillis());
                }
            }
            checkedOwner[0] = true;
            return start(spark, kafkaSource(spark, settings), store, settings);
        });
    }

    /** The checkpoint as an absolute URI: executors read its offset log, and their working folder is not the driver's. */
    private static ProcessorSettings withQualifiedCheckpoint(SparkSession spark, ProcessorSettings s)
            throws IOException {
        Path path = new Path(s.checkpoint());
        return s.withCheckpoint(path.getFileSystem(spark.sparkContext().hadoopConfiguration())
                .makeQualified(path)
                .toString());
    }

    private static Dataset<Row> kafkaSource(SparkSession spark, ProcessorSettings settings) {
        DataStreamReader reader = spark.readStream()
                .format("kafka")
                .option("kafka.bootstrap.servers", settings.bootstrap())
                .option("subscribe", settings.topic())
                .option("startingOffsets", settings.startingOffsets())
                .option("maxOffsetsPerTrigger", settings.maxOffsetsPerTrigger())
                .option("failOnDataLoss", settings.failOnDataLoss());
        settings.kafkaOptions().forEach((key, value) -> reader.option("kafka." + key, value));
        return reader.load();
    }

    /** Starts the metrics query and, when sessions are kept, the sessions query, with their reporting listeners. */
    static List<QuerySupervisor.Running> start(
            SparkSession spark, Dataset<Row> source, PipelineStore store, ProcessorSettings settings) throws Exception {
        Map<Long, Long> writtenAt = new ConcurrentHashMap<>();
        LongConsumer batchWritten =
                settings.batchLog() == null ? batchId -> {} : batchId -> BatchLog.batchWritten(writtenAt, batchId);
        List<QuerySupervisor.Running> running = new ArrayList<>();
        StreamingQuery metrics = startMetrics(source, store, settings, batchWritten);
        List<StreamingQueryListener> listeners = new ArrayList<>(List.of(
                new HealthReporter(store, metrics.id(), HealthRow.PROCESSOR, settings.topic()),
                new RunReport(metrics.id(), "metrics")));
        if (settings.batchLog() != null) {
            listeners.add(new BatchLog(settings.batchLog(), metrics.id(), writtenAt));
        }
        running.add(new QuerySupervisor.Running("metrics", metrics, listeners));
        if (settings.outputs().sessions()) {
            StreamingQuery sessions = startSessions(source, store, settings);
            running.add(new QuerySupervisor.Running(
                    "sessions",
                    sessions,
                    List.of(
                            new HealthReporter(store, sessions.id(), HealthRow.SESSIONS, settings.topic()),
                            new RunReport(sessions.id(), "sessions"))));
        }
        return running;
    }

    /** The metrics query on any source with Kafka's columns, writing to any store. */
    static StreamingQuery startMetrics(
            Dataset<Row> source, PipelineStore store, ProcessorSettings settings, LongConsumer batchWritten)
            throws TimeoutException {
        Outputs outputs = settings.outputs();
        return MetricsQuery.aggregate(
                        source,
                        store,
                        settings.rules(),
                        settings.checkpoint(),
                        Durations.sparkInterval(settings.watermark()),
                        outputs,
                        settings.eventsFrom())
                .writeStream()
                .queryName("clickstream-metrics")
                .outputMode(OutputMode.Update())
                .option("checkpointLocation", settings.checkpoint())
                .trigger(settings.trigger())
                .foreachBatch((VoidFunction2<Dataset<Row>, Long>) (updates, batchId) -> {
                    MetricsQuery.writeUpdates(updates, store, outputs, settings.eventsFrom() != null);
                    batchWritten.accept(batchId);
                    FaultInjection.afterWrite(batchId);
                })
                .start();
    }

    /** The sessions query (its checkpoint is the {@code sessions} folder of the metrics query's). */
    static StreamingQuery startSessions(Dataset<Row> source, PipelineStore store, ProcessorSettings settings)
            throws TimeoutException {
        return SessionsQuery.aggregate(
                        source,
                        settings.rules(),
                        settings.sessionsCheckpoint(),
                        Durations.sparkInterval(settings.watermark()),
                        settings.sessionGap().toMillis(),
                        settings.eventsFrom())
                .writeStream()
                .queryName("clickstream-sessions")
                .outputMode(OutputMode.Update())
                .option("checkpointLocation", settings.sessionsCheckpoint())
                .trigger(settings.sessionsTrigger())
                .foreachBatch((VoidFunction2<Dataset<Row>, Long>)
                        (updates, batchId) -> SessionsQuery.writeUpdates(updates, store))
                .start();
    }
}
