package org.clickstream.bench;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** The {@code --stats-json} files of scripts/produce, scripts/process and scripts/backfill, read as the programs wrote them. */
final class StatsFiles {
    // Fields a program adds later must not break an older benchmark.
    private static final ObjectMapper JSON =
            new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private StatsFiles() {}

    /** scripts/produce --stats-json (docs/PRODUCER.md). */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Producer(
            long sent,
            long acknowledged,
            long failed,
            long rejected,
            Map<String, Long> rejectedByReason,
            double elapsedSeconds,
            double eventsPerSecond,
            double jsonMegabytesPerSecond) {}

    /** scripts/process --stats-json: one summary per streaming query (metrics, and sessions when kept). */
    record Processor(List<Query> queries) {
        Query query(String name) {
            return queries.stream()
                    .filter(q -> q.query().equals(name))
                    .findFirst()
                    .orElseThrow(() ->
                            new IllegalStateException("no query " + name + " in the processor's stats: " + queries));
        }

        /** The slowest query's median rate: the pipeline keeps up only as fast as its slowest query. */
        double sustainedRecordsPerSecond() {
            return queries.stream()
                    .mapToDouble(Query::sustainedRecordsPerSecond)
                    .min()
                    .orElse(0);
        }

        long driverPeakRssMb() {
            return queries.stream()
                    .map(Query::driverPeakRssMb)
                    .filter(m -> m != null)
                    .mapToLong(Long::longValue)
                    .max()
                    .orElse(0);
        }
    }

    record Query(
            String query,
            long records,
            int batches,
            double sustainedRecordsPerSecond,
            double batchMillisMedian,
            double batchMillisP95,
            double batchMillisMax,
            long lateEvents,
            long rejects,
            long skipped,
            Long driverPeakRssMb) {}

    /** scripts/backfill --stats-json. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Backfill(
            long events, long cells, long skipped, String until, double seconds, Map<String, Long> rejectedByReason) {}

    static Producer producer(Path file) throws IOException {
        return JSON.readValue(file.toFile(), Producer.class);
    }

    static Processor processor(Path file) throws IOException {
        return JSON.readValue(file.toFile(), Processor.class);
    }

    static Backfill backfill(Path file) throws IOException {
        return JSON.readValue(file.toFile(), Backfill.class);
    }
}
