package org.clickstream.processor.profile;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.asc;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.desc;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.substring_index;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;
import static org.clickstream.core.EventFields.BRAND;
import static org.clickstream.core.EventFields.CATEGORY_CODE;
import static org.clickstream.core.EventFields.CATEGORY_ID;
import static org.clickstream.core.EventFields.EVENT_TIME;
import static org.clickstream.core.EventFields.EVENT_TYPE;
import static org.clickstream.core.EventFields.PRICE;
import static org.clickstream.core.EventFields.PRODUCT_ID;
import static org.clickstream.core.EventFields.USER_ID;
import static org.clickstream.core.EventFields.USER_SESSION;
import static org.clickstream.processor.profile.ParsedEvents.BRAND_KEY;
import static org.clickstream.processor.profile.ParsedEvents.PRICE_TYPE;
import static org.clickstream.processor.profile.ParsedEvents.REJECT_REASON;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.ToLongFunction;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.storage.StorageLevel;
import org.clickstream.core.EventFields;
import org.clickstream.core.EventType;
import org.clickstream.core.RejectReason;
import org.clickstream.processor.profile.ProfileResult.BrandStats;
import org.clickstream.processor.profile.ProfileResult.CategoryCount;
import org.clickstream.processor.profile.ProfileResult.Funnel;
import org.clickstream.processor.profile.ProfileResult.HistogramBin;
import org.clickstream.processor.profile.ProfileResult.NumericSummary;
import org.clickstream.processor.profile.ProfileResult.Overview;
import org.clickstream.processor.profile.ProfileResult.PriceSegments;
import org.clickstream.processor.profile.ProfileResult.PriceStats;
import org.clickstream.processor.profile.ProfileResult.Share;

/**
 * Computes the profile of parsed events ({@link ParsedEvents}) with a handful of Spark jobs, whatever
 * the data's size: nothing per row is ever collected to the driver.
 *
 * <ol>
 *   <li>One aggregate over all rows: records, malformed rows by reason, nulls per column, event types
 *   and the price histogram (the price segments are sums of its bins).</li>
 *   <li>The value counts of every column at once (column, value → count), kept for the next three:
 *   distinct values per column; exact sums, squares, minimum and maximum of the numeric columns;
 *   exact quantiles, from a running count over each numeric column's sorted values; top categories.</li>
 *   <li>The brand table, grouped by normalised brand.</li>
 * </ol>
 * The parsed rows are cached for these passes (spilling to disk when memory is short), so the file is
 * read and parsed once.
 */
public final class Profiler {
    /** The columns pandas reads as numbers, and so describes. */
    static final List<String> NUMERIC_COLUMNS = List.of(PRODUCT_ID, CATEGORY_ID, PRICE, USER_ID);
    static final List<String> TEXT_COLUMNS = List.of(EVENT_TYPE, CATEGORY_CODE, BRAND, USER_SESSION);
    static final List<BigDecimal> QUARTILES = List.of(new BigDecimal("0.25"), new BigDecimal("0.5"), new BigDecimal("0.75"));
    static final int TOP_CATEGORIES = 10;
    /** Lower edges of the price histogram's bins, in dollars; the last bin is open-ended. 50, 100 and 200 make the segments. */
    static final List<BigDecimal> HISTOGRAM_EDGES = List.of(0, 1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10000)
            .stream().map(BigDecimal::valueOf).toList();

    // The value-count table: which column (its index in EventFields.ALL), the value in the slot of its
    // type (the others null), and how often it occurs.
    private static final String COLUMN = "column";
    private static final String LONG_VALUE = "long_value";
    private static final String DECIMAL_VALUE = "decimal_value";
    private static final String TEXT_VALUE = "text_value";
    private static final String COUNT = "count";
    private static final String RUN_START = "run_start";
    private static final String RUN_END = "run_end";

    private Profiler() {
    }

