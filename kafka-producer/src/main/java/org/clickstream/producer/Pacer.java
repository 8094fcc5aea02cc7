package org.clickstream.producer;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * Spaces events evenly at a rate: event {@code i} is due {@code i / rate} seconds after the start,
 * so there are no bursts at second boundaries and sleeping a little too long is made up by the
 * following events instead of adding up. After a stall (a full client buffer, a paused machine)
 * at most {@link #MAX_CATCH_UP_NANOS} worth of events is sent back to back; the rest is not made up.
 */
public final class Pacer {
    /** How far behind schedule the pacer may be before it forgets the missed time. */
    static final long MAX_CATCH_UP_NANOS = TimeUnit.MILLISECONDS.toNanos(20);
    /** Longest single sleep, so that a stop request is noticed soon even at a rate of one per minute. */
    private static final long MAX_SLEEP_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    /** Time as the pacer sees it; tests give it a fake one. */
    public interface Clock {
        long nanoTime();

        void sleepNanos(long nanos);

        Clock SYSTEM = new Clock() {
            @Override
            public long nanoTime() {
                return System.nanoTime();
            }

            @Override
            public void sleepNanos(long nanos) {
                LockSupport.parkNanos(nanos);
            }
        };
    }

    private final double nanosPerEvent;
    private final Clock clock;
    private final BooleanSupplier stopRequested;
    private long scheduleStart;
    private long scheduled = -1;

    /** @param eventsPerSecond 0 for no pacing at all */
    public Pacer(double eventsPerSecond, Clock clock, BooleanSupplier stopRequested) {
        if (eventsPerSecond < 0 || Double.isNaN(eventsPerSecond) || Double.isInfinite(eventsPerSecond)) {
            throw new IllegalArgumentException("rate must be a number >= 0: " + eventsPerSecond);
        }
        this.nanosPerEvent = eventsPerSecond == 0 ? 0 : 1e9 / eventsPerSecond;
        this.clock = clock;
        this.stopRequested = stopRequested;
    }

    /**
     * Waits until the next event is due.
     *
     * @return {@code false} when a stop was requested while waiting
     */
    public boolean awaitNext() {
        if (nanosPerEvent == 0) {
            return true;
        }
        long now = clock.nanoTime();
        if (scheduled < 0) {
            scheduleStart = now;
            scheduled = 0;
        }
        long due = scheduleStart + (long) (scheduled * nanosPerEvent);
        if (now - due > MAX_CATCH_UP_NANOS) {
            scheduleStart = now - MAX_CATCH_UP_NANOS;
            scheduled = 0;
            due = scheduleStart;
        }
        while (now < due) {
            if (stopRequested.getAsBoolean()) {
                return false;
            }
            clock.sleepNanos(Math.min(due - now, MAX_SLEEP_NANOS));
            now = clock.nanoTime();
        }
        scheduled++;
        return true;
    }
}
