package org.clickstream.bench;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** What every benchmark command takes: how many runs, where its files go, where its results go. */
final class CommonOptions {
    @Option(
            names = "--runs",
            paramLabel = "K",
            defaultValue = "1",
            description =
                    "Runs of each measurement; the results give every run and the medians (default: ${DEFAULT-VALUE}).")
    int runs;

    @Option(
            names = "--work-dir",
            paramLabel = "DIR",
            required = true,
            description =
                    "Where logs, stats files, checkpoints and generated data go (the scripts pass the stack's bench/ folder).")
    Path workDir;

    @Option(
            names = "--json",
            paramLabel = "FILE",
            description =
                    "Results file (default: bench-results.json for scripts/bench, bench-<part>.json for a part, in the current folder).")
    Path json;

    Path json(String defaultName) {
        return json != null ? json : Path.of(defaultName);
    }

    void validate() {
        if (runs < 1) {
            throw new IllegalArgumentException("--runs must be at least 1");
        }
    }
}
