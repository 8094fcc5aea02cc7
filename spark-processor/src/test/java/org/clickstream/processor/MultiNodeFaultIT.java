package org.clickstream.processor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.hadoop.hbase.TableName;
import org.apache.hadoop.hbase.client.Connection;
import org.apache.hadoop.hbase.client.RegionLocator;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.config.ConfigResource;
import org.clickstream.core.generator.CsvGenerator;
import org.clickstream.core.generator.EventGenerator;
import org.clickstream.core.hbase.HBaseConnections;
import org.clickstream.core.hbase.MetricTable;
import org.clickstream.core.hbase.TableLayout;
import org.clickstream.core.testing.ExpectedMetrics;
import org.clickstream.core.testing.HBaseTables;
import org.clickstream.core.testing.LocalStack;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The pipeline on the multi-node cluster of {@code scripts/cluster} (docs/SCALING.md): while the
 * producer sends and the processor runs on the Spark cluster (checkpoint on HDFS, metrics in HBase on
 * HDFS), one Kafka broker, one region server, one Spark worker and the driver are killed with
 * SIGKILL, one after another, each while a micro-batch is in flight; the driver is restarted from its
 * HDFS checkpoint. No acknowledged event may be lost and every metric row must equal the independent
 * computation. The test starts the cluster itself and insists that {@code scripts/cluster stop}
 * leaves no process behind.
 */
class MultiNodeFaultIT {
    /**
     * Producer pace: below what the cluster's processor does once warm (about 700 events/s, 3-5 s a
     * batch), so that the backlog of its cold start (over a minute to the first commit) is soon worked
     * off and each fault's recovery is not spent on it; fast enough to keep batches coming.
     */
    private static final int RATE = 150;
    /**
     * Event time advances 3,000 events a minute: a partition whose leader is being re-elected falls
     * behind the others by at most ~RATE x 30 s = 4,500 events = 1.5 minutes, well inside the processor's
     * 10-minute watermark, so no event is dropped as late and the totals stay exact.
     */
    private static final double EVENTS_PER_MINUTE = 3_000;

    private static final Duration STEP = Duration.ofMinutes(4);
    private static final long STARTED = System.nanoTime();

    @TempDir
    Path dir;

