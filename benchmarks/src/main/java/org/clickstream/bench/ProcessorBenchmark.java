package org.clickstream.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The processor's throughput beside the HBase ceiling for the same rows. Per case: N generated
 * events loaded into a fresh topic, drained by {@code scripts/process --available-now} into a fresh
 * namespace; then every row and cell it left there written again by plain BufferedMutators into
 * another fresh namespace, with nothing else running.
 */
@Command(
        name = "processor",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        usageHelpWidth = 110,
        description =
                "The processor's throughput (scripts/bench-processor): per case N events into a fresh topic, "
                        + "scripts/process --available-now into a fresh namespace, then the HBase ceiling for the same rows and cells.")
final class ProcessorBenchmark implements Callable<Integer> {
    /** The leanest pipeline, as --tables takes it (a constant: option descriptions need one; the processor rejects an unknown name). */
    static final String THREE_TABLES = "metrics_by_minute,metrics_by_brand,metrics_by_brand_minute";

    @Mixin
    CommonOptions common;

    @Mixin
    Options options;

    /** The data's shape (how many events share an event-time minute) and the tables kept. */
    enum Case {
        REAL_THREE(false, false),
        REAL_ALL(false, true),
        DENSE_THREE(true, false),
        DENSE_ALL(true, true);

        final boolean dense;
        final boolean allTables;

        Case(boolean dense, boolean allTables) {
            this.dense = dense;
            this.allTables = allTables;
        }

        String label() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }

        String describe(Options options) {
            return String.format(
                    "%s shape (%s events/min), %s",
                    dense ? "dense" : "real",
                    Numbers.compact(perMinute(options)),
                    allTables ? "every table" : "3 tables");
        }

        double perMinute(Options options) {
            return dense ? options.densePerMinute : options.realPerMinute;
        }

