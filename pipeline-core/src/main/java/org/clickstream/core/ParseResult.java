package org.clickstream.core;

/** The outcome of reading one record: a valid event, or the reason it was rejected. */
public sealed interface ParseResult {

    record Valid(ClickEvent event) implements ParseResult {}

    /** {@code detail} is for people (e.g. the offending value); {@code reason} is for machines. */
    record Rejected(RejectReason reason, String detail) implements ParseResult {}

    static ParseResult rejected(RejectReason reason, String detail) {
        return new Rejected(reason, detail);
    }
}
