package org.clickstream.dashboard.data;

import java.io.IOException;

/** Where the dashboard's numbers come from; {@link HBaseMetricsSource} in production. */
public interface MetricsSource extends AutoCloseable {

    /**
     * Reads the newest {@code minutes} minutes of event time, counted back from the newest minute
     * present (replayed data has old event times, so "now" would show nothing), plus the brand
     * totals and the processor's health row.
     */
    MetricsData read(int minutes) throws IOException;

    /** Where it reads from, for messages ("HBase at 127.0.0.1:2181"). */
    String describe();

    @Override
    void close() throws IOException;
}
