package org.clickstream.processor;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.clickstream.core.testing.LocalStack;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** scripts/process misused: one clear line and a non-zero exit, no wall of stack traces. */
class ProcessorCommandIT {
    @TempDir
    Path dir;

    @BeforeAll
    static void stack() {
        LocalStack.ensureRunning();
    }

    @Test
    void anUnknownOptionIsOneLineAndExitCode2() throws Exception {
        List<String> output = run(2, "--no-such-option");
        assertThat(output).containsExactly("error: Unknown option: '--no-such-option' (see --help)");
    }

    @Test
    void aMissingCheckpointValueIsOneLineAndExitCode2() throws Exception {
        assertThat(run(2, "--checkpoint"))
                .singleElement()
                .asString()
                .startsWith("error: Missing required parameter for option '--checkpoint'");
    }

    @Test
    void aTriggerSparkCannotParseIsOneLineAndExitCode2() throws Exception {
        assertThat(run(
                        2,
                        "--trigger",
                        "200ms",
                        "--checkpoint",
                        dir.resolve("checkpoint").toString()))
                .containsExactly("error: --trigger must be Spark's interval syntax ('500 milliseconds', '2 seconds') "
                        + "or milliseconds, not '200ms' (see --help)");
    }

    @Test
    void anUnreachableHBaseEndsTheStartWithAClearLineAndExitCode1() throws Exception {
        List<String> output = run(
                1,
                "--available-now",
                "--topic",
                "processor-command-it",
                "--zookeeper",
                "127.0.0.1:1",
                "--checkpoint",
                dir.resolve("checkpoint").toString());
        assertThat(output).anyMatch(line -> line.contains("processor could not start") && line.contains("127.0.0.1:1"));
        assertThat(output).as("no stack traces").noneMatch(line -> line.startsWith("\tat "));
    }

    private List<String> run(int expectedExit, String... args) throws Exception {
        Path log = dir.resolve("process.log");
        Process process = ProcessorFixture.startProcessor(log, Map.of(), args);
        assertThat(process.waitFor(5, TimeUnit.MINUTES)).isTrue();
        List<String> output =
                Files.readAllLines(log).stream().filter(line -> !line.isBlank()).toList();
        assertThat(process.exitValue())
                .as("exit code; output:%n%s", String.join("\n", output))
                .isEqualTo(expectedExit);
        return output;
    }
}
