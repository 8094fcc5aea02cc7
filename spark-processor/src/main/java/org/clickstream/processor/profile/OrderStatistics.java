package org.clickstream.processor.profile;

import java.io.Serializable;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Row;

/**
 * Exact order statistics (the value at a given rank) of numeric columns in the value-count table,
 * without sorting a column: one job counts each column's values in {@value #BUCKETS} equal-width
 * buckets between its minimum and maximum, the bucket holding each wanted rank follows from the
 * running counts, and a second job brings those buckets' (value, count) rows to the driver, where
 * they are few enough to sort. A bucket with more than {@value #MAX_COLLECTED} distinct values is
 * split into buckets again, in a further round. All columns are served by the same jobs.
 *
 * <p>Buckets are computed from the value as a double. That is exact enough: the bucket is a
 * non-decreasing function of the exact value (each step of it is), so a lower bucket never holds a
 * larger value, and within a bucket the exact values are sorted.
 */
final class OrderStatistics {
    static final int BUCKETS = 1 << 14;
    static final long MAX_COLLECTED = 200_000;

    private OrderStatistics() {
    }

    /** A column's extremes and the 0-based ranks wanted of it. */
    record Wanted(BigDecimal min, BigDecimal max, SortedSet<Long> ranks) {
    }

    /**
     * Where to look: one kind's rows, from the second round on only those whose value (as a double)
     * is in [low, high]; {@code ranksBelow} of the kind's values lie below them.
     */
    private record Target(int kind, double low, double high, boolean narrowed, long ranksBelow, SortedSet<Long> ranks)
            implements Serializable {

        boolean holds(Row row) {
            if (row.getInt(0) != kind) {
                return false;
            }
            double value = asDouble(row);
            return !narrowed || (value >= low && value <= high);
        }

        int bucket(Row row) {
            if (!(high > low)) {
                return 0;
            }
            double scaled = Math.floor((asDouble(row) - low) / (high - low) * BUCKETS);
            return (int) Math.max(0, Math.min(BUCKETS - 1, scaled));
        }
    }

    /** Per target and bucket: values (with repeats), distinct values, smallest and largest value. */
    private static final class BucketCounts implements Serializable {
        private final List<Target> targets;
        private final Map<Long, double[]> buckets = new HashMap<>();

        BucketCounts(List<Target> targets) {
            this.targets = targets;
        }

        BucketCounts add(Row row) {
            long key = keyOf(targets, row);
            if (key >= 0) {
                double value = asDouble(row);
                double[] counts = buckets.computeIfAbsent(key,
                        k -> new double[] {0, 0, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY});
                counts[0] += row.getLong(4);
                counts[1]++;
                counts[2] = Math.min(counts[2], value);
                counts[3] = Math.max(counts[3], value);
            }
            return this;
        }

        BucketCounts merge(BucketCounts other) {
            other.buckets.forEach((key, counts) -> buckets.merge(key, counts, (a, b) ->
                    new double[] {a[0] + b[0], a[1] + b[1], Math.min(a[2], b[2]), Math.max(a[3], b[3])}));
            return this;
        }
    }

    /**
     * @param table  the value-count table ({@link ValueCounts}), as rows
     * @param wanted per kind: extremes and ranks
     * @return per kind: rank → value
     */
    static Map<Integer, Map<Long, BigDecimal>> find(JavaRDD<Row> table, Map<Integer, Wanted> wanted) {
        Map<Integer, Map<Long, BigDecimal>> found = new HashMap<>();
        List<Target> targets = new ArrayList<>();
        wanted.forEach((kind, w) -> {
            found.put(kind, new TreeMap<>());
            targets.add(new Target(kind, w.min().doubleValue(), w.max().doubleValue(), false, 0, new TreeSet<>(w.ranks())));
        });
        while (!targets.isEmpty()) {
            List<Target> next = round(table, List.copyOf(targets), found);
            targets.clear();
            targets.addAll(next);
        }
        return found;
    }

    /** One round over all targets (two jobs); returns the targets of the next round. */
    private static List<Target> round(JavaRDD<Row> table, List<Target> targets, Map<Integer, Map<Long, BigDecimal>> found) {
        Map<Long, double[]> buckets = table
                .aggregate(new BucketCounts(targets), BucketCounts::add, BucketCounts::merge)
                .buckets;

        List<Target> next = new ArrayList<>();
        Map<Long, Long> collectBelow = new HashMap<>(); // bucket key → ranks below the bucket
        for (int i = 0; i < targets.size(); i++) {
            Target target = targets.get(i);
            long below = target.ranksBelow();
            for (int bucket = 0; bucket < BUCKETS; bucket++) {
                double[] counts = buckets.get(key(i, bucket));
                if (counts == null) {
                    continue;
                }
                long values = (long) counts[0];
                SortedSet<Long> inside = target.ranks().subSet(below, below + values);
                if (!inside.isEmpty()) {
                    if (counts[1] > MAX_COLLECTED && counts[3] > counts[2]) {
                        next.add(new Target(target.kind(), counts[2], counts[3], true, below, new TreeSet<>(inside)));
                    } else {
                        collectBelow.put(key(i, bucket), below);
                    }
                }
                below += values;
            }
        }
        if (collectBelow.isEmpty()) {
            return next;
        }

        Map<Long, List<Row>> rows = new HashMap<>();
        for (Row row : table.filter(row -> collectBelow.containsKey(keyOf(targets, row))).collect()) {
            rows.computeIfAbsent(keyOf(targets, row), k -> new ArrayList<>()).add(row);
        }
        collectBelow.forEach((key, below) -> {
            Target target = targets.get((int) (key / BUCKETS));
            List<Row> sorted = new ArrayList<>(rows.get(key));
            sorted.sort(Comparator.comparing(ValueCounts::numericValue));
            long start = below;
            for (Row row : sorted) {
                long end = start + row.getLong(4);
                for (long rank : target.ranks().subSet(start, end)) {
                    found.get(target.kind()).put(rank, ValueCounts.numericValue(row));
                }
                start = end;
            }
        });
        return next;
    }

    private static long key(int target, int bucket) {
        return (long) target * BUCKETS + bucket;
    }

    /** The row's bucket key, or -1 when no target holds it. */
    private static long keyOf(List<Target> targets, Row row) {
        for (int i = 0; i < targets.size(); i++) {
            if (targets.get(i).holds(row)) {
                return key(i, targets.get(i).bucket(row));
            }
        }
        return -1;
    }

    private static double asDouble(Row row) {
        return row.isNullAt(1) ? row.getDecimal(2).doubleValue() : (double) row.getLong(1);
    }
}
