package org.clickstream.profile;

import static org.clickstream.core.EventFields.CATEGORY_ID;
import static org.clickstream.core.EventFields.EVENT_TIME;
import static org.clickstream.core.EventFields.PRICE;
import static org.clickstream.core.EventFields.PRODUCT_ID;
import static org.clickstream.core.EventFields.USER_ID;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.LongWritable;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.mapred.FileInputFormat;
import org.apache.hadoop.mapred.JobConf;
import org.apache.hadoop.mapred.TextInputFormat;
import org.apache.spark.HashPartitioner;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.util.LongAccumulator;
import org.clickstream.core.ClickEvent;
import org.clickstream.core.EventFields;
import org.clickstream.core.EventRules;
import org.clickstream.core.EventType;
import org.clickstream.core.RejectReason;
import org.clickstream.profile.ProfileResult.BrandStats;
import org.clickstream.profile.ProfileResult.CategoryCount;
import org.clickstream.profile.ProfileResult.CategoryStats;
import org.clickstream.profile.ProfileResult.Funnel;
import org.clickstream.profile.ProfileResult.HistogramBin;
import org.clickstream.profile.ProfileResult.NumericSummary;
import org.clickstream.profile.ProfileResult.Overview;
import org.clickstream.profile.ProfileResult.PriceSegments;
import org.clickstream.profile.ProfileResult.PriceStats;
import org.clickstream.profile.ProfileResult.ProductStats;
import org.clickstream.profile.ProfileResult.SessionFunnel;
import org.clickstream.profile.ProfileResult.Share;
import scala.Tuple2;

/**
 * Computes the profile of a CSV file of events with Spark in one job that reads the file once:
 * each task parses its split and tallies it ({@link SplitScanner}); one shuffle brings every key
 * (session, user, product, value) to one {@link Reducer}, which completes its sessions and counts;
 * the driver merges the reducers' small results. Every statistic is exact.
 */
public final class Profiler {
    /** The columns pandas reads as numbers, and so describes, in their order. */
    static final List<String> NUMERIC_COLUMNS = List.of(PRODUCT_ID, CATEGORY_ID, PRICE, USER_ID);

    static final int TOP_CATEGORIES = 10;
    /** Lower edges of the price histogram's bins, in dollars; the last bin is open-ended. 50, 100 and 200 make the segments. */
    static final List<BigDecimal> HISTOGRAM_EDGES =
            List.of(0, 1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10000).stream()
                    .map(BigDecimal::valueOf)
                    .toList();
    /**
     * Reduce tasks per core: a reducer holds its share of the session keys while it runs, so more,
     * smaller reducers hold less at once (10 million rows: 8 reducers kept ~550 MB live, and half the
     * reduce stage went to garbage collection).
     */
    private static final int REDUCERS_PER_CORE = 16;

    /**
     * @param sessionGap a session ends before an event this long after the previous one
     * @param top        categories and products listed
     * @param minSplits  at least this many tasks read the file (0: one per core; blocks split it further)
     * @param rules      what a valid event is (as {@code --max-event-time-ahead} and {@code --earliest-event-time} say)
     * @param clock      the time "ahead" is measured from
     */
    public record Settings(Duration sessionGap, int top, int minSplits, EventRules rules, Instant clock) {
        public static Settings defaults() {
            return new Settings(Duration.ofMinutes(30), 10, 0, EventRules.defaults(), Instant.now());
        }

        public Settings withSessionGap(Duration gap) {
            return new Settings(gap, top, minSplits, rules, clock);
        }

        public Settings withMinSplits(int splits) {
            return new Settings(sessionGap, top, splits, rules, clock);
        }

        public Settings withTop(int newTop) {
            return new Settings(sessionGap, newTop, minSplits, rules, clock);
        }

        /** The validation rules, and the clock they judge event times by (as the producer's and backfill's). */
        public Settings withRules(EventRules newRules, Instant newClock) {
            return new Settings(sessionGap, top, minSplits, newRules, newClock);
        }
    }

    private Profiler() {}

