package org.clickstream.core.cli;

import java.time.Duration;
import java.time.Instant;
import org.clickstream.core.Durations;
import org.clickstream.core.EventRules;
import org.clickstream.core.EventTimes;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The time limits of {@link EventRules} as command-line options (a picocli mixin), so that the
 * producer and the processor take them with the same names and meaning.
 */
public final class ValidationOptions {
    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    @Option(
            names = "--max-event-time-ahead",
            paramLabel = "DURATION",
            defaultValue = "1 hour",
            description = "Reject events (future_event_time) whose event_time is more than this ahead of the clock "
                    + "(default: ${DEFAULT-VALUE}).")
    String maxAhead;

    @Option(
            names = "--earliest-event-time",
            paramLabel = "TIME",
            defaultValue = "2000-01-01 00:00:00 UTC",
            description = "Reject events (bad_event_time) before this time (default: ${DEFAULT-VALUE}).")
    String earliest;

    /** The rules the options describe; a usage error (exit code 2) when they do not parse. */
    public EventRules rules() {
        Instant floor = EventTimes.parse(earliest)
                .orElseThrow(() -> new CommandLine.ParameterException(
                        spec.commandLine(),
                        "--earliest-event-time must look like '2000-01-01 00:00:00 UTC': " + earliest));
        Duration ahead;
        try {
            ahead = Durations.parse(maxAhead);
            return EventRules.of(floor, ahead);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--max-event-time-ahead: " + e.getMessage());
        }
    }
}
