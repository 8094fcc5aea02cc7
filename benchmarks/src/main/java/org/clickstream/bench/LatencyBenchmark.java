package org.clickstream.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;
import org.apache.commons.math3.stat.descriptive.rank.Median;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.clickstream.core.Endpoints;
import picocli.CommandLine.Option;

/**
 * Latency from each event's send to the write of its micro-batch, at steady rates with live event
 * times, every table kept. The processor is a long-running service: the first {@code --warmup-seconds}
 * of sending (JIT compilation, the first batches' planning) are reported apart, as "cold".
 */
final class LatencyBenchmark {
    static final class Options {
        @Option(
                names = "--latency-rates",
                split = ",",
                paramLabel = "R",
                defaultValue = "1000,10000",
                description = "Rates (events/s) to measure latency at (default: ${DEFAULT-VALUE}).")
        List<Integer> rates;

        @Option(
                names = "--latency-seconds",
                paramLabel = "S",
                defaultValue = "60",
                description = "Seconds of sending per rate after the warm-up (default: ${DEFAULT-VALUE}).")
        int seconds;

        @Option(
                names = "--warmup-seconds",
                paramLabel = "S",
                defaultValue = "20",
                description =
                        "Seconds of sending before the measured ones, per rate and sustained trial (default: ${DEFAULT-VALUE}).")
        int warmupSeconds;
    }

    private LatencyBenchmark() {}

    /** {"at_R_events_per_s": {...}} per rate. */
    static ObjectNode measure(Workspace workspace, Options options, List<String> processorOptions) throws Exception {
        ObjectNode results = Workspace.JSON.createObjectNode();
        try (KafkaConsumer<byte[], byte[]> consumer = Offsets.consumer(Endpoints.kafkaBootstrap())) {
            for (int rate : options.rates) {
                System.out.printf(
                        "latency at %,d events/s: %d s of warm-up, then %d s measured%n",
                        rate, options.warmupSeconds, options.seconds);
                results.set(
                        "at_" + rate + "_events_per_s", atRate(workspace, consumer, options, processorOptions, rate));
            }
        }
        return results;
    }

    private static ObjectNode atRate(
            Workspace workspace,
            KafkaConsumer<byte[], byte[]> consumer,
            Options options,
            List<String> processorOptions,
            int rate)
            throws Exception {
        String topic = "bench-latency-" + rate + "-" + System.currentTimeMillis();
        String namespace = "bench_latency_" + rate;
        Path batchLog = workspace.file(topic + "-batches.jsonl");
        Path produced = workspace.file(topic + "-producer.json");
        ObjectNode result = Workspace.JSON.createObjectNode();
        result.put("load_average_at_start", Workspace.loadAverage());
        long warmEnd;
        try (Component processor = LiveProcessor.start(workspace, topic, namespace, batchLog, processorOptions)) {
            long producerStart = System.currentTimeMillis();
            warmEnd = producerStart + TimeUnit.SECONDS.toMillis(options.warmupSeconds);
            Component producer = workspace.start(
                    "producer-" + topic,
                    "produce",
                    List.of(
                            "--generate",
                            Long.toString((long) rate * (options.warmupSeconds + options.seconds)),
                            "--rate",
                            Integer.toString(rate),
                            "--live",
                            "--topic",
                            topic,
                            "--progress-seconds",
                            "0",
                            "--stats-json",
                            produced.toString()));
            while (producer.isAlive()) {
                processor.samplePeakRssMb();
                producer.samplePeakRssMb();
                Thread.sleep(500);
            }
            producer.awaitSuccess(60);
            // Events never written are left out of the percentiles (which then flatter): the result says how many.
            result.put("events_not_written", LiveProcessor.awaitCaughtUp(consumer, topic, batchLog, processor));
            result.put("driver_peak_rss_mb", processor.samplePeakRssMb());
            result.put("producer_events_per_s", StatsFiles.producer(produced).eventsPerSecond());
        }
        List<Offsets.Batch> batches = Offsets.readBatchLog(batchLog, topic);
        Histogram warm = new Histogram(3);
        Histogram cold = new Histogram(3);
        for (Offsets.Latency latency : Offsets.latencies(consumer, topic, batches)) {
            (latency.sentMs() >= warmEnd ? warm : cold).recordValue(Math.max(0, latency.ms()));
        }
        percentiles(result, warm);
        ObjectNode warmup = result.putObject("warmup");
        warmup.put("seconds", options.warmupSeconds);
        percentiles(warmup, cold);
        result.set(
                "batches",
                batchMedians(
                        batches.stream().filter(b -> b.writtenMs() >= warmEnd).toList()));
        workspace.deleteTopic(topic);
        workspace.dropNamespace(namespace);
        System.out.printf(
                "   %,d events after the warm-up: p50 %,d ms, p95 %,d ms, p99 %,d ms (first %d s: p95 %,d ms)%n",
                warm.getTotalCount(),
                result.path("p50").asLong(),
                result.path("p95").asLong(),
                result.path("p99").asLong(),
                options.warmupSeconds,
                warmup.path("p95").asLong());
        return result;
    }

    private static void percentiles(ObjectNode result, Histogram latencies) {
        result.put("events", latencies.getTotalCount());
        result.put("p50", latencies.getValueAtPercentile(50));
        result.put("p95", latencies.getValueAtPercentile(95));
        result.put("p99", latencies.getValueAtPercentile(99));
        result.put("max", latencies.getMaxValue());
    }

    /** Medians over the warm batches: records, duration, and each of Spark's phases (where a batch's time goes). */
    private static ObjectNode batchMedians(List<Offsets.Batch> batches) {
        ObjectNode result = Workspace.JSON.createObjectNode();
        result.put("count", batches.size());
        if (batches.isEmpty()) {
            return result;
        }
        result.put(
                "records_median",
                median(batches.stream().mapToDouble(Offsets.Batch::records).toArray()));
        result.put(
                "duration_ms_median",
                median(batches.stream().mapToDouble(Offsets.Batch::durationMs).toArray()));
        Map<String, double[]> phases = new LinkedHashMap<>();
        for (String phase : batches.get(0).phasesMs().keySet()) {
            phases.put(
                    phase,
                    batches.stream()
                            .mapToDouble(b -> b.phasesMs().getOrDefault(phase, 0L))
                            .toArray());
        }
        ObjectNode medians = result.putObject("phases_ms_median");
        phases.forEach((phase, values) -> medians.put(phase, median(values)));
        return result;
    }

    private static double median(double[] values) {
        return new Median().evaluate(values);
    }
}