        static final class Converter implements ITypeConverter<Case> {
            @Override
            public Case convert(String value) {
                return Arrays.stream(values())
                        .filter(c -> c.label().equals(value.strip()))
                        .findFirst()
                        .orElseThrow(() -> new IllegalArgumentException("unknown case " + value + "; known: "
                                + Arrays.stream(values()).map(Case::label).collect(Collectors.joining(", "))));
            }
        }
    }

    static final class Options {
        @Option(
                names = "--events",
                paramLabel = "N",
                defaultValue = "1000000",
                description = "Generated events per case and run (default: ${DEFAULT-VALUE}).")
        long events;

        @Option(
                names = "--cases",
                split = ",",
                paramLabel = "CASE",
                converter = Case.Converter.class,
                defaultValue = "real-three,real-all,dense-three,dense-all",
                description = "real-three, real-all, dense-three, dense-all: the data's shape and the tables kept "
                        + "(three: " + THREE_TABLES + "; all: every table) (default: ${DEFAULT-VALUE}).")
        List<Case> cases;

        @Option(
                names = "--real-per-minute",
                paramLabel = "E",
                defaultValue = "4",
                description =
                        "Events per event-time minute of the real shape (the data set: ~3.9) (default: ${DEFAULT-VALUE}).")
        double realPerMinute;

        @Option(
                names = "--dense-per-minute",
                paramLabel = "E",
                defaultValue = "3000000",
                description =
                        "Events per event-time minute of the dense shape (a shop at 50,000 events/s) (default: ${DEFAULT-VALUE}).")
        double densePerMinute;

        @Option(
                names = "--stage-times",
                description =
                        "Also have Spark write its event log and report, per stage, wall time, task time and GC time "
                                + "(where addBatch's time goes; the log costs a little itself).")
        boolean stageTimes;

        @Option(
                names = "--processor-option",
                paramLabel = "OPTION",
                description =
                        "Passed on to scripts/process, e.g. --processor-option=--max-offsets-per-trigger=400000 (repeatable).")
        List<String> processorOptions = new ArrayList<>();
    }

    @Override
    public Integer call() throws Exception {
        return BenchCommand.execute(
                common,
                "processor",
                "bench-processor.json",
                workspace -> measure(workspace, options, common.runs),
                ProcessorBenchmark::table);
    }

    /** {case label: {"runs": [...], "median": {...}}} in the order asked for. */
    /**
     * {case label: {"runs": [...], "median": {...}}} in the order asked for. A case that fails is
     * recorded as {"error": ..., "processor_stats": what the processor wrote before it stopped}, and
     * the next case runs.
     */
    static ObjectNode measure(Workspace workspace, Options options, int runs) throws Exception {
        ObjectNode cases = Workspace.JSON.createObjectNode();
        for (Case c : options.cases) {
            List<ObjectNode> results = new ArrayList<>();
            ObjectNode summary;
            try {
                for (int run = 1; run <= runs; run++) {
                    System.out.printf(
                            "processor, %s, run %d of %d: %,d events%n",
                            c.describe(options), run, runs, options.events);
                    results.add(measureOnce(workspace, options, c, run));
                }
                summary = Runs.summary(results);
            } catch (Exception e) {
                System.out.println("   FAILED: " + e.getMessage());
                summary = Workspace.JSON.createObjectNode().put("error", e.getMessage());
                Path stats = workspace.file(id(c, results.size() + 1) + "-processor.json");
                if (Files.exists(stats)) {
                    summary.set("processor_stats", Workspace.JSON.readTree(stats.toFile()));
                }
            }
            summary.put("description", c.describe(options));
            cases.set(c.label(), summary);
        }
        return cases;
    }

    private static String id(Case c, int run) {
        return c.name().toLowerCase(Locale.ROOT) + "_" + run;
    }

    private static ObjectNode measureOnce(Workspace workspace, Options options, Case c, int run) throws Exception {
        String id = id(c, run);
        ObjectNode result = Workspace.JSON.createObjectNode();
        result.put("events", options.events);
        result.put("events_per_minute", c.perMinute(options));
        result.put("tables", c.allTables ? "all" : THREE_TABLES);
        result.put("load_average_at_start", Workspace.loadAverage());

        String topic = "bench-" + c.label() + "-" + run + "-" + System.currentTimeMillis();
        String namespace = "bench_" + id;
        try {
            Path produced = workspace.file(id + "-producer.json");
            workspace.run(
                    "producer-" + id,
                    "produce",
                    List.of(
                            "--generate",
                            Long.toString(options.events),
                            "--events-per-minute",
                            Numbers.plain(c.perMinute(options)),
                            "--rate",
                            "0",
                            "--topic",
                            topic,
                            "--progress-seconds",
                            "0",
                            "--stats-json",
                            produced.toString()),
                    1800);
            StatsFiles.Producer load = StatsFiles.producer(produced);
            if (load.acknowledged() != options.events) {
                throw new IllegalStateException(
                        "the producer loaded " + load.acknowledged() + " of " + options.events + " events");
            }
            workspace.dropNamespace(namespace);
            result.set("processor", process(workspace, options, c, id, topic, namespace));
        } finally {
            // The next measurement starts from the same Kafka and HBase, whatever happened to this one.
            workspace.deleteTopic(topic);
        }
        try {
            ObjectNode ceiling = ceiling(workspace, namespace, workspace.file("dump-" + id), options.events);
            result.set("hbase", ceiling.remove("hbase"));
            result.set("ceiling", ceiling);
        } finally {
            workspace.dropNamespace(namespace);
        }

        double best = result.path("ceiling").path("best_events_per_s").asDouble();
        ObjectNode ratio = result.putObject("ratio_to_ceiling");
        ratio.put(
                "sustained",
                result.path("processor").path("sustained_events_per_s").asDouble() / best);
        ratio.put("busy", result.path("processor").path("busy_events_per_s").asDouble() / best);
        System.out.printf(
                "   pipeline ÷ ceiling: %.2f (sustained), %.2f (busy)%n",
                ratio.path("sustained").asDouble(), ratio.path("busy").asDouble());
        return result;
    }

    private static ObjectNode process(
            Workspace workspace, Options options, Case c, String id, String topic, String namespace) throws Exception {
        Path checkpoint = workspace.file("checkpoint-" + id);
        Path stats = workspace.file(id + "-processor.json");
        Path batchLog = workspace.file(id + "-batches.jsonl");
        List<String> args = new ArrayList<>(List.of(
                "--available-now",
                "--topic",
                topic,
                "--namespace",
                namespace,
                "--checkpoint",
                checkpoint.toString(),
                "--stats-json",
                stats.toString(),
                "--batch-log",
                batchLog.toString()));
        if (!c.allTables) {
            args.addAll(List.of("--tables", THREE_TABLES));
        }
        args.addAll(options.processorOptions);
        Path eventLog = workspace.file("eventlog-" + id);
        Map<String, String> environment = Map.of();
        if (options.stageTimes) {
            Files.createDirectories(eventLog);
            String inherited = System.getenv().getOrDefault("SPARK_SUBMIT_OPTS", "");
            environment =
                    Map.of("SPARK_SUBMIT_OPTS", (inherited + " " + SparkEventLog.submitOptions(eventLog)).strip());
        }
        Component processor = workspace.run("processor-" + id, "process", args, environment, 3600);

        StatsFiles.Processor summary = StatsFiles.processor(stats);
        StatsFiles.Query metrics = summary.query("metrics");
        List<Offsets.Batch> batches = Offsets.readBatchLog(batchLog, topic);
        CheckpointLog.Span busy = CheckpointLog.of(checkpoint);
        long events = options.events;
        if (metrics.records() != events) {
            throw new IllegalStateException("the processor read " + metrics.records() + " of " + events
                    + " records; see " + processor.logFile());
        }
        double batchSeconds =
                batches.stream().mapToLong(Offsets.Batch::durationMs).sum() / 1000.0;
        // After the first batch (planning, JIT): records over time, so a small last batch weighs as little as it reads.
        List<Offsets.Batch> warm = batches.subList(Math.min(1, batches.size()), batches.size());
        double warmSeconds = warm.stream().mapToLong(Offsets.Batch::durationMs).sum() / 1000.0;
        long warmRecords = warm.stream().mapToLong(Offsets.Batch::records).sum();

        ObjectNode result = Workspace.JSON.createObjectNode();
        result.put("sustained_events_per_s", summary.sustainedRecordsPerSecond());
        result.put("over_batches_events_per_s", events / batchSeconds);
        result.put("warm_events_per_s", warmSeconds == 0 ? 0 : warmRecords / warmSeconds);
        result.put("busy_events_per_s", events / busy.seconds());
        result.put("wall_events_per_s", events / processor.wallSeconds());
        result.put("batch_seconds_sum", batchSeconds);
        result.put("busy_seconds", busy.seconds());
        result.put("wall_seconds", processor.wallSeconds());
        result.put("batches", metrics.batches());
        result.put("batch_ms_median", metrics.batchMillisMedian());
        result.put("batch_ms_p95", metrics.batchMillisP95());
        result.put("batch_ms_max", metrics.batchMillisMax());
        result.put("first_batch_ms", batches.isEmpty() ? 0 : batches.get(0).durationMs());
        result.put("driver_peak_rss_mb", summary.driverPeakRssMb());
        result.put("late_events", metrics.lateEvents());
        result.put("rejects", metrics.rejects());
        // Where the metrics query's time went, summed over its batches (Spark's own breakdown).
        ObjectNode phases = result.putObject("phases_ms_sum");
        phasesSummed(batches).forEach(phases::put);
        result.set("queries", Workspace.JSON.valueToTree(summary.queries()));
        if (options.stageTimes) {
            ObjectNode stages = SparkEventLog.summary(eventLog);
            result.set("spark", stages);
            System.out.printf(
                    "   Spark: tasks ran %,.1f s, of which GC %,.1f s; the slowest stages:%n",
                    stages.path("task_run_ms").asLong() / 1000.0,
                    stages.path("task_gc_ms").asLong() / 1000.0);
            int[] shown = {0};
            stages.path("stages_by_name").fields().forEachRemaining(stage -> {
                if (shown[0]++ < 5) {
                    System.out.printf(
                            "     %-60s %4d stages %6.1f s wall, tasks %6.1f s (GC %.1f s)%n",
                            stage.getKey(),
                            stage.getValue().path("stages").asLong(),
                            stage.getValue().path("wall_ms").asLong() / 1000.0,
                            stage.getValue().path("task_run_ms").asLong() / 1000.0,
                            stage.getValue().path("task_gc_ms").asLong() / 1000.0);
                }
            });
        }
        System.out.printf(
                "   sustained %,.0f events/s (median per batch), %,.0f after the first batch, %,.0f over all batches, "
                        + "%,.0f busy, %,.0f incl. JVM start (%.1f s); batch median %,.0f ms; driver peak RSS %,d MB; %,d late%n",
                summary.sustainedRecordsPerSecond(),
                result.path("warm_events_per_s").asDouble(),
                events / batchSeconds,
                events / busy.seconds(),
                events / processor.wallSeconds(),
                processor.wallSeconds(),
                metrics.batchMillisMedian(),
                summary.driverPeakRssMb(),
                metrics.lateEvents());
        return result;
    }

    private static Map<String, Long> phasesSummed(List<Offsets.Batch> batches) {
        Map<String, Long> sums = new LinkedHashMap<>();
        batches.forEach(batch -> batch.phasesMs().forEach((phase, ms) -> sums.merge(phase, ms, Long::sum)));
        return sums.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder()))
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a, LinkedHashMap::new));
    }

    /**
     * Reads back what the processor left in {@code namespace}, drops it (so HBase holds what it held
     * when the processor started), and writes the same Puts into a fresh namespace: once from one
     * client thread, once from a thread per table.
     */
    static ObjectNode ceiling(Workspace workspace, String namespace, Path dumpDir, long events) throws Exception {
        HBaseCeiling.Dump dump = HBaseCeiling.dump(workspace.hbase(), namespace, dumpDir);
        workspace.dropNamespace(namespace);
        ObjectNode result = Workspace.JSON.createObjectNode();
        ObjectNode hbase = result.putObject("hbase");
        hbase.put("rows", dump.rows());
        hbase.put("cells", dump.cells());
        ObjectNode tables = hbase.putObject("tables");
        for (HBaseCeiling.TableDump table : dump.tables()) {
            tables.putObject(table.table()).put("rows", table.rows()).put("cells", table.cells());
        }
        System.out.printf(
                "   HBase ceiling for the same %,d rows (%,d cells, %d tables):%n",
                dump.rows(), dump.cells(), dump.tables().size());

        String oneThread = namespace + "_c1";
        HBaseCeiling.Write single =
                HBaseCeiling.oneThread(workspace.hbase(), workspace.freshNamespace(oneThread), dump);
        workspace.dropNamespace(oneThread);
        String perTable = namespace + "_ct";
        HBaseCeiling.Write parallel = HBaseCeiling.threadPerTable(
                workspace.hbase().getConfiguration(), workspace.freshNamespace(perTable), dump);
        workspace.dropNamespace(perTable);
        try (Stream<Path> files = Files.list(dumpDir)) {
            for (Path file : files.toList()) {
                Files.delete(file);
            }
        }
        Files.delete(dumpDir);

        result.set("one_thread", write(single, events));
        result.set("thread_per_table", write(parallel, events));
        result.put("best_events_per_s", events / Math.min(single.seconds(), parallel.seconds()));
        return result;
    }

    private static ObjectNode write(HBaseCeiling.Write write, long events) {
        ObjectNode result = Workspace.JSON.createObjectNode();
        result.put("threads", write.threads());
        result.put("seconds", write.seconds());
        result.put("rows_per_s", write.rowsPerSecond());
        result.put("cells_per_s", write.cellsPerSecond());
        result.put("events_per_s", events / write.seconds());
        System.out.printf(
                "   %2d thread%s: %.1f s, %,.0f rows/s, %,.0f cells/s = %,.0f events/s%n",
                write.threads(),
                write.threads() == 1 ? " " : "s",
                write.seconds(),
                write.rowsPerSecond(),
                write.cellsPerSecond(),
                events / write.seconds());
        return result;
    }

    static String table(ObjectNode cases) {
        StringBuilder out = new StringBuilder();
        List<Map.Entry<String, JsonNode>> measured = new ArrayList<>();
        cases.fields().forEachRemaining(e -> {
            if (e.getValue().has("error")) {
                out.append(String.format(
                        "%s: FAILED: %s%n",
                        e.getValue().path("description").asText(),
                        e.getValue().path("error").asText().lines().findFirst().orElse("")));
                e.getValue()
                        .path("processor_stats")
                        .path("queries")
                        .forEach(q -> out.append(String.format(
                                "   before it stopped, %s: %,d records in %d batches, median %,.0f records/s, driver peak RSS %,d MB%n",
                                q.path("query").asText(),
                                q.path("records").asLong(),
                                q.path("batches").asInt(),
                                q.path("sustainedRecordsPerSecond").asDouble(),
                                q.path("driverPeakRssMb").asLong())));
            } else {
                measured.add(e);
            }
        });
        out.append(String.format(
                "%-44s %10s %10s %10s %10s %10s %16s %7s%n",
                "processor, events/s (medians of the runs)",
                "sustained",
                "warm",
                "batches",
                "busy",
                "incl. JVM",
                "batch ms med/p95",
                "drv MB"));
        for (Map.Entry<String, JsonNode> e : measured) {
            JsonNode p = e.getValue().path("median").path("processor");
            out.append(String.format(
                    "%-44s %,10.0f %,10.0f %,10.0f %,10.0f %,10.0f %16s %,7d%n",
                    e.getValue().path("description").asText(),
                    p.path("sustained_events_per_s").asDouble(),
                    p.path("warm_events_per_s").asDouble(),
                    p.path("over_batches_events_per_s").asDouble(),
                    p.path("busy_events_per_s").asDouble(),
                    p.path("wall_events_per_s").asDouble(),
                    String.format(
                            "%,.0f/%,.0f",
                            p.path("batch_ms_median").asDouble(),
                            p.path("batch_ms_p95").asDouble()),
                    p.path("driver_peak_rss_mb").asLong()));
        }
        out.append(String.format(
                "%n%-44s %10s %11s %12s %12s %12s %9s %9s%n",
                "HBase ceiling, same rows and cells",
                "rows",
                "cells",
                "1 thread",
                "per table",
                "cells/s (1)",
                "sust. ÷",
                "busy ÷"));
        out.append(String.format(
                "%-44s %10s %11s %12s %12s %12s %9s %9s%n", "", "", "", "events/s", "events/s", "", "best", "best"));
        for (Map.Entry<String, JsonNode> e : measured) {
            JsonNode m = e.getValue().path("median");
            JsonNode ceiling = m.path("ceiling");
            out.append(String.format(
                    "%-44s %,10d %,11d %,12.0f %,12.0f %,12.0f %9.2f %9.2f%n",
                    e.getValue().path("description").asText(),
                    m.path("hbase").path("rows").asLong(),
                    m.path("hbase").path("cells").asLong(),
                    ceiling.path("one_thread").path("events_per_s").asDouble(),
                    ceiling.path("thread_per_table").path("events_per_s").asDouble(),
                    ceiling.path("one_thread").path("cells_per_s").asDouble(),
                    m.path("ratio_to_ceiling").path("sustained").asDouble(),
                    m.path("ratio_to_ceiling").path("busy").asDouble()));
        }
        return out.toString();
    }
}