    /**
     * @param file       the CSV file as a Hadoop path or URI (glob characters escaped: see {@code ProfileJob.hadoopPath})
     * @param input      what to call the input in the report
     * @param inputBytes the input's size
     * @param bytesRead counts the text read, for progress reports
     */
    public static ProfileResult profile(
            JavaSparkContext spark,
            String file,
            String input,
            long inputBytes,
            Settings settings,
            LongAccumulator bytesRead) {
        int reducers = REDUCERS_PER_CORE * spark.defaultParallelism();
        double gapSeconds = settings.sessionGap().toNanos() / 1e9;
        int top = settings.top();
        EventRules rules = settings.rules();
        Instant clock = settings.clock();
        spark.setJobDescription("reading and tallying " + input);
        List<Reducer.Result> results;
        try {
            // The path as a Path, not a string: Hadoop splits a string of paths at its commas.
            JobConf job = new JobConf(spark.hadoopConfiguration());
            FileInputFormat.setInputPaths(job, new Path(file));
            JavaRDD<Tuple2<Integer, Bucket>> tasks = spark.hadoopRDD(
                            job,
                            TextInputFormat.class,
                            LongWritable.class,
                            Text.class,
                            settings.minSplits() > 0 ? settings.minSplits() : spark.defaultParallelism())
                    .mapPartitionsWithIndex(
                            (task, lines) ->
                                    new SplitScanner(reducers, gapSeconds, rules, clock, bytesRead).scan(task, lines),
                            false);
            results = JavaPairRDD.fromJavaRDD(tasks)
                    .partitionBy(new HashPartitioner(reducers))
                    .mapPartitions(buckets -> List.of(new Reducer(gapSeconds, top).reduce(buckets))
                            .iterator())
                    .collect();
        } finally {
            spark.setJobDescription(null);
        }
        return assemble(input, inputBytes, settings, results);
    }

