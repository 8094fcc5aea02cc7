package org.clickstream.bench;

import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.function.Function;
import org.clickstream.core.cli.CommandLines;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The benchmarks' one entry point: {@code all} is scripts/bench, {@code processor},
 * {@code backfill} and {@code producer} its parts on their own (scripts/bench-processor, ...).
 * Each writes its results as JSON and prints them as a table.
 */
@Command(
        name = "bench",
        mixinStandardHelpOptions = true,
        usageHelpWidth = 110,
        subcommands = {
            PipelineBenchmark.class,
            ProcessorBenchmark.class,
            BackfillBenchmark.class,
            ProducerBenchmark.class
        },
        description = "Benchmarks of the pipeline, run against a stack of their own with the real scripts.")
public final class BenchCommand implements Runnable {
    @Spec
    CommandSpec spec;

    /** The repository: the scripts run from its root, as a user runs them. */
    static final Path ROOT = Path.of("").toAbsolutePath();

    interface Measurement {
        ObjectNode measure(Workspace workspace) throws Exception;
    }

    /** Runs a measurement in a workspace, writes {"machine": ..., key: results} to the results file and prints the table; 1 when a part failed. */
    static int execute(
            CommonOptions common,
            String key,
            String defaultJson,
            Measurement measurement,
            Function<ObjectNode, String> table)
            throws Exception {
        common.validate();
        ObjectNode results = Workspace.JSON.createObjectNode();
        results.set("machine", Workspace.machine());
        try (Workspace workspace = new Workspace(ROOT, common.workDir)) {
            results.set(key, measurement.measure(workspace));
        }
        Workspace.JSON
                .writer()
                .with(SerializationFeature.INDENT_OUTPUT)
                .writeValue(common.json(defaultJson).toFile(), results);
        System.out.println();
        System.out.println(table.apply((ObjectNode) results.get(key)));
        System.out.println("results: " + common.json(defaultJson).toAbsolutePath());
        // A part of scripts/bench that failed is recorded and the others ran; the exit status still says so.
        return results.get(key).findValue("error") == null ? 0 : 1;
    }

    @Override
    public void run() {
        throw CommandLines.usage(spec, "name a benchmark: all, processor, backfill or producer");
    }

    public static void main(String[] args) {
        CommandLines.exit(new BenchCommand(), args);
    }
}
