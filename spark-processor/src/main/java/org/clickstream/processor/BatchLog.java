package org.clickstream.processor;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.UUID;
import org.apache.spark.sql.streaming.SourceProgress;
import org.apache.spark.sql.streaming.StateOperatorProgress;
import org.apache.spark.sql.streaming.StreamingQueryListener;
import org.apache.spark.sql.streaming.StreamingQueryProgress;

/**
 * {@code --batch-log FILE}: one JSON line per micro-batch that read records, with the Kafka offsets
 * it covered and the wall-clock time its results were in HBase. Joined with the producer's
 * {@code sent_at_ms} of each record, that gives every event's latency from send to its minute row
 * (scripts/bench does this).
 */
final class BatchLog extends StreamingQueryListener {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path file;
    private final UUID queryId;
    private final Map<Long, Long> writtenAt;

    /** @param writtenAt batch id to the time its results were written, filled by {@link #batchWritten} */
    BatchLog(Path file, UUID queryId, Map<Long, Long> writtenAt) {
        this.file = file;
        this.queryId = queryId;
        this.writtenAt = writtenAt;
    }

    /** Called by the query right after a batch's results were written. */
    static void batchWritten(Map<Long, Long> writtenAt, long batchId) {
        writtenAt.put(batchId, System.currentTimeMillis());
    }

    @Override
    public void onQueryStarted(QueryStartedEvent event) {}

    @Override
    public void onQueryProgress(QueryProgressEvent event) {
        StreamingQueryProgress progress = event.progress();
        Long written = writtenAt.remove(progress.batchId());
        if (!queryId.equals(progress.id()) || progress.numInputRows() == 0 || written == null) {
            return;
        }
        ObjectNode line = JSON.createObjectNode()
                .put("batch", progress.batchId())
                .put("rows", progress.numInputRows())
                .put("written_ms", written)
                .put("duration_ms", progress.batchDuration());
        // Where the batch's time went (Spark's own breakdown: latestOffset, queryPlanning, addBatch, walCommit, ...).
        ObjectNode phases = line.putObject("phases_ms");
        progress.durationMs().forEach((phase, ms) -> phases.put(phase, ms));
        try {
            // The aggregation state's share of addBatch, and its size (Spark's stateful operator metrics).
            for (StateOperatorProgress state : progress.stateOperators()) {
                line.withArray("state").add(JSON.readTree(state.json()));
            }
            for (SourceProgress source : progress.sources()) {
                line.set("start_offsets", source.startOffset() == null ? null : JSON.readTree(source.startOffset()));
                line.set("end_offsets", JSON.readTree(source.endOffset()));
            }
            try (Writer out = Files.newBufferedWriter(
                    file, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND)) {
                out.write(JSON.writeValueAsString(line));
                out.write('\n');
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the batch log " + file, e);
        }
    }

    @Override
    public void onQueryTerminated(QueryTerminatedEvent event) {}
}
