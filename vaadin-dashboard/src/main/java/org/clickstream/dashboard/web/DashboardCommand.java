package org.clickstream.dashboard.web;

import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.net.BindException;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code scripts/dashboard}: the live dashboard on http://127.0.0.1:8050, reading HBase only. */
@Command(
        name = "scripts/dashboard",
        sortOptions = false,
        description = "Serves the live clickstream dashboard. It reads the tables of one HBase namespace (never writes)"
                + " and pushes fresh numbers to every open page about once a second.")
public final class DashboardCommand implements Callable<Integer> {

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Option(
            names = {"-h", "--help"},
            usageHelp = true,
            description = "Show this help and exit.")
    boolean help;

    @Mixin
    DashboardOptions options;

    public static void main(String[] args) {
        System.exit(run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args));
    }

    static int run(PrintWriter out, PrintWriter err, String... args) {
        CommandLine commandLine =
                new CommandLine(new DashboardCommand()).setOut(out).setErr(err);
        commandLine.setParameterExceptionHandler((e, ignored) -> {
            e.getCommandLine().getErr().println("error: " + e.getMessage() + " (see --help)");
            return 2;
        });
        return commandLine.execute(args);
    }

    @Override
    public Integer call() throws Exception {
        options.validate(spec.commandLine());
        long started = ManagementFactory.getRuntimeMXBean().getStartTime();
        Dashboard dashboard;
        try {
            dashboard = Dashboard.start(options);
        } catch (IOException e) {
            spec.commandLine()
                    .getErr()
                    .println("error: cannot listen on " + options.host() + ":" + options.port() + ": "
                            + (e.getCause() instanceof BindException bind ? bindProblem(bind) : e.getMessage()));
            return 1;
        }
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            try {
                                dashboard.close();
                            } catch (Exception e) {
                                // exiting anyway
                            }
                        },
                        "dashboard-shutdown"));
        spec.commandLine()
                .getOut()
                .printf(
                        Locale.ROOT,
                        "dashboard on %s (reading %s every %d ms); ready %.1f s after JVM start; Ctrl-C stops it%n",
                        dashboard.uri(),
                        dashboard.describe(),
                        options.refresh().toMillis(),
                        (System.currentTimeMillis() - started) / 1000.0);
        spec.commandLine().getOut().flush();
        dashboard.join();
        return 0;
    }

    private static String bindProblem(BindException bind) {
        return bind.getMessage()
                + (bind.getMessage() != null && bind.getMessage().contains("in use")
                        ? " (another dashboard?); stop it or choose another --port"
                        : "");
    }
}
