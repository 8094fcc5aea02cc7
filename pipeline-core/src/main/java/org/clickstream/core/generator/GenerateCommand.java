package org.clickstream.core.generator;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.clickstream.core.cli.CommandLines;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code scripts/generate}: writes a CSV file of generated events in the data set's layout. */
@Command(
        name = "generate",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = "Writes generated e-commerce events as CSV in the Kaggle layout (seeded, reproducible).")
public final class GenerateCommand implements Callable<Integer> {

    @Option(names = "--rows", required = true, description = "Number of rows to write.")
    long rows;

    @Option(
            names = {"--output", "-o"},
            required = true,
            description = "CSV file to write (.gz compresses).")
    Path output;

    @Spec
    CommandSpec spec;

    @Mixin
    GeneratorOptions generator;

    @Option(
            names = "--malformed-every",
            defaultValue = "0",
            description = "Make every n-th row malformed, cycling through every kind of bad row (default: 0 = none).")
    long malformedEvery;

    @Override
    public Integer call() throws Exception {
        if (rows < 0) {
            throw CommandLines.usage(spec, "--rows must be >= 0");
        }
        long began = System.nanoTime();
        CsvGenerator.Summary summary =
                CsvGenerator.write(output, new EventGenerator(generator.settings()), rows, malformedEvery);
        System.out.printf(
                "wrote %,d rows (%,d valid, %,d malformed) to %s in %.1f s%n",
                summary.rows(),
                summary.validRows(),
                summary.malformedRows(),
                output,
                (System.nanoTime() - began) / 1e9);
        return 0;
    }

    public static void main(String[] args) {
        CommandLines.exit(new GenerateCommand(), args);
    }
}
