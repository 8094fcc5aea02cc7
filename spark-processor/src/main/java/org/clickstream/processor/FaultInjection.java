package org.clickstream.processor;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deliberate faults for the reliability tests, off unless a system property asks for them:
 * {@code -Dclickstream.fault.pause-after-write-ms=N} holds every micro-batch for N ms after its
 * results are in HBase and before Spark commits it, so that a test can kill the driver exactly
 * there (the case exactly-once writes must survive). See docs/RELIABILITY.md.
 */
final class FaultInjection {
    static final String PAUSE_AFTER_WRITE = "clickstream.fault.pause-after-write-ms";
    private static final Logger LOG = LoggerFactory.getLogger(FaultInjection.class);
    private static final long PAUSE_MS = Long.getLong(PAUSE_AFTER_WRITE, 0L);

    private FaultInjection() {}

    static void afterWrite(long batchId) throws InterruptedException {
        if (PAUSE_MS > 0) {
            LOG.warn("fault injection: batch {} written, pausing {} ms before its commit", batchId, PAUSE_MS);
            Thread.sleep(PAUSE_MS);
        }
    }
}
