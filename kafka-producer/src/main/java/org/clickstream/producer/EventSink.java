package org.clickstream.producer;

import java.time.Duration;

/** Where the producer's records go: Kafka in {@code scripts/produce}, memory in the unit tests. */
public interface EventSink extends AutoCloseable {

    /** The sink refused a record for its size (Kafka's record limit): a reject, not a failed delivery. */
    final class RecordTooLarge extends Exception {
        private static final long serialVersionUID = 1L;

        public RecordTooLarge(String message) {
            super(message);
        }
    }

    /** Told once per record whether it was stored; may run on another thread than the sender's. */
    @FunctionalInterface
    interface Delivery {
        /** @param failure {@code null} when the record was acknowledged; {@link RecordTooLarge} when refused for its size */
        void completed(Exception failure);
    }

    /** Hands one record over; returns before it is acknowledged, may block while the sink's buffer is full. */
    void send(String key, byte[] value, Delivery delivery);

    /**
     * Waits up to {@code timeout} for every record handed over to complete; records still pending
     * after it are failed (their {@link Delivery} says so), then the sink is closed.
     */
    void close(Duration timeout);

    @Override
    default void close() {
        close(Duration.ofMillis(Long.MAX_VALUE));
    }
}