    /**
     * @param parsed     rows as {@link ParsedEvents#read} makes them
     * @param input      what to call the input in the report
     * @param inputBytes the input's size
     */
    public static ProfileResult profile(Dataset<Row> parsed, String input, long inputBytes) {
        Dataset<Row> rows = parsed.persist(StorageLevel.MEMORY_AND_DISK());
        try {
            describeJobs(rows, "reading and parsing " + input + ", counting");
            Row totals = totals(rows);
            long records = totals.getAs("records");
            Dataset<Row> events = rows.where(col(REJECT_REASON).isNull());
            Dataset<Row> valueCounts = valueCounts(events).persist(StorageLevel.MEMORY_AND_DISK());
            try {
                describeJobs(rows, "counting the distinct values of every column");
                Map<String, Long> unique = uniqueCounts(valueCounts);
                describeJobs(rows, "summing the numeric columns");
                Map<String, ExactMoments> moments = moments(valueCounts);
                describeJobs(rows, "finding the quartiles");
                Map<String, List<BigDecimal>> quartiles = quartiles(valueCounts, moments);
                describeJobs(rows, "ranking categories");
                List<CategoryCount> categories = topCategories(valueCounts);
                describeJobs(rows, "aggregating brands");
                List<BrandStats> brands = brands(events);
                return assemble(input, inputBytes, records, totals, unique, moments, quartiles, categories, brands);
            } finally {
                valueCounts.unpersist();
            }
        } finally {
            rows.unpersist();
            rows.sparkSession().sparkContext().setJobDescription(null);
        }
    }

    /** Names the next jobs (for the progress line and Spark's UI). */
    private static void describeJobs(Dataset<Row> rows, String description) {
        rows.sparkSession().sparkContext().setJobDescription(description);
    }

    private static Row totals(Dataset<Row> rows) {
        Column valid = col(REJECT_REASON).isNull();
        List<Column> aggregates = new ArrayList<>();
        for (RejectReason reason : RejectReason.values()) {
            aggregates.add(countWhere(col(REJECT_REASON).equalTo(reason.code())).as(malformedAlias(reason)));
        }
        for (String column : EventFields.ALL) {
            aggregates.add(countWhere(valid.and(col(column).isNull())).as(nullAlias(column)));
        }
        for (EventType type : EventType.values()) {
            aggregates.add(countWhere(col(EVENT_TYPE).equalTo(type.wireName())).as(typeAlias(type)));
        }
        for (int bin = 0; bin < HISTOGRAM_EDGES.size(); bin++) {
            Column inBin = col(PRICE).geq(lit(HISTOGRAM_EDGES.get(bin)));
            if (bin + 1 < HISTOGRAM_EDGES.size()) {
                inBin = inBin.and(col(PRICE).lt(lit(HISTOGRAM_EDGES.get(bin + 1))));
            }
            aggregates.add(countWhere(inBin).as(binAlias(bin)));
        }
        return rows.agg(countWhere(valid).as("records"), aggregates.toArray(Column[]::new)).first();
    }

    private static Column countWhere(Column condition) {
        return count(when(condition, 1));
    }

    private static String malformedAlias(RejectReason reason) {
        return "malformed_" + reason.code();
    }

    private static String nullAlias(String column) {
        return "null_" + column;
    }

    private static String typeAlias(EventType type) {
        return "type_" + type.wireName();
    }

    private static String binAlias(int bin) {
        return "bin_" + bin;
    }

    private static Dataset<Row> valueCounts(Dataset<Row> events) {
        List<Column> entries = new ArrayList<>();
        for (int index = 0; index < EventFields.ALL.size(); index++) {
            String column = EventFields.ALL.get(index);
            boolean isText = TEXT_COLUMNS.contains(column);
            boolean isDecimal = column.equals(PRICE);
            boolean isLong = !isText && !isDecimal; // the ids, and event_time in epoch seconds
            entries.add(struct(
                    lit(index).as(COLUMN),
                    (isLong ? col(column) : lit(null).cast(DataTypes.LongType)).as(LONG_VALUE),
                    (isDecimal ? col(column) : lit(null).cast(PRICE_TYPE)).as(DECIMAL_VALUE),
                    (isText ? col(column) : lit(null).cast(DataTypes.StringType)).as(TEXT_VALUE)));
        }
        return events.select(explode(array(entries.toArray(Column[]::new))).as("entry"))
                .select("entry.*")
                .where(col(LONG_VALUE).isNotNull().or(col(DECIMAL_VALUE).isNotNull()).or(col(TEXT_VALUE).isNotNull()))
                .groupBy(COLUMN, LONG_VALUE, DECIMAL_VALUE, TEXT_VALUE)
                .count();
    }

    private static Map<String, Long> uniqueCounts(Dataset<Row> valueCounts) {
        Map<String, Long> unique = new HashMap<>();
        for (Row row : valueCounts.groupBy(COLUMN).count().collectAsList()) {
            unique.put(EventFields.ALL.get(row.getInt(0)), row.getLong(1));
        }
        return unique;
    }

    private static Dataset<Row> numericCounts(Dataset<Row> valueCounts) {
        return valueCounts.where(col(COLUMN).isin(NUMERIC_COLUMNS.stream().map(EventFields.ALL::indexOf).toArray()));
    }

