package org.clickstream.processor;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.clickstream.core.hbase.HealthRow;

/**
 * Two pipelines must not write one namespace's tables without knowing it: each writes absolute
 * values, so the last writer of a row silently wins. Before its queries start, the processor reads
 * the namespace's health row; when it belongs to another query whose last batch is recent, it
 * refuses to start (unless told to take over).
 */
final class Ownership {
    /** A health row younger than this belongs to a live query (an idle one still reports every ten seconds). */
    static final Duration LIVE = Duration.ofMinutes(1);

    /** Why the processor does not start. */
    static final class Conflict extends IllegalStateException {
        private static final long serialVersionUID = 1L;

        Conflict(String message) {
            super(message);
        }
    }

    private Ownership() {}

    /**
     * @param ourQueryId the query id in the checkpoint, {@code null} for a new checkpoint
     * @throws Conflict when another live query writes the namespace
     */
    static void check(HealthRow owner, String ourQueryId, String namespace, long nowMs) {
        if (owner == null || owner.queryId() == null || owner.queryId().equals(ourQueryId)) {
            return;
        }
        long ageMs = nowMs - owner.lastBatchTimeMs();
        if (ageMs < LIVE.toMillis()) {
            throw new Conflict(String.format(
                    "namespace %s is being written by another processor (query %s, topic %s, "
                            + "last batch %d s ago): use another --namespace, stop that processor, or pass --take-over",
                    namespace, owner.queryId(), owner.topic(), Math.max(0, ageMs / 1000)));
        }
    }

    /** The query id a checkpoint holds (its {@code metadata} file), {@code null} when the checkpoint is new. */
    static String queryIdOf(String checkpoint) throws IOException {
        Path metadata = new Path(new Path(checkpoint), "metadata");
        FileSystem fs = metadata.getFileSystem(new Configuration());
        if (!fs.exists(metadata)) {
            return null;
        }
        try (InputStream in = fs.open(metadata)) {
            return new ObjectMapper().readTree(in).path("id").asText(null);
        }
    }
}
