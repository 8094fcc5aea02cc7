package org.clickstream.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * When a run's micro-batches ran, from Spark's own checkpoint of every query (the metrics query's
 * folder and its {@code sessions} sub-folder): a batch starts at the {@code batchTimestampMs} of its
 * offset log entry ({@code offsets/N}) and ends when its commit log entry ({@code commits/N}) is
 * written. The span from the first start to the last end is the time the pipeline was busy, with
 * JVM start-up, planning before the first batch and shutdown left out, over all queries at once.
 */
final class CheckpointLog {
    private CheckpointLog() {}

    record Span(long firstStartMs, long lastEndMs, int batches) {
        double seconds() {
            return (lastEndMs - firstStartMs) / 1000.0;
        }
    }

    static Span of(Path checkpoint) throws IOException {
        long first = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;
        int batches = 0;
        for (Path query : List.of(checkpoint, checkpoint.resolve("sessions"))) {
            Path offsets = query.resolve("offsets");
            if (!Files.isDirectory(offsets)) {
                continue;
            }
            try (Stream<Path> entries = Files.list(offsets)) {
                for (Path entry : entries.filter(p -> p.getFileName().toString().matches("\\d+"))
                        .toList()) {
                    Path commit = query.resolve("commits").resolve(entry.getFileName());
                    if (!Files.exists(commit)) {
                        continue;
                    }
                    first = Math.min(first, batchTimestampMs(entry));
                    last = Math.max(last, Files.getLastModifiedTime(commit).toMillis());
                    batches++;
                }
            }
        }
        if (batches == 0) {
            throw new IllegalStateException("no committed batch in the checkpoint " + checkpoint);
        }
        return new Span(first, last, batches);
    }

    /** Line 1 is the log's version ("v1"), line 2 the batch's metadata. */
    private static long batchTimestampMs(Path offsetEntry) throws IOException {
        List<String> lines = Files.readAllLines(offsetEntry);
        JsonNode metadata = Workspace.JSON.readTree(lines.get(1));
        return metadata.path("batchTimestampMs").asLong();
    }
}
