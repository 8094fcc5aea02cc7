package org.clickstream.processor;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.clickstream.core.testing.HBaseTables;
import org.clickstream.core.testing.LocalStack;
import org.junit.jupiter.api.Test;

/** The uber jar submitted to a real Spark standalone master and worker (scripts/spark-cluster) gives the same exact tables. */
class ClusterIT extends StackIT {
    @Test
    void submittedToAStandaloneClusterTheResultsAreExact() throws Exception {
        ProcessorFixture data = ProcessorFixture.load(dir, "cluster-it", 4_000, 31);
        HBaseTables.createEmpty(hbase);
        int masterPort = freePort();
        // Not under @TempDir: the cluster links Spark's jars from ~/.m2, and JUnit warns about every link.
        Path sparkDir = Path.of("target", "spark-cluster").toAbsolutePath();
        Map<String, String> cluster = Map.of(
                "STACK_DIR", sparkDir.toString(),
                "SPARK_MASTER_PORT", Integer.toString(masterPort),
                "SPARK_MASTER_WEBUI_PORT", Integer.toString(freePort()),
                "SPARK_WORKER_WEBUI_PORT", Integer.toString(freePort()),
                "SPARK_WORKER_MEMORY", "1g");
        sparkCluster(cluster, "start");
        try {
            ProcessorFixture.runToCompletion(
                    dir.resolve("cluster.log"),
                    Map.of(
                            "SPARK_MASTER",
                            "spark://127.0.0.1:" + masterPort,
                            "SPARK_SUBMIT_OPTS",
                            "-Dspark.executor.memory=768m"),
                    "--available-now",
                    "--topic",
                    data.topic,
                    "--checkpoint",
                    dir.resolve("checkpoint").toString(),
                    "--max-offsets-per-trigger",
                    "2000");
            data.assertTablesExact(hbase, "a run on the standalone cluster");
            // The work ran in executors the worker launched, not in the driver.
            try (Stream<Path> apps = Files.list(sparkDir.resolve("spark/work"))) {
                assertThat(apps.map(p -> p.getFileName().toString())).anyMatch(name -> name.startsWith("app-"));
            }
        } finally {
            sparkCluster(cluster, "stop");
        }
    }

    private static void sparkCluster(Map<String, String> env, String command) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(
                        LocalStack.repositoryRoot()
                                .resolve("scripts/spark-cluster")
                                .toString(),
                        command)
                .inheritIO();
        builder.environment().putAll(env);
        Process process = builder.start();
        assertThat(process.waitFor(3, TimeUnit.MINUTES)).isTrue();
        assertThat(process.exitValue()).as("scripts/spark-cluster " + command).isZero();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
