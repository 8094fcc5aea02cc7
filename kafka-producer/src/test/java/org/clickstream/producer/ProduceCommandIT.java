package org.clickstream.producer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.clickstream.core.Endpoints;
import org.clickstream.core.generator.CsvGenerator;
import org.clickstream.core.generator.EventGenerator;
import org.clickstream.core.generator.MalformedRows;
import org.clickstream.core.testing.LocalStack;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** scripts/produce's command against the real broker; every test writes to a topic of its own. */
class ProduceCommandIT {
    @TempDir
    Path dir;

    @BeforeAll
    static void stack() {
        LocalStack.ensureRunning();
    }

    @Test
    void everyValidRowArrivesOnceInSessionOrderAsTheContractsJsonAndEveryMalformedOneIsKeptWithItsReason()
            throws IOException {
        Path csv = dir.resolve("events.csv");
        CsvGenerator.Summary file = CsvGenerator.write(
                csv,
                new EventGenerator(
                        EventGenerator.Settings.defaults().withSeed(5).withRemoveShare(0.02)),
                5_000,
                13);
        assertThat(file.malformedRows()).isGreaterThan(10L * MalformedRows.CASES.size());
        String topic = freshTopic();
        Path rejects = dir.resolve("rejects.csv");

        long before = System.currentTimeMillis();
        Path stats = dir.resolve("stats.json");
        ProduceCommandTest.Result result = produce(
                "--input",
                csv.toString(),
                "--topic",
                topic,
                "--rejects",
                rejects.toString(),
                "--stats-json",
                stats.toString());
        long after = System.currentTimeMillis();

        List<ExpectedRecords.Expected> expected = ExpectedRecords.of(csv);
        assertThat(result.exitCode()).as(result.out() + result.err()).isZero();
        assertThat(result.out())
                .contains(String.format(
                        "sent %,d events: %,d acknowledged, 0 failed; %,d rows rejected",
                        expected.size(), expected.size(), file.malformedRows()));

        List<ConsumerRecord<String, byte[]>> records = TopicContents.readAll(topic);
        assertThat(records).hasSize(expected.size());
        assertThat(TopicContents.keysInSeveralPartitions(records)).isEmpty();
        assertThat(TopicContents.byKey(records)).isEqualTo(byKey(expected));
        assertThat(records).allSatisfy(record -> assertThat(ExpectedRecords.sentAtMillis(record.value()))
                .isBetween(before, after));
        ExpectedRecords.assertRejectsFile(rejects, csv);
        com.fasterxml.jackson.databind.JsonNode summary =
                new com.fasterxml.jackson.databind.ObjectMapper().readTree(stats.toFile());
        assertThat(summary.path("sent").asLong()).isEqualTo(expected.size());
        assertThat(summary.path("acknowledged").asLong()).isEqualTo(expected.size());
        assertThat(summary.path("failed").asLong()).isZero();
        assertThat(summary.path("rejected").asLong()).isEqualTo(file.malformedRows());
        assertThat(summary.path("rejected_by_reason").path("wrong_field_count").asLong())
                .isPositive();
        assertThat(summary.path("events_per_second").asDouble()).isPositive();
    }

    @Test
    void loopWithLimitReplaysTheFileWithEventTimeMovedForwardEachCycle() throws IOException {
        Path csv = dir.resolve("small.csv");
        CsvGenerator.write(
                csv, new EventGenerator(EventGenerator.Settings.defaults().withSeed(9)), 200, 40);
        List<ExpectedRecords.Expected> expected = ExpectedRecords.of(csv);
        int n = expected.size();
        String topic = freshTopic();

        ProduceCommandTest.Result result = produce(
                "--input",
                csv.toString(),
                "--loop",
                "--limit",
                Integer.toString(2 * n + 7),
                "--topic",
                topic,
                "--rejects",
                dir.resolve("rejects.csv").toString());

        assertThat(result.exitCode()).as(result.out() + result.err()).isZero();
        assertThat(result.out()).contains(String.format("limit of %,d events reached", 2 * n + 7));
        List<ConsumerRecord<String, byte[]>> records = TopicContents.readAll(topic);
        assertThat(records).hasSize(2 * n + 7);
        Duration shift = ExpectedRecords.loopShift(expected);
        Map<String, List<Map<String, Object>>> expectedByKey = new LinkedHashMap<>();
        for (int i = 0; i < 2 * n + 7; i++) {
            ExpectedRecords.Expected e = expected.get(i % n);
            expectedByKey.computeIfAbsent(e.key(), k -> new ArrayList<>()).add(e.shiftedBy(shift.multipliedBy(i / n)));
        }
        assertThat(TopicContents.byKey(records)).isEqualTo(expectedByKey);
    }