    private static ProfileResult assemble(
            String input, long inputBytes, Settings settings, List<Reducer.Result> results) {
        FileTally tally = new FileTally();
        Reducer.SessionTotals sessions = new Reducer.SessionTotals(0, 0, 0, 0, 0);
        List<List<SortedCounts>> columnParts = new ArrayList<>();
        NUMERIC_COLUMNS.forEach(column -> columnParts.add(new ArrayList<>()));
        List<ProductTotals> byRevenue = new ArrayList<>();
        List<ProductTotals> byViews = new ArrayList<>();
        for (Reducer.Result result : results) {
            if (result.tally() != null) {
                tally.merge(result.tally());
            }
            sessions = sessions.plus(result.sessions());
            for (int c = 0; c < NUMERIC_COLUMNS.size(); c++) {
                columnParts.get(c).add(result.columns().get(c));
            }
            byRevenue.addAll(result.byRevenue());
            byViews.addAll(result.byViews());
        }
        long records = tally.records;
        int columns = EventFields.ALL.size();

        Map<String, NumericSummary> describe = new LinkedHashMap<>();
        Map<String, Long> distinct = new HashMap<>();
        List<SortedCounts> prices = columnParts.get(NUMERIC_COLUMNS.indexOf(PRICE));
        for (int c = 0; c < NUMERIC_COLUMNS.size(); c++) {
            String column = NUMERIC_COLUMNS.get(c);
            SortedCounts.Column s =
                    SortedCounts.summarise(columnParts.get(c), column.equals(PRICE) ? SortedCounts.PRICE_SCALE : 0);
            describe.put(
                    column,
                    new NumericSummary(
                            s.count(), s.mean(), s.sampleStd(), s.min(), s.p25(), s.p50(), s.p75(), s.max()));
            distinct.put(column, s.distinct());
        }
        distinct.put(EVENT_TIME, tally.eventSeconds.getLongCardinality());
        distinct.put(
                EventFields.EVENT_TYPE,
                Arrays.stream(tally.eventTypes).filter(n -> n > 0).count());
        distinct.put(
                EventFields.CATEGORY_CODE,
                tally.categories.keySet().stream().filter(k -> k != null).count());
        distinct.put(
                EventFields.BRAND,
                tally.brands.keySet().stream().filter(k -> k != null).count());
        distinct.put(EventFields.USER_SESSION, sessions.sessionIds());

        Map<String, Long> nullCounts = new HashMap<>();
        EventFields.ALL.forEach(column -> nullCounts.put(column, 0L));
        nullCounts.put(CATEGORY_ID, tally.categoryIdNulls);
        nullCounts.put(EventFields.CATEGORY_CODE, eventsOf(tally.categories.get(null), FileTally.EVENTS));
        nullCounts.put(EventFields.BRAND, eventsOf(tally.brands.get(null), FileTally.BRAND_EVENTS));
        nullCounts.put(EventFields.USER_SESSION, tally.sessionNulls);

        Map<String, Share> nulls = new LinkedHashMap<>();
        Map<String, Share> cardinality = new LinkedHashMap<>();
        Map<String, String> schema = new LinkedHashMap<>();
        long nullCells = 0;
        for (String column : EventFields.ALL) {
            long nullCount = nullCounts.get(column);
            nullCells += nullCount;
            nulls.put(column, share(nullCount, records));
            cardinality.put(column, share(distinct.get(column), records));
            schema.put(column, pandasType(column, nullCount, records));
        }

        NumericSummary priceSummary = describe.get(PRICE);
        PriceStats price = new PriceStats(
                priceSummary.mean(),
                priceSummary.p50(),
                priceSummary.std(),
                priceSummary.min(),
                priceSummary.max(),
                priceSummary.p25(),
                priceSummary.p75());

        Map<String, Long> typeCounts = new HashMap<>();
        for (EventType type : EventType.values()) {
            if (tally.events(type) > 0) {
                typeCounts.put(type.wireName(), tally.events(type));
            }
        }
        Map<String, Share> eventTypes = new LinkedHashMap<>();
        byFrequency(typeCounts).forEach((type, count) -> eventTypes.put(type, share(count, records)));
        long views = tally.events(EventType.VIEW);
        long carts = tally.events(EventType.CART);
        long purchases = tally.events(EventType.PURCHASE);
        Funnel funnel = new Funnel(
                views, carts, purchases, percent(carts, views), percent(purchases, views), percent(purchases, carts));

        Map<String, Long> rejects = new HashMap<>();
        for (RejectReason reason : RejectReason.values()) {
            if (tally.rejects[reason.ordinal()] > 0) {
                rejects.put(reason.code(), tally.rejects[reason.ordinal()]);
            }
        }
        Map<String, Long> malformedByReason = byFrequency(rejects);
        long malformed =
                malformedByReason.values().stream().mapToLong(Long::longValue).sum();

        List<HistogramBin> histogram = new ArrayList<>();
        for (int bin = 0; bin < HISTOGRAM_EDGES.size(); bin++) {
            BigDecimal from = HISTOGRAM_EDGES.get(bin);
            BigDecimal to = bin + 1 < HISTOGRAM_EDGES.size() ? HISTOGRAM_EDGES.get(bin + 1) : null;
            histogram.add(new HistogramBin(
                    from,
                    to,
                    SortedCounts.countBetween(
                            prices, SplitScanner.priceUnits(from), to == null ? null : SplitScanner.priceUnits(to))));
        }
        PriceSegments segments = new PriceSegments(
                percent(pricesIn(histogram, null, 50), records), percent(pricesIn(histogram, 50, 100), records),
                percent(pricesIn(histogram, 100, 200), records), percent(pricesIn(histogram, 200, null), records));

        long revenueCents = tally.categories.values().stream()
                .mapToLong(c -> c[FileTally.REVENUE_CENTS])
                .sum();
        SessionFunnel sessionFunnel = new SessionFunnel(
                settings.sessionGap(),
                sessions.sessions(),
                sessions.withCart(),
                sessions.withPurchase(),
                percent(sessions.withCart(), sessions.sessions()),
                percent(sessions.withPurchase(), sessions.sessions()),
                percent(sessions.withPurchase(), sessions.withCart()),
                ratio(records, sessions.sessions()),
                ratio(sessions.lengthSeconds(), sessions.sessions()),
                revenueCents,
                ratio(revenueCents, sessions.withPurchase()));

        return new ProfileResult(
                new Overview(input, records, columns, malformed, malformedByReason, inputBytes),
                schema,
                describe,
                nulls,
                percent(records * columns - nullCells, records * columns),
                eventTypes,
                brands(tally),
                price,
                funnel,
                cardinality,
                categoriesTop10(tally),
                segments,
                histogram,
                sessionFunnel,
                categories(tally, Categories::topLevel, settings.top()),
                categories(tally, Categories::code, settings.top()),
                products(byRevenue, ProductTotals.BY_REVENUE, settings.top()),
                products(byViews, ProductTotals.BY_VIEWS, settings.top()));
    }

    private static long eventsOf(long[] totals, int index) {
        return totals == null ? 0 : totals[index];
    }

