package org.clickstream.producer;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongSupplier;
import org.clickstream.core.EventTimes;
import org.clickstream.core.RejectReason;

/**
 * What a run did so far. The sending thread counts sends and rejects, the client's I/O thread
 * counts deliveries, and the progress thread reads everything, hence the atomics.
 */
public final class RunStats {
    private static final long STALL_WARNING_SECONDS = 10;
    private final LongSupplier nanoClock;
    private final long startNanos;
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong sentBytes = new AtomicLong();
    private final AtomicLong acknowledged = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicReference<Exception> firstFailure = new AtomicReference<>();
    private final AtomicLongArray rejected = new AtomicLongArray(RejectReason.values().length);
    private volatile Instant lastEventTime;
    private long lastProgressNanos;
    private long lastProgressSent;
    private long lastAcknowledged;
    private long acknowledgedChangedNanos;

    public RunStats(LongSupplier nanoClock) {
        this.nanoClock = nanoClock;
        this.startNanos = nanoClock.getAsLong();
        this.lastProgressNanos = startNanos;
        this.acknowledgedChangedNanos = startNanos;
    }

    void sent(Instant eventTime, int valueBytes) {
        sent.incrementAndGet();
        sentBytes.addAndGet(valueBytes);
        lastEventTime = eventTime;
    }

    void delivered(Exception failure) {
        if (failure == null) {
            acknowledged.incrementAndGet();
        } else {
            failed.incrementAndGet();
            firstFailure.compareAndSet(null, failure);
        }
    }

    void reject(RejectReason reason) {
        rejected.incrementAndGet(reason.ordinal());
    }

    /** A record handed to the sink and refused for its size: a reject, no longer counted as sent. */
    void refused(int valueBytes) {
        sent.decrementAndGet();
        sentBytes.addAndGet(-valueBytes);
        reject(RejectReason.RECORD_TOO_LARGE);
    }

    public long sent() {
        return sent.get();
    }

    public long acknowledged() {
        return acknowledged.get();
    }

    public long failed() {
        return failed.get();
    }

    /** The first delivery that failed for good, or {@code null}. */
    public Exception firstFailure() {
        return firstFailure.get();
    }

    public long rejected() {
        long total = 0;
        for (int i = 0; i < rejected.length(); i++) {
            total += rejected.get(i);
        }
        return total;
    }

    public long rejected(RejectReason reason) {
        return rejected.get(reason.ordinal());
    }

    /**
     * One line for the console: totals, the rate since the previous line, where in event time we are,
     * and a hint when acknowledgements have stopped coming (the client keeps retrying meanwhile).
     */
    public synchronized String progressLine() {
        long now = nanoClock.getAsLong();
        long sentNow = sent.get();
        long acknowledgedNow = acknowledged.get();
        double rate = perSecond(sentNow - lastProgressSent, now - lastProgressNanos);
        lastProgressNanos = now;
        lastProgressSent = sentNow;
        if (acknowledgedNow != lastAcknowledged) {
            lastAcknowledged = acknowledgedNow;
            acknowledgedChangedNanos = now;
        }
        long waiting = sentNow - acknowledgedNow - failed.get();
        long silentSeconds = (now - acknowledgedChangedNanos) / 1_000_000_000L;
        Instant eventTime = lastEventTime;
        return String.format(
                "[%6.1f s] sent %,d (%,.0f events/s), acknowledged %,d, rejected %,d%s%s",
                (now - startNanos) / 1e9,
                sentNow,
                rate,
                acknowledgedNow,
                rejected(),
                eventTime == null ? "" : ", event time " + EventTimes.format(eventTime),
                waiting > 0 && silentSeconds >= STALL_WARNING_SECONDS
                        ? String.format(
                                "; no acknowledgement for %d s, %,d waiting: is Kafka down? retrying",
                                silentSeconds, waiting)
                        : "");
    }

    /** The final report for programs ({@code --stats-json}): the same figures as {@link #summary()}. */
    public synchronized Map<String, Object> summaryForPrograms() {
        long elapsed = nanoClock.getAsLong() - startNanos;
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("sent", sent.get());
        json.put("acknowledged", acknowledged.get());
        json.put("failed", failed.get());
        json.put("rejected", rejected());
        Map<String, Long> reasons = new LinkedHashMap<>();
        for (RejectReason reason : RejectReason.values()) {
            if (rejected(reason) > 0) {
                reasons.put(reason.code(), rejected(reason));
            }
        }
        json.put("rejected_by_reason", reasons);
        json.put("elapsed_seconds", elapsed / 1e9);
        json.put("events_per_second", perSecond(acknowledged.get(), elapsed));
        json.put("json_megabytes_per_second", perSecond(sentBytes.get(), elapsed) / 1e6);
        return json;
    }

    /** The final report: totals, elapsed time and throughput, rejects by reason. */
    public List<String> summary() {
        long elapsed = nanoClock.getAsLong() - startNanos;
        List<String> lines = new ArrayList<>();
        lines.add(String.format(
                "sent %,d events: %,d acknowledged, %,d failed; %,d rows rejected",
                sent.get(), acknowledged.get(), failed.get(), rejected()));
        lines.add(String.format(
                "elapsed %.1f s, %,.0f events/s, %.1f MB/s of JSON",
                elapsed / 1e9, perSecond(acknowledged.get(), elapsed), perSecond(sentBytes.get(), elapsed) / 1e6));
        List<String> reasons = new ArrayList<>();
        for (RejectReason reason : RejectReason.values()) {
            long count = rejected(reason);
            if (count > 0) {
                reasons.add(String.format("%s %,d", reason.code(), count));
            }
        }
        if (!reasons.isEmpty()) {
            lines.add("rejected by reason: " + String.join(", ", reasons));
        }
        Exception failure = firstFailure.get();
        if (failure != null) {
            lines.add("first failed delivery: " + failure);
        }
        return lines;
    }

    private static double perSecond(long count, long nanos) {
        return nanos <= 0 ? 0 : count * 1e9 / nanos;
    }
}
