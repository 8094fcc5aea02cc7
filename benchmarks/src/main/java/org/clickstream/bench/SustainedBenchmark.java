package org.clickstream.bench;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.commons.math3.stat.regression.SimpleRegression;
import org.apache.hadoop.hbase.client.ResultScanner;
import org.apache.hadoop.hbase.client.Scan;
import org.apache.hadoop.hbase.client.Table;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.clickstream.core.Endpoints;
import org.clickstream.core.hbase.MetricTable;
import org.clickstream.core.hbase.TableLayout;
import picocli.CommandLine.Option;

/**
 * The highest rate a live pipeline keeps up with: the producer sends at each rate in turn with live
 * event times; after the warm-up, the Kafka lag (records not yet in a written batch) is sampled every
 * 2 s for the window. Kept up: the producer reached 97 % of the rate, the lag did not grow (its
 * least-squares slope under 2 % of the rate) and it ended under 5 s worth of events. The trials stop
 * at the first rate not kept up with.
 */
final class SustainedBenchmark {
    static final class Options {
        @Option(
                names = "--sustained-rates",
                split = ",",
                paramLabel = "R",
                defaultValue = "30000,40000,50000,60000,70000,80000,100000",
                description =
                        "Rates tried in turn by the sustained part, until one is not kept up with (default: ${DEFAULT-VALUE}).")
        List<Integer> rates;

        @Option(
                names = "--window-seconds",
                paramLabel = "S",
                defaultValue = "60",
                description = "Measured seconds per sustained trial (default: ${DEFAULT-VALUE}).")
        int windowSeconds;
    }

    private SustainedBenchmark() {}

    static ObjectNode measure(Workspace workspace, Options options, int warmupSeconds, List<String> processorOptions)
            throws Exception {
        ObjectNode result = Workspace.JSON.createObjectNode();
        ArrayNode trials = result.putArray("trials");
        long sustained = 0;
        try (KafkaConsumer<byte[], byte[]> consumer = Offsets.consumer(Endpoints.kafkaBootstrap())) {
            for (int rate : options.rates) {
                System.out.printf(
                        "sustained: %,d events/s for %d + %d s%n", rate, warmupSeconds, options.windowSeconds);
                ObjectNode trial = trial(workspace, consumer, options, warmupSeconds, processorOptions, rate);
                trials.add(trial);
                if (!trial.path("kept_up").asBoolean()) {
                    break;
                }
                sustained = rate;
            }
        }
        result.put("events_per_s", sustained);
        return result;
    }

    private static ObjectNode trial(
            Workspace workspace,
            KafkaConsumer<byte[], byte[]> consumer,
            Options options,
            int warmupSeconds,
            List<String> processorOptions,
            int rate)
            throws Exception {
        String topic = "bench-sustained-" + rate + "-" + System.currentTimeMillis();
        String namespace = "bench_sustained_" + rate;
        Path batchLog = workspace.file(topic + "-batches.jsonl");
        Path produced = workspace.file(topic + "-producer.json");
        ObjectNode trial = Workspace.JSON.createObjectNode();
        trial.put("rate", rate);
        trial.put("load_average_at_start", Workspace.loadAverage());
        try (Component processor = LiveProcessor.start(workspace, topic, namespace, batchLog, processorOptions)) {
            long events = (long) rate * (warmupSeconds + options.windowSeconds + 5);
            Component producer = workspace.start(
                    "producer-" + topic,
                    "produce",
                    List.of(
                            "--generate",
                            Long.toString(events),
                            "--rate",
                            Integer.toString(rate),
                            "--live",
                            "--topic",
                            topic,
                            "--progress-seconds",
                            "0",
                            "--stats-json",
                            produced.toString()));
            long start = System.nanoTime();
            LiveProcessor.sleepWhileAlive(TimeUnit.SECONDS.toMillis(warmupSeconds), processor);
            SimpleRegression lagOverTime = new SimpleRegression();
            double lag = 0;
            double maxLag = 0;
            while (System.nanoTime() - start < TimeUnit.SECONDS.toNanos(warmupSeconds + options.windowSeconds)) {
                lag = Offsets.lag(consumer, topic, Offsets.readBatchLog(batchLog, topic));
                maxLag = Math.max(maxLag, lag);
                lagOverTime.addData((System.nanoTime() - start) / 1e9, lag);
                processor.samplePeakRssMb();
                LiveProcessor.sleepWhileAlive(2_000, processor);
            }
            producer.awaitSuccess(300);
            double producedRate = StatsFiles.producer(produced).eventsPerSecond();
            double slope = lagOverTime.getSlope();
            boolean keptUp = producedRate >= rate * 0.97 && slope < rate * 0.02 && lag < rate * 5.0;
            trial.put("producer_events_per_s", producedRate);
            trial.put("lag_slope_per_s", slope);
            trial.put("final_lag", lag);
            trial.put("max_lag", maxLag);
            trial.put("kept_up", keptUp);
            trial.put("driver_peak_rss_mb", processor.samplePeakRssMb());
            System.out.printf(
                    "   producer %,.0f events/s, lag grows %,.0f/s, final lag %,.0f: %s%n",
                    producedRate, slope, lag, keptUp ? "kept up" : "NOT kept up");
        }
        trial.put("every_metric_table_written", everyMetricTableWritten(workspace, TableLayout.of(namespace)));
        workspace.deleteTopic(topic);
        workspace.dropNamespace(namespace);
        return trial;
    }

    private static boolean everyMetricTableWritten(Workspace workspace, TableLayout layout) throws IOException {
        for (MetricTable metric : MetricTable.values()) {
            try (Table table = workspace.hbase().getTable(layout.table(metric));
                    ResultScanner scanner = table.getScanner(new Scan().setLimit(1))) {
                if (scanner.next() == null) {
                    return false;
                }
            }
        }
        return true;
    }
}
