package org.clickstream.processor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.clickstream.core.Durations;
import org.clickstream.core.Endpoints;
import org.clickstream.core.EventJson;
import org.clickstream.core.EventTimes;
import org.clickstream.core.generator.CsvGenerator;
import org.clickstream.core.generator.EventGenerator;
import org.clickstream.core.hbase.MetricTable;
import org.clickstream.core.hbase.TableLayout;
import org.clickstream.core.testing.ExpectedMetrics;
import org.clickstream.core.testing.HBaseTables;
import org.clickstream.core.testing.LocalStack;
import org.junit.jupiter.api.Test;

/** The processor when the store or the topic fail under it (docs/RELIABILITY.md). */
class FaultIT extends StackIT {
    @Test
    void hbaseStoppedMidStreamTheProcessorRestartsByItselfAndTheTablesAreExact() throws Exception {
        ProcessorFixture data = ProcessorFixture.load(dir, "fault-hbase", 6_000, 41);
        HBaseTables.createEmpty(hbase);
        Path checkpoint = dir.resolve("checkpoint");
        Path log = dir.resolve("processor.log");
        // A batch whose HBase calls hang (rather than fail) is given up after 30 s.
        Process driver = ProcessorFixture.startProcessor(
                log,
                Map.of(),
                "--topic",
                data.topic,
                "--checkpoint",
                checkpoint.toString(),
                "--max-offsets-per-trigger",
                "1000",
                "--trigger",
                "0",
                "--stuck-batch-seconds",
                "30");
        try {
            awaitWhileAlive(driver, log, () -> ProcessorFixture.batches(checkpoint, "commits") >= 2);
            // (A restart before the outage, a cold batch slower than 30 s on a busy machine, is no proof.)
            long restartsBefore = restarts(log);
            LocalStack.run("stop", "hbase");
            try {
                awaitWhileAlive(driver, log, () -> restarts(log) > restartsBefore);
            } finally {
                LocalStack.run("start", "hbase");
            }
            // Back: it catches up by itself, until every record of the topic is committed.
            awaitWhileAlive(driver, log, () -> ProcessorFixture.caughtUp(checkpoint, data.topic));
            awaitPassingWhileAlive(
                    driver, log, () -> data.assertTablesExact(hbase, "an HBase outage in the middle of the stream"));
        } finally {
            ProcessorFixture.stop(driver, log);
        }
    }

    private static long restarts(Path log) throws IOException {
        return Files.readAllLines(log).stream()
                .filter(line -> line.contains("restarting from the checkpoint"))
                .count();
    }

    @Test
    void recordsGoneOrATopicRecreatedStopTheProcessorWithAClearMessageUnlessToldToSkipTheLoss() throws Exception {
        ProcessorFixture data = ProcessorFixture.load(dir, "fault-topic", 3_000, 43);
        HBaseTables.createEmpty(hbase);
        Path checkpoint = dir.resolve("checkpoint");
        ProcessorFixture.runToCompletion(
                dir.resolve("first.log"),
                Map.of(),
                "--available-now",
                "--topic",
                data.topic,
                "--checkpoint",
                checkpoint.toString());
        long eventsBefore = totalBrandEvents();
        assertThat(eventsBefore).isEqualTo(data.expected.validRows);

        // What retention does to records nobody read in time: the log starts after them.
        sendEvents(data.topic, 30);
        try (Admin admin = ProcessorFixture.admin()) {
            Map<org.apache.kafka.common.TopicPartition, org.apache.kafka.clients.admin.RecordsToDelete> delete =
                    new java.util.HashMap<>();
            ProcessorFixture.endOffsets(admin, data.topic)
                    .forEach((partition, end) ->
                            delete.put(partition, org.apache.kafka.clients.admin.RecordsToDelete.beforeOffset(end)));
            admin.deleteRecords(delete).all().get(30, TimeUnit.SECONDS);
        }
        assertRefused(checkpoint, data.topic, dir.resolve("refused-retention.log"));
        assertThat(totalBrandEvents()).isEqualTo(eventsBefore);

        // The topic is deleted and created again (as after an accident): offsets start from 0 again.
        try (Admin admin = ProcessorFixture.admin()) {
            admin.deleteTopics(List.of(data.topic)).all().get(30, TimeUnit.SECONDS);
            // Deleting takes a moment: the same name is refused until it is gone.
            await().atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(500))
                    .ignoreExceptions()
                    .until(() -> {
                        ProcessorFixture.createTopic(data.topic);
                        return true;
                    });
        }
        int newEvents = 50;
        sendEvents(data.topic, newEvents);

