package org.clickstream.processor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.kafka.common.TopicPartition;

/**
 * What a streaming query's checkpoint says about its progress, read through Hadoop's FileSystem as
 * Spark writes it: a local folder or a URI such as {@code hdfs://host:port/path}. Its {@code offsets}
 * log holds the planned batches, {@code commits} the finished ones, both as files named by batch id.
 */
final class CheckpointLog {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final FileSystem fs;
    private final Path root;

    private CheckpointLog(FileSystem fs, Path root) {
        this.fs = fs;
        this.root = root;
    }

    static CheckpointLog of(String checkpoint) throws IOException {
        Path root = new Path(checkpoint);
        return new CheckpointLog(root.getFileSystem(new Configuration()), root);
    }

    /** The newest batch id in {@code offsets} or {@code commits}, -1 when there is none. */
    long latest(String log) throws IOException {
        Path folder = new Path(root, log);
        if (!fs.exists(folder)) {
            return -1;
        }
        long latest = -1;
        for (FileStatus file : fs.listStatus(folder)) {
            String name = file.getPath().getName();
            if (name.matches("\\d+")) {
                latest = Math.max(latest, Long.parseLong(name));
            }
        }
        return latest;
    }

    /** How many batches the log has seen (Spark deletes old files, so not a count of files). */
    long batches(String log) throws IOException {
        return latest(log) + 1;
    }

    /** Whether a micro-batch is running: planned ({@code offsets}) and not yet committed. */
    boolean batchInFlight() throws IOException {
        long planned = latest("offsets");
        return planned >= 0 && planned > latest("commits");
    }

    /** The end offset of each partition of the topic that the newest committed batch covers (empty before one). */
    Map<Integer, Long> committedOffsets(String topic) throws IOException {
        long committed = latest("commits");
        Map<Integer, Long> offsets = new HashMap<>();
        if (committed < 0) {
            return offsets;
        }
        List<String> lines;
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(
                fs.open(new Path(new Path(root, "offsets"), Long.toString(committed))), StandardCharsets.UTF_8))) {
            lines = reader.lines().toList();
        }
        // v1, the batch's metadata, then one line per source: {"topic":{"0":123,...}}
        JsonNode partitions = JSON.readTree(lines.get(lines.size() - 1)).path(topic);
        partitions
                .fields()
                .forEachRemaining(partition -> offsets.put(
                        Integer.parseInt(partition.getKey()),
                        partition.getValue().asLong()));
        return offsets;
    }

    /** Records of the topic that committed batches cover. */
    long committedRecords(String topic) throws IOException {
        return committedOffsets(topic).values().stream()
                .mapToLong(Long::longValue)
                .sum();
    }

    /** Whether the committed batches cover every record up to the given end offsets. */
    boolean caughtUp(String topic, Map<TopicPartition, Long> endOffsets) throws IOException {
        Map<Integer, Long> committed = committedOffsets(topic);
        return !committed.isEmpty()
                && endOffsets.entrySet().stream().allMatch(end -> committed
                        .getOrDefault(end.getKey().partition(), -1L)
                        .equals(end.getValue()));
    }
}
