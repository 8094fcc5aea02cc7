package org.clickstream.profile;

import static org.clickstream.core.EventFields.CATEGORY_ID;
import static org.clickstream.core.EventFields.EVENT_TIME;
import static org.clickstream.core.EventFields.EVENT_TYPE;
import static org.clickstream.core.EventFields.PRICE;
import static org.clickstream.core.EventFields.PRODUCT_ID;
import static org.clickstream.core.EventFields.USER_ID;
import static org.clickstream.profile.ValueCounts.TEXT_COLUMNS;
import static org.clickstream.profile.ValueCounts.kindOf;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.util.LongAccumulator;
import org.clickstream.core.EventFields;
import org.clickstream.core.EventType;
import org.clickstream.profile.ProfileResult.BrandStats;
import org.clickstream.profile.ProfileResult.CategoryCount;
import org.clickstream.profile.ProfileResult.Funnel;
import org.clickstream.profile.ProfileResult.HistogramBin;
import org.clickstream.profile.ProfileResult.NumericSummary;
import org.clickstream.profile.ProfileResult.Overview;
import org.clickstream.profile.ProfileResult.PriceSegments;
import org.clickstream.profile.ProfileResult.PriceStats;
import org.clickstream.profile.ProfileResult.Share;

/**
 * Computes the profile of a CSV file of events with Spark, whatever its size, in three jobs: the
 * file is read and parsed once into {@link ValueCounts}; one pass over that table gives everything
 * ({@link TableSummary}) but the values at the quartiles' ranks; one more brings the few values
 * around them ({@link OrderStatistics}). Nothing per row comes to the driver: only per-type,
 * per-reason, per-brand and per-category totals, bucket counts and the values near the quartiles.
 */
public final class Profiler {
    /** The columns pandas reads as numbers, and so describes. */
    static final List<String> NUMERIC_COLUMNS = List.of(PRODUCT_ID, CATEGORY_ID, PRICE, USER_ID);
    static final List<BigDecimal> QUARTILES = List.of(new BigDecimal("0.25"), new BigDecimal("0.5"), new BigDecimal("0.75"));
    static final int TOP_CATEGORIES = 10;
    /** Lower edges of the price histogram's bins, in dollars; the last bin is open-ended. 50, 100 and 200 make the segments. */
    static final List<BigDecimal> HISTOGRAM_EDGES = List.of(0, 1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10000)
            .stream().map(BigDecimal::valueOf).toList();

    private Profiler() {
    }

    /**
     * @param file       the CSV file, as {@link ValueCounts#of} takes it
     * @param input      what to call the input in the report
     * @param inputBytes the input's size
     * @param charactersParsed counts the text parsed, for progress reports
     */
    public static ProfileResult profile(SparkSession spark, String file, String input, long inputBytes,
                                        LongAccumulator charactersParsed) {
        NumericRanges ranges = new NumericRanges(EventFields.ALL.size());
        spark.sparkContext().register(ranges, "numeric ranges");
        try {
            describeJobs(spark, "reading and parsing " + input + ", counting every value");
            // The jobs below read the table's shuffle output, each again, rather than a cached copy:
            // Spark runs the map stage (reading and parsing the file) once, and caching the table cost
            // more than the re-reads. Adaptive execution runs the map stage when the RDD is made;
            // without it, a first small job does.
            JavaRDD<Row> table = ValueCounts.of(spark, file, ranges, charactersParsed).javaRDD();
            if (ranges.isZero()) {
                table.isEmpty();
            }
            describeJobs(spark, "summarising the values");
            List<Integer> numericKinds = NUMERIC_COLUMNS.stream().map(ValueCounts::kindOf).toList();
            TableSummary summary = table.aggregate(
                    new TableSummary(HISTOGRAM_EDGES, OrderStatistics.firstRound(numericKinds, ranges.value())),
                    TableSummary::add, TableSummary::merge);
            describeJobs(spark, "finding the quartiles");
            Map<String, List<BigDecimal>> quartiles = quartiles(table, summary);
            return assemble(input, inputBytes, summary, quartiles);
        } finally {
            describeJobs(spark, null);
        }
    }

    /** Names the next jobs (for the progress line and Spark's UI). */
    private static void describeJobs(SparkSession spark, String description) {
        spark.sparkContext().setJobDescription(description);
    }

    /** The quartiles of every numeric column with values, exactly: the order statistics they need, interpolated. */
    private static Map<String, List<BigDecimal>> quartiles(JavaRDD<Row> table, TableSummary summary) {
        Map<String, List<LinearQuantile>> needed = new HashMap<>();
        Map<Integer, SortedSet<Long>> ranks = new HashMap<>();
        for (String column : NUMERIC_COLUMNS) {
            long count = summary.numeric().moments(column).count();
            if (count == 0) {
                continue;
            }
            List<LinearQuantile> quantiles = QUARTILES.stream().map(q -> LinearQuantile.of(count, q)).toList();
            needed.put(column, quantiles);
            SortedSet<Long> columnRanks = new TreeSet<>();
            quantiles.forEach(q -> {
                columnRanks.add(q.lowerRank());
                columnRanks.add(q.upperRank());
            });
            ranks.put(kindOf(column), columnRanks);
        }
        Map<Integer, Map<Long, BigDecimal>> values = OrderStatistics.find(table, summary.buckets(), ranks);
        Map<String, List<BigDecimal>> quartiles = new HashMap<>();
        needed.forEach((column, quantiles) -> {
            Map<Long, BigDecimal> byRank = values.get(kindOf(column));
            quartiles.put(column, quantiles.stream()
                    .map(q -> q.interpolate(byRank.get(q.lowerRank()), byRank.get(q.upperRank())))
                    .toList());
        });
        return quartiles;
    }

