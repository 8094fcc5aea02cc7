package org.clickstream.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.hadoop.hbase.client.Table;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.clickstream.core.hbase.HealthRow;
import org.clickstream.core.hbase.TableLayout;

/**
 * The processor as a long-running service on a fresh topic and namespace, for the measurements of a
 * live stream (latency, sustained rate): started, awaited until its queries run, and watched until it
 * has caught up with the topic.
 */
final class LiveProcessor {
    private LiveProcessor() {}

    static Component start(
            Workspace workspace, String topic, String namespace, Path batchLog, List<String> processorOptions)
            throws Exception {
        TableLayout layout = workspace.freshNamespace(namespace);
        workspace.createTopic(topic, 3);
        List<String> args = new ArrayList<>(List.of(
                "--topic",
                topic,
                "--namespace",
                namespace,
                "--checkpoint",
                workspace.file("checkpoint-" + topic).toString(),
                "--batch-log",
                batchLog.toString()));
        args.addAll(processorOptions);
        long started = System.currentTimeMillis();
        Component processor = workspace.start("processor-" + topic, "process", args);
        // Ready once its metrics query has run a trigger: the health row then carries a time after our start.
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        while (healthTime(workspace, layout) < started) {
            if (!processor.isAlive() || System.nanoTime() > deadline) {
                processor.close();
                throw new IllegalStateException("the processor did not start; see " + processor.logFile());
            }
            Thread.sleep(500);
        }
        return processor;
    }

    private static long healthTime(Workspace workspace, TableLayout layout) throws IOException {
        try (Table table = workspace.hbase().getTable(layout.pipeline())) {
            HealthRow health = HealthRow.read(table.get(HealthRow.get(HealthRow.PROCESSOR)));
            return health == null ? 0 : health.lastBatchTimeMs();
        }
    }

    /**
     * Waits until every record of the topic is in a written batch (the batch log says so); the
     * records still waiting after five minutes (0: caught up).
     */
    static long awaitCaughtUp(KafkaConsumer<byte[], byte[]> consumer, String topic, Path batchLog, Component processor)
            throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
        long lag;
        while ((lag = Offsets.lag(consumer, topic, Offsets.readBatchLog(batchLog, topic))) > 0
                && System.nanoTime() < deadline) {
            if (!processor.isAlive()) {
                throw new IllegalStateException("the processor stopped; see " + processor.logFile());
            }
            processor.samplePeakRssMb();
            Thread.sleep(500);
        }
        return lag;
    }

    /** Sleeps, then fails if the processor has stopped meanwhile. */
    static void sleepWhileAlive(long millis, Component processor) throws Exception {
        Thread.sleep(millis);
        if (!processor.isAlive()) {
            throw new IllegalStateException("the processor stopped; see " + processor.logFile());
        }
    }
}
