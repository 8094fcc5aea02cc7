package org.clickstream.producer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;

/** An in-memory sink: keeps every record with the time it was sent, and acknowledges it at once (or fails it). */
final class RecordingSink implements EventSink {
    record Sent(String key, byte[] value, long nanoTime) {}

    final List<Sent> records = new ArrayList<>();
    private final LongSupplier nanoClock;
    /** Index (0-based) of the record whose delivery fails; -1 for none. */
    private final int failAt;
    /** Runs before each send, e.g. to let a fake clock stall. */
    private final Runnable beforeSend;

    boolean closed;

    RecordingSink(LongSupplier nanoClock) {
        this(nanoClock, -1, () -> {});
    }

    RecordingSink(LongSupplier nanoClock, int failAt, Runnable beforeSend) {
        this.nanoClock = nanoClock;
        this.failAt = failAt;
        this.beforeSend = beforeSend;
    }

    /** Records above this size are refused as Kafka refuses them (broker-side max.message.bytes). */
    int refuseAbove = Integer.MAX_VALUE;

    @Override
    public void send(String key, byte[] value, Delivery delivery) {
        beforeSend.run();
        if (value.length > refuseAbove) {
            delivery.completed(new RecordTooLarge("The message is " + value.length + " bytes"));
            return;
        }
        records.add(new Sent(key, value, nanoClock.getAsLong()));
        delivery.completed(records.size() - 1 == failAt ? new IllegalStateException("broker said no") : null);
    }

    @Override
    public void close(Duration timeout) {
        closed = true;
    }
}
