package org.clickstream.processor;

import static org.assertj.core.api.Assertions.assertThat;

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
        long deadline = System.nanoTime() + Duration.ofMinutes(6).toNanos();
        while (!condition.holds()) {
            assertThat(driver.isAlive()).as("processor exited early:%n%s", ProcessorFixture.tail(log)).isTrue();
            assertThat(System.nanoTime()).as("condition not reached within 6 minutes:%n%s", ProcessorFixture.tail(log))
                    .isLessThan(deadline);
            Thread.sleep(50);
        }
    }
}
