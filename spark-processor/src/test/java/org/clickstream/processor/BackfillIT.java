package org.clickstream.processor;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.clickstream.core.EventTimes;
import org.clickstream.core.generator.CsvGenerator;
import org.clickstream.core.generator.EventGenerator;
import org.clickstream.core.hbase.TableLayout;
import org.clickstream.core.testing.ExpectedMetrics;
import org.clickstream.core.testing.HBaseTables;
import org.clickstream.core.testing.LocalStack;
import org.clickstream.core.testing.MetricAssertions;
import org.junit.jupiter.api.Test;

/**
 * scripts/backfill against the real HBase: a file bulk-loaded holds exactly what the independent
 * computation says (every session closed at the end of the file), the same rows as the stream
 * writes for the same file; and a stream started with the --events-from the backfill prints
 * continues its tables without counting anything twice.
 */
class BackfillIT extends StackIT {

    @Test
    void aBackfilledFileHoldsWhatTheStreamWritesAndTheStreamTakesOverWithoutCountingTwice() throws Exception {
        // The data set's shape: four events a minute.
        Path csv = dir.resolve("events.csv");
        CsvGenerator.write(
                csv,
                new EventGenerator(EventGenerator.Settings.defaults()
                        .withSeed(71)
                        .withEventsPerMinute(4)
                        .withRemoveShare(0.02)),
                8_000,
                101);
        TableLayout loaded = TableLayout.of("backfilled");
        TableLayout streamed = TableLayout.of("streamed");
        HBaseTables.dropNamespace(hbase, loaded.namespace());
        HBaseTables.createEmpty(hbase, streamed);

        backfill(
                dir.resolve("backfill.log"),
                "--input",
                csv.toString(),
                "--namespace",
                loaded.namespace(),
                "--stats-json",
                dir.resolve("backfill.json").toString());
        ExpectedMetrics everySessionClosed =
                ExpectedMetrics.of(csv, ExpectedMetrics.Settings.defaults().withAllSessionsClosed());
        HBaseTables.assertAllExact(hbase, loaded, everySessionClosed, "a backfilled file");
        assertThat(new ObjectMapper()
                        .readTree(dir.resolve("backfill.json").toFile())
                        .path("events")
                        .asLong())
                .isEqualTo(everySessionClosed.validRows);

        // The same file through Kafka and the stream: the same rows; only the sessions differ, as they
        // should: the stream still holds its last ones open (its watermark has not passed them).
        String topic = ProcessorFixture.sendFile(csv, "backfill-same");
        ProcessorFixture.runToCompletion(
                dir.resolve("stream.log"),
                Map.of(),
                "--available-now",
                "--topic",
                topic,
                "--namespace",
                streamed.namespace(),
                "--checkpoint",
                dir.resolve("checkpoint-same").toString());
        for (String table : ExpectedMetrics.COUNTER_TABLES) {
            if (!table.equals(ExpectedMetrics.SESSIONS)) {
                MetricAssertions.assertSameMetrics(
                        "stream and backfill: " + table,
                        HBaseTables.readCounters(hbase, streamed.table(table)),
                        HBaseTables.readCounters(hbase, loaded.table(table)));
            }
        }
        assertThat(HBaseTables.readLeaderboards(hbase, streamed))
                .isEqualTo(HBaseTables.readLeaderboards(hbase, loaded));
        assertThat(HBaseTables.readCounters(hbase, streamed.table(ExpectedMetrics.SESSIONS)))
                .isEqualTo(ExpectedMetrics.of(csv).table(ExpectedMetrics.SESSIONS))
                .isNotEmpty();
    }

    @Test
    void theStreamContinuesFromTheHourTheBackfillEndsAt() throws Exception {
        Path csv = dir.resolve("events.csv");
        CsvGenerator.write(
                csv,
                new EventGenerator(
                        EventGenerator.Settings.defaults().withSeed(73).withEventsPerMinute(4)),
                6_000,
                0);
        List<String> lines = Files.readAllLines(csv);
        Instant handOver = EventTimes.parse(lines.get(lines.size() / 2).split(",")[0])
                .orElseThrow()
                .truncatedTo(java.time.temporal.ChronoUnit.HOURS);
        // Before the hour, and after a quiet hour: no session spans the hand-over.
        List<String> before = new ArrayList<>(List.of(lines.get(0)));
        List<String> after = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            Instant time = EventTimes.parse(line.split(",")[0]).orElseThrow();
            if (time.isBefore(handOver)) {
                before.add(line);
            } else if (!time.isBefore(handOver.plusSeconds(3_600))) {
                after.add(line);
            }
        }
        Path first = dir.resolve("first.csv");
        Path whole = dir.resolve("whole.csv");
        Files.write(first, before);
        List<String> all = new ArrayList<>(before);
        all.addAll(after);
        Files.write(whole, all);
        TableLayout tables = TableLayout.of("handover");
        HBaseTables.dropNamespace(hbase, tables.namespace());

        String printed = backfill(
                dir.resolve("backfill.log"),
                "--input",
                first.toString(),
                "--namespace",
                tables.namespace(),
                "--until",
                EventTimes.format(handOver));
        assertThat(printed).contains("--events-from '" + EventTimes.format(handOver) + "'");
        // The topic holds everything (history and new events alike): the stream skips what the backfill has.
        String topic = ProcessorFixture.sendFile(whole, "backfill-handover");
        Path stats = dir.resolve("stream.json");
        ProcessorFixture.runToCompletion(
                dir.resolve("stream.log"),
                Map.of(),
                "--available-now",
                "--topic",
                topic,
                "--namespace",
                tables.namespace(),
                "--checkpoint",
                dir.resolve("checkpoint").toString(),
                "--events-from",
                EventTimes.format(handOver),
                "--stats-json",
                stats.toString());

        HBaseTables.assertAllExact(hbase, tables, ExpectedMetrics.of(whole), "a backfill continued by the stream");
        assertThat(new ObjectMapper()
                        .readTree(stats.toFile())
                        .path("queries")
                        .get(0)
                        .path("skipped")
                        .asLong())
                .isEqualTo(before.size() - 1);
    }

    @Test
    void anUnreachableHBaseEndsTheBackfillAtOnceWithALineNamingIt() throws Exception {
        Path csv = dir.resolve("one.csv");
        Files.write(
                csv,
                Files.readAllLines(LocalStack.repositoryRoot().resolve("data/sample-events.csv"))
                        .subList(0, 3));
        Path log = dir.resolve("unreachable.log");
        Process process = start(log, "--input", csv.toString(), "--zookeeper", "127.0.0.1:1");
        assertThat(process.waitFor(2, TimeUnit.MINUTES)).isTrue();
        assertThat(process.exitValue()).isNotZero();
        assertThat(Files.readString(log)).contains("no ZooKeeper of HBase answers at 127.0.0.1:1");
    }

    /** Runs scripts/backfill, asserting exit status 0; returns what it printed. */
    private static String backfill(Path log, String... options) throws Exception {
        Process process = start(log, options);
        assertThat(process.waitFor(10, TimeUnit.MINUTES)).isTrue();
        assertThat(process.exitValue())
                .as("backfill exit; log:%n%s", ProcessorFixture.tail(log))
                .isZero();
        return Files.readString(log);
    }

    private static Process start(Path log, String... options) throws Exception {
        List<String> command = new ArrayList<>(
                List.of(LocalStack.repositoryRoot().resolve("scripts/backfill").toString()));
        command.addAll(List.of(options));
        ProcessBuilder builder =
                new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(ProcessorFixture.withQuickJit(Map.of()));
        return builder.start();
    }
}
