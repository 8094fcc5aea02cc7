package org.clickstream.processor.profile;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.floor;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;
import static org.clickstream.processor.profile.ValueCounts.COUNT;
import static org.clickstream.processor.profile.ValueCounts.DECIMAL_VALUE;
import static org.clickstream.processor.profile.ValueCounts.KIND;
import static org.clickstream.processor.profile.ValueCounts.LONG_VALUE;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Exact order statistics (the value at a given rank) of numeric columns in the value-count table,
 * without sorting a column: one job counts the values in {@value #BUCKETS} equal-width buckets
 * between the column's minimum and maximum, the bucket holding each wanted rank follows from the
 * running counts, and a second job brings that bucket's (value, count) rows to the driver, where
 * they are few enough to sort. A bucket with more than {@value #MAX_COLLECTED} distinct values is
 * split into buckets again, in the next round. All columns are served by the same jobs.
 *
 * <p>Buckets are computed from the value as a double. That is exact enough: the bucket is a
 * non-decreasing function of the exact value (each step of it is), so a lower bucket never holds a
 * larger value, and within a bucket the exact values are sorted.
 */
final class OrderStatistics {
    static final int BUCKETS = 1 << 14;
    static final long MAX_COLLECTED = 200_000;

    private static final String TARGET = "target";
    private static final String BUCKET = "bucket";
    private static final Column AS_DOUBLE =
            coalesce(col(LONG_VALUE).cast("double"), col(DECIMAL_VALUE).cast("double"));

    private OrderStatistics() {
    }

    /**
     * Where to look: one kind's rows, in the second and later rounds only those whose value (as a
     * double) is in [low, high]; {@code ranks} are 0-based within the kind, and {@code ranksBelow}
     * of the kind's values lie below this target's rows.
     */
    private record Target(int kind, double low, double high, boolean narrowed, long ranksBelow, SortedSet<Long> ranks) {
        Column rows() {
            Column ofKind = col(KIND).equalTo(kind);
            return narrowed ? ofKind.and(AS_DOUBLE.between(low, high)) : ofKind;
        }

        Column bucket() {
            if (!(high > low)) {
                return lit(0);
            }
            Column scaled = floor(AS_DOUBLE.minus(low).divide(high - low).multiply(BUCKETS));
            return least(greatest(scaled, lit(0)), lit(BUCKETS - 1)).cast("int");
        }
    }

    /**
     * @param table  the value-count table ({@link ValueCounts})
     * @param wanted per kind: the minimum and maximum value, and the 0-based ranks wanted
     * @return per kind: rank → value
     */
    static Map<Integer, Map<Long, BigDecimal>> find(Dataset<Row> table, Map<Integer, Wanted> wanted) {
        Map<Integer, Map<Long, BigDecimal>> found = new HashMap<>();
        List<Target> targets = new ArrayList<>();
        wanted.forEach((kind, w) -> {
            found.put(kind, new TreeMap<>());
            targets.add(new Target(kind, w.min().doubleValue(), w.max().doubleValue(), false, 0, new TreeSet<>(w.ranks())));
        });
        while (!targets.isEmpty()) {
            List<Target> next = round(table, targets, found);
            targets.clear();
            targets.addAll(next);
        }
        return found;
    }

    /** The column's extremes and the ranks wanted of it. */
    record Wanted(BigDecimal min, BigDecimal max, SortedSet<Long> ranks) {
    }

    /** One round over all targets; returns the targets of the next round. */
    private static List<Target> round(Dataset<Row> table, List<Target> targets, Map<Integer, Map<Long, BigDecimal>> found) {
        Column target = null;
        Column bucket = null;
        for (int i = 0; i < targets.size(); i++) {
            Target t = targets.get(i);
            target = (target == null ? when(t.rows(), i) : target.when(t.rows(), i));
            bucket = (bucket == null ? when(col(TARGET).equalTo(i), t.bucket()) : bucket.when(col(TARGET).equalTo(i), t.bucket()));
        }
        Dataset<Row> tagged = table.withColumn(TARGET, target).where(col(TARGET).isNotNull()).withColumn(BUCKET, bucket);

        // Job 1: per target and bucket, how many values (with repeats), how many distinct, and their range.
        Map<Integer, TreeMap<Integer, Row>> buckets = new HashMap<>();
        for (Row row : tagged.groupBy(TARGET, BUCKET)
                .agg(sum(COUNT), count(lit(1)), min(AS_DOUBLE), max(AS_DOUBLE))
                .collectAsList()) {
            buckets.computeIfAbsent(row.getInt(0), k -> new TreeMap<>()).put(row.getInt(1), row);
        }

        List<Target> next = new ArrayList<>();
        // (target, bucket) → ranks below the bucket, for the buckets small enough to collect
        Map<List<Integer>, Long> toCollect = new HashMap<>();
        Map<List<Integer>, SortedSet<Long>> ranksInBucket = new HashMap<>();
        for (int i = 0; i < targets.size(); i++) {
            Target t = targets.get(i);
            long below = t.ranksBelow();
            for (Row b : buckets.getOrDefault(i, new TreeMap<>()).values()) {
                long values = b.getLong(2);
                long first = below;
                SortedSet<Long> inside = t.ranks().subSet(first, first + values);
                if (!inside.isEmpty()) {
                    if (b.getLong(3) > MAX_COLLECTED && b.getDouble(5) > b.getDouble(4)) {
                        next.add(new Target(t.kind(), b.getDouble(4), b.getDouble(5), true, first, new TreeSet<>(inside)));
                    } else {
                        List<Integer> key = List.of(i, b.getInt(1));
                        toCollect.put(key, first);
                        ranksInBucket.put(key, new TreeSet<>(inside));
                    }
                }
                below += values;
            }
        }
        if (toCollect.isEmpty()) {
            return next;
        }

        // Job 2: the (value, count) rows of those buckets, sorted here.
        Column chosen = lit(false);
        for (List<Integer> key : toCollect.keySet()) {
            chosen = chosen.or(col(TARGET).equalTo(key.get(0)).and(col(BUCKET).equalTo(key.get(1))));
        }
        Map<List<Integer>, List<Row>> rows = new HashMap<>();
        for (Row row : tagged.where(chosen).select(TARGET, LONG_VALUE, DECIMAL_VALUE, COUNT, BUCKET).collectAsList()) {
            rows.computeIfAbsent(List.of(row.getInt(0), row.getInt(4)), k -> new ArrayList<>()).add(row);
        }
        toCollect.forEach((key, below) -> {
            List<Row> sorted = new ArrayList<>(rows.get(key));
            sorted.sort(Comparator.comparing(ValueCounts::numericValue));
            Map<Long, BigDecimal> kindFound = found.get(targets.get(key.get(0)).kind());
            long start = below;
            for (Row row : sorted) {
                long end = start + row.getLong(3);
                for (long rank : ranksInBucket.get(key).subSet(start, end)) {
                    kindFound.put(rank, ValueCounts.numericValue(row));
                }
                start = end;
            }
        });
        return next;
    }
}
