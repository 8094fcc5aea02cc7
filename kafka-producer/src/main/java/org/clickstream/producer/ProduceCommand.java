package org.clickstream.producer;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.clickstream.core.Endpoints;
import org.clickstream.core.cli.CommandLines;
import org.clickstream.core.cli.ValidationOptions;
import org.clickstream.core.generator.EventGenerator;
import org.clickstream.core.generator.GeneratorOptions;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code scripts/produce}: a CSV file or generated events into Kafka, as CONTRACT.md describes. */
@Command(
        name = "scripts/produce",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        usageHelpWidth = 110,
        description = {
            "Sends e-commerce events to Kafka: key = user_session (user_id when empty), value = the event as JSON",
            "with sent_at_ms. Malformed rows are counted and written to a rejects file; the run never stops for them."
        },
        footer = {
            "",
            "Exit status: 0 when every event sent was acknowledged, 1 when a delivery failed or Kafka was",
            "unreachable, 2 on a usage error. Ctrl-C stops, waits (up to 30 s) for what was sent, prints the summary."
        })
public final class ProduceCommand implements Callable<Integer> {
    /** How long Ctrl-C waits for the records already handed to the client. */
    static final Duration CLOSE_ON_STOP = Duration.ofSeconds(30);

    private static final Duration WAIT_FOR_EVERYTHING = Duration.ofMillis(Long.MAX_VALUE);

    @Spec
    CommandSpec spec;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Input input;

    static final class Input {
        @Option(names = "--input", paramLabel = "FILE", description = "CSV file in the data set's layout (.gz: gzip).")
        Path file;

        @Option(names = "--generate", paramLabel = "N", description = "Send N generated events (options below).")
        Long count;
    }

    @Option(
            names = "--loop",
            description = "Replay the file until stopped, each cycle moved forward in event time "
                    + "by the whole minutes the file spans (so a watermark never drops it as late).")
    boolean loop;

    @Option(
            names = "--live",
            description = "Stamp every event with the second it is sent, instead of its own "
                    + "event time: a live stream from any file (what scripts/demo does).")
    boolean live;

    @Option(names = "--limit", paramLabel = "N", description = "Stop after N events (default: no limit).")
    Long limit;

    @Option(
            names = "--rate",
            paramLabel = "R",
            defaultValue = "0",
            description = "Events per second, evenly spaced; 0 = as fast as possible (default: ${DEFAULT-VALUE}).")
    double rate;

    @Option(
            names = "--topic",
            paramLabel = "T",
            defaultValue = Endpoints.DEFAULT_TOPIC,
            description = "Kafka topic, created when missing (default: ${DEFAULT-VALUE}).")
    String topic;

    @Option(
            names = "--bootstrap",
            paramLabel = "HOST:PORT",
            description = "Kafka bootstrap servers (default: $KAFKA_BOOTSTRAP, else 127.0.0.1:9092).")
    String bootstrap;

    @Option(
            names = "--partitions",
            paramLabel = "N",
            defaultValue = "3",
            description = "Partitions of a topic this command creates (default: ${DEFAULT-VALUE}).")
    int partitions;

    @Option(
            names = "--retention-hours",
            paramLabel = "H",
            defaultValue = "168",
            description =
                    "retention.ms of a topic this command creates, in hours (default: ${DEFAULT-VALUE} = 7 days).")
    long retentionHours;

    @Option(
            names = "--producer-config",
            paramLabel = "FILE",
            description = "Kafka producer settings as a properties file (e.g. security.protocol, sasl.*, ssl.*).")
    Path producerConfig;

    @Option(
            names = {"-D", "--property"},
            paramLabel = "KEY=VALUE",
            description = "One Kafka producer setting; wins over the file (e.g. -D linger.ms=20).")
    Map<String, String> properties = new LinkedHashMap<>();

    @Option(
            names = "--rejects",
            paramLabel = "FILE",
            description =
                    "Where malformed rows go, as CSV line,reason,detail,size_bytes,raw (default: rejects-<date>-<time>.csv "
                            + "in the current directory, created only when there are any).")
    Path rejects;

    @Option(
            names = "--wait-for-broker",
            paramLabel = "SECONDS",
            defaultValue = "60",
            description = "How long to wait for Kafka at start (default: ${DEFAULT-VALUE}).")
    int waitForBroker;

    @Option(
            names = "--progress-seconds",
            paramLabel = "S",
            defaultValue = "5",
            description = "Seconds between progress lines; 0 for none (default: ${DEFAULT-VALUE}).")
    int progressSeconds;

    @Option(
            names = "--stats-json",
            paramLabel = "FILE",
            description =
                    "Also write the summary as JSON (sent, acknowledged, failed, rejects by reason, rate), for programs.")
    Path statsJson;

