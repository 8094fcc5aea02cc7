package org.clickstream.profile;

import com.carrotsearch.hppc.ByteArrayList;
import com.carrotsearch.hppc.IntArrayList;
import com.carrotsearch.hppc.LongArrayList;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * What one task sends one reducer: the session runs, value counts and product totals whose key
 * hashes to that reducer, as primitive arrays (cheap to serialise), and, in one bucket per task,
 * the task's {@link FileTally}.
 */
final class Bucket implements Serializable {
    /** The numeric columns counted by value here; product ids are counted by {@link ProductTotals}. */
    static final int CATEGORY_IDS = 0;
    static final int PRICES = 1;
    static final int USER_IDS = 2;
    static final int VALUE_COLUMNS = 3;

    FileTally tally;
    final StringColumn sessionKeys;
    final int[] sessionKeyRuns;
    final long[] userKeys;
    final int[] userKeyRuns;
    /** Runs of the session keys in order, then those of the user keys. */
    final long[] runStarts;
    final long[] runEnds;
    final byte[] runFlags;
    /** Per value column: the values, and how often each occurred. */
    final long[][] values;
    final long[][] counts;
    final ProductTotals[] products;

    private Bucket(Builder b) {
        sessionKeys = b.sessionKeys.build();
        sessionKeyRuns = b.sessionKeyRuns.toArray();
        userKeys = b.userKeys.toArray();
        userKeyRuns = b.userKeyRuns.toArray();
        runStarts = b.runStarts.toArray();
        runEnds = b.runEnds.toArray();
        runFlags = b.runFlags.toArray();
        values = new long[VALUE_COLUMNS][];
        counts = new long[VALUE_COLUMNS][];
        for (int column = 0; column < VALUE_COLUMNS; column++) {
            values[column] = b.values[column].toArray();
            counts[column] = b.counts[column].toArray();
        }
        products = b.products.toArray(ProductTotals[]::new);
    }

    static final class Builder {
        private final StringColumn.Builder sessionKeys = new StringColumn.Builder();
        private final IntArrayList sessionKeyRuns = new IntArrayList();
        private final LongArrayList userKeys = new LongArrayList();
        private final IntArrayList userKeyRuns = new IntArrayList();
        private final LongArrayList runStarts = new LongArrayList();
        private final LongArrayList runEnds = new LongArrayList();
        private final ByteArrayList runFlags = new ByteArrayList();
        private final LongArrayList[] values = new LongArrayList[VALUE_COLUMNS];
        private final LongArrayList[] counts = new LongArrayList[VALUE_COLUMNS];
        private final List<ProductTotals> products = new ArrayList<>();
        private IntArrayList runsOfKey;

        Builder() {
            for (int column = 0; column < VALUE_COLUMNS; column++) {
                values[column] = new LongArrayList();
                counts[column] = new LongArrayList();
            }
        }

        /** Session keys come first: every user key after the last session key. */
        void sessionKey(String key) {
            sessionKeys.add(key);
            sessionKeyRuns.add(0);
            runsOfKey = sessionKeyRuns;
        }

        void userKey(long user) {
            userKeys.add(user);
            userKeyRuns.add(0);
            runsOfKey = userKeyRuns;
        }

        /** A run of the key named last. */
        void run(long start, long end, byte flags) {
            runStarts.add(start);
            runEnds.add(end);
            runFlags.add(flags);
            int last = runsOfKey.size() - 1;
            runsOfKey.set(last, runsOfKey.get(last) + 1);
        }

        void value(int column, long value, long count) {
            values[column].add(value);
            counts[column].add(count);
        }

        void product(ProductTotals totals) {
            products.add(totals);
        }

        Bucket build() {
            return new Bucket(this);
        }
    }
}