    private static BigDecimal numericValue(Row valueCount) {
        return valueCount.isNullAt(1) ? valueCount.getDecimal(2) : BigDecimal.valueOf(valueCount.getLong(1));
    }

    private static Map<String, ExactMoments> moments(Dataset<Row> valueCounts) {
        HashMap<Integer, ExactMoments> byIndex = numericCounts(valueCounts).select(COLUMN, LONG_VALUE, DECIMAL_VALUE, COUNT)
                .javaRDD()
                .aggregate(new HashMap<>(),
                        (partial, row) -> {
                            partial.computeIfAbsent(row.getInt(0), index -> new ExactMoments())
                                    .add(numericValue(row), row.getLong(3));
                            return partial;
                        },
                        (left, right) -> {
                            right.forEach((index, moments) -> left.merge(index, moments, ExactMoments::merge));
                            return left;
                        });
        Map<String, ExactMoments> moments = new HashMap<>();
        for (String column : NUMERIC_COLUMNS) {
            moments.put(column, byIndex.getOrDefault(EventFields.ALL.indexOf(column), new ExactMoments()));
        }
        return moments;
    }

    /**
     * Each numeric column's values in order with a running count: a value whose run of equal values
     * covers ranks [start, end) is the order statistic of every rank in it. Only the (at most six per
     * column) values at the ranks the quartiles need come back to the driver.
     */
    private static Map<String, List<BigDecimal>> quartiles(Dataset<Row> valueCounts, Map<String, ExactMoments> moments) {
        Map<String, List<LinearQuantile>> needed = new HashMap<>();
        Column wanted = lit(false);
        for (String column : NUMERIC_COLUMNS) {
            long n = moments.get(column).count();
            if (n == 0) {
                continue;
            }
            List<LinearQuantile> quantiles = QUARTILES.stream().map(q -> LinearQuantile.of(n, q)).toList();
            needed.put(column, quantiles);
            for (LinearQuantile quantile : quantiles) {
                for (long rank : new long[] {quantile.lowerRank(), quantile.upperRank()}) {
                    wanted = wanted.or(col(COLUMN).equalTo(EventFields.ALL.indexOf(column))
                            .and(col(RUN_START).leq(rank)).and(col(RUN_END).gt(rank)));
                }
            }
        }
        if (needed.isEmpty()) {
            return Map.of();
        }
        WindowSpec inValueOrder = Window.partitionBy(COLUMN).orderBy(LONG_VALUE, DECIMAL_VALUE)
                .rowsBetween(Window.unboundedPreceding(), Window.currentRow());
        List<Row> runs = numericCounts(valueCounts)
                .withColumn(RUN_END, sum(COUNT).over(inValueOrder))
                .withColumn(RUN_START, col(RUN_END).minus(col(COUNT)))
                .where(wanted)
                .select(COLUMN, LONG_VALUE, DECIMAL_VALUE, RUN_START, RUN_END)
                .collectAsList();
        Map<String, List<BigDecimal>> quartiles = new HashMap<>();
        needed.forEach((column, quantiles) -> {
            int index = EventFields.ALL.indexOf(column);
            List<Row> columnRuns = runs.stream().filter(run -> run.getInt(0) == index).toList();
            quartiles.put(column, quantiles.stream()
                    .map(q -> q.interpolate(valueAt(columnRuns, q.lowerRank()), valueAt(columnRuns, q.upperRank())))
                    .toList());
        });
        return quartiles;
    }

