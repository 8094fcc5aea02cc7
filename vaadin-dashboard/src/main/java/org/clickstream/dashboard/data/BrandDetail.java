package org.clickstream.dashboard.data;

import java.util.List;

/**
 * What the drill-down of one brand shows: its all-time row, its minutes of the dashboard's range
 * (oldest first) and its top products (by revenue, then by views).
 *
 * @param minutesIncomplete the range held more rows than one read takes (other brands whose names
 *                          start with this brand and a '|'), so some of its minutes may be missing
 */
public record BrandDetail(
        String brand,
        Counters allTime,
        List<MinuteMetrics> minutes,
        boolean minutesIncomplete,
        List<ProductMetrics> topProducts,
        ReadCost cost) {

    public BrandDetail {
        minutes = List.copyOf(minutes);
        topProducts = List.copyOf(topProducts);
    }
}
