package org.clickstream.dashboard.view;

/**
 * The recent window the KPI cards, the per-minute chart and the funnel cover, in EVENT time: it ends
 * at the newest minute present in the data, not at the wall clock, because replayed data carries
 * old event times. {@link #ALL_TIME} takes its totals from the brand table (all-time by contract).
 */
public enum TimeWindow {
    LAST_15_MINUTES("Last 15 min", 15),
    LAST_HOUR("Last hour", 60),
    LAST_24_HOURS("Last 24 h", 24 * 60),
    ALL_TIME("All time", 0);

    /** The most minutes any window shows: what one refresh reads from the minute table. */
    public static final int MAX_MINUTES = 24 * 60;

    private final String label;
    private final int minutes;

    TimeWindow(String label, int minutes) {
        this.label = label;
        this.minutes = minutes;
    }

    public String label() {
        return label;
    }

    /** Minutes of the per-minute chart: the window's, or the most there are for all time. */
    public int chartMinutes() {
        return this == ALL_TIME ? MAX_MINUTES : minutes;
    }
}
