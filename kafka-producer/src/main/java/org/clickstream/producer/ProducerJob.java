package org.clickstream.producer;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;
import org.clickstream.core.ClickEvent;
import org.clickstream.core.EventCsv;
import org.clickstream.core.EventJson;
import org.clickstream.core.ParseResult;
import org.clickstream.core.RejectReason;

/**
 * Reads a source and sends each valid event to a sink as the contract's key and JSON value (with
 * {@code sent_at_ms}, the wall-clock time it was handed over); malformed rows are counted and,
 * the first time they are read, written to the rejects file. A record too large for Kafka, or one
 * whose encoding fails, is a reject too: no single row stops the run. Stops at the end of the source,
 * after {@code limit} events, when a stop is requested, or at the first delivery that failed for good
 * (everything after it would fail the same way, and per-session order could no longer be kept).
 */
public final class ProducerJob {
    /**
     * What a run is told.
     *
     * @param limit          stop after this many events
     * @param live           stamp each event with the second it is sent instead of its own event time
     * @param maxRecordBytes larger records (key and value) are rejected as record_too_large before sending
     */
    public record Options(long limit, boolean live, int maxRecordBytes) {
        public static Options defaults() {
            return new Options(Long.MAX_VALUE, false, KafkaSettings.DEFAULT_MAX_REQUEST_SIZE);
        }

        public Options withLimit(long newLimit) {
            return new Options(newLimit, live, maxRecordBytes);
        }

        public Options withLive(boolean newLive) {
            return new Options(limit, newLive, maxRecordBytes);
        }

        public Options withMaxRecordBytes(int newMax) {
            return new Options(limit, live, newMax);
        }
    }

    /** Room a record needs beyond its key and value in a request (headers, batch and request framing). */
    static final int RECORD_OVERHEAD_BYTES = 512;

    private final EventSource source;
    private final EventSink sink;
    private final RejectsFile rejects;
    private final RunStats stats;
    private final Pacer pacer;
    private final LongSupplier wallClockMillis;
    private final BooleanSupplier stopRequested;
    private final Options options;

    /** Why {@link #run()} returned. */
    public enum End {
        INPUT_EXHAUSTED,
        LIMIT_REACHED,
        STOPPED,
        DELIVERY_FAILED
    }

    public ProducerJob(
            EventSource source,
            EventSink sink,
            RejectsFile rejects,
            RunStats stats,
            Pacer pacer,
            LongSupplier wallClockMillis,
            BooleanSupplier stopRequested,
            Options options) {
        this.source = source;
        this.sink = sink;
        this.rejects = rejects;
        this.stats = stats;
        this.pacer = pacer;
        this.wallClockMillis = wallClockMillis;
        this.stopRequested = stopRequested;
        this.options = options;
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
            if (sent >= options.limit()) {
                return End.LIMIT_REACHED;
            }
            EventCsv.Line line = source.next();
            if (line == null) {
                return End.INPUT_EXHAUSTED;
            }
            if (line.result() instanceof ParseResult.Rejected rejected) {
                reject(line, rejected.reason(), rejected.detail());
            } else if (line.result() instanceof ParseResult.Valid valid) {
                if (!pacer.awaitNext()) {
                    return End.STOPPED;
                }
                if (send(line, valid.event())) {
                    sent++;
                }
            }
        }
    }

    /** Hands one event over; false when it became a reject instead. */
    private boolean send(EventCsv.Line line, ClickEvent original) {
        long now = wallClockMillis.getAsLong();
        ClickEvent event =
                options.live() ? original.withEventTime(Instant.ofEpochSecond(Math.floorDiv(now, 1000L))) : original;
        String key = event.partitionKey();
        byte[] value;
        try {
            value = EventJson.encode(event, now);
        } catch (RuntimeException e) {
            // The rules should make this impossible; if one row still cannot be encoded, it alone is lost.
            reject(line, RejectReason.UNPROCESSABLE, "cannot encode as JSON: " + e);
            return false;
        }
        int size = value.length + key.getBytes(StandardCharsets.UTF_8).length + RECORD_OVERHEAD_BYTES;
        if (size > options.maxRecordBytes()) {
            reject(
                    line,
                    RejectReason.RECORD_TOO_LARGE,
                    "a Kafka record of about " + size + " bytes; max.request.size is " + options.maxRecordBytes());
            return false;
        }
        stats.sent(event.eventTime(), value.length);
        try {
            sink.send(key, value, failure -> {
                if (failure instanceof EventSink.RecordTooLarge tooLarge) {
                    stats.refused(value.length);
                    if (source.cycle() == 1) {
                        rejects.write(
                                line.lineNumber(),
                                RejectReason.RECORD_TOO_LARGE,
                                "refused by Kafka: " + tooLarge.getMessage(),
                                line.sizeBytes(),
                                line.raw() == null ? "" : line.raw());
                    }
                } else {
                    stats.delivered(failure);
                }
            });
        } catch (RuntimeException e) {
            // Not handed over at all (e.g. the sink was closed while send() waited for room): a failed delivery.
            stats.delivered(e);
            throw e;
        }
        return true;
    }

    private void reject(EventCsv.Line line, RejectReason reason, String detail) {
        stats.reject(reason);
        if (source.cycle() == 1) {
            rejects.write(line.lineNumber(), reason, detail, line.sizeBytes(), line.raw() == null ? "" : line.raw());
        }
    }
}
