package org.clickstream.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.hadoop.hbase.TableName;
import org.apache.hadoop.hbase.client.Connection;
import org.apache.hadoop.hbase.client.Get;
import org.apache.hadoop.hbase.client.Result;
import org.apache.hadoop.hbase.client.Table;
import org.apache.hadoop.hbase.util.Bytes;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.clickstream.core.Endpoints;
import org.clickstream.core.hbase.HBaseConnections;
import org.clickstream.core.hbase.HealthRow;
import org.clickstream.core.hbase.MetricTable;
import org.clickstream.core.hbase.TableLayout;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The end-to-end benchmark behind {@code scripts/bench}, run against a stack of its own: the
 * producer's ceiling (flat out), the latency from send to HBase at fixed rates, the highest rate the
 * whole pipeline sustains, and every process's peak memory. Writes {@code bench-results.json}.
 */
@Command(name = "bench", mixinStandardHelpOptions = true, sortOptions = false,
        description = "End-to-end benchmark of the pipeline (scripts/bench).")
public final class PipelineBenchmark implements Callable<Integer> {
    private static final Pattern PRODUCER_SUMMARY =
            Pattern.compile("elapsed ([0-9.]+) s, ([0-9,]+) events/s, ([0-9.]+) MB/s");

    @Option(names = "--skip", split = ",", paramLabel = "PART",
            description = "Parts to leave out: producer, latency, sustained (e.g. --skip sustained).")
    List<String> skip = new ArrayList<>();

    @Option(names = "--flat-out-events", defaultValue = "1000000", description = "Events for the producer's ceiling (default: ${DEFAULT-VALUE}).")
    long flatOutEvents;

    @Option(names = "--latency-rates", split = ",", defaultValue = "1000,10000",
            description = "Rates (events/s) to measure latency at (default: ${DEFAULT-VALUE}).")
    List<Integer> latencyRates;

    @Option(names = "--latency-seconds", defaultValue = "60", description = "Seconds of sending per latency rate (default: ${DEFAULT-VALUE}).")
    int latencySeconds;

    @Option(names = "--sustained-rates", split = ",", defaultValue = "30000,40000,50000,60000,70000,80000,100000",
            description = "Rates tried in turn for the sustained rate, until one is not kept up with (default: ${DEFAULT-VALUE}).")
    List<Integer> sustainedRates;

    @Option(names = "--window-seconds", defaultValue = "60", description = "Measured seconds per sustained trial (default: ${DEFAULT-VALUE}).")
    int windowSeconds;

    @Option(names = "--warmup-seconds", defaultValue = "20", description = "Seconds before a trial's window (default: ${DEFAULT-VALUE}).")
    int warmupSeconds;

    @Option(names = "--processor-option", paramLabel = "OPTION",
            description = "Passed on to scripts/process, e.g. --processor-option=--trigger=0 (repeatable).")
    List<String> processorOptions = new ArrayList<>();

    @Option(names = "--dashboard-port", defaultValue = "8150", description = "Port of the dashboard measured alongside (default: ${DEFAULT-VALUE}).")
    int dashboardPort;

    @Option(names = "--output", defaultValue = "bench-results.json", description = "Results file (default: ${DEFAULT-VALUE}).")
    Path output;

    @Option(names = "--log-dir", required = true, description = "Where the programs' logs and checkpoints go.")
    Path logDir;

    private final Path root = Path.of("").toAbsolutePath();
    private final ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private long processorPeakRssMb;

