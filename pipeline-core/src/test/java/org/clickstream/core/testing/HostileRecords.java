package org.clickstream.core.testing;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * Generators of what a shop's stream may carry besides events, for the fuzz tests: every kind of
 * record the contract must reject (as a CSV line for the producer, as a Kafka value for the
 * processor), and valid events that are odd on purpose (exotic but legal Unicode, numbers at the
 * edges), which must be counted like any other. Built from valid rows so that a hostile record
 * differs from a valid one in one way only, the way it is named by its {@link Kind}.
 */
public final class HostileRecords {

    /** What makes a record hostile. */
    public enum Kind {
        RANDOM_BYTES, HUGE_FIELD, EXOTIC_NUMBER, BAD_TEXT, FAR_TIME, BROKEN_STRUCTURE, DUPLICATE_KEY, NESTED_VALUE, WRONG_TYPE
    }

    /** A record that must be rejected, and why it was made. */
    public record Hostile(Kind kind, byte[] bytes) {
        public String text() {
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }

    private static final String[] FIELDS = {"event_time", "event_type", "product_id", "category_id", "category_code", "brand",
        "price", "user_id", "user_session"};
    private static final String HEADER = String.join(",", FIELDS);

    /** Valid values, including the odd ones the rules accept. */
    private static final List<String> BRANDS = List.of("samsung", "Apple", "\u00a0Sony\u2003", "\u200bLG", "Mo\u0308ller",
            "M\u00f6ller", "\u0130ntel", "caf\u00e9 \ud83d\ude00", "\u05e2\u05d1\u05e8\u05d9\u05ea", "a|b", "\"acme, inc.\"",
            "<script>alert(1)</script>", "", "x".repeat(256));
    private static final List<String> CATEGORIES = List.of("electronics.smartphone", "computers.notebook", "apparel", ".odd", "",
            "appliances.kitchen.kettle");
    private static final List<String> PRICES = List.of("31.90", "0", "-0", ".5", "1E+2", "0.005", "1000000000", "1e-99", "7");
    private static final List<String> TYPES = List.of("view", "cart", "remove_from_cart", "purchase");

    /** Hostile values of the numeric fields (product id, category id, price, user id). */
    private static final List<String> BAD_NUMBERS = List.of("NaN", "Infinity", "-Infinity", "1e999", "1e-999999999", "0E-10000",
            "0x1F", "1_000", "\u0661\u0662\u0663", "\uff11\uff12\uff13", "+-1", "--1", "1e", ".", " 12", "12 ", "1.2.3",
            "99999999999999999999", "-9223372036854775809", "1e100", "1000000000.01", "1.0000000000000000000000000000000001",
            "12 USD", "\u00bd");
    /** Hostile event times: far ahead, far back, impossible, other formats. */
    private static final List<String> BAD_TIMES = List.of("2099-01-01 00:00:00 UTC", "9999-12-31 23:59:59 UTC",
            "1999-12-31 23:59:59 UTC", "1970-01-01 00:00:00 UTC", "0001-01-01 00:00:00", "2020-02-30 10:00:00 UTC",
            "2020-09-24T11:57:06Z", "2020-09-24 11:57:06 CET", "2020-09-24 11:57:06 UTC ", "\u0662020-09-24 11:57:06 UTC", "");
    /** Text that is not acceptable in a text field: control characters, or too long. */
    private static final List<String> BAD_TEXTS = List.of("a\u0000b", "bell\u0007", "esc\u001b[31m", "del\u007f", "nel\u0085",
            "tab\there", "b".repeat(257));

    private HostileRecords() {
    }

    /** A valid row in the data set's layout; odd values included. {@code minuteOffset} places it in time. */
    public static Arbitrary<List<String>> validFields() {
        return Combinators.combine(
                Arbitraries.integers().between(0, 6 * 60 - 1),
                Arbitraries.integers().between(0, 59),
                Arbitraries.of(TYPES),
                Arbitraries.longs().between(1, 60),
                Arbitraries.of(CATEGORIES),
                Arbitraries.of(BRANDS),
                Arbitraries.of(PRICES),
                Arbitraries.longs().between(1, 40)).as((minute, second, type, product, category, brand, price, user) -> {
                    List<String> f = new ArrayList<>();
                    f.add(String.format("2020-09-24 %02d:%02d:%02d UTC", 10 + minute / 60, minute % 60, second));
                    f.add(type);
                    f.add(Long.toString(1_000_000 + product));
                    f.add(product % 3 == 0 ? "" : Long.toString(2_144_415_922_528_452_715L + product));
                    f.add(category);
                    f.add(brand);
                    f.add(price);
                    f.add(Long.toString(1_515_915_625_519_388_267L + user));
                    f.add(user % 7 == 0 ? "" : "session-" + user % 11);
                    return f;
                });
    }

