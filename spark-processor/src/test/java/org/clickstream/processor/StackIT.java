package org.clickstream.processor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import org.apache.hadoop.hbase.client.Connection;
import org.clickstream.core.Endpoints;
import org.clickstream.core.hbase.HBaseConnections;
import org.clickstream.core.testing.LocalStack;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/** What the processor's integration tests share: the real stack, a client of its HBase, a folder per test. */
abstract class StackIT {
    static Connection hbase;

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

    /** A check that may read files or the stack. */
    interface Condition {
        boolean holds() throws Exception;
    }

    /** Waits for the condition, failing with the driver's log if it exits or six minutes pass first. */
    static void awaitWhileAlive(Process driver, Path log, Condition condition) throws Exception {
        try {
            await().atMost(Duration.ofMinutes(6))
                    .pollInterval(Duration.ofMillis(50))
                    .until(() -> {
                        assertAlive(driver, log);
                        return condition.holds();
                    });
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            throw new AssertionError("condition not reached within 6 minutes:\n" + ProcessorFixture.tail(log), e);
        }
    }

    /** A check made of assertions, that may read files or the stack. */
    interface Check {
        void verify() throws Exception;
    }

    /**
     * Waits until the check passes, failing with its last difference if the driver exits or a minute
     * passes first. For the tables after a live run has caught up: the sessions query runs on its own
     * trigger (5 s by default), and a session is written in the batch after the watermark passes it.
     */
    static void awaitPassingWhileAlive(Process driver, Path log, Check check) {
        await().atMost(Duration.ofMinutes(1))
                .pollInterval(Duration.ofSeconds(2))
                .untilAsserted(() -> {
                    assertAlive(driver, log);
                    check.verify();
                });
    }

    private static void assertAlive(Process driver, Path log) throws IOException {
        assertThat(driver.isAlive())
                .as("processor exited early:%n%s", ProcessorFixture.tail(log))
                .isTrue();
    }
}