        assertRefused(checkpoint, data.topic, dir.resolve("refused-recreated.log"));
        assertThat(totalBrandEvents()).isEqualTo(eventsBefore);

        // Told to skip the loss, Spark treats the offsets the new topic reused as lost: the records sent
        // to it before the restart are skipped, the totals continue, and what comes next is counted.
        ProcessorFixture.runToCompletion(
                dir.resolve("skipping.log"),
                Map.of(),
                "--available-now",
                "--topic",
                data.topic,
                "--checkpoint",
                checkpoint.toString(),
                "--fail-on-data-loss",
                "false");
        assertThat(totalBrandEvents()).isEqualTo(eventsBefore);
        sendEvents(data.topic, newEvents);
        ProcessorFixture.runToCompletion(
                dir.resolve("after.log"),
                Map.of(),
                "--available-now",
                "--topic",
                data.topic,
                "--checkpoint",
                checkpoint.toString(),
                "--fail-on-data-loss",
                "false");
        assertThat(totalBrandEvents()).isEqualTo(eventsBefore + newEvents);
    }

    @Test
    void kafkaStoppedWhileTheProducerSendsLosesAndDuplicatesNothing() throws Exception {
        Path csv = dir.resolve("events.csv");
        CsvGenerator.write(
                csv,
                new EventGenerator(
                        EventGenerator.Settings.defaults().withSeed(47).withRemoveShare(0.02)),
                30_000,
                0);
        // The file's 5 hours of event time are sent in 20 s, and the producer delivers what it held
        // during the outage in a burst: a micro-batch can then reach far ahead in one partition's
        // event time, leaving the other partitions' events behind a 10-minute watermark (late, by
        // design, and counted). The watermark here is longer than the file, so that every event
        // counts; a last event two days on then moves it past every session, which closes them.
        Duration watermark = Duration.ofDays(1);
        List<String> lines = Files.readAllLines(csv);
        Instant newest = lines.stream()
                .skip(1)
                .map(line ->
                        EventTimes.parse(line.substring(0, line.indexOf(','))).orElseThrow())
                .max(Instant::compareTo)
                .orElseThrow();
        // (A row without quoted fields: ProcessorFixture.unvalidatedJson splits on commas.)
        String last = lines.stream()
                .skip(1)
                .filter(line -> !line.contains("\""))
                .reduce((first, second) -> second)
                .orElseThrow();
        String closer = EventTimes.format(newest.plus(Duration.ofDays(2))) + last.substring(last.indexOf(','));
        Path expectedCsv = dir.resolve("expected.csv");
        Files.writeString(expectedCsv, String.join("\n", lines) + "\n" + closer + "\n");
        ExpectedMetrics expected = ExpectedMetrics.of(
                expectedCsv, ExpectedMetrics.Settings.defaults().withWatermark(watermark));
        String topic = "fault-kafka-" + System.currentTimeMillis();
        ProcessorFixture.createTopic(topic);
        HBaseTables.createEmpty(hbase);
        Path checkpoint = dir.resolve("checkpoint");
        Path log = dir.resolve("processor.log");
        Path producerLog = dir.resolve("producer.log");
        Process driver = ProcessorFixture.startProcessor(
                log,
                Map.of(),
                "--topic",
                topic,
                "--checkpoint",
                checkpoint.toString(),
                "--max-offsets-per-trigger",
                "5000",
                "--watermark",
                Durations.sparkInterval(watermark));
        Process producer = null;
        try {
            awaitWhileAlive(driver, log, () -> Files.readString(log).contains("reading " + topic));
            producer = new ProcessBuilder(
                            LocalStack.repositoryRoot()
                                    .resolve("scripts/produce")
                                    .toString(),
                            "--input",
                            csv.toString(),
                            "--rate",
                            "1500",
                            "--topic",
                            topic,
                            "--progress-seconds",
                            "1",
                            "--rejects",
                            dir.resolve("rejects.csv").toString())
                    .redirectErrorStream(true)
                    .redirectOutput(producerLog.toFile())
                    .start();
            // Kafka goes down while the producer is mid-way: some events stored, most still to send.
            long storedBeforeOutage;
            try (Admin admin = ProcessorFixture.admin()) {
                await().atMost(Duration.ofMinutes(2))
                        .until(() -> sum(ProcessorFixture.endOffsets(admin, topic)) >= 3_000);
                storedBeforeOutage = sum(ProcessorFixture.endOffsets(admin, topic));
                LocalStack.run("stop", "kafka");
            }
            assertThat(storedBeforeOutage)
                    .as("records stored when Kafka went down")
                    .isLessThan(expected.validRows / 2);
            // The outage hit events in flight: the producer reports sends it has no acknowledgement for.
            await().atMost(Duration.ofMinutes(2))
                    .until(() -> Files.readString(producerLog).contains("is Kafka down? retrying"));
            assertThat(producer.isAlive())
                    .as("the producer waits for Kafka instead of giving up")
                    .isTrue();
            // (What it stored once Kafka is back is not a measure: the pacer goes on during the outage,
            // and the client delivers its whole buffer within a second of the restart.)
            LocalStack.run("start", "kafka");
            assertThat(producer.waitFor(6, TimeUnit.MINUTES))
                    .as("producer finished")
                    .isTrue();
            String summary = Files.readString(producerLog);
            assertThat(producer.exitValue())
                    .as("producer exit; log:%n%s", summary)
                    .isZero();
            assertThat(summary)
                    .contains(String.format(
                            "sent %,d events: %,d acknowledged, 0 failed",
                            expected.validRows - 1, expected.validRows - 1));
            sendJson(topic, ProcessorFixture.unvalidatedJson(closer));
            awaitWhileAlive(driver, log, () -> ProcessorFixture.caughtUp(checkpoint, topic));
            // Exact counts in every table: no acknowledged event lost, none counted twice.
            awaitPassingWhileAlive(
                    driver,
                    log,
                    () -> HBaseTables.assertAllExact(
                            hbase, TableLayout.defaultLayout(), expected, "a Kafka outage under the producer"));
        } finally {
            if (producer != null) {
                producer.destroy();
            }
            ProcessorFixture.stop(driver, log);
        }
    }

    private static void sendJson(String topic, byte[] json) throws Exception {
        Properties config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, Endpoints.kafkaBootstrap());
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<byte[], byte[]> producer =
                new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(topic, json)).get();
        }
    }

    private static long sum(Map<org.apache.kafka.common.TopicPartition, Long> offsets) {
        return offsets.values().stream().mapToLong(Long::longValue).sum();
    }

    /** The processor started on the checkpoint stops with exit status 1 and the data-loss line. */
    private static void assertRefused(Path checkpoint, String topic, Path log) throws Exception {
        Process refused = ProcessorFixture.startProcessor(
                log, Map.of(), "--available-now", "--topic", topic, "--checkpoint", checkpoint.toString());
        assertThat(refused.waitFor(5, TimeUnit.MINUTES)).isTrue();
        assertThat(refused.exitValue()).isEqualTo(1);
        assertThat(Files.readString(log)).contains("Kafka no longer has records this checkpoint expects");
    }

    private long totalBrandEvents() throws IOException {
        return HBaseTables.readCounters(hbase, TableLayout.defaultLayout().table(MetricTable.BRAND)).values().stream()
                .mapToLong(row -> row.get("events"))
                .sum();
    }

    private static void sendEvents(String topic, int count) throws Exception {
        Properties config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, Endpoints.kafkaBootstrap());
        // Event time years after the first run's, so none is late, and a day ago (a future one is a reject).
        EventGenerator generator = new EventGenerator(EventGenerator.Settings.defaults()
                .withSeed(99)
                .withStart(java.time.Instant.now()
                        .minus(java.time.Duration.ofDays(1))
                        .truncatedTo(java.time.temporal.ChronoUnit.HOURS)));
        try (KafkaProducer<byte[], byte[]> producer =
                new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer())) {
            List<java.util.concurrent.Future<?>> sends = new java.util.ArrayList<>();
            for (int i = 0; i < count; i++) {
                var event = generator.next();
                sends.add(producer.send(new ProducerRecord<>(
                        topic, event.partitionKey().getBytes(StandardCharsets.UTF_8), EventJson.encode(event))));
            }
            for (var send : sends) {
                send.get();
            }
        }
    }
}
