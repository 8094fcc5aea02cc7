package org.clickstream.processor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalLong;
import java.util.UUID;
import org.apache.hadoop.hbase.util.Bytes;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.streaming.SourceProgress;
import org.apache.spark.sql.streaming.StateOperatorProgress;
import org.apache.spark.sql.streaming.StreamingQueryListener;
import org.apache.spark.sql.streaming.StreamingQueryProgress;
import org.clickstream.core.TableLayout.Pipeline;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the processor's health row after every micro-batch, from Spark's own progress report:
 * batch id and time, input rows and rate, duration, rows dropped as late, rejects, and Kafka lag
 * (latest offsets minus the offsets processed). Totals continue across restarts of the same query
 * (checkpoint) and skip batches that are replayed after a crash.
 */
final class HealthReporter extends StreamingQueryListener {
    private static final Logger LOG = LoggerFactory.getLogger(HealthReporter.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final PipelineStore store;
    private final UUID queryId;
    private long lastBatchId = -1;
    private long lateTotal;
    private long rejectsTotal;

    HealthReporter(PipelineStore store, UUID queryId) throws Exception {
        this.store = store;
        this.queryId = queryId;
        try (PipelineStore.Writer writer = store.open()) {
            if (queryId.toString().equals(writer.readHealthQueryId())) {
                Map<String, Long> previous = writer.readHealth();
                lastBatchId = previous.getOrDefault(name(Pipeline.LAST_BATCH_ID), -1L);
                lateTotal = previous.getOrDefault(name(Pipeline.LATE_ROWS_TOTAL), 0L);
                rejectsTotal = previous.getOrDefault(name(Pipeline.REJECTS_TOTAL), 0L);
            }
        }
    }

    @Override
    public void onQueryStarted(QueryStartedEvent event) {
    }

    @Override
    public void onQueryProgress(QueryProgressEvent event) {
        StreamingQueryProgress progress = event.progress();
        if (!queryId.equals(progress.id())) {
            return;
        }
        // Each late event is dropped twice: from its minute and from its brand-minute.
        long late = 0;
        for (StateOperatorProgress operator : progress.stateOperators()) {
            late += operator.numRowsDroppedByWatermark() / 2;
        }
        long rejects = observed(progress, MetricsQuery.OBSERVED_REJECTS);
        if (progress.batchId() > lastBatchId && progress.numInputRows() > 0) {
            lateTotal += late;
            rejectsTotal += rejects;
            lastBatchId = progress.batchId();
        }
        Map<String, Long> values = new LinkedHashMap<>();
        values.put(name(Pipeline.LAST_BATCH_ID), progress.batchId());
        values.put(name(Pipeline.LAST_BATCH_TIME_MS), System.currentTimeMillis());
        values.put(name(Pipeline.INPUT_ROWS), progress.numInputRows());
        values.put(name(Pipeline.ROWS_PER_SECOND), Math.round(progress.processedRowsPerSecond()));
        values.put(name(Pipeline.BATCH_DURATION_MS), progress.batchDuration());
        values.put(name(Pipeline.LATE_ROWS), late);
        values.put(name(Pipeline.LATE_ROWS_TOTAL), lateTotal);
        values.put(name(Pipeline.REJECTS_TOTAL), rejectsTotal);
        // A batch replayed after a restart does not ask Kafka for its latest offsets: lag unknown, not 0.
        lag(progress.sources()).ifPresent(lag -> values.put(name(Pipeline.KAFKA_LAG), lag));
        try (PipelineStore.Writer writer = store.open()) {
            writer.putHealth(values, queryId.toString());
        } catch (Exception e) {
            // Health is advisory: a failed write must not stop the pipeline (the dashboard shows the age).
            LOG.warn("could not write the pipeline health row: {}", e.toString());
        }
    }

    @Override
    public void onQueryTerminated(QueryTerminatedEvent event) {
    }

    private static long observed(StreamingQueryProgress progress, String field) {
        Row row = progress.observedMetrics().get(MetricsQuery.OBSERVATION);
        if (row == null || row.isNullAt(row.fieldIndex(field))) {
            return 0;
        }
        return row.getLong(row.fieldIndex(field));
    }

    /**
     * Records in Kafka not yet processed: latest offset minus processed offset, over all partitions;
     * empty when the progress report does not say (a replayed batch).
     */
    static OptionalLong lag(SourceProgress[] sources) {
        long lag = 0;
        for (SourceProgress source : sources) {
            try {
                JsonNode latest = source.latestOffset() == null ? null : JSON.readTree(source.latestOffset());
                JsonNode end = source.endOffset() == null ? null : JSON.readTree(source.endOffset());
                if (latest == null || end == null || !latest.isObject()) {
                    return OptionalLong.empty();
                }
                for (Iterator<Map.Entry<String, JsonNode>> topics = latest.fields(); topics.hasNext(); ) {
                    Map.Entry<String, JsonNode> topic = topics.next();
                    for (Iterator<Map.Entry<String, JsonNode>> partitions = topic.getValue().fields(); partitions.hasNext(); ) {
                        Map.Entry<String, JsonNode> partition = partitions.next();
                        long processed = end.path(topic.getKey()).path(partition.getKey()).asLong(0);
                        lag += Math.max(0, partition.getValue().asLong() - processed);
                    }
                }
            } catch (IOException e) {
                LOG.debug("unreadable offsets in progress report: {}", e.toString());
                return OptionalLong.empty();
            }
        }
        return OptionalLong.of(lag);
    }

    private static String name(byte[] qualifier) {
        return Bytes.toString(qualifier);
    }
}
