package org.clickstream.processor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.TaskContext;

/**
 * What a task needs to know about the micro-batch it runs in: the event-time watermark Spark drops
 * late rows by, and the batch's timestamp. Both are in the checkpoint's offset log (written before
 * the batch runs, read again when it is replayed), so a replayed batch judges every record exactly
 * as the first run did. The batch id comes from the property Spark sets on every job of a
 * micro-batch ({@value #BATCH_ID_PROPERTY}).
 *
 * @param watermarkMs the batch's watermark: an event whose minute is at or before it is late
 * @param timestampMs when Spark planned the batch (wall clock, epoch milliseconds)
 */
record BatchContext(long batchId, long watermarkMs, long timestampMs) {
    static final String BATCH_ID_PROPERTY = "streaming.sql.batchId";
    private static final ObjectMapper JSON = new ObjectMapper();
    /**
     * Hadoop's configuration (core-site.xml and the like from the class path), loaded once per JVM:
     * a new one parses its XML files again, which cost a small micro-batch's tasks tens of
     * milliseconds each.
     */
    private static final Configuration HADOOP = new Configuration();

    private static final int CACHED = 16;
    private static final Map<String, BatchContext> CACHE = new LinkedHashMap<>(CACHED, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, BatchContext> eldest) {
            return size() > CACHED;
        }
    };

    /** The batch the current task belongs to, read from {@code checkpoint}'s offset log once per batch and JVM. */
    static BatchContext ofCurrentTask(String checkpoint) {
        TaskContext task = TaskContext.get();
        String batch = task == null ? null : task.getLocalProperty(BATCH_ID_PROPERTY);
        if (batch == null) {
            throw new IllegalStateException("not running inside a micro-batch (no " + BATCH_ID_PROPERTY + ")");
        }
        String key = checkpoint + "#" + batch;
        synchronized (CACHE) {
            BatchContext cached = CACHE.get(key);
            if (cached != null) {
                return cached;
            }
        }
        BatchContext read = read(checkpoint, Long.parseLong(batch));
        synchronized (CACHE) {
            CACHE.put(key, read);
        }
        return read;
    }

    /**
     * The offset log entry of a batch: a version line, then
     * {@code {"batchWatermarkMs":...,"batchTimestampMs":...,"conf":{...}}}, then the sources' offsets
     * (Spark's OffsetSeqLog format, stable across Spark versions since checkpoints are).
     */
    static BatchContext read(String checkpoint, long batchId) {
        Path file = new Path(new Path(checkpoint), "offsets/" + batchId);
        try {
            FileSystem fs = file.getFileSystem(HADOOP);
            try (BufferedReader reader =
                    new BufferedReader(new InputStreamReader(fs.open(file), StandardCharsets.UTF_8))) {
                reader.readLine();
                JsonNode metadata = JSON.readTree(reader.readLine());
                return new BatchContext(
                        batchId,
                        metadata.path("batchWatermarkMs").asLong(0),
                        metadata.path("batchTimestampMs").asLong(System.currentTimeMillis()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the offset log of batch " + batchId + " at " + file, e);
        }
    }
}
