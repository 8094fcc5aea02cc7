package org.clickstream.core.cli;

import java.time.Duration;
import java.util.function.Function;
import org.clickstream.core.Durations;
import picocli.CommandLine;

/**
 * How every entry point of the project treats its command line: a usage error is one line on
 * stderr ({@code error: ... (see --help)}) and exit status 2; a failure is one line
 * ({@code error: ...}) and exit status 1; success is 0.
 */
public final class CommandLines {

    private CommandLines() {}

    /** The command with the project's error handling, failures described by {@link #describe}. */
    public static CommandLine of(Object command) {
        return of(command, CommandLines::describe);
    }

    /** As {@link #of(Object)}, with a command's own way of describing its failures in one line. */
    public static CommandLine of(Object command, Function<Exception, String> describer) {
        CommandLine commandLine = new CommandLine(command);
        commandLine.setParameterExceptionHandler((e, args) -> {
            e.getCommandLine()
                    .getErr()
                    .println("error: " + e.getMessage().replaceFirst("^Error: ", "") + " (see --help)");
            return CommandLine.ExitCode.USAGE;
        });
        commandLine.setExecutionExceptionHandler((e, cl, parsed) -> {
            cl.getErr().println("error: " + describer.apply(e));
            return CommandLine.ExitCode.SOFTWARE;
        });
        return commandLine;
    }

    /** Runs the command and exits the JVM with its status (client threads must not keep a finished command alive). */
    public static void exit(Object command, String[] args) {
        System.exit(of(command).execute(args));
    }

    /** A usage error of {@code command} (exit status 2), e.g. an option value out of range. */
    public static CommandLine.ParameterException usage(CommandLine.Model.CommandSpec spec, String message) {
        return new CommandLine.ParameterException(spec.commandLine(), message);
    }

    /** A duration option ({@link Durations}: '30 minutes', 'PT30M') that must be positive; else a usage error. */
    public static Duration positiveDuration(CommandLine.Model.CommandSpec spec, String option, String text) {
        try {
            Duration duration = Durations.parse(text);
            if (duration.isNegative() || duration.isZero()) {
                throw new IllegalArgumentException("must be positive: " + text);
            }
            return duration;
        } catch (IllegalArgumentException e) {
            throw usage(spec, option + ": " + e.getMessage());
        }
    }

    /** The innermost cause's type and message: what went wrong, without the wrapping layers. */
    public static String describe(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null
                ? root.getClass().getSimpleName()
                : root.getClass().getSimpleName() + ": " + root.getMessage();
    }
}
