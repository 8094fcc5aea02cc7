package org.clickstream.processor;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.hadoop.hbase.client.Connection;
import org.clickstream.core.Endpoints;
import org.clickstream.core.HBaseConnections;
import org.clickstream.core.testing.HBaseTables;
import org.clickstream.core.testing.LocalStack;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Replay safety: the driver is killed with SIGKILL while a micro-batch is in flight, restarted from
 * the same checkpoint, and the tables end up exactly equal to the independent computation; a second
 * run over the same topic with a fresh checkpoint leaves every value as it was.
 */
class ReplayIT {
    private static Connection hbase;

    @TempDir
    Path dir;

    @BeforeAll
    static void connect() throws IOException {
        LocalStack.ensureRunning();
        hbase = HBaseConnections.connect(Endpoints.hbaseZookeeper());
    }

    @AfterAll
    static void close() throws IOException {
        hbase.close();
    }

    @Test
    void killedMidBatchThenRestartedAndRerunFromScratchGivesExactTables() throws Exception {
        ProcessorFixture data = ProcessorFixture.load(dir, "replay-it", 40_000, 23);
        HBaseTables.createEmpty(hbase);
        Path checkpoint = dir.resolve("checkpoint");

        Process driver = ProcessorFixture.startProcessor(dir.resolve("killed.log"), Map.of(), "--topic", data.topic,
                "--checkpoint", checkpoint.toString(), "--max-offsets-per-trigger", "2000", "--trigger", "0");
        long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
        // Mid-batch: at least two batches committed, and the next one planned (offsets logged) but not committed.
        while (!(batches(checkpoint, "commits") >= 2 && batches(checkpoint, "offsets") > batches(checkpoint, "commits"))) {
            assertThat(driver.isAlive()).as("processor exited early:%n%s", ProcessorFixture.tail(dir.resolve("killed.log"))).isTrue();
            assertThat(System.nanoTime()).as("no batch in flight within 5 minutes").isLessThan(deadline);
            Thread.sleep(20);
        }
        driver.destroyForcibly();
        assertThat(driver.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(driver.exitValue()).as("killed by SIGKILL").isEqualTo(128 + 9);
        long committedWhenKilled = batches(checkpoint, "commits");
        assertThat(committedWhenKilled).as("killed before the end: 40,000 records take 20 batches").isLessThan(15);

        ProcessorFixture.runToCompletion(dir.resolve("restarted.log"), Map.of(), "--available-now", "--topic", data.topic,
                "--checkpoint", checkpoint.toString(), "--max-offsets-per-trigger", "2000");
        data.assertTablesExact(hbase);

        ProcessorFixture.runToCompletion(dir.resolve("fresh.log"), Map.of(), "--available-now", "--topic", data.topic,
                "--checkpoint", dir.resolve("fresh-checkpoint").toString());
        data.assertTablesExact(hbase);
    }

    /** Batch files in a checkpoint sub-directory ({@code offsets} are planned batches, {@code commits} finished ones). */
    private static long batches(Path checkpoint, String log) throws IOException {
        Path folder = checkpoint.resolve(log);
        if (!Files.isDirectory(folder)) {
            return 0;
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(f -> f.getFileName().toString().matches("\\d+")).count();
        }
    }
}
