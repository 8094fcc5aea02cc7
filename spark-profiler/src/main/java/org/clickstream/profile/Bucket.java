package org.clickstream.profile;

import com.carrotsearch.hppc.ByteArrayList;
import com.carrotsearch.hppc.IntArrayList;
import com.carrotsearch.hppc.LongArrayList;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * What one task sends one reducer: the session runs, value counts, user ids and product totals
 * whose key hashes to that reducer, as primitive arrays (cheap to serialise), and, in one bucket
 * per task, the task's {@link FileTally}.
 */
final class Bucket implements Serializable {
    /** The numeric columns counted by value in the task: few distinct values. */
    static final int CATEGORY_IDS = 0;

    static final int PRICES = 1;
    static final int VALUE_COLUMNS = 2;

    FileTally tally;
    final StringColumn sessionKeys;
    final Runs sessionRuns;
    final long[] userKeys;
    final Runs userRuns;
    /** Per value column: the values, and how often each occurred. */
    final long[][] values;

    final long[][] counts;
    /** Every valid event's user_id, repeats included (users are about as many as events: counting them here would cost a hash lookup per event for little). */
    final long[] userIds;

    final ProductTotals[] products;

    /** Per key, in key order: how many runs, then the runs. */
    static final class Runs implements Serializable {
        final int[] perKey;
        final long[] starts;
        final long[] ends;
        final byte[] flags;

        private Runs(RunsBuilder b) {
            perKey = b.perKey.toArray();
            starts = b.starts.toArray();
            ends = b.ends.toArray();
            flags = b.flags.toArray();
        }
    }

    private static final class RunsBuilder {
        private final IntArrayList perKey = new IntArrayList();
        private final LongArrayList starts = new LongArrayList();
        private final LongArrayList ends = new LongArrayList();
        private final ByteArrayList flags = new ByteArrayList();

        void run(long start, long end, byte runFlags) {
            starts.add(start);
            ends.add(end);
            flags.add(runFlags);
            int last = perKey.size() - 1;
            perKey.set(last, perKey.get(last) + 1);
        }
    }

    private Bucket(Builder b) {
        sessionKeys = b.sessionKeys.build();
        sessionRuns = new Runs(b.sessionRuns);
        userKeys = b.userKeys.toArray();
        userRuns = new Runs(b.userRuns);
        values = new long[VALUE_COLUMNS][];
        counts = new long[VALUE_COLUMNS][];
        for (int column = 0; column < VALUE_COLUMNS; column++) {
            values[column] = b.values[column].toArray();
            counts[column] = b.counts[column].toArray();
        }
        userIds = b.userIds.toArray();
        products = b.products.toArray(ProductTotals[]::new);
    }

    static final class Builder {
        private final StringColumn.Builder sessionKeys = new StringColumn.Builder();
        private final RunsBuilder sessionRuns = new RunsBuilder();
        private final LongArrayList userKeys = new LongArrayList();
        private final RunsBuilder userRuns = new RunsBuilder();
        private final LongArrayList[] values = new LongArrayList[VALUE_COLUMNS];
        private final LongArrayList[] counts = new LongArrayList[VALUE_COLUMNS];
        private final LongArrayList userIds = new LongArrayList();
        private final List<ProductTotals> products = new ArrayList<>();
        private RunsBuilder current;

        Builder() {
            for (int column = 0; column < VALUE_COLUMNS; column++) {
                values[column] = new LongArrayList();
                counts[column] = new LongArrayList();
            }
        }

        /** The runs that follow are this session's. */
        void sessionKey(String key) {
            sessionKeys.add(key);
            sessionRuns.perKey.add(0);
            current = sessionRuns;
        }

        /** The runs that follow are those of this user's events without a session. */
        void userKey(long user) {
            userKeys.add(user);
            userRuns.perKey.add(0);
            current = userRuns;
        }

        /** A run of the key named last. */
        void run(long start, long end, byte flags) {
            current.run(start, end, flags);
        }

        void value(int column, long value, long count) {
            values[column].add(value);
            counts[column].add(count);
        }

        void userId(long user) {
            userIds.add(user);
        }

        void product(ProductTotals totals) {
            products.add(totals);
        }

        Bucket build() {
            return new Bucket(this);
        }
    }
}
