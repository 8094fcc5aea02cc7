package org.clickstream.processor;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import java.util.UUID;
import org.apache.commons.math3.stat.descriptive.DescriptiveStatistics;
import org.apache.spark.sql.streaming.StreamingQueryListener;
import org.apache.spark.sql.streaming.StreamingQueryProgress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a person watching the processor wants to see: a progress line every few seconds while
 * batches run, and a summary when the query ends (records, sustained rate, batch durations, late
 * events, rejects, the driver's peak memory), from the query's own progress history; the same
 * summary as JSON for programs ({@code --stats-json}, which the benchmarks read).
 */
final class RunReport extends StreamingQueryListener {
    private static final Logger LOG = LoggerFactory.getLogger(RunReport.class);
    private static final long PROGRESS_EVERY_MS = 5_000;

    private final UUID queryId;
    private final String name;
    private long lastLine;

    RunReport(UUID queryId, String name) {
        this.queryId = queryId;
        this.name = name;
    }

    @Override
    public void onQueryStarted(QueryStartedEvent event) {}

    @Override
    public synchronized void onQueryProgress(QueryProgressEvent event) {
        StreamingQueryProgress progress = event.progress();
        if (!queryId.equals(progress.id()) || progress.numInputRows() == 0) {
            return;
        }
        long now = System.currentTimeMillis();
        if (now - lastLine >= PROGRESS_EVERY_MS) {
            lastLine = now;
            long records = HealthReporter.records(progress);
            LOG.info(
                    "{} batch {}: {} records in {} ms ({} records/s){}",
                    name,
                    progress.batchId(),
                    String.format("%,d", records),
                    progress.batchDuration(),
                    String.format("%,.0f", rate(records, progress)),
                    HealthReporter.lag(progress.sources()).stream()
                            .mapToObj(lag -> String.format(", %,d records waiting in Kafka", lag))
                            .findFirst()
                            .orElse(""));
        }
    }

    @Override
    public void onQueryTerminated(QueryTerminatedEvent event) {}

    /** A run's figures over the batches that read records; the first (planning, JIT warm-up) is left out of the rate's median. */
    record Summary(
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
            Long driverPeakRssMb) {

        static Summary of(String query, StreamingQueryProgress[] history) {
            StreamingQueryProgress[] reading =
                    Arrays.stream(history).filter(p -> p.numInputRows() > 0).toArray(StreamingQueryProgress[]::new);
            DescriptiveStatistics rates = new DescriptiveStatistics();
            DescriptiveStatistics durations = new DescriptiveStatistics();
            long records = 0;
            long late = 0;
            long rejects = 0;
            long skipped = 0;
            for (int i = 0; i < reading.length; i++) {
                StreamingQueryProgress progress = reading[i];
                records += HealthReporter.records(progress);
                late += HealthReporter.observed(progress, MetricsQuery.OBSERVED_LATE);
                rejects += HealthReporter.observed(progress, MetricsQuery.OBSERVED_REJECTS);
                skipped += HealthReporter.observed(progress, MetricsQuery.OBSERVED_SKIPPED);
                durations.addValue(progress.batchDuration());
                if (i > 0 || reading.length == 1) {
                    rates.addValue(rate(HealthReporter.records(progress), progress));
                }
            }
            return new Summary(
                    query,
                    records,
                    reading.length,
                    orZero(rates.getPercentile(50)),
                    orZero(durations.getPercentile(50)),
                    orZero(durations.getPercentile(95)),
                    orZero(durations.getMax()),
                    late,
                    rejects,
                    skipped,
                    peakRssMb().orElse(null));
        }

        String line() {
            return String.format(
                    "%s: processed %,d records in %d batches; sustained %,.0f records/s (median per batch); "
                            + "batch duration median %.0f ms, p95 %.0f ms, max %.0f ms; %,d late, %,d rejects%s; driver peak RSS %s",
                    query,
                    records,
                    batches,
                    sustainedRecordsPerSecond,
                    batchMillisMedian,
                    batchMillisP95,
                    batchMillisMax,
                    lateEvents,
                    rejects,
                    skipped == 0 ? "" : String.format(", %,d skipped (before --events-from)", skipped),
                    driverPeakRssMb == null ? "unknown" : driverPeakRssMb + " MB");
        }

        ObjectNode json(ObjectMapper mapper) {
            return mapper.valueToTree(this);
        }

        private static double orZero(double value) {
            return Double.isNaN(value) ? 0 : value;
        }
    }

    /** Records per second of a batch, over the whole trigger (as Spark's processedRowsPerSecond). */
    static double rate(long records, StreamingQueryProgress progress) {
        Long trigger = progress.durationMs().get("triggerExecution");
        return trigger == null || trigger == 0 ? 0 : records * 1000.0 / trigger;
    }

    /** Writes the summaries of a run's queries as one JSON object: {"queries": [...]}. */
    static void writeJson(Path file, Iterable<Summary> summaries) throws IOException {
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode root = mapper.createObjectNode();
        summaries.forEach(summary -> root.withArray("queries").add(summary.json(mapper)));
        Files.writeString(file, mapper.writerWithDefaultPrettyPrinter().writeValueAsString(root));
    }

    /** VmHWM of this JVM (Linux), in MB. */
    static Optional<Long> peakRssMb() {
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
