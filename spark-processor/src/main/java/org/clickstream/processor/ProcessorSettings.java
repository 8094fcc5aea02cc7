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
        boolean takeOver) {

    String sessionsCheckpoint() {
        return checkpoint.endsWith("/") ? checkpoint + "sessions" : checkpoint + "/sessions";
    }

    boolean availableNow() {
        return trigger.equals(Trigger.AvailableNow());
    }
}
