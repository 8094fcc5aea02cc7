package org.clickstream.profile;

import com.carrotsearch.hppc.LongLongHashMap;
import java.io.Serializable;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.util.Arrays;
import java.util.List;
import java.util.PriorityQueue;

/**
 * A numeric column's distinct values, ascending, each with how often it occurs; values are longs
 * scaled by {@code 10^-scale} (ids: scale 0; prices: {@link #PRICE_SCALE}). The reducers hold
 * disjoint parts of a column (values are partitioned by hash), so the column's exact moments are
 * sums of the parts' and its order statistics come from merging the parts ({@link #valuesAtRanks}).
 */
final class SortedCounts implements Serializable {
    /** Prices are kept to eight decimal places (the data set has two). */
    static final int PRICE_SCALE = 8;
    /** Digits of reported means and standard deviations (IEEE 754 decimal128). */
    static final MathContext PRECISION = MathContext.DECIMAL128;

    final long[] values;
    final long[] counts;
    /** Σ count, Σ count·value and Σ count·value² of the unscaled values, exactly. */
    final long total;

    final BigInteger sum;
    final BigInteger sumOfSquares;

    private SortedCounts(long[] values, long[] counts) {
        this.values = values;
        this.counts = counts;
        long n = 0;
        BigInteger s = BigInteger.ZERO;
        BigInteger s2 = BigInteger.ZERO;
        for (int i = 0; i < values.length; i++) {
            BigInteger v = BigInteger.valueOf(values[i]);
            BigInteger c = BigInteger.valueOf(counts[i]);
            n += counts[i];
            s = s.add(v.multiply(c));
            s2 = s2.add(v.multiply(v).multiply(c));
        }
        this.total = n;
        this.sum = s;
        this.sumOfSquares = s2;
    }

    static SortedCounts of(LongLongHashMap counts) {
        long[] values = new long[counts.size()];
        int i = 0;
        for (var cursor : counts) {
            values[i++] = cursor.key;
        }
        Arrays.sort(values);
        long[] sortedCounts = new long[values.length];
        for (i = 0; i < values.length; i++) {
            sortedCounts[i] = counts.get(values[i]);
        }
        return new SortedCounts(values, sortedCounts);
    }

    /** The values of the arrays (repeats included) sorted and counted. */
    static SortedCounts ofRepeated(List<long[]> parts) {
        long[] all = new long[parts.stream().mapToInt(part -> part.length).sum()];
        int at = 0;
        for (long[] part : parts) {
            System.arraycopy(part, 0, all, at, part.length);
            at += part.length;
        }
        Arrays.sort(all);
        int distinct = 0;
        for (int i = 0; i < all.length; i++) {
            distinct += i == 0 || all[i] != all[i - 1] ? 1 : 0;
        }
        long[] values = new long[distinct];
        long[] counts = new long[distinct];
        for (int i = 0, d = -1; i < all.length; i++) {
            if (i == 0 || all[i] != all[i - 1]) {
                values[++d] = all[i];
            }
            counts[d]++;
        }
        return new SortedCounts(values, counts);
    }

    int distinct() {
        return values.length;
    }

    /** The exact summary of a column split over disjoint parts. */
    record Column(
            long count,
            long distinct,
            BigDecimal min,
            BigDecimal max,
            BigDecimal mean,
            BigDecimal sampleStd,
            BigDecimal p25,
            BigDecimal p50,
            BigDecimal p75) {}

