package org.clickstream.core.generator;

import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.Callable;
import org.clickstream.core.EventTimes;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code scripts/generate}: writes a CSV file of generated events in the data set's layout. */
@Command(name = "generate", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Writes generated e-commerce events as CSV in the Kaggle layout (seeded, reproducible).")
public final class GenerateCommand implements Callable<Integer> {

    @Option(names = "--rows", required = true, description = "Number of rows to write.")
    long rows;

    @Option(names = {"--output", "-o"}, required = true, description = "CSV file to write (.gz compresses).")
    Path output;

    @Option(names = "--seed", defaultValue = "42", description = "Random seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--start", description = "Event time of the first row, e.g. '2020-09-24 11:57:06 UTC' "
            + "(default: the data set's first event).")
    String start;

    @Option(names = "--events-per-minute", defaultValue = "100",
            description = "How fast event time advances, in events per minute (default: ${DEFAULT-VALUE}).")
    double eventsPerMinute;

    @Option(names = "--remove-share", defaultValue = "0",
            description = "Share of remove_from_cart events, 0..1 (default: ${DEFAULT-VALUE}, as in the electronics data set).")
    double removeShare;

    @Option(names = "--malformed-every", defaultValue = "0",
            description = "Make every n-th row malformed, cycling through every kind of bad row (default: 0 = none).")
    long malformedEvery;

    @Override
    public Integer call() throws Exception {
        if (rows < 0) {
            throw new CommandLine.ParameterException(new CommandLine(this), "--rows must be >= 0");
        }
        EventGenerator.Settings settings = EventGenerator.Settings.defaults()
                .withSeed(seed)
                .withEventsPerMinute(eventsPerMinute)
                .withRemoveShare(removeShare);
        if (start != null) {
            Instant first = EventTimes.parse(start).orElseThrow(() -> new CommandLine.ParameterException(
                    new CommandLine(this), "--start must look like '2020-09-24 11:57:06 UTC': " + start));
            settings = settings.withStart(first);
        }
        long began = System.nanoTime();
        CsvGenerator.Summary summary = CsvGenerator.write(output, new EventGenerator(settings), rows, malformedEvery);
        System.out.printf("wrote %,d rows (%,d valid, %,d malformed) to %s in %.1f s%n",
                summary.rows(), summary.validRows(), summary.malformedRows(), output,
                (System.nanoTime() - began) / 1e9);
        return 0;
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new GenerateCommand()).execute(args));
    }
}