    /** A valid row as a CSV line. */
    public static String csv(List<String> fields) {
        List<String> quoted = new ArrayList<>();
        for (String field : fields) {
            quoted.add(field.contains(",") || field.contains("\"")
                    ? '"' + field.replace("\"", "\"\"") + '"' : field);
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

    /** CSV lines the producer must reject, each one way off a valid row. */
    public static Arbitrary<Hostile> csvLine() {
        return Arbitraries.oneOf(
                // Prefixed so that the line is never blank (a blank line is skipped, not rejected).
                randomBytes().map(bytes -> new Hostile(Kind.RANDOM_BYTES, withoutNewlines(concat(utf8("#"), bytes)))),
                validFields().flatMap(f -> Arbitraries.of(5, 4, 8).flatMap(index -> Arbitraries.integers().between(257, 200_000)
                        .map(length -> new Hostile(Kind.HUGE_FIELD, utf8(csv(set(f, index, "h".repeat(length)))))))),
                validFields().flatMap(f -> Arbitraries.of(2, 3, 6, 7).flatMap(index -> Arbitraries.of(BAD_NUMBERS)
                        .map(number -> new Hostile(Kind.EXOTIC_NUMBER, utf8(csv(set(f, index, number))))))),
                validFields().flatMap(f -> Arbitraries.of(4, 5, 8).flatMap(index -> Arbitraries.of(BAD_TEXTS)
                        .map(text -> new Hostile(Kind.BAD_TEXT, utf8(csv(set(f, index, text))))))),
                validFields().map(f -> new Hostile(Kind.BAD_TEXT, latin1(csv(set(f, 5, "M\u00fcller"))))),
                validFields().flatMap(f -> Arbitraries.of(BAD_TIMES).map(time -> new Hostile(Kind.FAR_TIME, utf8(csv(set(f, 0, time)))))),
                validFields().flatMap(f -> Arbitraries.of(0, 1, 2).map(how -> new Hostile(Kind.BROKEN_STRUCTURE, utf8(switch (how) {
                    case 0 -> csv(f) + ",extra";
                    case 1 -> csv(f.subList(0, 8));
                    default -> csv(f) + ",\"unterminated";
                })))));
    }

    /** Kafka values the processor must reject, each one way off a valid event's JSON. */
    public static Arbitrary<Hostile> kafkaValue() {
        return Arbitraries.oneOf(
                randomBytes().map(bytes -> new Hostile(Kind.RANDOM_BYTES, bytes)),
                validFields().flatMap(f -> Arbitraries.integers().between(257, 100_000)
                        .map(length -> new Hostile(Kind.HUGE_FIELD, utf8(json(set(f, 5, "h".repeat(length))))))),
                validFields().flatMap(f -> Arbitraries.of(2, 3, 6, 7).flatMap(index -> Arbitraries.of(BAD_JSON_NUMBERS)
                        .map(number -> new Hostile(Kind.EXOTIC_NUMBER, utf8(replace(json(f), index, number)))))),
                validFields().flatMap(f -> Arbitraries.of(4, 5, 8).flatMap(index -> Arbitraries.of(BAD_JSON_TEXTS)
                        .map(text -> new Hostile(Kind.BAD_TEXT, utf8(replace(json(f), index, text)))))),
                validFields().flatMap(f -> Arbitraries.of(BAD_TIMES).map(time -> new Hostile(Kind.FAR_TIME, utf8(json(set(f, 0, time)))))),
                validFields().map(f -> new Hostile(Kind.DUPLICATE_KEY, utf8(json(f).replaceFirst("\\{", "{\"brand\":\"twice\",")))),
                validFields().flatMap(f -> Arbitraries.of(1, 2, 6, 7).flatMap(index -> Arbitraries.of(NESTED)
                        .map(nested -> new Hostile(Kind.NESTED_VALUE, utf8(replace(json(f), index, nested)))))),
                validFields().flatMap(f -> Arbitraries.of(0, 1, 2, 6, 7).flatMap(index -> Arbitraries.of("true", "false", "null", "\"7\"")
                        .filter(value -> !(value.equals("\"7\"") && index <= 1))
                        .map(value -> new Hostile(Kind.WRONG_TYPE, utf8(replace(json(f), index, value)))))),
                validFields().map(f -> new Hostile(Kind.BROKEN_STRUCTURE, utf8(json(f) + " {}"))));
    }

    /** JSON numbers (and look-alikes) for numeric fields, none acceptable there. */
    private static final List<String> BAD_JSON_NUMBERS = List.of("1e-999999999", "1E400", "0E-10000", "1e-100000000",
            "99999999999999999999", "-9223372036854775809", "\"12\"", "1.5e300", "NaN", "1e10");
    /** JSON strings not acceptable in a text field. */
    private static final List<String> BAD_JSON_TEXTS = List.of("\"a\\u0000b\"", "\"\\ud800x\"", "\"x\\udc00\"", "\"bell\\u0007\"",
            "\"" + "b".repeat(300) + "\"", "7", "[\"a\"]");
    private static final List<String> NESTED = List.of("{\"a\":[1,{\"b\":2}]}", "[1,2,3]", "[".repeat(40) + "]".repeat(40),
            "[".repeat(5_000) + "]".repeat(5_000));

    private static Arbitrary<byte[]> randomBytes() {
        return Arbitraries.bytes().array(byte[].class).ofMinSize(0).ofMaxSize(400);
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
        int end = start;
        boolean inString = json.charAt(start) == '"';
        end++;
        while (inString ? !(json.charAt(end) == '"' && json.charAt(end - 1) != '\\') : json.charAt(end) != ',' && json.charAt(end) != '}') {
            end++;
        }
        return json.substring(0, start) + rawJson + json.substring(inString ? end + 1 : end);
    }

    private static String jsonNumber(String csvNumber) {
        // JSON numbers have no leading '.', no '+' exponent sign problem, no '-0' issue: write them as JSON allows.
        String number = csvNumber.startsWith(".") ? "0" + csvNumber : csvNumber.startsWith("-.") ? "-0" + csvNumber.substring(1) : csvNumber;
        return number.replace("E+", "E");
    }

    private static String quote(String text) {
        StringBuilder quoted = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> quoted.append("\\\"");
                case '\\' -> quoted.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        quoted.append(String.format("\\u%04x", (int) c));
                    } else {
                        quoted.append(c);
                    }
                }
            }
        }
        return quoted.append('"').toString();
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] latin1(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] both = java.util.Arrays.copyOf(a, a.length + b.length);
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

    /** The header line of a CSV file. */
    public static String header() {
        return HEADER;
    }
}
