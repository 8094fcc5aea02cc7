package org.clickstream.processor;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.clickstream.core.hbase.MetricTable;
import org.clickstream.core.hbase.TableLayout;
import org.clickstream.core.testing.HBaseTables;
import org.clickstream.core.testing.ListeningSockets;
import org.junit.jupiter.api.Test;

/**
 * Replay safety: the driver is killed with SIGKILL at three moments (a micro-batch in flight; a
 * batch written to HBase but not yet committed; idle), restarted from the same checkpoint, and the
 * tables end up exactly equal to the independent computation. A second run over the same topic with
 * a fresh checkpoint into emptied tables writes every value again, the same.
 */
class ReplayIT extends StackIT {
    @Test
    void killedMidBatchThenRestartedAndRerunFromScratchGivesExactTables() throws Exception {
        ProcessorFixture data = ProcessorFixture.load(dir, "replay-mid-batch", 10_000, 23);
        HBaseTables.createEmpty(hbase);
        Path checkpoint = dir.resolve("checkpoint");
        Process driver = stream(data, checkpoint, dir.resolve("killed.log"), Map.of());
        // Mid-batch: at least two batches committed, and the next one planned (offsets logged) but not committed.
        awaitWhileAlive(
                driver,
                dir.resolve("killed.log"),
                () -> ProcessorFixture.batches(checkpoint, "commits") >= 2
                        && ProcessorFixture.batches(checkpoint, "offsets")
                                > ProcessorFixture.batches(checkpoint, "commits"));
        kill(driver);
        assertThat(ProcessorFixture.caughtUp(checkpoint, data.topic))
                .as("killed before the end of the topic")
                .isFalse();

        restartAndAssertExact(data, checkpoint);
        // From nothing again: empty tables, a new checkpoint over the same topic: the same values.
        HBaseTables.createEmpty(hbase);
        ProcessorFixture.runToCompletion(
                dir.resolve("fresh.log"),
                Map.of(),
                "--available-now",
                "--topic",
                data.topic,
                "--checkpoint",
                dir.resolve("fresh-checkpoint").toString());
        data.assertTablesExact(hbase, "a second run with a fresh checkpoint into empty tables");
    }

    @Test
    void killedAfterABatchIsWrittenButBeforeItIsCommittedAndThenWhileIdleGivesExactTables() throws Exception {
        ProcessorFixture data = ProcessorFixture.load(dir, "replay-before-commit", 6_000, 29);
        HBaseTables.createEmpty(hbase);
        Path checkpoint = dir.resolve("checkpoint");
        Path log = dir.resolve("killed.log");
        Process driver = stream(
                data, checkpoint, log, Map.of("SPARK_SUBMIT_OPTS", "-D" + FaultInjection.PAUSE_AFTER_WRITE + "=30000"));
        // Batch 0 is written to HBase and then held before its commit: kill it there.
        awaitWhileAlive(driver, log, () -> Files.readString(log).contains("batch 0 written, pausing"));
        assertThat(ProcessorFixture.batches(checkpoint, "commits")).isZero();
        assertThat(HBaseTables.countRows(hbase, TableLayout.defaultLayout().table(MetricTable.BRAND)))
                .isPositive();
        kill(driver);

        // Restarted from the checkpoint, it runs batch 0 again and goes on until it is idle: every
        // record of the topic committed, and no batch planned or committed for two seconds (after
        // the last data batch Spark may run a no-data batch for the watermark: that one too). Killed there.
        Path idleLog = dir.resolve("killed-idle.log");
        Process restarted = stream(data, checkpoint, idleLog, Map.of());
        awaitWhileAlive(
                restarted,
                idleLog,
                () -> ProcessorFixture.caughtUp(checkpoint, data.topic) && idleForTwoSeconds(checkpoint));
        // While it runs: the driver's ports (RPC, block manager) are on loopback only.
        assertThat(ListeningSockets.of(restarted.pid())).isNotEmpty().allMatch(ListeningSockets.Socket::isLoopback);
        kill(restarted);

        restartAndAssertExact(data, checkpoint);
    }

    /** The processor, streaming with small batches so that a run has many. */
    private Process stream(ProcessorFixture data, Path checkpoint, Path log, Map<String, String> env) throws Exception {
        return ProcessorFixture.startProcessor(
                log,
                env,
                "--topic",
                data.topic,
                "--checkpoint",
                checkpoint.toString(),
                "--max-offsets-per-trigger",
                "2000",
                "--trigger",
                "0");
    }

    private static boolean idleForTwoSeconds(Path checkpoint) throws Exception {
        long committed = ProcessorFixture.batches(checkpoint, "commits");
        if (ProcessorFixture.batches(checkpoint, "offsets") != committed) {
            return false;
        }
        Thread.sleep(2_000);
        return ProcessorFixture.batches(checkpoint, "commits") == committed
                && ProcessorFixture.batches(checkpoint, "offsets") == committed;
    }

    private static void kill(Process driver) throws InterruptedException {
        driver.destroyForcibly();
        assertThat(driver.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(driver.exitValue()).as("killed by SIGKILL").isEqualTo(128 + 9);
    }

    /** Restarted without a batch limit: the batch planned before the kill is replayed as planned, the rest is one batch. */
    private void restartAndAssertExact(ProcessorFixture data, Path checkpoint) throws Exception {
        ProcessorFixture.runToCompletion(
                dir.resolve("restarted.log"),
                Map.of(),
                "--available-now",
                "--topic",
                data.topic,
                "--checkpoint",
                checkpoint.toString());
        data.assertTablesExact(hbase, "the restart from the checkpoint");
    }
}
