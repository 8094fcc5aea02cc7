package org.clickstream.processor;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.Callable;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.hbase.client.Admin;
import org.apache.hadoop.hbase.client.Connection;
import org.apache.hadoop.hbase.client.ConnectionFactory;
import org.apache.hadoop.hbase.client.Table;
import org.apache.spark.sql.SparkSession;
import org.clickstream.core.Endpoints;
import org.clickstream.core.EventTimes;
import org.clickstream.core.cli.CommandLines;
import org.clickstream.core.cli.ValidationOptions;
import org.clickstream.core.hbase.HBaseConnections;
import org.clickstream.core.hbase.HealthRow;
import org.clickstream.core.hbase.TableLayout;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code scripts/backfill}: a whole file into every table through HBase's bulk load, then the stream takes over. */
@Command(
        name = "scripts/backfill",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        usageHelpWidth = 110,
        description = {
            "Loads a CSV file of events into every table of the contract at once: the stream's own aggregation over",
            "the file as one batch, written as HFiles and bulk-loaded. It prints the --events-from with which",
            "scripts/process then continues (the stream skips what the backfill wrote and adds to its totals)."
        },
        footer = {"", "Exit status: 0 when loaded, 1 on a failure, 2 on a usage error."})
public final class BackfillCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(
            names = "--input",
            required = true,
            paramLabel = "FILE|URI",
            description = "CSV file in the data set's layout (.gz: gzip).")
    String input;

    @Option(
            names = "--zookeeper",
            paramLabel = "HOST:PORT",
            description = "HBase's ZooKeeper (default: $HBASE_ZOOKEEPER or 127.0.0.1:2181).")
    String zookeeper = Endpoints.hbaseZookeeper();

    @Option(
            names = "--namespace",
            defaultValue = TableLayout.DEFAULT_NAMESPACE,
            description = "HBase namespace (default: ${DEFAULT-VALUE}).")
    String namespace;

    @Option(
            names = "--until",
            paramLabel = "TIME",
            description =
                    "Leave events at or after this hour to the stream, e.g. '2021-03-01 00:00:00 UTC' (default: the hour after the file's newest event).")
    String until;

    @Option(
            names = "--session-gap",
            defaultValue = "30 minutes",
            description = "As the processor's (default: ${DEFAULT-VALUE}).")
    String sessionGap;

    @Option(
            names = "--tables",
            defaultValue = Outputs.ALL,
            paramLabel = "all|T1,T2,...",
            description = "As the processor's (default: ${DEFAULT-VALUE}).")
    String tables;

    @Option(
            names = "--staging",
            paramLabel = "DIR|URI",
            description =
                    "Where the HFiles are written before HBase moves them into its regions: on HBase's own file system "
                            + "(default: a new folder in the system's temporary folder).")
    String staging;

    @Option(
            names = "--rejects-ttl",
            defaultValue = "7 days",
            description = "As the processor's, when this run creates the tables (default: ${DEFAULT-VALUE}).")
    String rejectsTtl;

    @Option(names = "--take-over", description = "Load even when a live processor writes the namespace.")
    boolean takeOver;

    @Option(names = "--stats-json", paramLabel = "FILE", description = "Also write the summary as JSON.")
    Path statsJson;

    @Mixin
    ValidationOptions validation;

    @Override
    public Integer call() throws Exception {
        BackfillSettings settings = settings();
        Configuration hbase = HBaseConnections.configuration(settings.zookeeper());
        HBaseConnections.requireZooKeeperListening(hbase);
        try (Connection connection = ConnectionFactory.createConnection(hbase);
                Admin admin = connection.getAdmin()) {
            settings.layout().createMissing(admin, settings.rejectsTtl());
            if (!settings.takeOver()) {
                try (Table pipeline = connection.getTable(settings.layout().pipeline())) {
                    Ownership.check(
                            HealthRow.read(pipeline.get(HealthRow.get(HealthRow.PROCESSOR))),
                            null,
                            settings.layout().namespace(),
                            System.currentTimeMillis());
                }
            }
        }
        SparkSession spark = SparkSessions.configure(SparkSession.builder(), 2, SparkSessions.HDFS_STATE_STORE)
                .appName("clickstream-backfill")
                // The cached events and groups are read a few times, each soon after it is built:
                // compressing them (dictionaries, run lengths) cost more CPU than reading them back
                // saved (docs/BENCHMARKS.md, the backfill's profile).
                .config("spark.sql.inMemoryColumnarStorage.compressed", false)
                .getOrCreate();
        BackfillJob.Result result = BackfillJob.run(spark, settings, hbase);
        spark.stop();
        report(result, settings);
        return 0;
    }

    private void report(BackfillJob.Result result, BackfillSettings settings) throws java.io.IOException {
        var out = spec.commandLine().getOut();
        out.printf(
                "loaded %,d events (%,d cells) into namespace %s in %.1f s; %,d rows rejected%s%s%n",
                result.events(),
                result.cells(),
                settings.layout().namespace(),
                result.took().toMillis() / 1000.0,
                result.rejects().values().stream().mapToLong(Long::longValue).sum(),
                result.rejects().isEmpty()
                        ? ""
                        : " ("
                                + String.join(
                                        ", ",
                                        result.rejects().entrySet().stream()
                                                .map(e -> e.getKey().code() + " " + e.getValue())
                                                .toList())
                                + ")",
                result.skipped() == 0
                        ? ""
                        : String.format(
                                "; %,d events at or after %s left to the stream",
                                result.skipped(), EventTimes.format(result.until())));
        out.printf(
                "continue the stream with: scripts/process --namespace %s --events-from '%s'%n",
                settings.layout().namespace(), EventTimes.format(result.until()));
        if (settings.statsJson() != null) {
            ObjectNode json = new ObjectMapper()
                    .createObjectNode()
                    .put("events", result.events())
                    .put("cells", result.cells())
                    .put("skipped", result.skipped())
                    .put("until", EventTimes.format(result.until()))
                    .put("seconds", result.took().toMillis() / 1000.0);
            ObjectNode rejects = json.putObject("rejected_by_reason");
            result.rejects().forEach((reason, count) -> rejects.put(reason.code(), count));
            Files.writeString(
                    settings.statsJson(),
                    new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(json));
        }
    }

    BackfillSettings settings() {
        Instant untilTime = null;
        if (until != null) {
            untilTime = EventTimes.parse(until)
                    .orElseThrow(() -> usage("--until must look like '2021-03-01 00:00:00 UTC': " + until));
            if (!untilTime.truncatedTo(ChronoUnit.HOURS).equals(untilTime)) {
                throw usage(
                        "--until must be the start of an hour (no minute or hour may be split between backfill and stream): "
                                + until);
            }
        }
        try {
            Duration gap = CommandLines.positiveDuration(spec, "--session-gap", sessionGap);
            Duration ttl = CommandLines.positiveDuration(spec, "--rejects-ttl", rejectsTtl);
            return new BackfillSettings(
                    input,
                    zookeeper,
                    TableLayout.of(namespace),
                    untilTime,
                    gap,
                    validation.rules(),
                    Instant.now(),
                    Outputs.parse(tables),
                    staging != null
                            ? staging
                            : Path.of(
                                            System.getProperty("java.io.tmpdir"),
                                            "clickstream-backfill-" + System.currentTimeMillis())
                                    .toUri()
                                    .toString(),
                    ttl,
                    takeOver,
                    statsJson);
        } catch (IllegalArgumentException e) {
            throw usage(e.getMessage());
        }
    }

    private ParameterException usage(String message) {
        return CommandLines.usage(spec, message);
    }

    public static void main(String[] args) {
        CommandLines.exit(new BackfillCommand(), args);
    }
}
