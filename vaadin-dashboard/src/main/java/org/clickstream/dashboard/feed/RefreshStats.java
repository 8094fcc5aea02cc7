package org.clickstream.dashboard.feed;

/**
 * What one refresh of the feed cost: HBase rows read (shared read and drill-downs), the time of
 * the reads, the time of handing the result to every open page (each page redraws in it), and the
 * number of pages and brand drill-downs served.
 */
public record RefreshStats(long rowsRead, long readMillis, long pagesMillis, int pages, int brandsRead) {
    public static final RefreshStats NONE = new RefreshStats(0, 0, 0, 0, 0);

    public long totalMillis() {
        return readMillis + pagesMillis;
    }
}