    /** Normalised brands (trimmed, lower-case) by events; events without a brand are left out. */
    private static List<BrandStats> brands(FileTally tally) {
        Map<String, long[]> byBrand = new HashMap<>();
        tally.brands.forEach((raw, totals) -> {
            if (raw != null && !raw.isBlank()) {
                long[] sum = byBrand.computeIfAbsent(ClickEvent.normalizeBrand(raw), b -> new long[4]);
                for (int i = 0; i < sum.length; i++) {
                    sum[i] += totals[i];
                }
            }
        });
        return byBrand.entrySet().stream()
                .map(e -> {
                    long[] t = e.getValue();
                    BigDecimal total = dollars(t[FileTally.BRAND_PRICE_CENTS]);
                    return new BrandStats(
                            e.getKey(),
                            t[FileTally.BRAND_EVENTS],
                            total.divide(BigDecimal.valueOf(t[FileTally.BRAND_EVENTS]), SortedCounts.PRECISION),
                            total,
                            t[FileTally.BRAND_PURCHASES],
                            dollars(t[FileTally.BRAND_REVENUE_CENTS]));
                })
                .sorted(Comparator.comparingLong(BrandStats::events).reversed().thenComparing(BrandStats::brand))
                .toList();
    }

    static BigDecimal dollars(long cents) {
        return BigDecimal.valueOf(cents, 2);
    }

    /** The old top-10: events by the text of category_code before its first dot; events without a code left out. */
    private static List<CategoryCount> categoriesTop10(FileTally tally) {
        Map<String, Long> counts = new HashMap<>();
        tally.categories.forEach((code, totals) -> {
            if (code != null) {
                int dot = code.indexOf('.');
                String topLevel = dot < 0 ? code : code.substring(0, dot);
                if (!topLevel.isEmpty()) {
                    counts.merge(topLevel, totals[FileTally.EVENTS], Long::sum);
                }
            }
        });
        return byFrequency(counts).entrySet().stream()
                .limit(TOP_CATEGORIES)
                .map(e -> new CategoryCount(e.getKey(), e.getValue()))
                .toList();
    }

    /** Categories named by {@code name} (of the raw code), by events (then by name), the first {@code top}. */
    private static List<CategoryStats> categories(FileTally tally, Function<String, String> name, int top) {
        Map<String, long[]> byName = new HashMap<>();
        tally.categories.forEach((code, totals) -> {
            long[] sum = byName.computeIfAbsent(name.apply(code), n -> new long[totals.length]);
            for (int i = 0; i < sum.length; i++) {
                sum[i] += totals[i];
            }
        });
        return byName.entrySet().stream()
                .map(e -> new CategoryStats(
                        e.getKey(),
                        e.getValue()[FileTally.EVENTS],
                        e.getValue()[FileTally.VIEWS],
                        e.getValue()[FileTally.CARTS],
                        e.getValue()[FileTally.PURCHASES],
                        e.getValue()[FileTally.REVENUE_CENTS]))
                .sorted(Comparator.comparingLong(CategoryStats::events)
                        .reversed()
                        .thenComparing(CategoryStats::category))
                .limit(top)
                .toList();
    }

    private static List<ProductStats> products(
            List<ProductTotals> candidates, Comparator<ProductTotals> order, int top) {
        return candidates.stream()
                .sorted(order)
                .limit(top)
                .map(p -> new ProductStats(
                        p.productId, p.brand(), p.category(), p.views, p.carts, p.purchases, p.revenueCents))
                .toList();
    }

    /** Most frequent first, then by name, as pandas' value_counts(). */
    static Map<String, Long> byFrequency(Map<String, Long> counts) {
        Map<String, Long> sorted = new LinkedHashMap<>();
        counts.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .forEach(e -> sorted.put(e.getKey(), e.getValue()));
        return sorted;
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

    private static BigDecimal ratio(long part, long whole) {
        return whole == 0 ? null : BigDecimal.valueOf(part).divide(BigDecimal.valueOf(whole), SortedCounts.PRECISION);
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
        if (List.of(
                        EVENT_TIME,
                        EventFields.EVENT_TYPE,
                        EventFields.CATEGORY_CODE,
                        EventFields.BRAND,
                        EventFields.USER_SESSION)
                .contains(column)) {
            return "object";
        }
        if (column.equals(PRICE)) {
            return "float64";
        }
        return nullCount > 0 ? "float64" : "int64";
    }
}
