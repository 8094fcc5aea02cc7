package org.clickstream.processor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.hadoop.hbase.client.Connection;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.clickstream.core.Endpoints;
import org.clickstream.core.EventCsv;
import org.clickstream.core.EventJson;
import org.clickstream.core.EventRules;
import org.clickstream.core.ParseResult;
import org.clickstream.core.generator.CsvGenerator;
import org.clickstream.core.generator.EventGenerator;
import org.clickstream.core.hbase.TableLayout;
import org.clickstream.core.testing.ExpectedMetrics;
import org.clickstream.core.testing.HBaseTables;
import org.clickstream.core.testing.LocalStack;

/**
 * What the processor's integration tests share: a generated data set written to a fresh topic of
 * the real Kafka (valid rows as the contract's JSON, malformed rows and some hostile records as
 * they are, so they must be rejected), the independent expectation, and the processor itself run
 * as users run it: {@code scripts/process}, a spark-submit of the uber jar in its own JVM.
 */
final class ProcessorFixture {
    /** Records that are not events, sent besides the generated file's malformed CSV lines. */
    static final List<byte[]> EXTRA_GARBAGE = List.of(
            "{\"event_time\":\"2020-09-24 11:57:06 UTC\",\"event_type\":\"view\"}".getBytes(StandardCharsets.UTF_8),
            "[\"an\",\"array\"]".getBytes(StandardCharsets.UTF_8),
            new byte[] {(byte) 0xff, (byte) 0xfe, '{', '}'},
            ("{\"brand\":\"" + "x".repeat(1_000_000) + "\"}").getBytes(StandardCharsets.UTF_8));

    final String topic;
    final Path csv;
    final ExpectedMetrics expected;
    final long rejects;

    private ProcessorFixture(String topic, Path csv, ExpectedMetrics expected, long rejects) {
        this.topic = topic;
        this.csv = csv;
        this.expected = expected;
        this.rejects = rejects;
    }

    /**
     * What a test's topic holds: {@code rows} generated rows (every {@code malformedEvery}-th malformed,
     * 0 for none), {@code hostileCsv} lines inserted after row {@code hostileAt} (sent as the JSON their
     * fields spell, unvalidated, so the processor must reject them), and {@code consoleLines} written
     * with the console producer.
     */
    record Data(
            int rows,
            long seed,
            long malformedEvery,
            List<String> consoleLines,
            List<String> hostileCsv,
            int hostileAt) {
        static Data of(int rows, long seed) {
            return new Data(rows, seed, 97, List.of(), List.of(), 0);
        }

        Data withConsoleLines(List<String> lines) {
            return new Data(rows, seed, malformedEvery, lines, hostileCsv, hostileAt);
        }

        Data withHostile(List<String> lines, int at) {
            return new Data(rows, seed, malformedEvery, consoleLines, lines, at);
        }

        Data withoutMalformedRows() {
            return new Data(rows, seed, 0, consoleLines, hostileCsv, hostileAt);
        }
    }

    /** Generates {@code rows} rows (some malformed) and writes them to a new 3-partition topic. */
    static ProcessorFixture load(Path dir, String topicPrefix, int rows, long seed) throws Exception {
        return load(dir, topicPrefix, Data.of(rows, seed));
    }

    static ProcessorFixture load(Path dir, String topicPrefix, int rows, long seed, List<String> consoleLines)
            throws Exception {
        return load(dir, topicPrefix, Data.of(rows, seed).withConsoleLines(consoleLines));
    }

