package org.clickstream.core.testing;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A seeded generator of what a shop's stream may carry besides events, for the fuzz tests: every
 * kind of record the contract must reject (as a CSV line for the producer, as a Kafka value for the
 * processor), and valid events that are odd on purpose (exotic but legal Unicode, numbers at the
 * edges), which must be counted like any other. A hostile record is made from a valid row changed
 * one way, the way its {@link Kind} names. The same seed gives the same records, so a failure is
 * replayed by running again with the seed it reports ({@link #seed(long)} reads {@code -Dfuzz.seed}).
 */
public final class HostileRecords {

    /** What makes a record hostile. */
    public enum Kind {
        RANDOM_BYTES,
        HUGE_FIELD,
        EXOTIC_NUMBER,
        BAD_TEXT,
        FAR_TIME,
        BROKEN_STRUCTURE,
        DUPLICATE_KEY,
        NESTED_VALUE,
        WRONG_TYPE
    }

    /** A record that must be rejected, and why it was made. */
    public record Hostile(Kind kind, byte[] bytes) {
        public String text() {
            return new String(bytes, StandardCharsets.UTF_8);
        }

        /** For failure messages: the kind and at most 200 characters. */
        @Override
        public String toString() {
            String text = text();
            return kind + ": " + (text.length() > 200 ? text.substring(0, 200) + "..." : text);
        }
    }

    private static final String[] FIELDS = {
        "event_time",
        "event_type",
        "product_id",
        "category_id",
        "category_code",
        "brand",
        "price",
        "user_id",
        "user_session"
    };

    /** Valid values, including the odd ones the rules accept. */
    private static final List<String> BRANDS = List.of(
            "samsung",
            "Apple",
            "\u00a0Sony\u2003",
            "\u200bLG",
            "Mo\u0308ller",
            "M\u00f6ller",
            "\u0130ntel",
            "caf\u00e9 \ud83d\ude00",
            "\u05e2\u05d1\u05e8\u05d9\u05ea",
            "a|b",
            "\"acme, inc.\"",
            "<script>alert(1)</script>",
            "",
            "x".repeat(256));

    private static final List<String> CATEGORIES =
            List.of("electronics.smartphone", "computers.notebook", "apparel", ".odd", "", "appliances.kitchen.kettle");
    private static final List<String> PRICES =
            List.of("31.90", "0", "-0", ".5", "1E+2", "0.005", "1000000000", "1e-99", "7");
    private static final List<String> TYPES = List.of("view", "cart", "remove_from_cart", "purchase");

    /** Hostile values of the numeric fields (product id, category id, price, user id) in CSV. */
    private static final List<String> BAD_NUMBERS = List.of(
            "NaN",
            "Infinity",
            "-Infinity",
            "1e999",
            "1e-999999999",
            "0E-10000",
            "0x1F",
            "1_000",
            "\u0661\u0662\u0663",
            "\uff11\uff12\uff13",
            "+-1",
            "--1",
            "1e",
            ".",
            " 12",
            "12 ",
            "1.2.3",
            "99999999999999999999",
            "-9223372036854775809",
            "1e100",
            "1000000000.01",
            "1.0000000000000000000000000000000001",
            "12 USD",
            "\u00bd");
    /** The same for JSON: numbers (and look-alikes) none acceptable in a numeric field. */
    private static final List<String> BAD_JSON_NUMBERS = List.of(
            "1e-999999999",
            "1E400",
            "0E-10000",
            "1e-100000000",
            "99999999999999999999",
            "-9223372036854775809",
            "\"12\"",
            "1.5e300",
            "NaN",
            "1e10");
    /** Hostile event times: far ahead, far back, impossible, other formats. */
    private static final List<String> BAD_TIMES = List.of(
            "2099-01-01 00:00:00 UTC",
            "9999-12-31 23:59:59 UTC",
            "1999-12-31 23:59:59 UTC",
            "1970-01-01 00:00:00 UTC",
            "0001-01-01 00:00:00",
            "2020-02-30 10:00:00 UTC",
            "2020-09-24T11:57:06Z",
            "2020-09-24 11:57:06 CET",
            "2020-09-24 11:57:06 UTC ",
            "\u0662020-09-24 11:57:06 UTC",
            "");
    /** Text not acceptable in a text field: control characters, or too long. */
    private static final List<String> BAD_TEXTS =
            List.of("a\u0000b", "bell\u0007", "esc\u001b[31m", "del\u007f", "nel\u0085", "tab\there", "b".repeat(257));
    /** The same as JSON strings, with lone surrogates (which JSON can escape, UTF-8 cannot carry). */
    private static final List<String> BAD_JSON_TEXTS = List.of(
            "\"a\\u0000b\"",
            "\"\\ud800x\"",
            "\"x\\udc00\"",
            "\"bell\\u0007\"",
            "\"" + "b".repeat(300) + "\"",
            "7",
            "[\"a\"]");

    private static final List<String> NESTED = List.of(
            "{\"a\":[1,{\"b\":2}]}", "[1,2,3]", "[".repeat(40) + "]".repeat(40), "[".repeat(5_000) + "]".repeat(5_000));

    private final SplittableRandom random;

    public HostileRecords(long seed) {
        this.random = new SplittableRandom(seed);
    }

    /** {@code -Dfuzz.seed} when given (to replay a failure or explore), else the test's own seed. */
    public static long seed(long fixed) {
        return Long.getLong("fuzz.seed", fixed);
    }

    /** The header line of a CSV file. */
    public static String header() {
        return String.join(",", FIELDS);
    }

    /** A valid row in the data set's layout, odd values included, between 10:00 and 16:00 of one day. */
    public List<String> validFields() {
        int minute = random.nextInt(6 * 60);
        long product = 1 + random.nextInt(60);
        long user = 1 + random.nextInt(40);
        List<String> f = new ArrayList<>();
        f.add(String.format("2020-09-24 %02d:%02d:%02d UTC", 10 + minute / 60, minute % 60, random.nextInt(60)));
        f.add(pick(TYPES));
        f.add(Long.toString(1_000_000 + product));
        f.add(product % 3 == 0 ? "" : Long.toString(2_144_415_922_528_452_715L + product));
        f.add(pick(CATEGORIES));
        f.add(pick(BRANDS));
        f.add(pick(PRICES));
        f.add(Long.toString(1_515_915_625_519_388_267L + user));
        f.add(user % 7 == 0 ? "" : "session-" + user % 11);
        return f;
    }

    /** A CSV line the producer must reject. */
    public Hostile csvLine() {
        List<String> f = validFields();
        return switch (random.nextInt(7)) {
            // Prefixed so that the line is never blank (a blank line is skipped, not rejected).
            case 0 -> new Hostile(Kind.RANDOM_BYTES, withoutNewlines(concat(utf8("#"), randomBytes())));
            case 1 ->
                new Hostile(
                        Kind.HUGE_FIELD,
                        utf8(csv(set(f, pick(List.of(4, 5, 8)), "h".repeat(257 + random.nextInt(200_000))))));
            case 2 -> new Hostile(Kind.EXOTIC_NUMBER, utf8(csv(set(f, pick(List.of(2, 3, 6, 7)), pick(BAD_NUMBERS)))));
            case 3 ->
                random.nextBoolean()
                        ? new Hostile(Kind.BAD_TEXT, utf8(csv(set(f, pick(List.of(4, 5, 8)), pick(BAD_TEXTS)))))
                        : new Hostile(
                                Kind.BAD_TEXT, csv(set(f, 5, "M\u00fcller")).getBytes(StandardCharsets.ISO_8859_1));
            case 4 -> new Hostile(Kind.FAR_TIME, utf8(csv(set(f, 0, pick(BAD_TIMES)))));
            default ->
                new Hostile(
                        Kind.BROKEN_STRUCTURE,
                        utf8(
                                switch (random.nextInt(3)) {
                                    case 0 -> csv(f) + ",extra";
                                    case 1 -> csv(f.subList(0, 8));
                                    default -> csv(f) + ",\"unterminated";
                                }));
        };
    }

    /** A Kafka value the processor must reject. */
    public Hostile kafkaValue() {
        List<String> f = validFields();
        return switch (random.nextInt(9)) {
            case 0 -> new Hostile(Kind.RANDOM_BYTES, randomBytes());
            case 1 -> new Hostile(Kind.HUGE_FIELD, utf8(json(set(f, 5, "h".repeat(257 + random.nextInt(100_000))))));
            case 2 ->
                new Hostile(
                        Kind.EXOTIC_NUMBER, utf8(replace(json(f), pick(List.of(2, 3, 6, 7)), pick(BAD_JSON_NUMBERS))));
            case 3 -> new Hostile(Kind.BAD_TEXT, utf8(replace(json(f), pick(List.of(4, 5, 8)), pick(BAD_JSON_TEXTS))));
            case 4 -> new Hostile(Kind.FAR_TIME, utf8(json(set(f, 0, pick(BAD_TIMES)))));
            case 5 -> new Hostile(Kind.DUPLICATE_KEY, utf8(json(f).replaceFirst("\\{", "{\"brand\":\"twice\",")));
            case 6 -> new Hostile(Kind.NESTED_VALUE, utf8(replace(json(f), pick(List.of(1, 2, 6, 7)), pick(NESTED))));
            case 7 ->
                new Hostile(
                        Kind.WRONG_TYPE,
                        utf8(replace(json(f), pick(List.of(0, 1, 2, 6, 7)), pick(List.of("true", "false", "null")))));
            default -> new Hostile(Kind.BROKEN_STRUCTURE, utf8(json(f) + " {}"));
        };
    }

    /** A whole number in [min, max]. */
    public int between(int min, int max) {
        return min + random.nextInt(max - min + 1);
    }

    /** A valid row as a CSV line. */
    public static String csv(List<String> fields) {
        List<String> quoted = new ArrayList<>();
        for (String field : fields) {
            quoted.add(field.contains(",") || field.contains("\"") ? '"' + field.replace("\"", "\"\"") + '"' : field);
        }
        return String.join(",", quoted);
    }

    /** The contract's JSON for a valid row: what a correct producer sends. */
    public static String json(List<String> f) {
        StringBuilder json = new StringBuilder("{");
        for (int i = 0; i < FIELDS.length; i++) {
            boolean number = i == 2 || i == 3 || i == 6 || i == 7;
            String value = f.get(i).isEmpty() ? "null" : number ? jsonNumber(f.get(i)) : quote(f.get(i));
            json.append(i == 0 ? "" : ",").append(quote(FIELDS[i])).append(':').append(value);
        }
        return json.append('}').toString();
    }

    private <T> T pick(List<T> values) {
        return values.get(random.nextInt(values.size()));
    }

    private byte[] randomBytes() {
        byte[] bytes = new byte[random.nextInt(401)];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) random.nextInt(256);
        }
        return bytes;
    }

    private static List<String> set(List<String> fields, int index, String value) {
        List<String> copy = new ArrayList<>(fields);
        copy.set(index, value);
        return copy;
    }

    /** A valid event's JSON with field {@code index} written as {@code rawJson}. */
    private static String replace(String json, int index, String rawJson) {
        String key = quote(FIELDS[index]) + ":";
        int start = json.indexOf(key) + key.length();
        boolean inString = json.charAt(start) == '"';
        int end = start + 1;
        while (inString
                ? !(json.charAt(end) == '"' && json.charAt(end - 1) != '\\')
                : json.charAt(end) != ',' && json.charAt(end) != '}') {
            end++;
        }
        return json.substring(0, start) + rawJson + json.substring(inString ? end + 1 : end);
    }

    /** A CSV number as JSON writes it: a leading digit before the point, no '+' in the exponent. */
    private static String jsonNumber(String csvNumber) {
        String number = csvNumber.startsWith(".")
                ? "0" + csvNumber
                : csvNumber.startsWith("-.") ? "-0" + csvNumber.substring(1) : csvNumber;
        return number.replace("E+", "E");
    }

    private static String quote(String text) {
        StringBuilder quoted = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> quoted.append("\\\"");
                case '\\' -> quoted.append("\\\\");
                default -> quoted.append(c < 0x20 ? String.format("\\u%04x", (int) c) : String.valueOf(c));
            }
        }
        return quoted.append('"').toString();
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] both = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }

    private static byte[] withoutNewlines(byte[] bytes) {
        byte[] copy = bytes.clone();
        for (int i = 0; i < copy.length; i++) {
            if (copy[i] == '\n') {
                copy[i] = ' ';
            }
        }
        return copy;
    }
}