    @Test
    void aDeliveryThatFailsStopsTheRunWithExitStatusOne() throws Exception {
        // The broker goes away mid-run and the client may wait for it only three seconds: a delivery
        // fails for good, and the run stops with status 1 instead of waiting or going on.
        String topic = freshTopic();
        Path output = dir.resolve("produce.out");
        Process process = new ProcessBuilder(
                        LocalStack.repositoryRoot().resolve("scripts/produce").toString(),
                        "--generate",
                        "1000000",
                        "--rate",
                        "500",
                        "--topic",
                        topic,
                        "--bootstrap",
                        Endpoints.kafkaBootstrap(),
                        "-D",
                        "delivery.timeout.ms=3000",
                        "-D",
                        "request.timeout.ms=1000",
                        "-D",
                        "linger.ms=0",
                        "--progress-seconds",
                        "1")
                .redirectErrorStream(true)
                .redirectOutput(output.toFile())
                .start();
        try {
            await().atMost(Duration.ofMinutes(2))
                    .pollInterval(Duration.ofMillis(200))
                    .until(() -> {
                        assertThat(process.isAlive())
                                .as("still producing: %s", Files.readString(output))
                                .isTrue();
                        return TopicContents.count(topic) >= 200;
                    });
            LocalStack.run("stop", "kafka");
            assertThat(process.waitFor(2, TimeUnit.MINUTES))
                    .as("stopped by the failed delivery")
                    .isTrue();
        } finally {
            process.destroyForcibly();
            LocalStack.run("start", "kafka");
        }
        String out = Files.readString(output);
        assertThat(process.exitValue()).as(out).isEqualTo(1);
        assertThat(out)
                .contains("stopped: a delivery failed after all retries")
                .containsPattern("sent [0-9,]+ events: [0-9,]+ acknowledged, [0-9,]+ failed")
                .contains("first failed delivery: org.apache.kafka.common.errors.");
    }

    @Test
    void recordsLargerThanTheClientSendsAreRejectsAndTheRunGoesOn() {
        // max.request.size below any event: each one is a record_too_large reject, not a failed run.
        ProduceCommandTest.Result result = produce(
                "--generate",
                "1000",
                "--topic",
                freshTopic(),
                "-D",
                "max.request.size=100",
                "--rejects",
                dir.resolve("too-large.csv").toString());
        assertThat(result.exitCode()).as(result.out() + result.err()).isZero();
        assertThat(result.out())
                .contains("sent 0 events: 0 acknowledged, 0 failed; 1,000 rows rejected")
                .contains("record_too_large 1,000");
    }

    @Test
    void createsAMissingTopicWithThreePartitionsAndSevenDayRetention() throws Exception {
        String topic = freshTopic();
        ProduceCommandTest.Result result = produce("--generate", "10", "--topic", topic);
        assertThat(result.exitCode()).as(result.out() + result.err()).isZero();
        assertThat(result.out()).contains("created topic " + topic + " (3 partitions, retention 168 h)");
        assertThat(partitions(topic)).isEqualTo(3);
        assertThat(retentionMs(topic)).isEqualTo(Duration.ofDays(7).toMillis());
        assertThat(TopicContents.count(topic)).isEqualTo(10);
    }

