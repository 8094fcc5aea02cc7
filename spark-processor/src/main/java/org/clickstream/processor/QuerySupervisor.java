package org.clickstream.processor;

import dev.failsafe.Failsafe;
import dev.failsafe.FailsafeException;
import dev.failsafe.RetryPolicy;
import dev.failsafe.Timeout;
import dev.failsafe.TimeoutExceededException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.apache.spark.sql.streaming.StreamingQueryListener;
import org.clickstream.core.cli.CommandLines;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the processor's queries until they end (available-now) or the JVM is asked to stop, and
 * keeps them running otherwise: after a failure once they have run (HBase or Kafka away for a
 * while) they restart from their checkpoints with a capped back-off. Failing before they ever ran
 * (a wrong address, say), losing Kafka records, a vanished checkpoint or another owner of the
 * tables end the job with one clear line instead: restarting cannot mend those. A micro-batch
 * without progress for too long (a client waiting for good) is stopped and counts as a failure.
 */
final class QuerySupervisor {
    private static final Logger LOG = LoggerFactory.getLogger(QuerySupervisor.class);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

    /** One started query and what it reports as. */
    record Running(String name, StreamingQuery query, List<StreamingQueryListener> listeners) {}

    /** Starts the queries (once per attempt). */
    interface Starter {
        List<Running> start() throws Exception;
    }

    /** What stops the job without a restart: its exit status and the line that says why. */
    static final class Fatal extends Exception {
        private static final long serialVersionUID = 1L;