    @Option(
            names = "--max-rejects-written",
            paramLabel = "N",
            defaultValue = "100000",
            description = "At most this many rows go to the rejects file; later ones are only counted, so that a "
                    + "file of garbage cannot fill the disk (default: ${DEFAULT-VALUE}).")
    long maxRejectsWritten;

    @Mixin
    ValidationOptions validation;

    @Mixin
    GeneratorOptions generator;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The command with the project's error handling (one line on stderr; exit status 2 for misuse, 1 for failures). */
    public static CommandLine commandLine() {
        return CommandLines.of(new ProduceCommand(), ProduceCommand::describe);
    }

    @Override
    public Integer call() throws Exception {
        checkUsage();
        PrintWriter out = spec.commandLine().getOut();
        Properties config = KafkaSettings.producerConfig(bootstrap, producerConfig, properties);
        for (String unknown : KafkaSettings.unknownProducerSettings(config)) {
            out.println("warning: " + unknown + " is not a Kafka producer setting; ignored");
        }
        // Ctrl-C: the hook asks the run to stop and waits until it has flushed and printed its summary.
        // A send() blocked on an absent broker would never see the request, so if sending has not
        // stopped within a second the hook closes the sink itself, which releases the blocked send().
        AtomicBoolean stop = new AtomicBoolean();
        AtomicReference<EventSink> openSink = new AtomicReference<>();
        CountDownLatch sendingStopped = new CountDownLatch(1);
        CountDownLatch finished = new CountDownLatch(1);
        Thread hook = new Thread(
                () -> {
                    stop.set(true);
                    try {
                        EventSink sink = openSink.get();
                        if (sink != null) {
                            out.printf(
                                    "stopping: waiting up to %d s for the events already sent%n",
                                    CLOSE_ON_STOP.toSeconds());
                            if (!sendingStopped.await(1, TimeUnit.SECONDS)) {
                                sink.close(CLOSE_ON_STOP);
                            }
                        }
                        finished.await(CLOSE_ON_STOP.toSeconds() + 10, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                },
                "produce-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            return produce(config, stop, openSink, sendingStopped, out);
        } finally {
            finished.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // The hook is running: it returns now that the run has finished.
            }
        }
    }

    private int produce(
            Properties config,
            AtomicBoolean stop,
            AtomicReference<EventSink> openSink,
            CountDownLatch sendingStopped,
            PrintWriter out)
            throws Exception {
        try (TopicAdmin admin = new TopicAdmin(config, out)) {
            if (!admin.awaitBroker(Duration.ofSeconds(waitForBroker), stop::get)) {
                out.println("stopped before Kafka was reachable; nothing sent");
                return CommandLine.ExitCode.SOFTWARE;
            }
            admin.ensureTopic(topic, partitions, Duration.ofHours(retentionHours));
        }
        out.printf(
                "producing %s to %s at %s, %s%n",
                input.file != null
                        ? input.file + (loop ? " (looping)" : "")
                        : String.format("%,d generated events", input.count),
                topic,
                config.getProperty("bootstrap.servers"),
                rate > 0 ? String.format("%,.1f events/s", rate) : "as fast as possible");
        Path rejectsPath = rejects != null
                ? rejects
                : Path.of("rejects-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"))
                        + ".csv");
        try (EventSource source = openSource();
                RejectsFile rejectsFile = new RejectsFile(rejectsPath, maxRejectsWritten)) {
            KafkaEventSink sink = KafkaEventSink.connect(config, topic);
            openSink.set(sink);
            RunStats stats = new RunStats(System::nanoTime);
            ScheduledExecutorService progress = Executors.newSingleThreadScheduledExecutor(runnable -> {
                Thread thread = new Thread(runnable, "produce-progress");
                thread.setDaemon(true);
                return thread;
            });
            if (progressSeconds > 0) {
                progress.scheduleAtFixedRate(
                        () -> out.println(stats.progressLine()), progressSeconds, progressSeconds, TimeUnit.SECONDS);
            }
            ProducerJob.End end = null;
            try {
                ProducerJob.Options options = ProducerJob.Options.defaults()
                        .withLimit(limit == null ? Long.MAX_VALUE : limit)
                        .withLive(live)
                        .withMaxRecordBytes(KafkaSettings.maxRequestSize(config));
                end = new ProducerJob(
                                source,
                                sink,
                                rejectsFile,
                                stats,
                                new Pacer(rate, Pacer.Clock.SYSTEM, stop::get),
                                System::currentTimeMillis,
                                stop::get,
                                options)
                        .run();
            } catch (RuntimeException e) {
                if (!stop.get()) {
                    throw e;
                }
                // The shutdown hook closed the sink under a blocked send(); the stats count that record as failed.
                end = ProducerJob.End.STOPPED;
            } finally {
                sendingStopped.countDown();
                // Normally every record completes within delivery.timeout.ms; a stop waits less.
                sink.close(stop.get() ? CLOSE_ON_STOP : WAIT_FOR_EVERYTHING);
                progress.shutdownNow();
                report(end, stats, rejectsFile, out);
            }
            return stats.failed() > 0 ? CommandLine.ExitCode.SOFTWARE : CommandLine.ExitCode.OK;
        }
    }

    private void report(ProducerJob.End end, RunStats stats, RejectsFile rejectsFile, PrintWriter out) {
        out.println(
                end == null
                        ? "stopped by an error"
                        : switch (end) {
                            case INPUT_EXHAUSTED -> "end of input";
                            case LIMIT_REACHED -> String.format("limit of %,d events reached", limit);
                            case STOPPED -> "stopped; waited for the events already sent";
                            case DELIVERY_FAILED -> "stopped: a delivery failed after all retries";
                        });
        stats.summary().forEach(out::println);
        if (statsJson != null) {
            try {
                writeJson(statsJson, stats.summaryForPrograms());
            } catch (IOException e) {
                out.println("warning: cannot write " + statsJson + ": " + e.getMessage());
            }
        }
        if (rejectsFile.written() > 0) {
            out.println("malformed rows: " + rejectsFile.path().toAbsolutePath()
                    + (loop ? " (written once; every cycle counts them again)" : ""));
        }
        if (rejectsFile.dropped() > 0) {
            out.printf(
                    "%,d more malformed rows were counted but not written (--max-rejects-written %,d)%n",
                    rejectsFile.dropped(), maxRejectsWritten);
        }
    }

    /** A flat object of numbers and one level of nested objects, with jackson-core's generator (no databind here). */
    private static void writeJson(Path file, Map<String, Object> values) throws IOException {
        try (JsonGenerator json = new JsonFactory().createGenerator(Files.newBufferedWriter(file))) {
            json.useDefaultPrettyPrinter();
            json.writeStartObject();
            for (Map.Entry<String, Object> entry : values.entrySet()) {
                if (entry.getValue() instanceof Map<?, ?> nested) {
                    json.writeObjectFieldStart(entry.getKey());
                    for (Map.Entry<?, ?> inner : nested.entrySet()) {
                        json.writeNumberField(inner.getKey().toString(), ((Number) inner.getValue()).longValue());
                    }
                    json.writeEndObject();
                } else if (entry.getValue() instanceof Long number) {
                    json.writeNumberField(entry.getKey(), number);
                } else {
                    json.writeNumberField(entry.getKey(), ((Number) entry.getValue()).doubleValue());
                }
            }
            json.writeEndObject();
        }
    }

    private EventSource openSource() throws IOException {
        if (input.file != null) {
            return new CsvFileSource(input.file, loop, validation.rules(), java.time.Clock.systemUTC());
        }
        return new GeneratedSource(new EventGenerator(generator.settings()), input.count);
    }

    private void checkUsage() {
        if (input.file != null) {
            if (!Files.isRegularFile(input.file) || !Files.isReadable(input.file)) {
                throw usage("--input " + input.file + ": no such readable file");
            }
            for (String name : GeneratorOptions.NAMES) {
                if (spec.commandLine().getParseResult().hasMatchedOption(name)) {
                    throw usage(name + " applies to --generate only");
                }
            }
        } else {
            if (loop) {
                throw usage("--loop replays a file: use it with --input");
            }
            if (input.count < 0) {
                throw usage("--generate must be >= 0");
            }
            generator.settings();
        }
        validation.rules();
        if (maxRejectsWritten < 0) {
            throw usage("--max-rejects-written must be >= 0");
        }
        if (limit != null && limit < 0) {
            throw usage("--limit must be >= 0");
        }
        if (rate < 0 || Double.isNaN(rate) || Double.isInfinite(rate)) {
            throw usage("--rate must be a number >= 0");
        }
        if (partitions < 1) {
            throw usage("--partitions must be >= 1");
        }
        if (retentionHours < 1) {
            throw usage("--retention-hours must be >= 1");
        }
        if (waitForBroker < 0 || progressSeconds < 0) {
            throw usage("--wait-for-broker and --progress-seconds must be >= 0");
        }
        if (producerConfig != null && !Files.isReadable(producerConfig)) {
            throw usage("--producer-config " + producerConfig + ": no such readable file");
        }
    }

    private ParameterException usage(String message) {
        return CommandLines.usage(spec, message);
    }

    private static String describe(Exception e) {
        if (e instanceof ProducerException) {
            return e.getMessage();
        }
        if (e instanceof NoSuchFileException) {
            return "no such file: " + e.getMessage();
        }
        return CommandLines.describe(e);
    }
}
