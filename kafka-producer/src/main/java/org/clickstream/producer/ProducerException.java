package org.clickstream.producer;

/** A failure the user can act on; {@code scripts/produce} prints its message alone, without a stack trace. */
public final class ProducerException extends RuntimeException {
    public ProducerException(String message) {
        super(message);
    }
}
