package org.clickstream.processor;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.apache.spark.sql.streaming.StreamingQueryListener;
import org.apache.spark.sql.streaming.StreamingQueryProgress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a person watching the processor wants to see: a progress line every few seconds while
 * batches run, and a summary when the query ends (records, sustained rate, batch durations, the
 * driver's peak memory), from the query's own progress history. scripts/bench-processor reads it.
 */
final class RunReport extends StreamingQueryListener {
    private static final Logger LOG = LoggerFactory.getLogger(RunReport.class);
    private static final long PROGRESS_EVERY_MS = 5_000;

    private final UUID queryId;
    private long lastLine;

    RunReport(UUID queryId) {
        this.queryId = queryId;
    }

    @Override
    public void onQueryStarted(QueryStartedEvent event) {
    }

    @Override
    public synchronized void onQueryProgress(QueryProgressEvent event) {
        StreamingQueryProgress progress = event.progress();
        if (!queryId.equals(progress.id()) || progress.numInputRows() == 0) {
            return;
        }
        long now = System.currentTimeMillis();
        if (now - lastLine >= PROGRESS_EVERY_MS) {
            lastLine = now;
            LOG.info("batch {}: {} records in {} ms ({} records/s){}",
                    progress.batchId(), String.format("%,d", progress.numInputRows()), progress.batchDuration(),
                    String.format("%,.0f", progress.processedRowsPerSecond()), HealthReporter.lag(progress.sources()).stream()
                            .mapToObj(lag -> String.format(", %,d records waiting in Kafka", lag)).findFirst().orElse(""));
        }
    }

    @Override
    public void onQueryTerminated(QueryTerminatedEvent event) {
    }

    /**
     * One line over the batches that read records; the first (planning, JIT warm-up) is left out of
     * the rate's median when there are more.
     */
    static String summary(StreamingQueryProgress[] history) {
        List<Long> rows = new ArrayList<>();
        List<Double> rates = new ArrayList<>();
        List<Long> durations = new ArrayList<>();
        for (StreamingQueryProgress progress : history) {
            if (progress.numInputRows() > 0) {
                rows.add(progress.numInputRows());
                rates.add(progress.processedRowsPerSecond());
                durations.add(progress.batchDuration());
            }
        }
        long total = rows.stream().mapToLong(Long::longValue).sum();
        List<Double> steady = rates.size() > 1 ? rates.subList(1, rates.size()) : rates;
        return String.format("processed %,d records in %d batches; sustained %,.0f records/s (median per batch); "
                        + "batch duration median %d ms, p95 %d ms, max %d ms; driver peak RSS %s",
                total, rows.size(), median(steady), percentile(durations, 50), percentile(durations, 95),
                percentile(durations, 100), peakRss().map(mb -> mb + " MB").orElse("unknown"));
    }

    private static double median(List<Double> values) {
        if (values.isEmpty()) {
            return 0;
        }
        List<Double> sorted = values.stream().sorted().toList();
        int middle = sorted.size() / 2;
        return sorted.size() % 2 == 1 ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
    }

    /** Nearest-rank percentile. */
    private static long percentile(List<Long> values, int percent) {
        if (values.isEmpty()) {
            return 0;
        }
        List<Long> sorted = values.stream().sorted().toList();
        int rank = (int) Math.ceil(percent / 100.0 * sorted.size());
        return sorted.get(Math.max(0, rank - 1));
    }

    /** VmHWM of this JVM (Linux), in MB. */
    private static Optional<Long> peakRss() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Optional.of(Long.parseLong(line.replaceAll("\\D", "")) / 1024);
                }
            }
        } catch (IOException | NumberFormatException e) {
            LOG.debug("no peak RSS: {}", e.toString());
        }
        return Optional.empty();
    }
}
