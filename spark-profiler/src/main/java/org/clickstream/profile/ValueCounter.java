package org.clickstream.profile;

import static org.clickstream.profile.ValueCounts.BRAND_TOTALS;
import static org.clickstream.profile.ValueCounts.REJECTS;
import static org.clickstream.profile.ValueCounts.kindOf;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.util.LongAccumulator;
import org.clickstream.core.ClickEvent;
import org.clickstream.core.EventCsv;
import org.clickstream.core.EventFields;
import org.clickstream.core.EventType;
import org.clickstream.core.ParseResult;

/**
 * What one task does with its lines of the file: parses each with pipeline-core's
 * {@link EventCsv#parseLine} (the producer's and processor's rules) and turns it into value-count
 * entries (see {@link ValueCounts}). Columns with few distinct values (types, products, categories,
 * brands, prices) are counted here in a map that is emptied into the output whenever it grows past
 * {@link #MAX_KEYS}, so memory stays bounded whatever the data; the three columns with about one
 * value per row (event time, user, session) go out as one entry per row, for Spark's aggregation.
 *
 * <p>The header is skipped only as the file's first line, and blank lines are skipped, as
 * {@link EventCsv.LineReader} does. Input rows are (line, byte offset of the file split it is in):
 * a task reads whole splits in order, so the file's first line is the first line the task sees of
 * the split at offset 0.
 */
final class ValueCounter implements Iterator<Row> {
    static final int MAX_KEYS = 100_000;

    private static final int EVENT_TIME = kindOf(EventFields.EVENT_TIME);
    private static final int EVENT_TYPE = kindOf(EventFields.EVENT_TYPE);
    private static final int PRODUCT_ID = kindOf(EventFields.PRODUCT_ID);
    private static final int CATEGORY_ID = kindOf(EventFields.CATEGORY_ID);
    private static final int CATEGORY_CODE = kindOf(EventFields.CATEGORY_CODE);
    private static final int BRAND = kindOf(EventFields.BRAND);
    private static final int PRICE = kindOf(EventFields.PRICE);
    private static final int USER_ID = kindOf(EventFields.USER_ID);
    private static final int USER_SESSION = kindOf(EventFields.USER_SESSION);
    private static final Long ONE = 1L;

    /** A counted value (one of the three slots set). equals and hashCode by hand: the record's generic ones were a hot spot. */
    private record Key(int kind, Long longValue, BigDecimal decimalValue, String textValue) {
        @Override
        public boolean equals(Object other) {
            return other instanceof Key key && kind == key.kind && Objects.equals(longValue, key.longValue)
                    && Objects.equals(decimalValue, key.decimalValue) && Objects.equals(textValue, key.textValue);
        }

        @Override
        public int hashCode() {
            int hash = 31 * kind + Objects.hashCode(longValue);
            hash = 31 * hash + Objects.hashCode(decimalValue);
            return 31 * hash + Objects.hashCode(textValue);
        }
    }

    /** How often a key occurred and, for brand totals, the sum of the prices. */
    private static final class Tally {
        long count;
        BigDecimal amount;
    }

    private final Iterator<Row> lines;
    private final NumericRanges ranges;
    private final LongAccumulator charactersParsed;
    private final NumericRanges.Range range = new NumericRanges.Range(EventFields.ALL.size());
    private final Map<Key, Tally> tallies = new HashMap<>();
    private final ArrayDeque<Row> output = new ArrayDeque<>();
    private boolean firstLineSeen;
    private boolean drained;

    /**
     * @param ranges           gathers the numeric columns' ranges once the task has read all its lines
     * @param charactersParsed counts the characters (and line ends) parsed, as they are, for progress
     */
    ValueCounter(Iterator<Row> lines, NumericRanges ranges, LongAccumulator charactersParsed) {
        this.lines = lines;
        this.ranges = ranges;
        this.charactersParsed = charactersParsed;
    }

    @Override
    public boolean hasNext() {
        while (output.isEmpty() && lines.hasNext()) {
            Row line = lines.next();
            boolean first = !firstLineSeen && line.getLong(1) == 0;
            firstLineSeen |= first;
            String text = line.getString(0);
            charactersParsed.add(text.length() + 1);
            add(first, text);
        }
        if (output.isEmpty() && !drained) {
            drained = true;
            flush();
            ranges.add(range);
        }
        return !output.isEmpty();
    }

    @Override
    public Row next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        return output.poll();
    }

    private void add(boolean firstLine, String line) {
        if (line.isBlank() || (firstLine && line.strip().equals(EventCsv.HEADER_LINE))) {
            return;
        }
        ParseResult result = EventCsv.parseLine(line);
        if (result instanceof ParseResult.Rejected rejected) {
            tally(REJECTS, null, null, rejected.reason().code(), null);
            return;
        }
        ClickEvent event = ((ParseResult.Valid) result).event();
        BigDecimal price = event.price().setScale(ValueCounts.PRICE_TYPE.scale(), RoundingMode.HALF_UP);
        emit(EVENT_TIME, event.eventTime().getEpochSecond(), null);
        emit(USER_ID, event.userId(), null);
        range.include(USER_ID, event.userId());
        range.include(PRODUCT_ID, event.productId());
        range.include(PRICE, price.doubleValue());
        if (event.userSession() != null) {
            emit(USER_SESSION, null, event.userSession());
        }
        tally(EVENT_TYPE, null, null, event.eventType().wireName(), null);
        tally(PRODUCT_ID, event.productId(), null, null, null);
        if (event.categoryId() != null) {
            tally(CATEGORY_ID, event.categoryId(), null, null, null);
            range.include(CATEGORY_ID, event.categoryId());
        }
        if (event.categoryCode() != null) {
            tally(CATEGORY_CODE, null, null, event.categoryCode(), null);
        }
        if (event.brand() != null) {
            tally(BRAND, null, null, event.brand(), null);
        }
        tally(PRICE, null, price, null, null);
        String brandKey = brandKey(event.brand());
        if (brandKey != null) {
            tally(BRAND_TOTALS, event.eventType() == EventType.PURCHASE ? 1L : 0L, null, brandKey, price);
        }
        if (tallies.size() > MAX_KEYS) {
            flush();
        }
    }

    /**
     * The brand table's key: CONTRACT.md's normalised brand (trimmed, lower-case), but null (left
     * out) for an empty or blank brand instead of "unknown".
     */
    static String brandKey(String rawBrand) {
        return rawBrand == null || rawBrand.trim().isEmpty() ? null : ClickEvent.normalizeBrand(rawBrand);
    }

    private void emit(int kind, Long longValue, String textValue) {
        output.add(RowFactory.create(kind, longValue, null, textValue, ONE, null));
    }

    private void tally(int kind, Long longValue, BigDecimal decimalValue, String textValue, BigDecimal amount) {
        Tally tally = tallies.computeIfAbsent(new Key(kind, longValue, decimalValue, textValue), key -> new Tally());
        tally.count++;
        if (amount != null) {
            tally.amount = tally.amount == null ? amount : tally.amount.add(amount);
        }
    }

    private void flush() {
        tallies.forEach((key, tally) -> output.add(RowFactory.create(
                key.kind(), key.longValue(), key.decimalValue(), key.textValue(), tally.count, tally.amount)));
        tallies.clear();
    }
}
