package org.clickstream.profile;

import com.carrotsearch.hppc.LongIntHashMap;
import com.carrotsearch.hppc.LongLongHashMap;
import com.carrotsearch.hppc.LongObjectHashMap;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import scala.Tuple2;

/**
 * What one reducer does with the buckets every task sent it: every key that hashes here arrives
 * here, so its sessions, value counts and product totals are complete once the buckets are merged.
 * Its {@link Result} is small but for the sorted value counts the quartiles need.
 */
final class Reducer {
    private final double gapSeconds;
    private final int topProducts;
    private FileTally tally;
    private final LongObjectHashMap<ProductTotals> products = new LongObjectHashMap<>();
    private final LongLongHashMap[] valueCounts = new LongLongHashMap[Bucket.VALUE_COLUMNS];
    private final List<long[]> userIds = new ArrayList<>();
    // A JDK map: it compares cached hashes before calling equals, which hppc's open addressing calls per probe.
    private final Map<String, Integer> sessionKeys = new HashMap<>();
    private final LongIntHashMap userKeys = new LongIntHashMap();
    private final Sessions.Entries runs = new Sessions.Entries();

    /** The sessions of this reducer's keys. */
    record SessionTotals(long sessions, long withCart, long withPurchase, long lengthSeconds, long sessionIds)
            implements Serializable {
        SessionTotals plus(SessionTotals other) {
            return new SessionTotals(
                    sessions + other.sessions,
                    withCart + other.withCart,
                    withPurchase + other.withPurchase,
                    lengthSeconds + other.lengthSeconds,
                    sessionIds + other.sessionIds);
        }
    }

    /**
     * @param tally           the merged tallies of the tasks that sent theirs here (null if none)
     * @param columns         per numeric column, in {@link Profiler#NUMERIC_COLUMNS}' order: sorted counts
     * @param byRevenue       this reducer's top products by revenue, best first
     */
    record Result(
            FileTally tally,
            List<SortedCounts> columns,
            List<ProductTotals> byRevenue,
            List<ProductTotals> byViews,
            SessionTotals sessions)
            implements Serializable {}

    Reducer(double gapSeconds, int topProducts) {
        this.gapSeconds = gapSeconds;
        this.topProducts = topProducts;
        for (int column = 0; column < Bucket.VALUE_COLUMNS; column++) {
            valueCounts[column] = new LongLongHashMap();
        }
    }

    Result reduce(Iterator<Tuple2<Integer, Bucket>> buckets) {
        while (buckets.hasNext()) {
            add(buckets.next()._2());
        }
        return result();
    }

    private void add(Bucket bucket) {
        if (bucket.tally != null) {
            tally = tally == null ? bucket.tally : tally.merge(bucket.tally);
        }
        for (ProductTotals product : bucket.products) {
            ProductTotals known = products.get(product.productId);
            if (known == null) {
                products.put(product.productId, product);
            } else {
                known.merge(product);
            }
        }
        for (int column = 0; column < Bucket.VALUE_COLUMNS; column++) {
            long[] values = bucket.values[column];
            long[] counts = bucket.counts[column];
            for (int i = 0; i < values.length; i++) {
                valueCounts[column].addTo(values[i], counts[i]);
            }
        }
        userIds.add(bucket.userIds);
        Bucket.Runs sessionRuns = bucket.sessionRuns;
        for (int k = 0, run = 0; k < bucket.sessionKeys.size(); k++) {
            int key = sessionKeyIndex(bucket.sessionKeys.get(k));
            for (int end = run + sessionRuns.perKey[k]; run < end; run++) {
                runs.add(key, sessionRuns.starts[run], sessionRuns.ends[run], sessionRuns.flags[run]);
            }
        }
        Bucket.Runs userRuns = bucket.userRuns;
        for (int k = 0, run = 0; k < bucket.userKeys.length; k++) {
            int key = userKeyIndex(bucket.userKeys[k]);
            for (int end = run + userRuns.perKey[k]; run < end; run++) {
                runs.add(key, userRuns.starts[run], userRuns.ends[run], userRuns.flags[run]);
            }
        }
    }

    private int sessionKeyIndex(String session) {
        Integer known = sessionKeys.get(session);
        if (known != null) {
            return known;
        }
        int key = runs.newKey();
        sessionKeys.put(session, key);
        return key;
    }

    private int userKeyIndex(long user) {
        int slot = userKeys.indexOf(user);
        if (slot >= 0) {
            return userKeys.indexGet(slot);
        }
        int key = runs.newKey();
        userKeys.indexInsert(slot, user, key);
        return key;
    }

    private Result result() {
        long[] totals = new long[4]; // sessions, with a cart, with a purchase, Σ length
        runs.sessions(gapSeconds, (key, start, end, flags) -> {
            totals[0]++;
            totals[1] += (flags & Sessions.CART) != 0 ? 1 : 0;
            totals[2] += (flags & Sessions.PURCHASE) != 0 ? 1 : 0;
            totals[3] += end - start;
        });
        LongLongHashMap productCounts = new LongLongHashMap(products.size());
        for (var product : products) {
            productCounts.put(product.key, product.value.events);
        }
        List<SortedCounts> columns = new ArrayList<>();
        columns.add(SortedCounts.of(productCounts));
        for (LongLongHashMap counts : valueCounts) {
            columns.add(SortedCounts.of(counts));
        }
        columns.add(SortedCounts.ofRepeated(userIds));
        return new Result(
                tally,
                columns,
                top(ProductTotals.BY_REVENUE),
                top(ProductTotals.BY_VIEWS),
                new SessionTotals(totals[0], totals[1], totals[2], totals[3], sessionKeys.size()));
    }

    /** The best {@code topProducts} by the order, best first (a bounded heap: the worst on top). */
    private List<ProductTotals> top(Comparator<ProductTotals> order) {
        PriorityQueue<ProductTotals> best = new PriorityQueue<>(order.reversed());
        for (var product : products) {
            best.add(product.value);
            if (best.size() > topProducts) {
                best.poll();
            }
        }
        List<ProductTotals> top = new ArrayList<>(best);
        top.sort(order);
        return top;
    }
}
