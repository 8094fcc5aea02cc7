package org.clickstream.processor;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.clickstream.core.hbase.HealthRow;
import org.clickstream.core.hbase.TableLayout;
import org.clickstream.core.testing.HBaseTables;
import org.junit.jupiter.api.Test;

/**
 * Two pipelines on one HBase: in two namespaces each keeps its own exact tables; in one namespace
 * the second refuses, with one line, to overwrite what a live first one writes.
 */
class NamespaceIT extends StackIT {
    @Test
    void aSecondProcessorRefusesALiveOnesNamespaceAndKeepsItsOwnInAnother() throws Exception {
        TableLayout first = TableLayout.of("shop_a");
        TableLayout second = TableLayout.of("shop_b");
        HBaseTables.dropNamespace(hbase, first.namespace());
        HBaseTables.dropNamespace(hbase, second.namespace());
        ProcessorFixture a = ProcessorFixture.load(dir, "shop-a", 3_000, 61);
        ProcessorFixture b = ProcessorFixture.load(dir, "shop-b", 3_000, 67);
        Path checkpointA = dir.resolve("checkpoint-a");
        Path logA = dir.resolve("a.log");
        Process driverA = ProcessorFixture.startProcessor(
                logA,
                Map.of(),
                "--topic",
                a.topic,
                "--namespace",
                first.namespace(),
                "--checkpoint",
                checkpointA.toString(),
                "--trigger",
                "1 second");
        try {
            awaitWhileAlive(driverA, logA, () -> ProcessorFixture.caughtUp(checkpointA, a.topic));

            Path refusedLog = dir.resolve("refused.log");
            Process refused = ProcessorFixture.startProcessor(
                    refusedLog,
                    Map.of(),
                    "--available-now",
                    "--topic",
                    b.topic,
                    "--namespace",
                    first.namespace(),
                    "--checkpoint",
                    dir.resolve("checkpoint-refused").toString());
            assertThat(refused.waitFor(5, TimeUnit.MINUTES)).isTrue();
            assertThat(refused.exitValue()).isEqualTo(1);
            List<String> said = Files.readAllLines(refusedLog).stream()
                    .filter(line -> line.contains("being written by"))
                    .toList();
            assertThat(said).singleElement().asString().contains("namespace shop_a", "topic " + a.topic, "--take-over");

            ProcessorFixture.runToCompletion(
                    dir.resolve("b.log"),
                    Map.of(),
                    "--available-now",
                    "--topic",
                    b.topic,
                    "--namespace",
                    second.namespace(),
                    "--checkpoint",
                    dir.resolve("checkpoint-b").toString(),
                    "--rejects-ttl",
                    "2 days");
            awaitPassingWhileAlive(
                    driverA,
                    logA,
                    () -> HBaseTables.assertAllExact(
                            hbase, first, a.expected, "the first pipeline, beside a refused and a second one"));
        } finally {
            ProcessorFixture.stop(driverA, logA);
        }
        HBaseTables.assertAllExact(hbase, second, b.expected, "the second pipeline in its own namespace");
        assertThat(HBaseTables.rejectsTtl(hbase, second)).isEqualTo(Duration.ofDays(2));
        assertThat(HBaseTables.rejectsTtl(hbase, first)).isEqualTo(TableLayout.DEFAULT_REJECTS_TTL);
        try (var table = hbase.getTable(second.pipeline())) {
            assertThat(HealthRow.read(table.get(HealthRow.get(HealthRow.PROCESSOR)))
                            .topic())
                    .isEqualTo(b.topic);
        }
    }
}
