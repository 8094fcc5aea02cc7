package org.clickstream.producer;

import java.io.IOException;
import java.time.Instant;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;
import org.clickstream.core.ClickEvent;
import org.clickstream.core.EventCsv;
import org.clickstream.core.EventJson;
import org.clickstream.core.ParseResult;

/**
 * Reads a source and sends each valid event to a sink as the contract's key and JSON value (with
 * {@code sent_at_ms}, the wall-clock time it was handed over); malformed rows are counted and,
 * the first time they are read, written to the rejects file. Stops at the end of the source, after
 * {@code limit} events, when a stop is requested, or at the first delivery that failed for good
 * (everything after it would fail the same way, and per-session order could no longer be kept).
 */
public final class ProducerJob {
    private final EventSource source;
    private final EventSink sink;
    private final RejectsFile rejects;
    private final RunStats stats;
    private final Pacer pacer;
    private final LongSupplier wallClockMillis;
    private final long limit;
    private final BooleanSupplier stopRequested;
    private final boolean live;

    /** Why {@link #run()} returned. */
    public enum End { INPUT_EXHAUSTED, LIMIT_REACHED, STOPPED, DELIVERY_FAILED }

    /** @param live stamp each event with the second it is sent instead of its own event time */
    public ProducerJob(EventSource source, EventSink sink, RejectsFile rejects, RunStats stats, Pacer pacer,
            LongSupplier wallClockMillis, long limit, BooleanSupplier stopRequested, boolean live) {
        this.source = source;
        this.sink = sink;
        this.rejects = rejects;
        this.stats = stats;
        this.pacer = pacer;
        this.wallClockMillis = wallClockMillis;
        this.limit = limit;
        this.stopRequested = stopRequested;
        this.live = live;
    }

    /** Sends until one of the reasons in {@link End}; does not wait for the last deliveries (closing the sink does). */
    public End run() throws IOException {
        long sent = 0;
        while (true) {
            if (stopRequested.getAsBoolean()) {
                return End.STOPPED;
            }
            if (stats.firstFailure() != null) {
                return End.DELIVERY_FAILED;
            }
            if (sent >= limit) {
                return End.LIMIT_REACHED;
            }
            EventCsv.Line line = source.next();
            if (line == null) {
                return End.INPUT_EXHAUSTED;
            }
            if (line.result() instanceof ParseResult.Rejected rejected) {
                stats.reject(rejected.reason());
                if (source.cycle() == 1) {
                    rejects.write(line.lineNumber(), rejected.reason(), rejected.detail(), line.raw());
                }
            } else if (line.result() instanceof ParseResult.Valid valid) {
                if (!pacer.awaitNext()) {
                    return End.STOPPED;
                }
                send(valid.event());
                sent++;
            }
        }
    }

    private void send(ClickEvent original) {
        long now = wallClockMillis.getAsLong();
        ClickEvent event = live ? original.withEventTime(Instant.ofEpochSecond(Math.floorDiv(now, 1000L))) : original;
        byte[] value = EventJson.encode(event, now);
        stats.sent(event.eventTime(), value.length);
        try {
            sink.send(event.partitionKey(), value, stats::delivered);
        } catch (RuntimeException e) {
            // Not handed over at all (e.g. the sink was closed while send() waited for room): a failed delivery.
            stats.delivered(e);
            throw e;
        }
    }
}