    @Override
    public Integer call() throws Exception {
        Files.createDirectories(logDir);
        ObjectNode results = json.createObjectNode();
        results.set("machine", machine());
        try (Connection hbase = HBaseConnections.connect(Endpoints.hbaseZookeeper());
                KafkaConsumer<byte[], byte[]> consumer = Offsets.consumer(Endpoints.kafkaBootstrap());
                Component dashboard = Component.start(root, logDir, "dashboard", "dashboard",
                        List.of("--port", Integer.toString(dashboardPort)))) {
            try (org.apache.hadoop.hbase.client.Admin admin = hbase.getAdmin()) {
                // The benchmark reads the health row before the first processor creates the tables.
                TableLayout.defaultLayout().createMissing(admin, TableLayout.DEFAULT_REJECTS_TTL);
            }
            if (!skip.contains("producer")) {
                System.out.println("1/3 producer ceiling: " + String.format("%,d", flatOutEvents) + " events flat out");
                results.put("producer_events_per_s", flatOut());
            }

            ObjectNode latency = results.putObject("latency_ms");
            for (int rate : skip.contains("latency") ? List.<Integer>of() : latencyRates) {
                System.out.printf("2/3 latency at %,d events/s for %d s%n", rate, latencySeconds);
                latency.set("at_" + rate + "_events_per_s", latency(hbase, consumer, rate));
            }

            ArrayNode trials = results.putArray("sustained_trials");
            long sustained = 0;
            for (int rate : skip.contains("sustained") ? List.<Integer>of() : sustainedRates) {
                System.out.printf("3/3 sustained: %,d events/s for %d + %d s%n", rate, warmupSeconds, windowSeconds);
                ObjectNode trial = sustained(hbase, consumer, rate);
                trials.add(trial);
                if (!trial.path("kept_up").asBoolean()) {
                    break;
                }
                sustained = rate;
            }
            results.put("sustained_events_per_s", sustained);

            ObjectNode rss = results.putObject("peak_rss_mb");
            rss.put("kafka", stackPeakRssMb("kafka"));
            rss.put("hbase", stackPeakRssMb("hbase"));
            rss.put("spark_driver", processorPeakRssMb);
            rss.put("dashboard", dashboard.samplePeakRssMb());
            rss.put("total", rss.path("kafka").asLong() + rss.path("hbase").asLong() + processorPeakRssMb
                    + rss.path("dashboard").asLong());
        }
        json.writeValue(output.toFile(), results);
        System.out.println();
        System.out.println(table(results));
        System.out.println("results: " + output.toAbsolutePath());
        return 0;
    }

    private long flatOut() throws Exception {
        Component producer = Component.start(root, logDir, "producer-flat-out", "produce", List.of(
                "--generate", Long.toString(flatOutEvents), "--rate", "0", "--topic", "bench-flat-out", "--progress-seconds", "0"));
        requireSuccess(producer, producer.waitFor(600));
        Matcher summary = PRODUCER_SUMMARY.matcher(producer.log());
        if (!summary.find()) {
            throw new IllegalStateException("no summary in " + logDir.resolve("producer-flat-out.log"));
        }
        return Long.parseLong(summary.group(2).replace(",", ""));
    }

    /**
     * Latency from each event's send to the write of its batch, at a steady rate with live event
     * times. The processor is a long-running service: the first {@code --warmup-seconds} of sending
     * (JIT compilation, the first batches' planning) are measured apart, as "cold".
     */
    private ObjectNode latency(Connection hbase, KafkaConsumer<byte[], byte[]> consumer, int rate) throws Exception {
        String topic = "bench-latency-" + rate;
        Path batchLog = logDir.resolve(topic + "-batches.jsonl");
        long warmEnd;
        try (Component processor = startProcessor(hbase, topic, batchLog)) {
            long producerStart = System.currentTimeMillis();
            warmEnd = producerStart + TimeUnit.SECONDS.toMillis(warmupSeconds);
            Component producer = Component.start(root, logDir, "producer-" + topic, "produce", List.of(
                    "--generate", Long.toString((long) rate * (warmupSeconds + latencySeconds)), "--rate", Integer.toString(rate),
                    "--live", "--topic", topic, "--progress-seconds", "0"));
            while (producer.isAlive()) {
                processor.samplePeakRssMb();
                Thread.sleep(1_000);
            }
            requireSuccess(producer, producer.waitFor(60));
            awaitCaughtUp(consumer, topic, batchLog, processor);
            processorPeakRssMb = Math.max(processorPeakRssMb, processor.samplePeakRssMb());
        }
        List<Offsets.Latency> all = Offsets.latencies(consumer, topic, Offsets.readBatchLog(batchLog, topic));
        List<Long> warm = sorted(all.stream().filter(l -> l.sentMs() >= warmEnd).map(Offsets.Latency::ms).toList());
        List<Long> cold = sorted(all.stream().filter(l -> l.sentMs() < warmEnd).map(Offsets.Latency::ms).toList());
        ObjectNode result = json.createObjectNode();
        result.put("events", warm.size());
        result.put("p50", percentile(warm, 50));
        result.put("p95", percentile(warm, 95));
        result.put("p99", percentile(warm, 99));
        result.put("max", warm.isEmpty() ? 0 : warm.get(warm.size() - 1));
        ObjectNode coldResult = result.putObject("first_" + warmupSeconds + "_s");
        coldResult.put("events", cold.size());
        coldResult.put("p50", percentile(cold, 50));
        coldResult.put("p95", percentile(cold, 95));
        coldResult.put("p99", percentile(cold, 99));
        System.out.printf("   %,d events after %d s of warm-up: p50 %d ms, p95 %d ms, p99 %d ms (first %d s: p95 %d ms)%n",
                warm.size(), warmupSeconds, result.path("p50").asLong(), result.path("p95").asLong(), result.path("p99").asLong(),
                warmupSeconds, coldResult.path("p95").asLong());
        return result;
    }

