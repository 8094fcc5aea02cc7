package org.clickstream.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * scripts/backfill on the data set's shape: a generated file (or a given one) bulk-loaded into a
 * fresh namespace, K times; the whole process's wall time (JVM start included) beside the job's own
 * time from its {@code --stats-json}, cells loaded and peak RSS.
 */
@Command(
        name = "backfill",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        usageHelpWidth = 110,
        description =
                "scripts/backfill (scripts/bench-backfill): a file of the data set's shape into a fresh namespace through "
                        + "HBase's bulk load; wall time of the whole process, the job's own time, cells, peak RSS.")
final class BackfillBenchmark implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Mixin
    Options options;

    static final class Options {
        // The data set: 885,129 rows over 157 days (PLATFORM.md), ~3.9 per event-time minute.
        @Option(
                names = "--backfill-rows",
                paramLabel = "N",
                defaultValue = "885129",
                description = "Rows of the generated file (default: ${DEFAULT-VALUE}, as the data set).")
        long rows;

        @Option(
                names = "--backfill-per-minute",
                paramLabel = "E",
                defaultValue = "3.9",
                description =
                        "Events per event-time minute of the generated file (default: ${DEFAULT-VALUE}, as the data set).")
        double perMinute;

        @Option(
                names = "--backfill-input",
                paramLabel = "FILE",
                description = "Load this CSV file (e.g. the real data set) instead of a generated one.")
        Path input;
    }

    @Override
    public Integer call() throws Exception {
        return BenchCommand.execute(
                common,
                "backfill",
                "bench-backfill.json",
                workspace -> measure(workspace, options, common.runs),
                BackfillBenchmark::table);
    }

    static ObjectNode measure(Workspace workspace, Options options, int runs) throws Exception {
        Path input = options.input;
        if (input == null) {
            input = workspace.file("backfill-" + options.rows + ".csv");
            if (!Files.exists(input)) {
                System.out.printf(
                        "backfill: generating %,d rows (%s per event-time minute)%n",
                        options.rows, Numbers.compact(options.perMinute));
                workspace.run(
                        "generate-backfill",
                        "generate",
                        List.of(
                                "--rows",
                                Long.toString(options.rows),
                                "--events-per-minute",
                                Numbers.plain(options.perMinute),
                                "--output",
                                input.toString()),
                        1800);
            }
        }
        List<ObjectNode> results = new ArrayList<>();
        for (int run = 1; run <= runs; run++) {
            System.out.printf("backfill, run %d of %d: %s%n", run, runs, input);
            String namespace = "bench_backfill_" + run;
            workspace.dropNamespace(namespace);
            Path stats = workspace.file("backfill-" + run + ".json");
            double load = Workspace.loadAverage();
            Component backfill = workspace.run(
                    "backfill-" + run,
                    "backfill",
                    List.of("--input", input.toString(), "--namespace", namespace, "--stats-json", stats.toString()),
                    3600);
            StatsFiles.Backfill loaded = StatsFiles.backfill(stats);
            workspace.dropNamespace(namespace);
            ObjectNode result = Workspace.JSON.createObjectNode();
            result.put("load_average_at_start", load);
            result.put("events", loaded.events());
            result.put("cells", loaded.cells());
            result.put("wall_seconds", backfill.wallSeconds());
            result.put("job_seconds", loaded.seconds());
            result.put("cells_per_s_wall", loaded.cells() / backfill.wallSeconds());
            result.put("events_per_s_wall", loaded.events() / backfill.wallSeconds());
            result.put("peak_rss_mb", backfill.peakRssMb());
            System.out.printf(
                    "   %,d events, %,d cells: %.1f s for the whole process (%.1f s the job's own), peak RSS %,d MB%n",
                    loaded.events(), loaded.cells(), backfill.wallSeconds(), loaded.seconds(), backfill.peakRssMb());
            results.add(result);
        }
        ObjectNode summary = Runs.summary(results);
        summary.put("input", input.toString());
        return summary;
    }

    static String table(ObjectNode backfill) {
        StringBuilder out = new StringBuilder(String.format(
                "%-28s %10s %11s %9s %9s %12s %9s  %s%n",
                "backfill (" + backfill.path("runs").size() + " runs)",
                "events",
                "cells",
                "wall s",
                "job s",
                "cells/s",
                "peak MB",
                "load at start"));
        int run = 1;
        for (JsonNode result : backfill.path("runs")) {
            out.append(row("run " + run++, result));
        }
        if (backfill.path("runs").size() > 1) {
            out.append(row("median", backfill.path("median")));
        }
        return out.toString();
    }

    private static String row(String label, JsonNode result) {
        return String.format(
                "%-28s %,10d %,11d %9.1f %9.1f %,12.0f %,9d  %.2f%n",
                label,
                result.path("events").asLong(),
                result.path("cells").asLong(),
                result.path("wall_seconds").asDouble(),
                result.path("job_seconds").asDouble(),
                result.path("cells_per_s_wall").asDouble(),
                result.path("peak_rss_mb").asLong(),
                result.path("load_average_at_start").asDouble());
    }
}
