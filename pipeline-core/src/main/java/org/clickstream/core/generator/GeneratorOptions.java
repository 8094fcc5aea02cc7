package org.clickstream.core.generator;

import java.time.Instant;
import org.clickstream.core.EventTimes;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The generator's settings as command-line options (a picocli mixin), so that {@code scripts/generate}
 * and {@code scripts/produce --generate} take the same options with the same meaning.
 */
public final class GeneratorOptions {
    /** Option names, for commands that reject them when no generator is used. */
    public static final String[] NAMES = {"--seed", "--start", "--events-per-minute", "--remove-share"};

    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    @Option(
            names = "--seed",
            paramLabel = "S",
            defaultValue = "42",
            description = "Random seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(
            names = "--start",
            paramLabel = "TIME",
            description = "Event time of the first event, e.g. '2020-09-24 11:57:06 UTC' "
                    + "(default: the data set's first event).")
    String start;

    @Option(
            names = "--events-per-minute",
            paramLabel = "R",
            defaultValue = "100",
            description = "How fast event time advances, in events per minute (default: ${DEFAULT-VALUE}).")
    double eventsPerMinute;

    @Option(
            names = "--remove-share",
            paramLabel = "P",
            defaultValue = "0",
            description =
                    "Share of remove_from_cart events, 0..1 (default: ${DEFAULT-VALUE}, as in the electronics data set).")
    double removeShare;

    /** The settings the options describe; a usage error (exit code 2) when they are out of range. */
    public EventGenerator.Settings settings() {
        Instant first = EventGenerator.DEFAULT_START;
        if (start != null) {
            first = EventTimes.parse(start)
                    .orElseThrow(() -> new CommandLine.ParameterException(
                            spec.commandLine(), "--start must look like '2020-09-24 11:57:06 UTC': " + start));
        }
        try {
            return EventGenerator.Settings.defaults()
                    .withSeed(seed)
                    .withStart(first)
                    .withEventsPerMinute(eventsPerMinute)
                    .withRemoveShare(removeShare);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
    }
}
