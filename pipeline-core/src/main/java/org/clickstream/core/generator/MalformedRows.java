package org.clickstream.core.generator;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.clickstream.core.EventCsv;
import org.clickstream.core.RejectReason;

/**
 * Every way a CSV row can break the contract, each made by corrupting a valid row. The generator
 * mixes them into its output so that tests and demos exercise the reject path with known reasons.
 */
public final class MalformedRows {

    /** One way to corrupt a row of nine CSV fields, and the reason it must be rejected with. */
    public record Case(String name, RejectReason expected, UnaryOperator<List<String>> corrupt) {
        /** The corrupted CSV line, or {@code null} when this case corrupts the quoting itself. */
        public String apply(List<String> validFields) {
            if (expected == RejectReason.BAD_CSV) {
                return EventCsv.FORMAT.format(validFields.toArray()) + ",\"unterminated";
            }
            return EventCsv.FORMAT.format(
                    corrupt.apply(new ArrayList<>(validFields)).toArray());
        }
    }

    public static final List<Case> CASES = List.of(
            new Case("eight fields", RejectReason.WRONG_FIELD_COUNT, f -> f.subList(0, 8)),
            new Case("ten fields", RejectReason.WRONG_FIELD_COUNT, f -> append(f, "extra")),
            new Case("impossible date", RejectReason.BAD_EVENT_TIME, f -> set(f, 0, "2020-02-30 10:00:00 UTC")),
            new Case("impossible hour", RejectReason.BAD_EVENT_TIME, f -> set(f, 0, "2020-09-24 25:00:00 UTC")),
            new Case("ISO time", RejectReason.BAD_EVENT_TIME, f -> set(f, 0, "2020-09-24T11:57:06Z")),
            new Case("other zone", RejectReason.BAD_EVENT_TIME, f -> set(f, 0, "2020-09-24 11:57:06 CET")),
            new Case("empty time", RejectReason.BAD_EVENT_TIME, f -> set(f, 0, "")),
            new Case("unknown type", RejectReason.BAD_EVENT_TYPE, f -> set(f, 1, "click")),
            new Case("capitalised type", RejectReason.BAD_EVENT_TYPE, f -> set(f, 1, "View")),
            new Case("text product id", RejectReason.BAD_PRODUCT_ID, f -> set(f, 2, "p-1996170")),
            new Case("empty product id", RejectReason.BAD_PRODUCT_ID, f -> set(f, 2, "")),
            new Case("decimal category id", RejectReason.BAD_CATEGORY_ID, f -> set(f, 3, "2.1e18")),
            new Case("text price", RejectReason.BAD_PRICE, f -> set(f, 6, "free")),
            new Case("empty price", RejectReason.BAD_PRICE, f -> set(f, 6, "")),
            new Case("negative price", RejectReason.NEGATIVE_PRICE, f -> set(f, 6, "-12.50")),
            new Case("user id beyond long", RejectReason.BAD_USER_ID, f -> set(f, 7, "99999999999999999999")),
            new Case("empty user id", RejectReason.BAD_USER_ID, f -> set(f, 7, "")),
            new Case("unclosed quote", RejectReason.BAD_CSV, UnaryOperator.identity()));

    private MalformedRows() {}

    private static List<String> set(List<String> fields, int index, String value) {
        fields.set(index, value);
        return fields;
    }

    private static List<String> append(List<String> fields, String value) {
        fields.add(value);
        return fields;
    }
}
