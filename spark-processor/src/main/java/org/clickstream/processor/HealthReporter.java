package org.clickstream.processor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Iterator;
import java.util.Map;
import java.util.OptionalLong;
import java.util.UUID;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.streaming.SourceProgress;
import org.apache.spark.sql.streaming.StreamingQueryListener;
import org.apache.spark.sql.streaming.StreamingQueryProgress;
import org.clickstream.core.hbase.HealthRow;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes a query's health row after every micro-batch, from Spark's own progress report: batch id
 * and time, input rows and rate, duration, late events and rejects (counted by the metrics query as
 * it parses), and Kafka lag (latest offsets minus the offsets processed). Totals continue across
 * restarts of the same query (checkpoint) and skip batches that are replayed after a crash.
 */
final class HealthReporter extends StreamingQueryListener {
    private static final Logger LOG = LoggerFactory.getLogger(HealthReporter.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final PipelineStore store;
    private final UUID queryId;
    private final String row;
    private final String topic;
    private long lastBatchId = -1;
    private long lateTotal;
    private long rejectsTotal;

    /** @param row the health row ({@link HealthRow#PROCESSOR} or {@link HealthRow#SESSIONS}) */
    HealthReporter(PipelineStore store, UUID queryId, String row, String topic) throws Exception {
        this.store = store;
        this.queryId = queryId;
        this.row = row;
        this.topic = topic;
        try (PipelineStore.Writer writer = store.open()) {
            HealthRow previous = writer.readHealth(row);
            if (previous != null && queryId.toString().equals(previous.queryId())) {
                lastBatchId = previous.lastBatchId();
                lateTotal = previous.lateRowsTotal();
                rejectsTotal = previous.rejectsTotal();
            }
        }
    }

    @Override
    public void onQueryStarted(QueryStartedEvent event) {}

    @Override
    public void onQueryProgress(QueryProgressEvent event) {
        StreamingQueryProgress progress = event.progress();
        if (!queryId.equals(progress.id())) {
            return;
        }
        long late = observed(progress, MetricsQuery.OBSERVED_LATE);
        long rejects = observed(progress, MetricsQuery.OBSERVED_REJECTS);
        if (progress.batchId() > lastBatchId && progress.numInputRows() > 0) {
            lateTotal += late;
            rejectsTotal += rejects;
            lastBatchId = progress.batchId();
        }
        OptionalLong lag = lag(progress.sources());
        long records = records(progress);
        HealthRow health = new HealthRow(
                progress.batchId(),
                System.currentTimeMillis(),
                records,
                progress.batchDuration() > 0 ? records * 1000 / progress.batchDuration() : 0,
                progress.batchDuration(),
                late,
                lateTotal,
                rejectsTotal,
                lag.isPresent() ? lag.getAsLong() : null,
                queryId.toString(),
                topic);
        try (PipelineStore.Writer writer = store.open()) {
            writer.putHealth(row, health);
        } catch (Exception e) {
            // Health is advisory: a failed write must not stop the pipeline (the dashboard shows the age).
            LOG.warn("could not write the pipeline health row: {}", e.toString());
        }
    }

    @Override
    public void onQueryTerminated(QueryTerminatedEvent event) {}

    /**
     * The records a batch read. The metrics query counts them itself (events and rejects): Spark's
     * {@code numInputRows} counts a source once per branch that reads it, and with the hourly product
     * boards two branches do (behind one shared exchange, so each record is read once).
     */
    static long records(StreamingQueryProgress progress) {
        Row observed = progress.observedMetrics().get(MetricsQuery.OBSERVATION);
        return observed == null
                ? progress.numInputRows()
                : observed(progress, MetricsQuery.OBSERVED_EVENTS) + observed(progress, MetricsQuery.OBSERVED_REJECTS);
    }

    /** A per-batch count the metrics query observes; 0 when the batch had none (or the query observes none). */
    static long observed(StreamingQueryProgress progress, String field) {
        Row observed = progress.observedMetrics().get(MetricsQuery.OBSERVATION);
        if (observed == null || observed.isNullAt(observed.fieldIndex(field))) {
            return 0;
        }
        return observed.getLong(observed.fieldIndex(field));
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
                    for (Iterator<Map.Entry<String, JsonNode>> partitions =
                                    topic.getValue().fields();
                            partitions.hasNext(); ) {
                        Map.Entry<String, JsonNode> partition = partitions.next();
                        long processed = end.path(topic.getKey())
                                .path(partition.getKey())
                                .asLong(0);
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
}
