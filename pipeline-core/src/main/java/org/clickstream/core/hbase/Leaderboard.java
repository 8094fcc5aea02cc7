package org.clickstream.core.hbase;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.hadoop.hbase.client.Get;
import org.apache.hadoop.hbase.client.Put;
import org.apache.hadoop.hbase.client.Result;
import org.apache.hadoop.hbase.util.Bytes;

/**
 * A top-N list kept by the processor so that a reader gets "the top brands" (or products, or
 * categories) with one get, however many there are. Stored in the leaderboards table, family
 * {@code t}, qualifier {@code top}, as JSON text: {@code [["apple",123],["sony",99]]}.
 *
 * <p>Every measure only grows, so a board stays exact by merging: the new board is the top N of the
 * old board and the changed values (absolute totals). A value outside the board can only enter it by
 * growing, and then it is among the changes. The merge keeps the larger value per key, so merging
 * the same changes twice (a replayed batch) gives the same board.
 *
 * <p>Row keys: {@code <dimension>|all|<measure>} (all-time, e.g. {@code brand|all|events}),
 * {@code product|<yyyyMMddHH>|<measure>} (products in one event-time hour) and
 * {@code brand_product|<brand>|<measure>} (a brand's products, all-time).
 */
public record Leaderboard(List<Entry> entries) {
    /** Entries a board keeps: more than a page shows, so a reader may filter a few out. */
    public static final int SIZE = 25;

    private static final byte[] TOP = Bytes.toBytes("top");
    private static final JsonFactory JSON = new JsonFactory();

    public record Entry(String key, long value) {}

    public static final Leaderboard EMPTY = new Leaderboard(List.of());

    public static String allTimeRow(Dimension dimension, String measure) {
        return dimension.word() + RowKeys.SEPARATOR + "all" + RowKeys.SEPARATOR + measure;
    }

    public static String productsInHourRow(String hourKey, String measure) {
        return Dimension.PRODUCT.word() + RowKeys.SEPARATOR + hourKey + RowKeys.SEPARATOR + measure;
    }

    /** The first key of the hourly product boards: a reversed scan from here finds the newest hour. */
    public static String productsInHourPrefix() {
        return Dimension.PRODUCT.word() + RowKeys.SEPARATOR;
    }

    /**
     * The hour ({@code yyyyMMddHH}) of a {@link #productsInHourRow} key; empty for any other key. A
     * reader that found the newest hourly board with a reversed scan learns its hour from here.
     */
    public static Optional<String> hourOfProductsInHourRow(String row) {
        String prefix = productsInHourPrefix();
        int hourEnd = prefix.length() + "yyyyMMddHH".length();
        if (!row.startsWith(prefix) || row.length() <= hourEnd || row.charAt(hourEnd) != RowKeys.SEPARATOR) {
            return Optional.empty();
        }
        String hour = row.substring(prefix.length(), hourEnd);
        try {
            RowKeys.hourStart(hour);
            return Optional.of(hour);
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    public static String brandProductsRow(String brand, String measure) {
        return Dimension.BRAND_PRODUCT.word() + RowKeys.SEPARATOR + brand + RowKeys.SEPARATOR + measure;
    }

    /** The top {@code size} of this board and {@code changes} (absolute values), by value then by {@code order}. */
    public Leaderboard merge(Map<String, Long> changes, Comparator<String> order, int size) {
        Map<String, Long> values = new HashMap<>();
        entries.forEach(entry -> values.put(entry.key(), entry.value()));
        changes.forEach((key, value) -> values.merge(key, value, Math::max));
        List<Entry> merged = new ArrayList<>(values.size());
        values.forEach((key, value) -> merged.add(new Entry(key, value)));
        merged.sort(Comparator.comparingLong(Entry::value).reversed().thenComparing(Entry::key, order));
        return new Leaderboard(List.copyOf(merged.subList(0, Math.min(size, merged.size()))));
    }

    public Put toPut(String row) {
        return new Put(Bytes.toBytes(row)).addColumn(TableLayout.BOARDS_FAMILY, TOP, toJson());
    }

    public static Get get(String row) {
        return new Get(Bytes.toBytes(row)).addColumn(TableLayout.BOARDS_FAMILY, TOP);
    }

    /** The board in {@code result}; {@link #EMPTY} when there is none. */
    public static Leaderboard read(Result result) {
        byte[] json = result == null ? null : result.getValue(TableLayout.BOARDS_FAMILY, TOP);
        return json == null ? EMPTY : fromJson(json);
    }

    byte[] toJson() {
        ByteArrayOutputStream out = new ByteArrayOutputStream(32 + 32 * entries.size());
        try (JsonGenerator json = JSON.createGenerator(out)) {
            json.writeStartArray();
            for (Entry entry : entries) {
                json.writeStartArray();
                json.writeString(entry.key());
                json.writeNumber(entry.value());
                json.writeEndArray();
            }
            json.writeEndArray();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot happen writing to memory", e);
        }
        return out.toByteArray();
    }

    static Leaderboard fromJson(byte[] bytes) {
        List<Entry> entries = new ArrayList<>();
        try (JsonParser json = JSON.createParser(bytes)) {
            expect(json.nextToken(), JsonToken.START_ARRAY);
            while (json.nextToken() == JsonToken.START_ARRAY) {
                expect(json.nextToken(), JsonToken.VALUE_STRING);
                String key = json.getText();
                expect(json.nextToken(), JsonToken.VALUE_NUMBER_INT);
                entries.add(new Entry(key, json.getLongValue()));
                expect(json.nextToken(), JsonToken.END_ARRAY);
            }
        } catch (IOException e) {
            throw new IllegalArgumentException(
                    "not a leaderboard: " + Bytes.toStringBinary(bytes, 0, Math.min(bytes.length, 200)), e);
        }
        return new Leaderboard(List.copyOf(entries));
    }

    private static void expect(JsonToken actual, JsonToken expected) throws IOException {
        if (actual != expected) {
            throw new IOException("expected " + expected + ", found " + actual);
        }
    }
}
