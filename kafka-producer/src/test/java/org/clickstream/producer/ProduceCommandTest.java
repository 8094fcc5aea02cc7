package org.clickstream.producer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.clickstream.core.testing.LocalStack;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;

/** The command line's contract with people: one clear line and a non-zero exit on misuse, no stack traces. */
class ProduceCommandTest {
    private static final String SAMPLE =
            LocalStack.repositoryRoot().resolve("data/sample-events.csv").toString();

    record Result(int exitCode, String out, String err) {}

    static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine commandLine = ProduceCommand.commandLine();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        int exitCode = commandLine.execute(args);
        return new Result(exitCode, out.toString(), err.toString());
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "''                                               | Missing required argument",
                "--input no-such-file.csv                         | no-such-file.csv: no such readable file",
                "--input SAMPLE --generate 5                      | mutually exclusive",
                "--generate 5 --no-such-flag                      | Unknown option: '--no-such-flag'",
                "--generate five                                  | '--generate': 'five' is not a long",
                "--generate 5 --loop                              | --loop replays a file",
                "--input SAMPLE --seed 7                          | --seed applies to --generate only",
                "--generate 5 --rate -1                           | --rate must be a number >= 0",
                "--generate 5 --limit -1                          | --limit must be >= 0",
                "--generate 5 --partitions 0                      | --partitions must be >= 1",
                "--generate 5 --events-per-minute 0               | eventsPerMinute must be > 0",
                "--generate 5 --start yesterday                   | --start must look like",
                "--generate 5 --producer-config none.properties   | none.properties: no such readable file",
            })
    void misuseIsOneLineAndExitCodeTwo(String args, String message) {
        Result result = run(
                args.isEmpty() ? new String[0] : args.replace("SAMPLE", SAMPLE).split(" +"));
        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).startsWith("error: ").contains(message).doesNotContain("\tat ");
        assertThat(result.err().strip().lines()).hasSize(1);
        assertThat(result.out()).isEmpty();
    }

    @Test
    void anUnreachableBrokerIsWaitedForABoundedTimeThenReportedInOneLine() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        long began = System.nanoTime();
        Result result = run(
                "--generate",
                "1",
                "--bootstrap",
                "127.0.0.1:" + port,
                "--wait-for-broker",
                "6",
                "--progress-seconds",
                "0");
        double seconds = (System.nanoTime() - began) / 1e9;
        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.out()).contains("waiting for Kafka at 127.0.0.1:" + port);
        assertThat(result.err().strip())
                .isEqualTo("error: Kafka at 127.0.0.1:" + port
                        + " is not reachable (waited 6 s; is the broker running? scripts/stack start)");
        assertThat(seconds).isBetween(5.5, 60.0);
    }

    @Test
    void unknownProducerSettingsAreNamed() throws IOException {
        assertThat(KafkaSettings.unknownProducerSettings(KafkaSettings.producerConfig(
                        null, null, Map.of("linger.ms", "5", "lingr.ms", "5", "sasl.mechanism", "PLAIN"))))
                .isEqualTo(List.of("lingr.ms"));
    }

    @Test
    void settingsFromTheCommandLineWinOverTheFileAndTheDefaults(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("producer.properties");
        Files.writeString(file, "linger.ms=50\nbootstrap.servers=file:1\nsecurity.protocol=SASL_SSL\n");
        Properties config = KafkaSettings.producerConfig(null, file, Map.of("linger.ms", "7"));
        assertThat(config.getProperty("linger.ms")).isEqualTo("7");
        assertThat(config.getProperty("bootstrap.servers")).isEqualTo("file:1");
        assertThat(config.getProperty("acks")).isEqualTo("all");
        assertThat(KafkaSettings.adminConfig(config))
                .containsEntry("security.protocol", "SASL_SSL")
                .doesNotContainKey("linger.ms");
        assertThat(KafkaSettings.producerConfig("cli:2", file, Map.of()).getProperty("bootstrap.servers"))
                .isEqualTo("cli:2");
    }
}
