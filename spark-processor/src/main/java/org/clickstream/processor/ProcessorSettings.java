package org.clickstream.processor;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.apache.spark.sql.streaming.Trigger;
import org.clickstream.core.EventRules;
import org.clickstream.core.hbase.TableLayout;

/**
 * Everything a processor run is told, checked: what {@link ProcessorCommand}'s options become.
 *
 * @param checkpoint      the metrics query's checkpoint (a folder or URI); the sessions query's is its {@code sessions} sub-folder
 * @param startingOffsets where a new checkpoint starts reading: earliest, latest, or Spark's JSON per partition
 * @param sessionsTrigger the sessions query's micro-batch interval: a session is counted only once the
 *                        watermark has passed its end by the gap, so its batches need not follow the
 *                        metrics query's (each one plans and runs on the same cores)
 * @param eventsFrom      events before it are skipped because a backfill wrote them ({@code null}: none); all-time
 *                        rows then add the backfill's base (family {@code b}) to what the stream counts
 */
record ProcessorSettings(
        String bootstrap,
        String topic,
        String zookeeper,
        TableLayout layout,
        String checkpoint,
        String startingOffsets,
        long maxOffsetsPerTrigger,
        Trigger trigger,
        Trigger sessionsTrigger,
        Duration watermark,
        Duration sessionGap,
        int shufflePartitions,
        String stateStoreProvider,
        boolean failOnDataLoss,
        Map<String, String> kafkaOptions,
        int maxRestarts,
        Duration stuckBatch,
        boolean ui,
        Path batchLog,
        Path statsJson,
        EventRules rules,
        Outputs outputs,
        Duration rejectsTtl,
        boolean takeOver,
        java.time.Instant eventsFrom) {

    ProcessorSettings withCheckpoint(String newCheckpoint) {
        return new ProcessorSettings(
                bootstrap,
                topic,
                zookeeper,
                layout,
                newCheckpoint,
                startingOffsets,
                maxOffsetsPerTrigger,
                trigger,
                sessionsTrigger,
                watermark,
                sessionGap,
                shufflePartitions,
                stateStoreProvider,
                failOnDataLoss,
                kafkaOptions,
                maxRestarts,
                stuckBatch,
                ui,
                batchLog,
                statsJson,
                rules,
                outputs,
                rejectsTtl,
                takeOver,
                eventsFrom);
    }

    ProcessorSettings withOutputs(Outputs newOutputs) {
        return new ProcessorSettings(
                bootstrap,
                topic,
                zookeeper,
                layout,
                checkpoint,
                startingOffsets,
                maxOffsetsPerTrigger,
                trigger,
                sessionsTrigger,
                watermark,
                sessionGap,
                shufflePartitions,
                stateStoreProvider,
                failOnDataLoss,
                kafkaOptions,
                maxRestarts,
                stuckBatch,
                ui,
                batchLog,
                statsJson,
                rules,
                newOutputs,
                rejectsTtl,
                takeOver,
                eventsFrom);
    }

    ProcessorSettings withEventsFrom(java.time.Instant from) {
        return new ProcessorSettings(
                bootstrap,
                topic,
                zookeeper,
                layout,
                checkpoint,
                startingOffsets,
                maxOffsetsPerTrigger,
                trigger,
                sessionsTrigger,
                watermark,
                sessionGap,
                shufflePartitions,
                stateStoreProvider,
                failOnDataLoss,
                kafkaOptions,
                maxRestarts,
                stuckBatch,
                ui,
                batchLog,
                statsJson,
                rules,
                outputs,
                rejectsTtl,
                takeOver,
                from);
    }

    String sessionsCheckpoint() {
        return checkpoint.endsWith("/") ? checkpoint + "sessions" : checkpoint + "/sessions";
    }

    boolean availableNow() {
        return trigger.equals(Trigger.AvailableNow());
    }
}
