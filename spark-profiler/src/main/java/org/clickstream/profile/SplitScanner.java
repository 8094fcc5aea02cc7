package org.clickstream.profile;

import com.carrotsearch.hppc.BitMixer;
import com.carrotsearch.hppc.LongArrayList;
import com.carrotsearch.hppc.LongIntHashMap;
import com.carrotsearch.hppc.LongLongHashMap;
import com.carrotsearch.hppc.LongObjectHashMap;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.io.LongWritable;
import org.apache.hadoop.io.Text;
import org.apache.spark.util.LongAccumulator;
import org.clickstream.core.ClickEvent;
import org.clickstream.core.EventCsv;
import org.clickstream.core.EventRules;
import org.clickstream.core.ParseResult;
import scala.Tuple2;

/**
 * What one task does with its split of the file, in one pass: parses each line with pipeline-core's
 * {@link EventCsv#parseFileLine} (the producer's, processor's and backfill's own rules), and tallies it into
 * primitive hash maps, or straight into the bucket of the reducer its key goes to; at the end it
 * cuts each session key's events into runs ({@link Sessions}) and hands every reducer its
 * {@link Bucket}.
 *
 * <p>The header is skipped only as the file's first line (byte offset 0), and blank lines are
 * skipped, as {@link EventCsv.LineReader} does.
 */
final class SplitScanner {
    private final int reducers;
    private final double gapSeconds;
    private final EventRules rules;
    private final Instant clock;
    private final LongAccumulator bytesRead;
    private final FileTally tally = new FileTally();
    private final LongObjectHashMap<ProductTotals> products = new LongObjectHashMap<>();
    private final LongLongHashMap[] valueCounts = new LongLongHashMap[Bucket.VALUE_COLUMNS];
    private final Bucket.Builder[] buckets;
    // A JDK map: it compares cached hashes before calling equals, which hppc's open addressing calls per probe.
    private final Map<String, Integer> sessionKeys = new HashMap<>();
    private final LongIntHashMap userKeys = new LongIntHashMap();
    /** Per key number: the session id, or null for a user's events without one (then {@link #keyUsers}). */
    private final List<String> keySessions = new ArrayList<>();

    private final LongArrayList keyUsers = new LongArrayList();
    private final Sessions.Entries events = new Sessions.Entries();

    SplitScanner(int reducers, double gapSeconds, EventRules rules, Instant clock, LongAccumulator bytesRead) {
        this.rules = rules;
        this.clock = clock;
        this.reducers = reducers;
        this.gapSeconds = gapSeconds;
        this.bytesRead = bytesRead;
        for (int column = 0; column < Bucket.VALUE_COLUMNS; column++) {
            valueCounts[column] = new LongLongHashMap();
        }
        buckets = new Bucket.Builder[reducers];
        for (int r = 0; r < reducers; r++) {
            buckets[r] = new Bucket.Builder();
        }
    }

    /** The task's buckets, keyed by reducer, one of them with this task's {@link FileTally}. */
    Iterator<Tuple2<Integer, Bucket>> scan(int task, Iterator<Tuple2<LongWritable, Text>> lines) {
        long bytes = 0;
        while (lines.hasNext()) {
            Tuple2<LongWritable, Text> line = lines.next();
            Text text = line._2();
            bytes += text.getLength() + 1;
            if (bytes > 1 << 20) {
                bytesRead.add(bytes);
                bytes = 0;
            }
            add(EventCsv.parseFileLine(
                    text.getBytes(), text.getLength(), line._1().get() == 0, rules, clock));
        }
        bytesRead.add(bytes);
        return buckets(task).iterator();
    }

    private void add(ParseResult result) {
        if (result == null) {
            return;
        }
        if (result instanceof ParseResult.Rejected rejected) {
            tally.reject(rejected.reason());
            return;
        }
        ClickEvent event = ((ParseResult.Valid) result).event();
        long second = event.eventTime().getEpochSecond();
        long priceCents = event.priceCents();
        tally.add(event, second, priceCents);
        ProductTotals product = products.get(event.productId());
        if (product == null) {
            product = new ProductTotals(event.productId());
            products.put(event.productId(), product);
        }
        product.add(event, second, priceCents);
        if (event.categoryId() != null) {
            valueCounts[Bucket.CATEGORY_IDS].addTo(event.categoryId(), 1);
        }
        valueCounts[Bucket.PRICES].addTo(priceUnits(event.price()), 1);
        buckets[reducer(event.userId(), reducers)].userId(event.userId());
        int key = event.userSession() != null ? sessionKeyIndex(event.userSession()) : userKeyIndex(event.userId());
        events.add(key, second, second, Sessions.flags(event.eventType()));
    }

    /** The price in units of 10^-8 dollars (rounded half up beyond eight decimals). */
    static long priceUnits(BigDecimal price) {
        BigDecimal exact = price.scale() <= SortedCounts.PRICE_SCALE
                ? price
                : price.setScale(SortedCounts.PRICE_SCALE, RoundingMode.HALF_UP);
        return exact.scaleByPowerOfTen(SortedCounts.PRICE_SCALE).longValueExact();
    }

    private int sessionKeyIndex(String session) {
        Integer known = sessionKeys.get(session);
        if (known != null) {
            return known;
        }
        int key = events.newKey();
        sessionKeys.put(session, key);
        keySessions.add(session);
        keyUsers.add(0);
        return key;
    }

    private int userKeyIndex(long user) {
        int slot = userKeys.indexOf(user);
        if (slot >= 0) {
            return userKeys.indexGet(slot);
        }
        int key = events.newKey();
        userKeys.indexInsert(slot, user, key);
        keySessions.add(null);
        keyUsers.add(user);
        return key;
    }

    private List<Tuple2<Integer, Bucket>> buckets(int task) {
        int[] lastKey = {-1};
        Bucket.Builder[] bucketOfKey = new Bucket.Builder[1];
        events.sessions(gapSeconds, (key, start, end, flags) -> {
            if (key != lastKey[0]) {
                lastKey[0] = key;
                String session = keySessions.get(key);
                if (session != null) {
                    bucketOfKey[0] = buckets[reducer(session, reducers)];
                    bucketOfKey[0].sessionKey(session);
                } else {
                    bucketOfKey[0] = buckets[reducer(keyUsers.get(key), reducers)];
                    bucketOfKey[0].userKey(keyUsers.get(key));
                }
            }
            bucketOfKey[0].run(start, end, flags);
        });
        for (int column = 0; column < Bucket.VALUE_COLUMNS; column++) {
            for (var value : valueCounts[column]) {
                buckets[reducer(value.key, reducers)].value(column, value.key, value.value);
            }
        }
        for (var product : products) {
            buckets[reducer(product.key, reducers)].product(product.value);
        }
        List<Tuple2<Integer, Bucket>> out = new ArrayList<>(reducers);
        for (int r = 0; r < reducers; r++) {
            Bucket bucket = buckets[r].build();
            if (r == task % reducers) {
                bucket.tally = tally;
            }
            out.add(new Tuple2<>(r, bucket));
        }
        return out;
    }

    static int reducer(String key, int reducers) {
        return Math.floorMod(BitMixer.mix32(key.hashCode()), reducers);
    }

    static int reducer(long key, int reducers) {
        return (int) Math.floorMod(BitMixer.mix64(key), (long) reducers);
    }
}