    private static BigDecimal valueAt(List<Row> runs, long rank) {
        return runs.stream()
                .filter(run -> run.getLong(3) <= rank && rank < run.getLong(4))
                .map(Profiler::numericValue)
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("no value at rank " + rank));
    }

    private static List<CategoryCount> topCategories(Dataset<Row> valueCounts) {
        return valueCounts.where(col(COLUMN).equalTo(EventFields.ALL.indexOf(CATEGORY_CODE)))
                .groupBy(substring_index(col(TEXT_VALUE), ".", 1).as("category"))
                .agg(sum(COUNT).as(COUNT))
                .where(col("category").notEqual(""))
                .orderBy(desc(COUNT), asc("category"))
                .limit(TOP_CATEGORIES)
                .collectAsList().stream()
                .map(row -> new CategoryCount(row.getString(0), row.getLong(1)))
                .toList();
    }

    private static List<BrandStats> brands(Dataset<Row> events) {
        Column purchase = col(EVENT_TYPE).equalTo(EventType.PURCHASE.wireName());
        return events.where(col(BRAND_KEY).isNotNull())
                .groupBy(BRAND_KEY)
                .agg(count(lit(1)).as("events"),
                        sum(PRICE).as("total_value"),
                        countWhere(purchase).as("purchases"),
                        sum(when(purchase, col(PRICE)).otherwise(lit(BigDecimal.ZERO))).as("revenue"))
                .orderBy(desc("events"), asc(BRAND_KEY))
                .collectAsList().stream()
                .map(row -> {
                    long brandEvents = row.getLong(1);
                    BigDecimal total = row.getDecimal(2);
                    return new BrandStats(row.getString(0), brandEvents,
                            total.divide(BigDecimal.valueOf(brandEvents), ExactMoments.PRECISION),
                            total, row.getLong(3), row.getDecimal(4));
                })
                .toList();
    }

    private static ProfileResult assemble(String input, long inputBytes, long records, Row totals,
                                          Map<String, Long> unique, Map<String, ExactMoments> moments,
                                          Map<String, List<BigDecimal>> quartiles,
                                          List<CategoryCount> categories, List<BrandStats> brands) {
        Map<String, Long> malformedByReason = countsByFrequency(RejectReason.values(), RejectReason::code,
                reason -> totals.getAs(malformedAlias(reason)));
        long malformed = malformedByReason.values().stream().mapToLong(Long::longValue).sum();
        int columns = EventFields.ALL.size();

        Map<String, Share> nulls = new LinkedHashMap<>();
        Map<String, Share> cardinality = new LinkedHashMap<>();
        Map<String, String> schema = new LinkedHashMap<>();
        long nullCells = 0;
        for (String column : EventFields.ALL) {
            long nullCount = totals.getAs(nullAlias(column));
            nullCells += nullCount;
            nulls.put(column, share(nullCount, records));
            cardinality.put(column, share(unique.getOrDefault(column, 0L), records));
            schema.put(column, pandasType(column, nullCount, records));
        }
        Double completeness = percent(records * columns - nullCells, records * columns);

        Map<String, NumericSummary> describe = new LinkedHashMap<>();
        for (String column : NUMERIC_COLUMNS) {
            ExactMoments m = moments.get(column);
            List<BigDecimal> q = quartiles.getOrDefault(column, Arrays.asList(null, null, null));
            describe.put(column, new NumericSummary(m.count(), m.mean(), m.sampleStd(), m.min(),
                    q.get(0), q.get(1), q.get(2), m.max()));
        }
        NumericSummary priceSummary = describe.get(PRICE);
        PriceStats price = new PriceStats(priceSummary.mean(), priceSummary.p50(), priceSummary.std(),
                priceSummary.min(), priceSummary.max(), priceSummary.p25(), priceSummary.p75());

        Map<String, Long> typeCounts = countsByFrequency(EventType.values(), EventType::wireName,
                type -> totals.getAs(typeAlias(type)));
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
                    totals.getAs(binAlias(bin))));
        }
        PriceSegments segments = new PriceSegments(
                percent(pricesIn(histogram, null, 50), records),
                percent(pricesIn(histogram, 50, 100), records),
                percent(pricesIn(histogram, 100, 200), records),
                percent(pricesIn(histogram, 200, null), records));

        return new ProfileResult(
                new Overview(input, records, columns, malformed, malformedByReason, inputBytes),
                schema, describe, nulls, completeness, eventTypes, brands, price, funnel, cardinality,
                categories, segments, histogram);
    }

    /** Records whose price is in [from, to) dollars (null: unbounded), from the histogram's bins. */
    private static long pricesIn(List<HistogramBin> histogram, Integer from, Integer to) {
        return histogram.stream()
                .filter(bin -> from == null || bin.from().compareTo(BigDecimal.valueOf(from)) >= 0)
                .filter(bin -> to == null || (bin.to() != null && bin.to().compareTo(BigDecimal.valueOf(to)) <= 0))
                .mapToLong(HistogramBin::count)
                .sum();
    }

    /** The non-zero counts, most frequent first (then by name), as pandas' value_counts(). */
    private static <T> Map<String, Long> countsByFrequency(T[] keys, Function<T, String> name,
                                                           ToLongFunction<T> count) {
        Map<String, Long> counts = new LinkedHashMap<>();
        Arrays.stream(keys)
                .filter(key -> count.applyAsLong(key) > 0)
                .sorted(Comparator.comparingLong(count).reversed().thenComparing(name))
                .forEach(key -> counts.put(name.apply(key), count.applyAsLong(key)));
        return counts;
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