    private static List<Long> sorted(List<Long> values) {
        List<Long> sorted = new ArrayList<>(values);
        sorted.sort(Long::compare);
        return sorted;
    }

    /**
     * One sustained trial: the producer sends at {@code rate} with live event times; after the warm-up,
     * Kafka lag (records not yet in a written batch) is sampled every 2 s for the window. Kept up:
     * the producer reached the rate, the lag did not grow (least-squares slope under 2 % of the rate)
     * and ended under 5 s worth of events.
     */
    private ObjectNode sustained(Connection hbase, KafkaConsumer<byte[], byte[]> consumer, int rate) throws Exception {
        String topic = "bench-sustained-" + rate;
        Path batchLog = logDir.resolve(topic + "-batches.jsonl");
        ObjectNode trial = json.createObjectNode();
        trial.put("rate", rate);
        try (Component processor = startProcessor(hbase, topic, batchLog)) {
            long events = (long) rate * (warmupSeconds + windowSeconds + 5);
            Component producer = Component.start(root, logDir, "producer-" + topic, "produce", List.of(
                    "--generate", Long.toString(events), "--rate", Integer.toString(rate), "--live", "--topic", topic,
                    "--progress-seconds", "0"));
            long start = System.nanoTime();
            sleepWhileAlive(Duration.ofSeconds(warmupSeconds), processor);
            List<double[]> samples = new ArrayList<>();
            while (System.nanoTime() - start < TimeUnit.SECONDS.toNanos(warmupSeconds + windowSeconds)) {
                double seconds = (System.nanoTime() - start) / 1e9;
                samples.add(new double[] {seconds, Offsets.lag(consumer, topic, Offsets.readBatchLog(batchLog, topic))});
                processor.samplePeakRssMb();
                sleepWhileAlive(Duration.ofSeconds(2), processor);
            }
            requireSuccess(producer, producer.waitFor(300));
            Matcher summary = PRODUCER_SUMMARY.matcher(producer.log());
            long produced = summary.find() ? Long.parseLong(summary.group(2).replace(",", "")) : 0;
            double slope = slope(samples);
            double finalLag = samples.get(samples.size() - 1)[1];
            boolean keptUp = produced >= rate * 0.97 && slope < rate * 0.02 && finalLag < rate * 5.0;
            trial.put("producer_events_per_s", produced);
            trial.put("lag_slope_per_s", Math.round(slope));
            trial.put("final_lag", Math.round(finalLag));
            trial.put("max_lag", Math.round(samples.stream().mapToDouble(s -> s[1]).max().orElse(0)));
            trial.put("kept_up", keptUp);
            processorPeakRssMb = Math.max(processorPeakRssMb, processor.samplePeakRssMb());
            System.out.printf("   producer %,d events/s, lag grows %,d/s, final lag %,d: %s%n", produced, Math.round(slope),
                    Math.round(finalLag), keptUp ? "kept up" : "NOT kept up");
        }
        trial.put("tables_written", tablesWritten(hbase));
        return trial;
    }

