package org.clickstream.profile;

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
 * without sorting a column. Each column's values are counted in {@value #BUCKETS} equal-width
 * buckets between its minimum and maximum ({@link BucketCounts}, made in the summary pass); the
 * bucket holding each wanted rank follows from the running counts, and one job brings those buckets'
 * (value, count) rows to the driver, where they are few enough to sort. A bucket with more than
 * {@value #MAX_COLLECTED} distinct values is instead counted in buckets again, in a further round.
 *
 * <p>Buckets are computed from the value as a double. That is exact enough: the bucket is a
 * non-decreasing function of the exact value (each step of it is, and out-of-range values are
 * clamped), so a lower bucket never holds a larger value, and within a bucket the exact values are
 * sorted. The range only decides how evenly values spread over the buckets.
 */
final class OrderStatistics {
    static final int BUCKETS = 1 << 14;
    static final long MAX_COLLECTED = 200_000;

    private OrderStatistics() {
    }

    /**
     * Where to look: one kind's rows, from the second round on only those whose value (as a double)
     * is in [low, high]; {@code ranksBelow} of the kind's values lie below them.
     */
    private record Target(int kind, double low, double high, boolean narrowed, long ranksBelow) implements Serializable {

        boolean holds(Row row) {
            return row.getInt(0) == kind && (!narrowed || (asDouble(row) >= low && asDouble(row) <= high));
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
    static final class BucketCounts implements Serializable {
        private final List<Target> targets;
        private final Map<Long, double[]> buckets = new HashMap<>();

        private BucketCounts(List<Target> targets) {
            this.targets = List.copyOf(targets);
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

    /** The first round's (empty) counts: every value of each given kind that has a range. */
    static BucketCounts firstRound(List<Integer> kinds, NumericRanges.Range ranges) {
        List<Target> targets = new ArrayList<>();
        for (int kind : kinds) {
            if (ranges.has(kind)) {
                targets.add(new Target(kind, ranges.min(kind), ranges.max(kind), false, 0));
            }
        }
        return new BucketCounts(targets);
    }

    /**
     * @param table  the value-count table ({@link ValueCounts}), as rows
     * @param counts the first round's counts over {@code table}
     * @param ranks  per kind: the 0-based ranks wanted
     * @return per kind: rank → value
     */
    static Map<Integer, Map<Long, BigDecimal>> find(JavaRDD<Row> table, BucketCounts counts, Map<Integer, SortedSet<Long>> ranks) {
        Map<Integer, Map<Long, BigDecimal>> found = new HashMap<>();
        ranks.keySet().forEach(kind -> found.put(kind, new TreeMap<>()));
        BucketCounts round = counts;
        while (!round.targets.isEmpty()) {
            List<Target> next = collect(table, round, ranks, found);
            if (next.isEmpty()) {
                break;
            }
            round = table.aggregate(new BucketCounts(next), BucketCounts::add, BucketCounts::merge);
        }
        return found;
    }

    /** Collects the buckets holding wanted ranks (one job); returns the targets of the next round. */
    private static List<Target> collect(JavaRDD<Row> table, BucketCounts counts, Map<Integer, SortedSet<Long>> ranks,
                                        Map<Integer, Map<Long, BigDecimal>> found) {
        List<Target> targets = counts.targets;
        List<Target> next = new ArrayList<>();
        Map<Long, Long> collectBelow = new HashMap<>(); // bucket key → ranks of the kind below the bucket
        for (int i = 0; i < targets.size(); i++) {
            Target target = targets.get(i);
            SortedSet<Long> wanted = ranks.getOrDefault(target.kind(), new TreeSet<>());
            long below = target.ranksBelow();
            for (int bucket = 0; bucket < BUCKETS; bucket++) {
                double[] bucketCounts = counts.buckets.get(key(i, bucket));
                if (bucketCounts == null) {
                    continue;
                }
                long values = (long) bucketCounts[0];
                if (!wanted.subSet(below, below + values).isEmpty()) {
                    if (bucketCounts[1] > MAX_COLLECTED && bucketCounts[3] > bucketCounts[2]) {
                        next.add(new Target(target.kind(), bucketCounts[2], bucketCounts[3], true, below));
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
            int kind = targets.get((int) (key / BUCKETS)).kind();
            List<Row> sorted = new ArrayList<>(rows.get(key));
            sorted.sort(Comparator.comparing(ValueCounts::numericValue));
            long start = below;
            for (Row row : sorted) {
                long end = start + row.getLong(4);
                for (long rank : ranks.get(kind).subSet(start, end)) {
                    found.get(kind).put(rank, ValueCounts.numericValue(row));
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

    static double asDouble(Row row) {
        return row.isNullAt(1) ? row.getDecimal(2).doubleValue() : (double) row.getLong(1);
    }
}
