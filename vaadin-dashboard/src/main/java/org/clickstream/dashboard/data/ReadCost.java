package org.clickstream.dashboard.data;

/** What one read cost HBase: scans opened, rows asked for by get, rows returned, wall-clock time. */
public record ReadCost(int scans, int gets, long rows, long millis) {
    public static final ReadCost NONE = new ReadCost(0, 0, 0, 0);
}
