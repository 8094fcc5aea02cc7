package org.clickstream.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * scripts/bench: every part in one run on one stack. The processor at the data set's real shape is
 * the headline (every table and the three tables, each beside the HBase ceiling for its rows), the
 * dense shape beside it; then the backfill, the latency at fixed rates with every table, the
 * producer's ceiling, and every process's peak memory.
 */
@Command(
        name = "all",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        usageHelpWidth = 110,
        description =
                "Every benchmark in one run (scripts/bench): processor beside the HBase ceiling, backfill, latency, producer, memory.")
final class PipelineBenchmark implements Callable<Integer> {
    enum Part {
        PROCESSOR,
        BACKFILL,
        LATENCY,
        PRODUCER,
        SUSTAINED;

        static Part parse(String text) {
            try {
                return valueOf(text.strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("unknown part " + text + "; known: "
                        + Arrays.stream(values())
                                .map(p -> p.name().toLowerCase(Locale.ROOT))
                                .collect(Collectors.joining(", ")));
            }
        }
    }

    @Option(
            names = "--parts",
            split = ",",
            paramLabel = "PART",
            defaultValue = "processor,backfill,latency,producer",
            converter = PartConverter.class,
            description =
                    "Parts to run: processor, backfill, latency, producer, and sustained (the live pipeline's highest rate, "
                            + "10+ minutes) (default: ${DEFAULT-VALUE}).")
    List<Part> parts;

    @Option(
            names = "--skip",
            split = ",",
            paramLabel = "PART",
            converter = PartConverter.class,
            description = "Parts to leave out of --parts, e.g. --skip latency,producer.")
    List<Part> skip = new ArrayList<>();

    @Option(
            names = "--dashboard-port",
            defaultValue = "${env:BENCH_DASHBOARD_PORT:-28050}",
            description =
                    "Port of the dashboard started beside the latency part, so its memory counts (default: ${DEFAULT-VALUE}).")
    int dashboardPort;

    @Mixin
    CommonOptions common;

    @Mixin
    ProcessorBenchmark.Options processor;

    @Mixin
    BackfillBenchmark.Options backfill;

    @Mixin
    LatencyBenchmark.Options latency;

    @Mixin
    ProducerBenchmark.Options producer;

    @Mixin
    SustainedBenchmark.Options sustained;

    static final class PartConverter implements picocli.CommandLine.ITypeConverter<Part> {
        @Override
        public Part convert(String value) {
            return Part.parse(value);
        }
    }

    @Override
    public Integer call() throws Exception {
        List<Part> chosen = parts.stream().filter(p -> !skip.contains(p)).toList();
        return BenchCommand.execute(
                common,
                "results",
                "bench-results.json",
                workspace -> measure(workspace, chosen),
                PipelineBenchmark::table);
    }

    /** Each part on its own: one that fails is recorded as {"error": ...} and the others still run. */
    private ObjectNode measure(Workspace workspace, List<Part> chosen) throws Exception {
        ObjectNode results = Workspace.JSON.createObjectNode();
        if (chosen.contains(Part.PROCESSOR)) {
            part(results, "processor", () -> ProcessorBenchmark.measure(workspace, processor, common.runs));
        }
        if (chosen.contains(Part.BACKFILL)) {
            part(results, "backfill", () -> BackfillBenchmark.measure(workspace, backfill, common.runs));
        }
        long dashboardPeak = 0;
        if (chosen.contains(Part.LATENCY)) {
            // Idle without a browser (views read HBase only while open), but its memory is the stack's.
            try (Component dashboard =
                    workspace.start("dashboard", "dashboard", List.of("--port", Integer.toString(dashboardPort)))) {
                part(
                        results,
                        "latency_ms",
                        () -> LatencyBenchmark.measure(workspace, latency, processor.processorOptions));
                dashboardPeak = dashboard.samplePeakRssMb();
            }
        }
        if (chosen.contains(Part.SUSTAINED)) {
            part(
                    results,
                    "sustained",
                    () -> SustainedBenchmark.measure(
                            workspace, sustained, latency.warmupSeconds, processor.processorOptions));
        }
        if (chosen.contains(Part.PRODUCER)) {
            part(results, "producer", () -> ProducerBenchmark.measure(workspace, producer, common.runs));
        }
        ObjectNode rss = results.putObject("peak_rss_mb");
        long sparkDriverPeak = results.findValues("driver_peak_rss_mb").stream()
                .mapToLong(JsonNode::asLong)
                .max()
                .orElse(0);
        rss.put("kafka", Workspace.stackPeakRssMb("kafka"));
        rss.put("hbase", Workspace.stackPeakRssMb("hbase"));
        rss.put("spark_driver", sparkDriverPeak);
        rss.put("dashboard", dashboardPeak);
        rss.put(
                "stack_total",
                rss.path("kafka").asLong() + rss.path("hbase").asLong() + sparkDriverPeak + dashboardPeak);
        return results;
    }

    private static void part(ObjectNode results, String key, Callable<ObjectNode> measurement) {
        try {
            results.set(key, measurement.call());
        } catch (Exception e) {
            System.out.println("   FAILED: " + e.getMessage());
            results.putObject(key).put("error", String.valueOf(e.getMessage()));
        }
    }

    static String table(ObjectNode results) {
        StringBuilder out = new StringBuilder();
        results.fields().forEachRemaining(e -> {
            if (e.getValue().has("error")) {
                out.append(String.format(
                        "%s: FAILED: %s%n%n",
                        e.getKey(), e.getValue().path("error").asText()));
            }
        });
        if (succeeded(results, "processor")) {
            out.append(ProcessorBenchmark.table((ObjectNode) results.get("processor")))
                    .append('\n');
        }
        if (succeeded(results, "backfill")) {
            out.append(BackfillBenchmark.table((ObjectNode) results.get("backfill")))
                    .append('\n');
        }
        if (succeeded(results, "latency_ms")) {
            out.append(String.format(
                    "%-44s %9s %9s %9s %9s %12s %12s%n",
                    "latency send -> HBase, every table",
                    "p50 ms",
                    "p95 ms",
                    "p99 ms",
                    "max ms",
                    "p95 warm-up",
                    "not written"));
            results.path("latency_ms").fields().forEachRemaining(e -> {
                JsonNode r = e.getValue();
                out.append(String.format(
                        "%-44s %,9d %,9d %,9d %,9d %,12d %,12d%n",
                        String.format(
                                "at %s events/s (%,d events)",
                                e.getKey().replaceAll("\\D", ""),
                                r.path("events").asLong()),
                        r.path("p50").asLong(),
                        r.path("p95").asLong(),
                        r.path("p99").asLong(),
                        r.path("max").asLong(),
                        r.path("warmup").path("p95").asLong(),
                        r.path("events_not_written").asLong()));
            });
            out.append('\n');
        }
        if (succeeded(results, "sustained")) {
            out.append(String.format(
                    "%-44s %,d events/s%n%n",
                    "sustained, live (lag not growing)",
                    results.path("sustained").path("events_per_s").asLong()));
        }
        if (succeeded(results, "producer")) {
            out.append(ProducerBenchmark.table((ObjectNode) results.get("producer")))
                    .append('\n');
        }
        out.append("peak RSS:");
        results.path("peak_rss_mb")
                .fields()
                .forEachRemaining(e -> out.append(
                        String.format(" %s %,d MB;", e.getKey(), e.getValue().asLong())));
        return out.append('\n').toString();
    }

    private static boolean succeeded(ObjectNode results, String part) {
        return results.has(part) && !results.path(part).has("error");
    }
}