    static ProcessorFixture load(Path dir, String topicPrefix, Data data) throws Exception {
        LocalStack.ensureRunning();
        String topic = topicPrefix + "-" + System.currentTimeMillis();
        Path csv = dir.resolve(topic + ".csv");
        CsvGenerator.write(
                csv,
                new EventGenerator(
                        EventGenerator.Settings.defaults().withSeed(data.seed()).withRemoveShare(0.02)),
                data.rows(),
                data.malformedEvery());
        if (!data.hostileCsv().isEmpty()) {
            List<String> lines = new ArrayList<>(Files.readAllLines(csv));
            lines.addAll(1 + data.hostileAt(), data.hostileCsv());
            Files.write(csv, lines);
        }
        createTopic(topic);
        Properties config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, Endpoints.kafkaBootstrap());
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 2_000_000);
        List<Future<RecordMetadata>> sends = new ArrayList<>();
        try (KafkaProducer<byte[], byte[]> producer =
                        new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer());
                EventCsv.LineReader lines = EventCsv.open(csv, EventRules.defaults(), java.time.Clock.systemUTC())) {
            while (lines.hasNext()) {
                EventCsv.Line line = lines.next();
                byte[] value = line.result() instanceof ParseResult.Valid valid
                        ? EventJson.encode(valid.event())
                        : data.hostileCsv().contains(line.raw())
                                ? unvalidatedJson(line.raw())
                                : line.raw().getBytes(StandardCharsets.UTF_8);
                byte[] key = line.result() instanceof ParseResult.Valid valid
                        ? valid.event().partitionKey().getBytes(StandardCharsets.UTF_8)
                        : null;
                sends.add(producer.send(new ProducerRecord<>(topic, key, value)));
            }
            for (byte[] garbage : EXTRA_GARBAGE) {
                sends.add(producer.send(new ProducerRecord<>(topic, garbage)));
            }
            producer.flush();
        }
        for (Future<RecordMetadata> send : sends) {
            send.get(); // an unacknowledged record fails the test here, not as a wrong count later
        }
        List<String> consoleLines = data.consoleLines();
        if (!consoleLines.isEmpty()) {
            Path lines = dir.resolve(topic + "-console.txt");
            Files.write(lines, consoleLines);
            Process console = new ProcessBuilder(
                            LocalStack.repositoryRoot().resolve("scripts/kafka").toString(),
                            "console-producer",
                            "--topic",
                            topic,
                            "--producer-property",
                            "max.request.size=2000000")
                    .redirectInput(lines.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(dir.resolve(topic + "-console.log").toFile())
                    .start();
            assertThat(console.waitFor(2, TimeUnit.MINUTES)).isTrue();
            assertThat(console.exitValue()).as("console-producer").isZero();
        }
        ExpectedMetrics expected = ExpectedMetrics.of(csv);
        assertThat(sends).hasSize((int) (expected.validRows + expected.malformedLines.size() + EXTRA_GARBAGE.size()));
        return new ProcessorFixture(
                topic, csv, expected, expected.malformedLines.size() + EXTRA_GARBAGE.size() + consoleLines.size());
    }

    /**
     * Sends a file's valid rows as the contract's JSON (keyed as the producer keys them) to a new
     * topic named after {@code prefix}; returns the topic.
     */
    static String sendFile(Path csv, String prefix) throws Exception {
        String topic = prefix + "-" + System.currentTimeMillis();
        createTopic(topic);
        Properties config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, Endpoints.kafkaBootstrap());
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        List<Future<RecordMetadata>> sends = new ArrayList<>();
        try (KafkaProducer<byte[], byte[]> producer =
                        new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer());
                EventCsv.LineReader lines = EventCsv.open(csv, EventRules.defaults(), java.time.Clock.systemUTC())) {
            while (lines.hasNext()) {
                if (lines.next().result() instanceof ParseResult.Valid valid) {
                    sends.add(producer.send(new ProducerRecord<>(
                            topic,
                            valid.event().partitionKey().getBytes(StandardCharsets.UTF_8),
                            EventJson.encode(valid.event()))));
                }
            }
        }
        for (Future<RecordMetadata> send : sends) {
            send.get();
        }
        return topic;
    }

    /** The JSON a CSV row's fields spell, numbers as written: what a buggy or hostile producer would send. */
    static byte[] unvalidatedJson(String csvLine) {
        String[] f = csvLine.split(",", -1);
        StringBuilder json = new StringBuilder("{");
        String[] names = {
            "event_time",
            "event_type",
            "product_id",
            "category_id",
            "category_code",
            "brand",
            "price",
            "user_id",
            "user_session"
        };
        for (int i = 0; i < names.length; i++) {
            boolean number = i == 2 || i == 3 || i == 6 || i == 7;
            String value = f[i].isEmpty() ? "null" : number ? f[i] : '"' + f[i] + '"';
            json.append(i == 0 ? "" : ",")
                    .append('"')
                    .append(names[i])
                    .append("\":")
                    .append(value);
        }
        return json.append('}').toString().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Creates a 3-partition topic and returns once its leaders accept writes: records sent in the
     * moment before that can be lost by an idempotent producer (TopicAdmin in the producer explains).
     */
    static void createTopic(String topic) throws Exception {
        try (Admin admin = admin()) {
            admin.createTopics(List.of(new NewTopic(topic, 3, (short) 1))).all().get(30, TimeUnit.SECONDS);
            await().atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(100))
                    .ignoreExceptions()
                    .until(() -> endOffsets(admin, topic).size() == 3);
        }
    }

    /** An admin client of the stack's Kafka. */
    static Admin admin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, Endpoints.kafkaBootstrap()));
    }

    /** The end offset of each of the topic's 3 partitions, as its leader reports it. */
    static Map<TopicPartition, Long> endOffsets(Admin admin, String topic) throws Exception {
        Map<TopicPartition, OffsetSpec> latest = new java.util.HashMap<>();
        for (int partition = 0; partition < 3; partition++) {
            latest.put(new TopicPartition(topic, partition), OffsetSpec.latest());
        }
        Map<TopicPartition, Long> ends = new java.util.HashMap<>();
        admin.listOffsets(latest)
                .all()
                .get(30, TimeUnit.SECONDS)
                .forEach((partition, end) -> ends.put(partition, end.offset()));
        return ends;
    }

    /** Starts {@code scripts/process} with the given options (the stack's addresses come from the environment). */
    static Process startProcessor(Path log, Map<String, String> env, String... options) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(LocalStack.repositoryRoot().resolve("scripts/process").toString());
        command.addAll(List.of(options));
        ProcessBuilder builder =
                new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        Map<String, String> jvm = env.containsKey(FULL_JIT) ? without(env, FULL_JIT) : withQuickJit(env);
        builder.environment().putAll(ClassArchive.withArchive(jvm));
        return builder.start();
    }

    /**
     * A key of a run's environment map that no process sees: the run keeps the full JIT. For a run
     * long enough for C2 to pay back: CardinalityIT's 200,000 events at the real shape took 113 s
     * and 116 s on C1 only, 86 s and 91 s with C2 (the test's wall time, runs alternating).
     */
    static final String FULL_JIT = "(full JIT)";

    private static Map<String, String> without(Map<String, String> env, String key) {
        Map<String, String> result = new HashMap<>(env);
        result.remove(key);
        return result;
    }

    /**
     * The environment with the JIT's first tier only for the Spark driver and its executors. A test's
     * run lasts seconds to minutes, too short for C2's compiles to pay back on 2 cores: 20,000 events at
     * the real shape, three runs each side by side, took 26 s of wall time and 32 s of CPU instead of
     * 32 s and 51 s. Never for benchmarks: over 600,000 events it halves the rate (docs/BENCHMARKS.md).
     */
    static Map<String, String> withQuickJit(Map<String, String> env) {
        String quickJit = "-XX:TieredStopAtLevel=1";
        return withSubmitOptions(env, quickJit + " -Dspark.executor.extraJavaOptions=" + quickJit);
    }

    /** The environment with the driver JVM's options (SPARK_SUBMIT_OPTS: the map's, else the test's own) extended. */
    static Map<String, String> withSubmitOptions(Map<String, String> env, String options) {
        String own = env.getOrDefault("SPARK_SUBMIT_OPTS", System.getenv().getOrDefault("SPARK_SUBMIT_OPTS", ""));
        Map<String, String> result = new HashMap<>(env);
        result.put("SPARK_SUBMIT_OPTS", (own + " " + options).trim());
        return result;
    }

    /**
     * Stops a streaming processor as a user does (SIGTERM, Ctrl-C) and insists that it is gone: a
     * driver that outlived its test would write its data into the next test's tables.
     */
    static void stop(Process driver, Path log) throws Exception {
        driver.destroy();
        boolean stopped = driver.waitFor(60, TimeUnit.SECONDS);
        if (!stopped) {
            driver.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
        assertThat(stopped)
                .as("processor stopped within 60 s of SIGTERM; log:%n%s", tail(log))
                .isTrue();
    }

    static void runToCompletion(Path log, Map<String, String> env, String... options) throws Exception {
        Process process = startProcessor(log, env, options);
        if (!process.waitFor(10, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError("processor did not finish in 10 minutes; log: " + log);
        }
        assertThat(process.exitValue())
                .as("processor exit code; log:%n%s", tail(log))
                .isZero();
    }

    /**
     * Every table equals the independent computation, cell for cell (the unique counts within the
     * contract's 5 %), and the rejects are all there.
     */
    void assertTablesExact(Connection hbase, String after) throws IOException {
        HBaseTables.assertAllExact(hbase, TableLayout.defaultLayout(), expected, "after " + after);
        assertThat(HBaseTables.countRows(hbase, TableLayout.defaultLayout().rejects()))
                .as("rejects after %s", after)
                .isEqualTo(rejects);
    }

    static String tail(Path log) throws IOException {
        List<String> lines = Files.readAllLines(log);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    }

    /** Batches in a checkpoint's log so far ({@code offsets} are planned batches, {@code commits} finished ones). */
    static long batches(Path checkpoint, String log) throws IOException {
        return CheckpointLog.of(checkpoint.toString()).batches(log);
    }

    /**
     * Whether the processor has committed every record of the topic: the offsets of the newest
     * committed batch (in the checkpoint) equal the topic's end offsets.
     */
    static boolean caughtUp(Path checkpoint, String topic) throws Exception {
        try (Admin admin = admin()) {
            return CheckpointLog.of(checkpoint.toString()).caughtUp(topic, endOffsets(admin, topic));
        }
    }
}