    private static List<BrandStats> brands(TableSummary summary) {
        return summary.brands().entrySet().stream()
                .map(e -> {
                    TableSummary.BrandTotals b = e.getValue();
                    return new BrandStats(e.getKey(), b.events,
                            b.totalValue.divide(BigDecimal.valueOf(b.events), ExactMoments.PRECISION),
                            b.totalValue, b.purchases, b.revenue);
                })
                .sorted(Comparator.comparingLong(BrandStats::events).reversed().thenComparing(BrandStats::brand))
                .toList();
    }

    private static List<CategoryCount> topCategories(TableSummary summary) {
        return byFrequency(summary.topLevelCategories()).entrySet().stream()
                .limit(TOP_CATEGORIES)
                .map(e -> new CategoryCount(e.getKey(), e.getValue()))
                .toList();
    }

    /** Most frequent first, then by name, as pandas' value_counts(). */
    private static Map<String, Long> byFrequency(Map<String, Long> counts) {
        Map<String, Long> sorted = new LinkedHashMap<>();
        counts.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .forEach(e -> sorted.put(e.getKey(), e.getValue()));
        return sorted;
    }

    private static ProfileResult assemble(String input, long inputBytes, TableSummary summary,
                                          Map<String, List<BigDecimal>> quartiles) {
        long records = summary.values(EVENT_TYPE);
        Map<String, Long> malformedByReason = byFrequency(summary.rejects());
        long malformed = malformedByReason.values().stream().mapToLong(Long::longValue).sum();
        int columns = EventFields.ALL.size();

        Map<String, Share> nulls = new LinkedHashMap<>();
        Map<String, Share> cardinality = new LinkedHashMap<>();
        Map<String, String> schema = new LinkedHashMap<>();
        long nullCells = 0;
        for (String column : EventFields.ALL) {
            long nullCount = records - summary.values(column);
            nullCells += nullCount;
            nulls.put(column, share(nullCount, records));
            cardinality.put(column, share(summary.distinct(column), records));
            schema.put(column, pandasType(column, nullCount, records));
        }
        Double completeness = percent(records * columns - nullCells, records * columns);

        NumericAggregate numeric = summary.numeric();
        Map<String, NumericSummary> describe = new LinkedHashMap<>();
        for (String column : NUMERIC_COLUMNS) {
            ExactMoments m = numeric.moments(column);
            List<BigDecimal> q = quartiles.getOrDefault(column, Arrays.asList(null, null, null));
            describe.put(column, new NumericSummary(m.count(), m.mean(), m.sampleStd(), m.min(),
                    q.get(0), q.get(1), q.get(2), m.max()));
        }
        NumericSummary priceSummary = describe.get(PRICE);
        PriceStats price = new PriceStats(priceSummary.mean(), priceSummary.p50(), priceSummary.std(),
                priceSummary.min(), priceSummary.max(), priceSummary.p25(), priceSummary.p75());

        Map<String, Long> typeCounts = byFrequency(summary.eventTypes());
        Map<String, Share> eventTypes = new LinkedHashMap<>();
        typeCounts.forEach((type, count) -> eventTypes.put(type, share(count, records)));
        long views = typeCounts.getOrDefault(EventType.VIEW.wireName(), 0L);
        long carts = typeCounts.getOrDefault(EventType.CART.wireName(), 0L);
        long purchases = typeCounts.getOrDefault(EventType.PURCHASE.wireName(), 0L);
        Funnel funnel = new Funnel(views, carts, purchases,
                percent(carts, views), percent(purchases, views), percent(purchases, carts));

        List<HistogramBin> histogram = new ArrayList<>();
        for (int bin = 0; bin < HISTOGRAM_EDGES.size(); bin++) {
            histogram.add(new HistogramBin(HISTOGRAM_EDGES.get(bin),
                    bin + 1 < HISTOGRAM_EDGES.size() ? HISTOGRAM_EDGES.get(bin + 1) : null,
                    numeric.priceBin(bin)));
        }
        PriceSegments segments = new PriceSegments(
                percent(pricesIn(histogram, null, 50), records),
                percent(pricesIn(histogram, 50, 100), records),
                percent(pricesIn(histogram, 100, 200), records),
                percent(pricesIn(histogram, 200, null), records));

        return new ProfileResult(
                new Overview(input, records, columns, malformed, malformedByReason, inputBytes),
                schema, describe, nulls, completeness, eventTypes, brands(summary), price, funnel, cardinality,
                topCategories(summary), segments, histogram);
    }

    /** Records whose price is in [from, to) dollars (null: unbounded), from the histogram's bins. */
    private static long pricesIn(List<HistogramBin> histogram, Integer from, Integer to) {
        return histogram.stream()
                .filter(bin -> from == null || bin.from().compareTo(BigDecimal.valueOf(from)) >= 0)
                .filter(bin -> to == null || (bin.to() != null && bin.to().compareTo(BigDecimal.valueOf(to)) <= 0))
                .mapToLong(HistogramBin::count)
                .sum();
    }

    private static Share share(long count, long records) {
        return new Share(count, percent(count, records));
    }

    static Double percent(long part, long whole) {
        return whole == 0 ? null : part * 100.0 / whole;
    }

    /**
     * The dtype pandas' read_csv gives the column: text is object, integers int64 unless a value is
     * missing (NaN makes them float64), prices float64, and a column with no value at all float64.
     */
    static String pandasType(String column, long nullCount, long records) {
        if (records == 0) {
            return "object";
        }
        if (nullCount == records) {
            return "float64";
        }
        if (column.equals(EVENT_TIME) || TEXT_COLUMNS.contains(column)) {
            return "object";
        }
        if (column.equals(PRICE)) {
            return "float64";
        }
        return nullCount > 0 ? "float64" : "int64";
    }
}
