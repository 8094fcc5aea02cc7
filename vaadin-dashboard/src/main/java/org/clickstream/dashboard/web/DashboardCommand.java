package org.clickstream.dashboard.web;

import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.net.BindException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.clickstream.core.Endpoints;
import org.clickstream.dashboard.data.HBaseMetricsSource;
import org.clickstream.dashboard.feed.MetricsFeed;
import org.clickstream.dashboard.view.DashboardView;
import org.clickstream.dashboard.view.TimeWindow;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code scripts/dashboard}: the live dashboard on http://127.0.0.1:8050, reading HBase only. */
@Command(name = "scripts/dashboard", sortOptions = false,
        description = "Serves the live clickstream dashboard. It reads the metric tables from HBase (never writes)"
                + " and pushes fresh numbers to every open page about once a second.")
public final class DashboardCommand implements Callable<Integer> {
    private static final Pattern ZOOKEEPER = Pattern.compile("([^,:\\s]+(?:,[^,:\\s]+)*)(?::(\\d{1,5}))?");

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    boolean help;

    @Option(names = "--host", defaultValue = "127.0.0.1", paramLabel = "ADDRESS",
            description = "Address to listen on (default: ${DEFAULT-VALUE}; 0.0.0.0 for every interface).")
    String host;

    @Option(names = "--port", defaultValue = "8050", paramLabel = "PORT",
            description = "Port to listen on (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--zookeeper", paramLabel = "HOST:PORT",
            description = "HBase's ZooKeeper quorum, host:port or host1,host2:port (default: $HBASE_ZOOKEEPER, else 127.0.0.1:2181).")
    String zookeeper = Endpoints.hbaseZookeeper();

    @Option(names = "--refresh-ms", defaultValue = "1000", paramLabel = "MS",
            description = "How often the tables are read and pages updated (default: ${DEFAULT-VALUE}).")
    long refreshMillis;

    @Option(names = "--stale-after-s", defaultValue = "30", paramLabel = "SECONDS",
            description = "Warn when the processor's last batch is older than this (default: ${DEFAULT-VALUE}).")
    long staleAfterSeconds;

    public static void main(String[] args) {
        System.exit(run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args));
    }

    static int run(PrintWriter out, PrintWriter err, String... args) {
        CommandLine commandLine = new CommandLine(new DashboardCommand()).setOut(out).setErr(err);
        commandLine.setParameterExceptionHandler((e, ignored) -> {
            e.getCommandLine().getErr().println("error: " + e.getMessage() + " (see --help)");
            return 2;
        });
        return commandLine.execute(args);
    }

    @Override
    public Integer call() throws Exception {
        validate();
        long started = ManagementFactory.getRuntimeMXBean().getStartTime();
        HBaseMetricsSource source = new HBaseMetricsSource(zookeeper);
        MetricsFeed feed = new MetricsFeed(source, TimeWindow.MAX_MINUTES, Clock.systemUTC());
        DashboardServer server;
        try {
            server = DashboardServer.start(host, port,
                    new DashboardView.Services(feed, Duration.ofSeconds(staleAfterSeconds), Clock.systemUTC()));
        } catch (IOException e) {
            source.close();
            PrintWriter err = spec.commandLine().getErr();
            if (e.getCause() instanceof BindException bind) {
                err.println("error: cannot listen on " + host + ":" + port + ": " + bind.getMessage()
                        + (bind.getMessage() != null && bind.getMessage().contains("in use")
                                ? " (another dashboard?); stop it or choose another --port" : ""));
            } else {
                err.println("error: cannot listen on " + host + ":" + port + ": " + e.getMessage());
            }
            return 1;
        }
        feed.start(Duration.ofMillis(refreshMillis));
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                server.close();
                feed.close();
                source.close();
            } catch (Exception e) {
                // exiting anyway
            }
        }, "dashboard-shutdown"));
        spec.commandLine().getOut().printf(Locale.ROOT, "dashboard on %s (reading %s every %d ms); ready %.1f s after JVM start; Ctrl-C stops it%n",
                server.uri(), source.describe(), refreshMillis, (System.currentTimeMillis() - started) / 1000.0);
        spec.commandLine().getOut().flush();
        server.join();
        return 0;
    }

    private void validate() {
        if (port < 0 || port > 65_535) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--port must be 0..65535, not " + port);
        }
        if (refreshMillis < 100) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--refresh-ms must be at least 100");
        }
        if (staleAfterSeconds < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--stale-after-s must be at least 1");
        }
        Matcher matcher = ZOOKEEPER.matcher(zookeeper);
        if (!matcher.matches() || (matcher.group(2) != null && !validPort(matcher.group(2)))) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--zookeeper must be host:port or host1,host2:port, not '" + zookeeper + "'");
        }
        for (String quorumHost : matcher.group(1).split(",")) {
            try {
                InetAddress.getByName(quorumHost);
            } catch (UnknownHostException e) {
                throw new CommandLine.ParameterException(spec.commandLine(),
                        "unknown host '" + quorumHost + "' in --zookeeper " + zookeeper);
            }
        }
    }

    private static boolean validPort(String digits) {
        int value = Integer.parseInt(digits);
        return value >= 1 && value <= 65_535;
    }
}