        Fatal(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private final SparkSession spark;
    private final ProcessorSettings settings;
    private final PipelineStore store;
    private volatile boolean stopping;
    private volatile List<Running> running = List.of();
    private boolean ran;

    QuerySupervisor(SparkSession spark, ProcessorSettings settings, PipelineStore store) {
        this.spark = spark;
        this.settings = settings;
        this.store = store;
    }

    /** @return 0 when the queries ended or were stopped; 1 on a failure restarting cannot mend */
    int run(Starter starter) {
        Runtime.getRuntime().addShutdownHook(new Thread(this::stopForShutdown, "processor-shutdown"));
        RetryPolicy<Object> restarts = RetryPolicy.builder()
                .handleIf(this::worthRestarting)
                .withBackoff(Duration.ofSeconds(1), MAX_BACKOFF)
                .withMaxRetries(settings.maxRestarts())
                .onRetry(event -> {
                    LOG.warn(
                            "a query failed ({}); restarting from the checkpoint",
                            CommandLines.describe(event.getLastException()));
                    // A client that saw the failure may be stuck in it: the restart starts with new connections.
                    store.reset();
                })
                .build();
        try {
            Failsafe.with(restarts).run(() -> runOnce(starter));
            return 0;
        } catch (FailsafeException e) {
            return ended(e.getCause() == null ? e : e.getCause());
        } catch (RuntimeException e) {
            return ended(e);
        }
    }

    private int ended(Throwable e) {
        if (stopping || spark.sparkContext().isStopped()) {
            // The failure is the shutdown itself (its batch cancelled, its connections closed).
            return 0;
        }
        if (e instanceof Fatal || e instanceof Ownership.Conflict) {
            LOG.error(e.getMessage());
        } else if (isDataLoss(e)) {
            LOG.error(
                    "Kafka no longer has records this checkpoint expects (topic deleted and recreated, or retention "
                            + "expired): {}. Start over with a new --checkpoint, or pass --fail-on-data-loss false to skip the "
                            + "missing records.",
                    CommandLines.describe(e));
        } else if (!ran) {
            LOG.error(
                    "processor could not start (Kafka {}, {}): {}",
                    settings.bootstrap(),
                    store.describe(),
                    CommandLines.describe(e));
        } else {
            LOG.error("processor stopped after {} restarts: {}", settings.maxRestarts(), CommandLines.describe(e));
        }
        return 1;
    }

    private boolean worthRestarting(Throwable e) {
        return !stopping
                && !spark.sparkContext().isStopped()
                && ran
                && !(e instanceof Fatal)
                && !(e instanceof Ownership.Conflict)
                && !isDataLoss(e);
    }

    private void runOnce(Starter starter) throws Exception {
        // With HBase away these would block for as long as the client keeps retrying: bound them.
        bounded("creating the tables", () -> {
            store.prepare();
            return null;
        });
        if (!checkpointHoldsOffsets() && ran) {
            // Restarting now would start a new query from --starting-offsets and count everything again.
            throw new Fatal(
                    "checkpoint " + settings.checkpoint() + " no longer holds the query's offsets (deleted while the "
                            + "processor ran?); not restarting",
                    null);
        }
        List<Running> started = bounded("starting the queries", starter::start);
        running = started;
        if (stopping) {
            stopAll(started);
            return;
        }
        started.forEach(r -> r.listeners().forEach(spark.streams()::addListener));
        try {
            awaitTermination(started);
        } finally {
            for (Running r : started) {
                ran |= r.query().lastProgress() != null;
                r.listeners().forEach(spark.streams()::removeListener);
            }
            stopAll(started);
            List<RunReport.Summary> summaries = new ArrayList<>();
            for (Running r : started) {
                RunReport.Summary summary =
                        RunReport.Summary.of(r.name(), r.query().recentProgress());
                LOG.info(summary.line());
                summaries.add(summary);
            }
            if (settings.statsJson() != null) {
                RunReport.writeJson(settings.statsJson(), summaries);
            }
        }
    }

    /**
     * Waits for every query to end; one failing ends the others. A query whose micro-batch makes no
     * progress for --stuck-batch-seconds is stopped and counts as a failure.
     */
    private void awaitTermination(List<Running> queries) throws Exception {
        long[] stuckSince = new long[queries.size()];
        Object[] lastProgress = new Object[queries.size()];
        java.util.Arrays.fill(stuckSince, -1);
        while (true) {
            boolean allEnded = true;
            for (int i = 0; i < queries.size(); i++) {
                StreamingQuery query = queries.get(i).query();
                if (!query.isActive()) {
                    if (query.exception().isDefined()) {
                        throw query.exception().get();
                    }
                    continue;
                }
                allEnded = false;
                Object progress = query.lastProgress();
                if (!query.status().isTriggerActive() || progress != lastProgress[i]) {
                    stuckSince[i] = -1;
                    lastProgress[i] = progress;
                } else if (stuckSince[i] < 0) {
                    stuckSince[i] = System.nanoTime();
                } else if (System.nanoTime() - stuckSince[i]
                        > settings.stuckBatch().toNanos()) {
                    LOG.warn(
                            "{}: a micro-batch made no progress for {} s (Kafka or HBase not answering); stopping it",
                            queries.get(i).name(),
                            settings.stuckBatch().toSeconds());
                    throw new IllegalStateException("micro-batch stuck for more than "
                            + settings.stuckBatch().toSeconds() + " s");
                }
            }
            if (allEnded || stopping) {
                return;
            }
            queries.get(0).query().awaitTermination(TimeUnit.SECONDS.toMillis(1));
        }
    }

    private boolean checkpointHoldsOffsets() {
        try {
            org.apache.hadoop.fs.Path offsets = new org.apache.hadoop.fs.Path(settings.checkpoint(), "offsets");
            org.apache.hadoop.fs.FileSystem fs =
                    offsets.getFileSystem(spark.sparkContext().hadoopConfiguration());
            return fs.exists(offsets) && fs.listStatus(offsets).length > 0;
        } catch (java.io.IOException e) {
            // The file system is away too: the restart will find out.
            return true;
        }
    }

    private void stopForShutdown() {
        stopping = true;
        if (running.stream().anyMatch(r -> r.query().isActive())) {
            LOG.info("stopping; a micro-batch in flight runs again at the next start, from the checkpoint");
            try {
                stopAll(running);
            } catch (IllegalStateException sparkAlreadyStopped) {
                // Spark's own shutdown hook stopped the context first: the queries end with it.
            }
        }
    }

    private static void stopAll(List<Running> queries) {
        for (Running r : queries) {
            try {
                r.query().stop();
            } catch (java.util.concurrent.TimeoutException e) {
                LOG.warn("{} did not stop in time: {}", r.name(), e.toString());
            }
        }
    }

    private <T> T bounded(String what, dev.failsafe.function.CheckedSupplier<T> task) throws Exception {
        try {
            return Failsafe.with(Timeout.<T>builder(settings.stuckBatch())
                            .withInterrupt()
                            .build())
                    .get(task);
        } catch (TimeoutExceededException e) {
            throw new IllegalStateException(
                    "no answer within " + settings.stuckBatch().toSeconds() + " s while " + what, e);
        } catch (FailsafeException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
    }

    /** Spark's Kafka source names its option in the message when records it expected are gone. */
    static boolean isDataLoss(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause.getMessage() != null && cause.getMessage().contains("failOnDataLoss")) {
                return true;
            }
        }
        return false;
    }
}
