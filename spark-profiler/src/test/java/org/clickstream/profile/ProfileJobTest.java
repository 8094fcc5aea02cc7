package org.clickstream.profile;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.clickstream.core.testing.LocalStack;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line: its files, and one clear line (no stack trace) for every mistake. */
class ProfileJobTest {
    @TempDir
    Path dir;

    @BeforeAll
    static void startSpark() {
        // The job uses the running session, as it would spark-submit's.
        SparkForTests.context();
    }

    private final ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();

    private int run(String... args) {
        return ProfileJob.run(
                new PrintStream(stdout, true, StandardCharsets.UTF_8),
                new PrintStream(stderr, true, StandardCharsets.UTF_8),
                args);
    }

    private String err() {
        return stderr.toString(StandardCharsets.UTF_8);
    }

    @Test
    void aMissingInputIsOneLineAndExitCodeOne() {
        assertThat(run("--input", dir.resolve("nope.csv").toString())).isEqualTo(1);
        assertThat(err()).isEqualTo("error: input file not found: " + dir.resolve("nope.csv") + System.lineSeparator());
        assertThat(stdout.size()).isZero();
    }

    @Test
    void aDirectoryIsNoInput() {
        assertThat(run("--input", dir.toString())).isEqualTo(1);
        assertThat(err()).startsWith("error: input is a directory").doesNotContain("\tat ");
    }

    @Test
    void anOutputInAMissingFolderFailsBeforeAnyWork() throws IOException {
        Path input = Files.writeString(dir.resolve("in.csv"), "x\n");
        assertThat(run(
                        "--input",
                        input.toString(),
                        "--json",
                        dir.resolve("no/such/dir/out.json").toString()))
                .isEqualTo(1);
        assertThat(err())
                .isEqualTo(
                        "error: output folder does not exist: " + dir.resolve("no/such/dir") + System.lineSeparator());
    }

    @Test
    void withoutInputItPrintsUsageAndExitCodeTwo() {
        assertThat(run("--json", "x.json")).isEqualTo(2);
        assertThat(err())
                .isEqualTo("error: Missing required option: '--input=FILE' (see --help)" + System.lineSeparator());
    }

    @Test
    void aSessionGapMustBeAPositiveInterval() throws IOException {
        Path input = Files.writeString(dir.resolve("in.csv"), "x\n");
        assertThat(run("--input", input.toString(), "--session-gap", "soon")).isEqualTo(2);
        assertThat(err()).startsWith("error: --session-gap: not a duration");
    }

    @Test
    void aNegativeBrandCountIsAUsageError() throws IOException {
        Path input = Files.writeString(dir.resolve("in.csv"), "x\n");
        assertThat(run("--input", input.toString(), "--top-brands", "-1")).isEqualTo(2);
        assertThat(err()).startsWith("error: --top-brands must be 0 or more");
    }

    @Test
    void writesTheThreeReportsForAnAwkwardFileName() throws IOException {
        Path input = dir.resolve("sample events, [copy] {1}.csv");
        Files.copy(LocalStack.repositoryRoot().resolve("data/sample-events.csv"), input);
        Path report = dir.resolve("report.txt");
        Path json = dir.resolve("profile.json");
        Path html = dir.resolve("profile.html");
        int exit = run(
                "--input",
                input.toString(),
                "--report",
                report.toString(),
                "--json",
                json.toString(),
                "--html",
                html.toString(),
                "--top-brands",
                "5");
        assertThat(exit).as(err()).isZero();
        assertThat(stdout.size()).isZero();
        assertThat(err()).contains("profile: done in").contains("4,980 records, 20 malformed rows");
        assertThat(Files.readString(report)).contains("BRAND PERFORMANCE (top 5 of 80 brands");
        JsonNode profile = new ObjectMapper().readTree(json.toFile());
        assertThat(profile.get("records").asLong()).isEqualTo(4980);
        assertThat(profile.get("brands").size()).isEqualTo(80);
        HtmlPage.parse(Files.readString(html)).assertSelfContained();
    }

    @Test
    void theTextReportGoesToStandardOutputByDefault() throws IOException {
        Path input = Files.writeString(dir.resolve("in.csv"), "2020-09-24 11:57:06 UTC,view,1,2,a.b,c,1.00,3,s\n");
        assertThat(run("--input", input.toString())).as(err()).isZero();
        assertThat(stdout.toString(StandardCharsets.UTF_8))
                .contains("1. DATASET OVERVIEW")
                .contains("11. PRICE SEGMENTS");
    }
}
