package org.clickstream.producer;

/** Time that only moves when someone sleeps (or {@link #advance}s it): schedules become exact. */
final class FakeClock implements Pacer.Clock {
    private long now = 1_000_000_000L;

    @Override
    public long nanoTime() {
        return now;
    }

    @Override
    public void sleepNanos(long nanos) {
        now += nanos;
    }

    void advance(long nanos) {
        now += nanos;
    }
}
