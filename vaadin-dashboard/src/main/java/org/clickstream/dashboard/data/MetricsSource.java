package org.clickstream.dashboard.data;

import java.io.IOException;
import java.time.Instant;

/** Where the dashboard's numbers come from; {@link HBaseMetricsSource} in production. */
public interface MetricsSource extends BrandSearch, AutoCloseable {
    /** Products each top list of products holds (the boards keep more: {@code Leaderboard.SIZE}). */
    int TOP_PRODUCTS = 10;
    /** The most names one brand search returns. */
    int MAX_BRAND_MATCHES = 100;

    /**
     * Reads what every page shows: the newest {@code minutes} minutes of event time, counted back
     * from the newest minute present (replayed data has old event times, so "now" would show
     * nothing), the sessions that started in them, the all-time totals, the top brands and
     * categories, the top products of the newest hour and the processor's health row.
     */
    MetricsData read(int minutes) throws IOException;

    /** One brand's drill-down: its all-time row, its minutes from {@code firstMinute} to {@code lastMinute}, its top products. */
    BrandDetail readBrand(String brand, Instant firstMinute, Instant lastMinute) throws IOException;

    /** Where it reads from, for messages ("HBase (ZooKeeper 127.0.0.1:2181, namespace ecommerce)"). */
    String describe();

    @Override
    void close() throws IOException;
}