    private Component startProcessor(Connection hbase, String topic, Path batchLog) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, Endpoints.kafkaBootstrap()))) {
            admin.createTopics(List.of(new NewTopic(topic, 3, (short) 1))).all().get(30, TimeUnit.SECONDS);
        }
        List<String> args = new ArrayList<>(List.of("--topic", topic, "--checkpoint", logDir.resolve("checkpoint-" + topic).toString(),
                "--batch-log", batchLog.toString()));
        args.addAll(processorOptions);
        long started = System.currentTimeMillis();
        Component processor = Component.start(root, logDir, "processor-" + topic, "process", args);
        // Ready once its query has run a trigger: the health row then carries a time after our start.
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        while (healthTime(hbase) < started) {
            if (!processor.isAlive() || System.nanoTime() > deadline) {
                processor.close();
                throw new IllegalStateException("the processor did not start; see " + logDir.resolve("processor-" + topic + ".log"));
            }
            Thread.sleep(500);
        }
        return processor;
    }

    private static long healthTime(Connection hbase) throws IOException {
        try (Table table = hbase.getTable(TableLayout.defaultLayout().pipeline())) {
            HealthRow health = HealthRow.read(table.get(HealthRow.get(HealthRow.PROCESSOR)));
            return health == null ? 0 : health.lastBatchTimeMs();
        }
    }

    private static boolean tablesWritten(Connection hbase) throws IOException {
        for (MetricTable metric : List.of(MetricTable.MINUTE, MetricTable.BRAND, MetricTable.BRAND_MINUTE)) {
            try (Table table = hbase.getTable(TableLayout.defaultLayout().table(metric));
                    var scanner = table.getScanner(new org.apache.hadoop.hbase.client.Scan().setLimit(1))) {
                if (scanner.next() == null) {
                    return false;
                }
            }
        }
        return true;
    }

    private void awaitCaughtUp(KafkaConsumer<byte[], byte[]> consumer, String topic, Path batchLog, Component processor)
            throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
        while (Offsets.lag(consumer, topic, Offsets.readBatchLog(batchLog, topic)) > 0) {
            if (!processor.isAlive() || System.nanoTime() > deadline) {
                throw new IllegalStateException("the processor did not catch up; see its log in " + logDir);
            }
            processor.samplePeakRssMb();
            Thread.sleep(500);
        }
    }

    private static void sleepWhileAlive(Duration duration, Component processor) throws Exception {
        Thread.sleep(duration.toMillis());
        if (!processor.isAlive()) {
            throw new IllegalStateException("the processor stopped:\n" + processor.log());
        }
    }

    private static void requireSuccess(Component component, int exit) throws IOException {
        if (exit != 0) {
            throw new IllegalStateException(component.name() + " failed (exit " + exit + "):\n" + component.log());
        }
    }

    private long stackPeakRssMb(String service) throws IOException {
        Path pidFile = Path.of(System.getenv().getOrDefault("STACK_DIR", ".stack"), service, service + ".pid");
        return Component.peakRssMb(Long.parseLong(Files.readString(pidFile).trim())).orElse(0L);
    }

    /** Least-squares slope of (seconds, lag) samples: how fast the backlog grows, records per second. */
    static double slope(List<double[]> samples) {
        double n = samples.size();
        double sx = 0;
        double sy = 0;
        double sxx = 0;
        double sxy = 0;
        for (double[] s : samples) {
            sx += s[0];
            sy += s[1];
            sxx += s[0] * s[0];
            sxy += s[0] * s[1];
        }
        double denominator = n * sxx - sx * sx;
        return denominator == 0 ? 0 : (n * sxy - sx * sy) / denominator;
    }

    /** Nearest-rank percentile of sorted values. */
    static long percentile(List<Long> sorted, int percent) {
        if (sorted.isEmpty()) {
            return 0;
        }
        int rank = (int) Math.ceil(percent / 100.0 * sorted.size());
        return sorted.get(Math.max(0, rank - 1));
    }

    private ObjectNode machine() {
        ObjectNode machine = json.createObjectNode();
        machine.put("cores", Runtime.getRuntime().availableProcessors());
        machine.put("java", System.getProperty("java.version"));
        machine.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version"));
        machine.put("load_average_at_start", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        machine.put("started", Instant.now().toString());
        return machine;
    }

    private static String table(ObjectNode results) {
        StringBuilder out = new StringBuilder();
        out.append(String.format("%-44s %s%n", "producer, flat out", String.format("%,d events/s", results.path("producer_events_per_s").asLong())));
        out.append(String.format("%-44s %s%n", "sustained (lag not growing for the window)",
                String.format("%,d events/s", results.path("sustained_events_per_s").asLong())));
        results.path("latency_ms").fields().forEachRemaining(e -> out.append(String.format("%-44s p50 %,d ms, p95 %,d ms, p99 %,d ms%n",
                "latency send -> HBase, " + e.getKey().replace("at_", "").replace("_events_per_s", " events/s"),
                e.getValue().path("p50").asLong(), e.getValue().path("p95").asLong(), e.getValue().path("p99").asLong())));
        results.path("peak_rss_mb").fields().forEachRemaining(e ->
                out.append(String.format("%-44s %,d MB%n", "peak RSS " + e.getKey(), e.getValue().asLong())));
        return out.toString();
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new PipelineBenchmark()).execute(args));
    }
}
