package org.clickstream.profile;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Everything the profile reports, computed once; {@link ReportModel} lays it out as the report's
 * sections. All statistics are over the valid rows ({@link Overview#records()}); malformed rows are
 * only counted.
 *
 * <p>Exact values are {@link BigDecimal}: sums, minima, maxima and quantiles exactly, means and
 * standard deviations to 34 significant digits. A percentage, mean or deviation that is undefined
 * (no records, no views, fewer than two values) is {@code null}, where pandas would say NaN.
 * Maps keep the report's order.
 */
public record ProfileResult(
        Overview overview,
        Map<String, String> schema,
        Map<String, NumericSummary> describe,
        Map<String, Share> nulls,
        Double completenessPercent,
        Map<String, Share> eventTypes,
        List<BrandStats> brands,
        PriceStats price,
        Funnel funnel,
        Map<String, Share> cardinality,
        List<CategoryCount> categoriesTop10,
        PriceSegments priceSegments,
        List<HistogramBin> priceHistogram,
        SessionFunnel sessionFunnel,
        List<CategoryStats> topLevelCategories,
        List<CategoryStats> categoryCodes,
        List<ProductStats> productsByRevenue,
        List<ProductStats> productsByViews) {

    /**
     * @param malformedByReason every {@code RejectReason} code that occurred, most frequent first
     * @param inputBytes        the size of the input file as stored (compressed, for a .gz file)
     */
    public record Overview(
            String input,
            long records,
            int columns,
            long malformedRows,
            Map<String, Long> malformedByReason,
            long inputBytes) {}

    /** A count and what share of the records it is, in percent. */
    public record Share(long count, Double percent) {}

    /** pandas' {@code describe()} of one numeric column; quantiles interpolate linearly between order statistics. */
    public record NumericSummary(
            long count,
            BigDecimal mean,
            BigDecimal std,
            BigDecimal min,
            BigDecimal p25,
            BigDecimal p50,
            BigDecimal p75,
            BigDecimal max) {}

    /**
     * One brand (normalised: trimmed, lower-case) and its events. {@code totalValue} sums the price of
     * every event, {@code revenue} that of purchases only, both in whole cents as the streaming
     * metrics sum them (shown in dollars).
     */
    public record BrandStats(
            String brand,
            long events,
            BigDecimal avgPrice,
            BigDecimal totalValue,
            long purchases,
            BigDecimal revenue) {}

    public record PriceStats(
            BigDecimal mean,
            BigDecimal median,
            BigDecimal std,
            BigDecimal min,
            BigDecimal max,
            BigDecimal q1,
            BigDecimal q3) {}

    /** Rates in percent: carts per view, purchases per view, purchases per cart. */
    public record Funnel(
            long views,
            long carts,
            long purchases,
            Double viewToCartPercent,
            Double viewToPurchasePercent,
            Double cartToPurchasePercent) {}

    /** A top-level category: the text of {@code category_code} before its first dot. */
    public record CategoryCount(String category, long count) {}

    /** Percent of records with a price below $50, in [$50, $100), in [$100, $200) and of $200 or more. */
    public record PriceSegments(Double under50, Double from50To100, Double from100To200, Double over200) {}

    /** Prices in [{@code from}, {@code to}); {@code to} is null for the last, open-ended bin. */
    public record HistogramBin(BigDecimal from, BigDecimal to, long count) {}

    /**
     * Sessions (see {@code Sessions}): how many, how many with a cart or a purchase, and rates in
     * percent (of sessions; purchase sessions per cart session). {@code avgOrderValueCents} is the
     * revenue of purchasing sessions (all revenue) per session with a purchase.
     */
    public record SessionFunnel(
            Duration gap,
            long sessions,
            long withCart,
            long withPurchase,
            Double cartPercent,
            Double purchasePercent,
            Double cartToPurchasePercent,
            BigDecimal avgEvents,
            BigDecimal avgSeconds,
            long revenueCents,
            BigDecimal avgOrderValueCents) {}

    /** A category (top-level or full code, {@code unknown} for none) and its valid events; revenue of purchases. */
    public record CategoryStats(
            String category, long events, long views, long carts, long purchases, long revenueCents) {}

    /** A product with the normalised brand and the category of its latest event. */
    public record ProductStats(
            long productId, String brand, String category, long views, long carts, long purchases, long revenueCents) {}
}
