package org.clickstream.processor;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.StreamingQueryProgress;
import org.clickstream.core.EventJson;
import org.clickstream.core.generator.EventGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScratchPerfTest {
    @TempDir
    Path dir;

    @Test
    void measure() throws Exception {
        SparkSession spark = SparkTestSupport.localSpark();
        String tables = System.getProperty("scratch.tables", "all");
        int n = Integer.getInteger("scratch.events", 200_000);
        double perMinute = Double.parseDouble(System.getProperty("scratch.epm", "4"));
        EventGenerator gen = new EventGenerator(EventGenerator.Settings.defaults().withEventsPerMinute(perMinute));
        List<String> values = new ArrayList<>();
        for (int i = 0; i < n * 3; i++) {
            values.add(new String(EventJson.encode(gen.next()), StandardCharsets.UTF_8));
        }
        InMemoryPipelineStore store = new InMemoryPipelineStore();
        SparkTestSupport.Records records = new SparkTestSupport.Records(spark);
        ProcessorSettings base = SparkTestSupport.settings(dir.resolve("cp"));
        ProcessorSettings s = new ProcessorSettings(base.bootstrap(), base.topic(), base.zookeeper(), base.layout(), base.checkpoint(),
                base.startingOffsets(), base.maxOffsetsPerTrigger(), base.trigger(), base.watermark(), base.sessionGap(), 1,
                base.stateStoreProvider(), true, Map.of(), 0, base.stuckBatch(), false, null, null, base.rules(),
                Outputs.parse(tables), base.rejectsTtl(), false);
        var metrics = ProcessorJob.startMetrics(records.source(), new DiscardingStore(), s, b -> { });
        for (int round = 0; round < 3; round++) {
            records.add(values.subList(round * n, (round + 1) * n));
            metrics.processAllAvailable();
        }
        for (StreamingQueryProgress p : metrics.recentProgress()) {
            if (p.numInputRows() > 0) {
                System.out.println("SCRATCH batch " + p.batchId() + " rows " + p.numInputRows() + " ms " + p.batchDuration() + " " + p.durationMs()
                        + " state " + (p.stateOperators().length > 0 ? p.stateOperators()[0].numRowsTotal() + "/" + p.stateOperators()[0].numRowsUpdated() : ""));
            }
        }
        metrics.stop();
    }

    static final class DiscardingStore implements PipelineStore {
        @Override public void prepare() { }
        @Override public String describe() { return "discard"; }
        @Override public Writer open() {
            return new Writer() {
                public void putCounters(String t, String k, Map<String, Long> c, org.clickstream.core.hbase.ProductDetails d) { }
                public void putReject(org.clickstream.core.hbase.RejectRow r) { }
                public void putHealth(String r, org.clickstream.core.hbase.HealthRow h) { }
                public org.clickstream.core.hbase.HealthRow readHealth(String r) { return null; }
                public Map<String, org.clickstream.core.hbase.Leaderboard> readBoards(java.util.Collection<String> rows) {
                    Map<String, org.clickstream.core.hbase.Leaderboard> m = new java.util.HashMap<>();
                    rows.forEach(r -> m.put(r, org.clickstream.core.hbase.Leaderboard.EMPTY));
                    return m;
                }
                public void putBoard(String r, org.clickstream.core.hbase.Leaderboard b) { }
                public void close() { }
            };
        }
    }
}