    @Test
    void partitionsAndRetentionAreOptionsAndAnExistingTopicIsLeftAsItIs() throws Exception {
        String topic = freshTopic();
        assertThat(produce("--generate", "10", "--topic", topic, "--partitions", "2", "--retention-hours", "1")
                        .exitCode())
                .isZero();
        assertThat(partitions(topic)).isEqualTo(2);
        assertThat(retentionMs(topic)).isEqualTo(Duration.ofHours(1).toMillis());

        ProduceCommandTest.Result again = produce("--generate", "10", "--topic", topic, "--partitions", "5");
        assertThat(again.exitCode()).isZero();
        assertThat(again.out()).contains("topic " + topic + " exists (2 partitions); --partitions applies only when");
        assertThat(partitions(topic)).isEqualTo(2);
        assertThat(TopicContents.count(topic)).isEqualTo(20);
    }

    @Test
    void aStopSignalEndsTheRunWithEveryEventSentAcknowledgedAndASummary() throws Exception {
        String topic = freshTopic();
        Path output = dir.resolve("produce.out");
        Process process = new ProcessBuilder(
                        LocalStack.repositoryRoot().resolve("scripts/produce").toString(),
                        "--input",
                        LocalStack.repositoryRoot()
                                .resolve("data/sample-events.csv")
                                .toString(),
                        "--loop",
                        "--rate",
                        "500",
                        "--topic",
                        topic,
                        "--bootstrap",
                        Endpoints.kafkaBootstrap(),
                        "--rejects",
                        dir.resolve("rejects.csv").toString(),
                        "--progress-seconds",
                        "1")
                .redirectErrorStream(true)
                .redirectOutput(output.toFile())
                .start();
        try {
            await().atMost(Duration.ofMinutes(2))
                    .pollInterval(Duration.ofMillis(200))
                    .until(() -> {
                        assertThat(process.isAlive())
                                .as("still producing: %s", Files.readString(output))
                                .isTrue();
                        return TopicContents.count(topic) >= 1_000;
                    });
            // SIGTERM runs the JVM's shutdown hooks exactly as Ctrl-C's SIGINT does.
            process.destroy();
            assertThat(process.waitFor(90, TimeUnit.SECONDS))
                    .as("exited after the signal")
                    .isTrue();
        } finally {
            process.destroyForcibly();
        }
        String text = Files.readString(output);
        Matcher summary = Pattern.compile("sent ([\\d,]+) events: ([\\d,]+) acknowledged, 0 failed")
                .matcher(text);
        assertThat(summary.find()).as(text).isTrue();
        long acknowledged = Long.parseLong(summary.group(2).replace(",", ""));
        assertThat(Long.parseLong(summary.group(1).replace(",", ""))).isEqualTo(acknowledged);
        assertThat(text)
                .contains("stopped; waited for the events already sent")
                .contains("[")
                .contains("events/s");
        assertThat(TopicContents.count(topic)).isEqualTo(acknowledged);
    }

    /** Expected records grouped by key, in file order. */
    private static Map<String, List<Map<String, Object>>> byKey(List<ExpectedRecords.Expected> expected) {
        Map<String, List<Map<String, Object>>> byKey = new LinkedHashMap<>();
        for (ExpectedRecords.Expected e : expected) {
            byKey.computeIfAbsent(e.key(), k -> new ArrayList<>()).add(e.fields());
        }
        return byKey;
    }

    static ProduceCommandTest.Result produce(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--bootstrap", Endpoints.kafkaBootstrap(), "--progress-seconds", "0"));
        return ProduceCommandTest.run(all.toArray(String[]::new));
    }

    static String freshTopic() {
        return "produce-it-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static int partitions(String topic) throws ExecutionException, InterruptedException {
        try (Admin admin = admin()) {
            return admin.describeTopics(List.of(topic))
                    .allTopicNames()
                    .get()
                    .get(topic)
                    .partitions()
                    .size();
        }
    }

    private static long retentionMs(String topic) throws ExecutionException, InterruptedException {
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        try (Admin admin = admin()) {
            Config config = admin.describeConfigs(List.of(resource)).all().get().get(resource);
            return Long.parseLong(config.get("retention.ms").value());
        }
    }

    private static Admin admin() {
        Properties config = new Properties();
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, Endpoints.kafkaBootstrap());
        return Admin.create(config);
    }
}