    static Column summarise(List<SortedCounts> parts, int scale) {
        long count = 0;
        long distinct = 0;
        BigInteger sum = BigInteger.ZERO;
        BigInteger sumOfSquares = BigInteger.ZERO;
        Long min = null;
        Long max = null;
        for (SortedCounts part : parts) {
            count += part.total;
            distinct += part.distinct();
            sum = sum.add(part.sum);
            sumOfSquares = sumOfSquares.add(part.sumOfSquares);
            if (part.distinct() > 0) {
                min = min == null ? part.values[0] : Math.min(min, part.values[0]);
                max = max == null ? part.values[part.distinct() - 1] : Math.max(max, part.values[part.distinct() - 1]);
            }
        }
        if (count == 0) {
            return new Column(0, 0, null, null, null, null, null, null, null);
        }
        List<LinearQuantile> quartiles = List.of(
                LinearQuantile.of(count, new BigDecimal("0.25")),
                LinearQuantile.of(count, new BigDecimal("0.5")),
                LinearQuantile.of(count, new BigDecimal("0.75")));
        long[] ranks = quartiles.stream()
                .flatMapToLong(q -> java.util.stream.LongStream.of(q.lowerRank(), q.upperRank()))
                .toArray();
        long[] atRanks = valuesAtRanks(parts, ranks);
        BigDecimal[] q = new BigDecimal[3];
        for (int i = 0; i < 3; i++) {
            q[i] = quartiles.get(i).interpolate(decimal(atRanks[2 * i], scale), decimal(atRanks[2 * i + 1], scale));
        }
        BigDecimal n = BigDecimal.valueOf(count);
        BigDecimal mean = new BigDecimal(sum, scale).divide(n, PRECISION);
        BigDecimal std = null;
        if (count > 1) {
            // sqrt((n·Σx² − (Σx)²) / (n·(n − 1))), the numerator exact.
            BigDecimal numerator = new BigDecimal(
                    BigInteger.valueOf(count).multiply(sumOfSquares).subtract(sum.multiply(sum)), 2 * scale);
            BigDecimal variance = numerator.divide(
                    n.multiply(BigDecimal.valueOf(count - 1)), new MathContext(PRECISION.getPrecision() + 4));
            std = variance.sqrt(PRECISION);
        }
        return new Column(count, distinct, decimal(min, scale), decimal(max, scale), mean, std, q[0], q[1], q[2]);
    }

    static BigDecimal decimal(long unscaled, int scale) {
        return BigDecimal.valueOf(unscaled, scale);
    }

    /**
     * The values at the given 0-based ranks of the union of the parts (each sorted, disjoint), by
     * merging them in value order; ranks must be below the total count.
     */
    static long[] valuesAtRanks(List<SortedCounts> parts, long[] ranks) {
        long[] wanted = ranks.clone();
        Arrays.sort(wanted);
        long[] found = new long[wanted.length];
        // Cursors over the parts, smallest current value first: {part, index}.
        PriorityQueue<int[]> cursors =
                new PriorityQueue<>((a, b) -> Long.compare(parts.get(a[0]).values[a[1]], parts.get(b[0]).values[b[1]]));
        for (int p = 0; p < parts.size(); p++) {
            if (parts.get(p).distinct() > 0) {
                cursors.add(new int[] {p, 0});
            }
        }
        long below = 0;
        int next = 0;
        while (next < wanted.length && !cursors.isEmpty()) {
            int[] cursor = cursors.poll();
            SortedCounts part = parts.get(cursor[0]);
            long end = below + part.counts[cursor[1]];
            while (next < wanted.length && wanted[next] < end) {
                found[next++] = part.values[cursor[1]];
            }
            below = end;
            if (++cursor[1] < part.distinct()) {
                cursors.add(cursor);
            }
        }
        if (next < wanted.length) {
            throw new IllegalArgumentException("rank " + wanted[next] + " beyond the " + below + " values");
        }
        long[] result = new long[ranks.length];
        for (int i = 0; i < ranks.length; i++) {
            result[i] = found[Arrays.binarySearch(wanted, ranks[i])];
        }
        return result;
    }

    /** Values (with repeats) in [from, to) in unscaled units; {@code to} null for no upper bound. */
    static long countBetween(List<SortedCounts> parts, long from, Long to) {
        long n = 0;
        for (SortedCounts part : parts) {
            for (int i = 0; i < part.distinct(); i++) {
                if (part.values[i] >= from && (to == null || part.values[i] < to)) {
                    n += part.counts[i];
                }
            }
        }
        return n;
    }
}
