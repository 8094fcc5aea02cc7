package org.clickstream.dashboard.web;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.clickstream.core.Endpoints;
import org.clickstream.core.hbase.TableLayout;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/** The command line of {@code scripts/dashboard}, checked before anything starts. */
public final class DashboardOptions {
    private static final Pattern ZOOKEEPER = Pattern.compile("([^,:\\s]+(?:,[^,:\\s]+)*)(?::(\\d{1,5}))?");

    @Option(
            names = "--host",
            defaultValue = "127.0.0.1",
            paramLabel = "ADDRESS",
            description = "Address to listen on (default: ${DEFAULT-VALUE}; 0.0.0.0 for every interface).")
    String host;

    @Option(
            names = "--port",
            defaultValue = "8050",
            paramLabel = "PORT",
            description = "Port to listen on (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(
            names = "--zookeeper",
            paramLabel = "HOST:PORT",
            description =
                    "HBase's ZooKeeper quorum, host:port or host1,host2:port (default: $HBASE_ZOOKEEPER, else 127.0.0.1:2181).")
    String zookeeper = Endpoints.hbaseZookeeper();

    @Option(
            names = "--namespace",
            defaultValue = TableLayout.DEFAULT_NAMESPACE,
            paramLabel = "NS",
            description = "HBase namespace of the tables, as the processor's --namespace (default: ${DEFAULT-VALUE}).")
    String namespace;

    @Option(
            names = "--refresh-ms",
            defaultValue = "1000",
            paramLabel = "MS",
            description = "How often the tables are read and pages updated (default: ${DEFAULT-VALUE}).")
    long refreshMillis;

    @Option(
            names = "--stale-after-s",
            defaultValue = "30",
            paramLabel = "SECONDS",
            description = "Warn when the processor's last batch is older than this (default: ${DEFAULT-VALUE}).")
    long staleAfterSeconds;

    public String host() {
        return host;
    }

    public int port() {
        return port;
    }

    public String zookeeper() {
        return zookeeper;
    }

    public TableLayout layout() {
        return TableLayout.of(namespace);
    }

    public Duration refresh() {
        return Duration.ofMillis(refreshMillis);
    }

    public Duration staleAfter() {
        return Duration.ofSeconds(staleAfterSeconds);
    }

    /** Throws a {@link CommandLine.ParameterException} (a usage error) for the first bad value. */
    void validate(CommandLine commandLine) {
        if (port < 0 || port > 65_535) {
            throw new CommandLine.ParameterException(commandLine, "--port must be 0..65535, not " + port);
        }
        if (refreshMillis < 100) {
            throw new CommandLine.ParameterException(commandLine, "--refresh-ms must be at least 100");
        }
        if (staleAfterSeconds < 1) {
            throw new CommandLine.ParameterException(commandLine, "--stale-after-s must be at least 1");
        }
        try {
            TableLayout.of(namespace);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(commandLine, "--namespace: " + e.getMessage());
        }
        Matcher matcher = ZOOKEEPER.matcher(zookeeper);
        if (!matcher.matches() || (matcher.group(2) != null && !validPort(matcher.group(2)))) {
            throw new CommandLine.ParameterException(
                    commandLine, "--zookeeper must be host:port or host1,host2:port, not '" + zookeeper + "'");
        }
        for (String quorumHost : matcher.group(1).split(",")) {
            try {
                InetAddress.getByName(quorumHost);
            } catch (UnknownHostException e) {
                throw new CommandLine.ParameterException(
                        commandLine, "unknown host '" + quorumHost + "' in --zookeeper " + zookeeper);
            }
        }
    }

    private static boolean validPort(String digits) {
        int value = Integer.parseInt(digits);
        return value >= 1 && value <= 65_535;
    }
}