    @Test
    @Timeout(value = 15, unit = TimeUnit.MINUTES)
    void killingABrokerARegionServerAWorkerAndTheDriverLosesNothingAndTheTablesAreExact() throws Exception {
        // Enough rows that the producer is still sending after the last fault (it is stopped then).
        Path csv = dir.resolve("events.csv");
        CsvGenerator.write(
                csv,
                new EventGenerator(EventGenerator.Settings.defaults()
                        .withSeed(61)
                        .withEventsPerMinute(EVENTS_PER_MINUTE)
                        .withRemoveShare(0.02)),
                RATE * 900L,
                0);
        String topic = "multinode-" + System.currentTimeMillis();
        int portOffset = Integer.parseInt(System.getenv().getOrDefault("TEST_PORT_OFFSET", "10000"));
        // Not under @TempDir: the cluster links Spark's jars from ~/.m2, and JUnit warns about every link.
        LoopbackCluster cluster =
                LoopbackCluster.start(Path.of("target", "multinode-cluster").toAbsolutePath(), portOffset);
        phase("cluster started");
        Map<String, String> env = cluster.commandEnv();
        String checkpoint = env.get("CLUSTER_HDFS") + "/checkpoints/" + topic;
        List<Process> running = new ArrayList<>();
        boolean passed = false;
        try (Admin kafka =
                        Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, env.get("KAFKA_BOOTSTRAP")));
                Connection hbase = HBaseConnections.connect(env.get("HBASE_ZOOKEEPER"))) {
            HBaseTables.createEmpty(hbase);
            Process producer = start(
                    running,
                    dir.resolve("producer.log"),
                    env,
                    "scripts/produce",
                    "--input",
                    csv.toString(),
                    "--rate",
                    Integer.toString(RATE),
                    "--topic",
                    topic,
                    "--rejects",
                    dir.resolve("rejects.csv").toString());
            // The driver's start (over a minute on the cluster) overlaps the producer's.
            String[] processorOptions = {
                "--topic", topic, "--checkpoint", checkpoint, "--max-offsets-per-trigger", "10000"
            };
            Path firstLog = dir.resolve("processor-1.log");
            Process driver = ProcessorFixture.startProcessor(firstLog, env, processorOptions);
            running.add(driver);
            await("the producer's first records")
                    .atMost(STEP)
                    .pollInterval(Duration.ofMillis(500))
                    .failFast("producer exited", () -> !producer.isAlive())
                    .until(() -> endRecords(kafka, topic) > 0);
            assertReplicated(kafka, topic);
            phase("producer sending to " + topic + ", processor starting");

            CheckpointLog progress = CheckpointLog.of(checkpoint);
            await("the first committed batch")
                    .atMost(STEP)
                    .pollInterval(Duration.ofSeconds(1))
                    .failFast("processor exited", () -> !driver.isAlive())
                    .until(() -> progress.batches("commits") >= 1);
            phase("processor running on the Spark cluster");

            String killedBroker = "kafka-" + leaderOfPartition0(kafka, topic);
            Fault broker = Fault.inject(
                    "a Kafka broker (the leader of partition 0)",
                    progress,
                    kafka,
                    topic,
                    producer,
                    driver,
                    () -> cluster.kill(killedBroker));
            phase("killed " + killedBroker);
            broker.awaitRecovery(progress, driver);
            phase("recovered from the broker kill");

            String regionServer =
                    regionServerOf(cluster, hbase, TableLayout.defaultLayout().table(MetricTable.MINUTE));
            Fault store = Fault.inject(
                    "the region server holding " + MetricTable.MINUTE.simpleName(),
                    progress,
                    kafka,
                    topic,
                    producer,
                    driver,
                    () -> cluster.kill(regionServer));
            phase("killed " + regionServer);
            store.awaitRecovery(progress, driver);
            phase("recovered from the region server kill");

            // The worker's executor must go with it, or the fault would take no computing power away.
            String workerUrl = "spark://Worker@127.0.0.1:"
                    + cluster.ports.get("spark-worker-1").get(0);
            assertThat(LoopbackCluster.javaProcesses("CoarseGrainedExecutorBackend", workerUrl))
                    .as("executor of worker 1")
                    .isNotEmpty();
            Fault worker = Fault.inject(
                    "a Spark worker", progress, kafka, topic, producer, driver, () -> cluster.kill("spark-worker-1"));
            await("the killed worker's executor exits")
                    .atMost(Duration.ofMinutes(1))
                    .until(() -> LoopbackCluster.javaProcesses("CoarseGrainedExecutorBackend", workerUrl)
                            .isEmpty());
            phase("killed spark-worker-1 and its executor is gone");
            worker.awaitRecovery(progress, driver);
            phase("recovered from the worker kill");

            Fault driverKill = Fault.inject("the driver", progress, kafka, topic, producer, driver, () -> {
                driver.destroyForcibly();
                assertThat(driver.waitFor(30, TimeUnit.SECONDS)).isTrue();
            });
            phase("killed the driver; restarting it from its HDFS checkpoint");
            Path secondLog = dir.resolve("processor-2.log");
            Process restarted = ProcessorFixture.startProcessor(secondLog, env, processorOptions);
            running.add(restarted);
            driverKill.awaitRecovery(progress, restarted);
            phase("the restarted driver carries on");

            // An operator's `scripts/cluster start` brings back the three killed members and leaves the
            // others be; it runs while the producer is stopped and the processor catches up.
            Map<String, Long> before = cluster.pids();
            LoopbackCluster.Script heal = cluster.startScript("start");
            running.add(heal.process());

            producer.destroy(); // Ctrl-C: it waits for what it sent to be acknowledged, then prints its summary
            assertThat(producer.waitFor(2, TimeUnit.MINUTES))
                    .as("producer stopped")
                    .isTrue();
            String summary = Files.readString(dir.resolve("producer.log"));
            Matcher sentLine = Pattern.compile("(?m)^sent ([0-9,]+) events: ([0-9,]+) acknowledged, 0 failed")
                    .matcher(summary);
            assertThat(sentLine.find())
                    .as("producer summary, all acknowledged:%n%s", summary)
                    .isTrue();
            long sent = Long.parseLong(sentLine.group(1).replace(",", ""));
            assertThat(sentLine.group(2)).isEqualTo(sentLine.group(1));
            // Every acknowledged event is in the topic once (the idempotent producer's retries added none).
            assertThat(endRecords(kafka, topic)).isEqualTo(sent);

            await("the restarted processor catches up")
                    .atMost(STEP)
                    .pollInterval(Duration.ofSeconds(1))
                    .failFast("restarted processor exited", () -> !restarted.isAlive())
                    .until(() -> progress.caughtUp(topic, ProcessorFixture.endOffsets(kafka, topic)));
            phase(String.format("processor caught up with the %,d acknowledged events", sent));

            LoopbackCluster.await(heal, 5);
            Map<String, Long> after = cluster.pids();
            for (String member : after.keySet()) {
                boolean killed =
                        List.of(killedBroker, regionServer, "spark-worker-1").contains(member);
                assertThat(ProcessHandle.of(after.get(member)).map(ProcessHandle::isAlive))
                        .as(member)
                        .contains(true);
                assertThat(after.get(member).equals(before.get(member)))
                        .as("%s kept its pid", member)
                        .isEqualTo(!killed);
            }
            phase("scripts/cluster start restarted the killed members");

            ExpectedMetrics expected = ExpectedMetrics.of(firstRows(csv, sent, dir.resolve("acknowledged.csv")));
            assertThat(expected.validRows).isEqualTo(sent);
            StackIT.awaitPassingWhileAlive(
                    restarted,
                    secondLog,
                    () -> HBaseTables.assertAllExact(
                            hbase,
                            TableLayout.defaultLayout(),
                            expected,
                            "after a broker, a region server, a worker and the driver were killed"));
            ProcessorFixture.stop(restarted, secondLog);
            assertThat(HBaseTables.countRows(hbase, TableLayout.defaultLayout().rejects()))
                    .as("rejects (the producer sent valid events only)")
                    .isZero();
            passed = true;
        } finally {
            for (Process process : running) {
                process.destroyForcibly();
            }
            if (!passed) {
                cluster.stopQuietly();
            }
        }
        phase("tables exact; stopping the cluster");
        cluster.stop();
        phase("cluster stopped, nothing left");
    }

    /** A line in the test's output per step, for a post-mortem of a slow or failed run. */
    private static void phase(String what) {
        System.out.printf("[MultiNodeFaultIT +%d s] %s%n", (System.nanoTime() - STARTED) / 1_000_000_000L, what);
    }

    private static Process start(
            List<Process> running, Path log, Map<String, String> env, String script, String... args) throws Exception {
        List<String> command = new ArrayList<>(
                List.of(LocalStack.repositoryRoot().resolve(script).toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder =
                new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(env);
        Process process = builder.start();
        running.add(process);
        return process;
    }

    private static long endRecords(Admin kafka, String topic) throws Exception {
        try {
            return ProcessorFixture.endOffsets(kafka, topic).values().stream()
                    .mapToLong(Long::longValue)
                    .sum();
        } catch (java.util.concurrent.ExecutionException notYetCreated) {
            return 0;
        }
    }

    /** The topic the producer created: every partition on 3 brokers, and writes need 2 of them. */
    private static void assertReplicated(Admin kafka, String topic) throws Exception {
        TopicDescription description = kafka.describeTopics(List.of(topic))
                .allTopicNames()
                .get(30, TimeUnit.SECONDS)
                .get(topic);
        for (TopicPartitionInfo partition : description.partitions()) {
            assertThat(partition.replicas())
                    .as("replicas of partition %d", partition.partition())
                    .hasSize(3);
        }
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        Config config = kafka.describeConfigs(List.of(resource))
                .all()
                .get(30, TimeUnit.SECONDS)
                .get(resource);
        assertThat(config.get("min.insync.replicas").value()).isEqualTo("2");
    }

    private static int leaderOfPartition0(Admin kafka, String topic) throws Exception {
        return kafka.describeTopics(List.of(topic))
                .allTopicNames()
                .get(30, TimeUnit.SECONDS)
                .get(topic)
                .partitions()
                .get(0)
                .leader()
                .id();
    }

    /** The member name of the region server that holds the table's (first) region. */
    private static String regionServerOf(LoopbackCluster cluster, Connection hbase, TableName table) throws Exception {
        int port;
        try (RegionLocator locator = hbase.getRegionLocator(table)) {
            port = locator.getAllRegionLocations().get(0).getServerName().getPort();
        }
        return cluster.ports.entrySet().stream()
                .filter(member -> member.getKey().startsWith("regionserver-")
                        && member.getValue().contains(port))
                .map(Map.Entry::getKey)
                .findFirst()
                .orElseThrow(
                        () -> new AssertionError("no region server member on port " + port + ": " + cluster.ports));
    }

    /** The CSV's header and its first {@code rows} rows: what the producer sent before it was stopped. */
    private static Path firstRows(Path csv, long rows, Path out) throws Exception {
        try (var lines = Files.lines(csv)) {
            Files.write(out, (Iterable<String>) lines.limit(rows + 1)::iterator);
        }
        return out;
    }

    /** A kill while a micro-batch is in flight, and the progress that proves the pipeline went on after it. */
    private record Fault(String what, String topic, long commitsAtKill, long recordsInKafkaAtKill) {
        interface Kill {
            void run() throws Exception;
        }

        static Fault inject(
                String what,
                CheckpointLog progress,
                Admin kafka,
                String topic,
                Process producer,
                Process driver,
                Kill kill)
                throws Exception {
            await("a micro-batch in flight before killing " + what)
                    .atMost(STEP)
                    .pollInterval(Duration.ofMillis(100))
                    .failFast("processor exited", () -> !driver.isAlive())
                    .until(progress::batchInFlight);
            long commits = progress.batches("commits");
            long records = endRecords(kafka, topic);
            assertThat(producer.isAlive())
                    .as("producer still sending when %s is killed", what)
                    .isTrue();
            assertThat(progress.committedRecords(topic))
                    .as("records not yet processed when %s is killed", what)
                    .isLessThan(records);
            kill.run();
            return new Fault(what, topic, commits, records);
        }

        /** Three more batches committed, and beyond every record that was in Kafka at the kill. */
        void awaitRecovery(CheckpointLog progress, Process driver) {
            await("progress after killing " + what)
                    .atMost(STEP)
                    .pollInterval(Duration.ofSeconds(1))
                    .failFast("processor exited", () -> !driver.isAlive())
                    .until(() -> progress.batches("commits") >= commitsAtKill + 3
                            && progress.committedRecords(topic) > recordsInKafkaAtKill);
        }
    }
}
