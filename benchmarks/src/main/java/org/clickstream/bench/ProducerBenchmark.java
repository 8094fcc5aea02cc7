package org.clickstream.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The producer's ceiling: generated events flat out ({@code --rate 0}) to a fresh topic, from its {@code --stats-json}. */
@Command(
        name = "producer",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        usageHelpWidth = 110,
        description =
                "The producer flat out (scripts/bench-producer): events/s and MB/s of JSON, first send to last acknowledgement.")
final class ProducerBenchmark implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Mixin
    Options options;

    static final class Options {
        @Option(
                names = "--producer-events",
                paramLabel = "N",
                defaultValue = "1000000",
                description = "Generated events per run (default: ${DEFAULT-VALUE}).")
        long events;

        @Option(
                names = "--producer-option",
                paramLabel = "OPTION",
                description = "Passed on to scripts/produce, e.g. --producer-option=-Dlinger.ms=20 (repeatable).")
        List<String> produceOptions = new ArrayList<>();
    }

    @Override
    public Integer call() throws Exception {
        return BenchCommand.execute(
                common,
                "producer",
                "bench-producer.json",
                workspace -> measure(workspace, options, common.runs),
                ProducerBenchmark::table);
    }

    static ObjectNode measure(Workspace workspace, Options options, int runs) throws Exception {
        List<ObjectNode> results = new ArrayList<>();
        for (int run = 1; run <= runs; run++) {
            System.out.printf("producer flat out, run %d of %d: %,d events%n", run, runs, options.events);
            String topic = "bench-producer-" + System.currentTimeMillis() + "-" + run;
            Path stats = workspace.file("producer-" + run + ".json");
            double load = Workspace.loadAverage();
            List<String> args = new ArrayList<>(List.of(
                    "--generate",
                    Long.toString(options.events),
                    "--rate",
                    "0",
                    "--topic",
                    topic,
                    "--progress-seconds",
                    "0",
                    "--stats-json",
                    stats.toString()));
            args.addAll(options.produceOptions);
            Component producer = workspace.run("producer-" + run, "produce", args, 1800);
            StatsFiles.Producer produced = StatsFiles.producer(stats);
            workspace.deleteTopic(topic);
            ObjectNode result = Workspace.JSON.createObjectNode();
            result.put("load_average_at_start", load);
            result.put("acknowledged", produced.acknowledged());
            result.put("elapsed_seconds", produced.elapsedSeconds());
            result.put("events_per_s", produced.eventsPerSecond());
            result.put("json_mb_per_s", produced.jsonMegabytesPerSecond());
            result.put("peak_rss_mb", producer.peakRssMb());
            System.out.printf(
                    "   %,.0f events/s, %.1f MB/s of JSON (%,d acknowledged in %.1f s)%n",
                    produced.eventsPerSecond(),
                    produced.jsonMegabytesPerSecond(),
                    produced.acknowledged(),
                    produced.elapsedSeconds());
            results.add(result);
        }
        return Runs.summary(results);
    }

    static String table(ObjectNode producer) {
        StringBuilder out = new StringBuilder(String.format(
                "%-5s %14s %10s %10s %9s  %s%n", "run", "events/s", "MB/s", "seconds", "peak MB", "load at start"));
        int run = 1;
        for (var result : producer.path("runs")) {
            out.append(row(Integer.toString(run++), result));
        }
        if (producer.path("runs").size() > 1) {
            out.append(row("median", producer.path("median")));
        }
        return out.toString();
    }

    private static String row(String label, com.fasterxml.jackson.databind.JsonNode result) {
        return String.format(
                "%-5s %,14.0f %10.1f %10.1f %9d  %.2f%n",
                label,
                result.path("events_per_s").asDouble(),
                result.path("json_mb_per_s").asDouble(),
                result.path("elapsed_seconds").asDouble(),
                result.path("peak_rss_mb").asLong(),
                result.path("load_average_at_start").asDouble());
    }
}
