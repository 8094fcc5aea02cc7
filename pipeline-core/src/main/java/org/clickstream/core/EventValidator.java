package org.clickstream.core;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The validation rules of CONTRACT.md for a row of nine text fields (the CSV form). The JSON
 * form reuses the per-field rules through {@link EventJson}. Fields are checked in column order and
 * the first failure is the reason.
 */
public final class EventValidator {
    /**
     * Larger prices are rejected as {@code bad_price}: they are input errors, and capping them keeps
     * every sum of cents far inside a {@code long}.
     */
    public static final BigDecimal MAX_PRICE = BigDecimal.valueOf(1_000_000_000L);

    private EventValidator() {
    }

    /** Validates one CSV row; empty optional fields become {@code null}. */
    public static ParseResult validate(List<String> fields) {
        if (fields.size() != EventFields.ALL.size()) {
            return ParseResult.rejected(RejectReason.WRONG_FIELD_COUNT,
                    "expected " + EventFields.ALL.size() + " fields, found " + fields.size());
        }
        Optional<Instant> eventTime = EventTimes.parse(fields.get(0));
        if (eventTime.isEmpty()) {
            return ParseResult.rejected(RejectReason.BAD_EVENT_TIME, fields.get(0));
        }
        Optional<EventType> eventType = EventType.fromWireName(fields.get(1));
        if (eventType.isEmpty()) {
            return ParseResult.rejected(RejectReason.BAD_EVENT_TYPE, fields.get(1));
        }
        Long productId = parseLong(fields.get(2));
        if (productId == null) {
            return ParseResult.rejected(RejectReason.BAD_PRODUCT_ID, fields.get(2));
        }
        Long categoryId = null;
        if (!fields.get(3).isEmpty()) {
            categoryId = parseLong(fields.get(3));
            if (categoryId == null) {
                return ParseResult.rejected(RejectReason.BAD_CATEGORY_ID, fields.get(3));
            }
        }
        BigDecimal price = parseDecimal(fields.get(6));
        if (price == null) {
            return ParseResult.rejected(RejectReason.BAD_PRICE, fields.get(6));
        }
        if (price.signum() < 0) {
            return ParseResult.rejected(RejectReason.NEGATIVE_PRICE, fields.get(6));
        }
        if (price.compareTo(MAX_PRICE) > 0) {
            return ParseResult.rejected(RejectReason.BAD_PRICE, "above " + MAX_PRICE.toPlainString() + ": " + fields.get(6));
        }
        Long userId = parseLong(fields.get(7));
        if (userId == null) {
            return ParseResult.rejected(RejectReason.BAD_USER_ID, fields.get(7));
        }
        return new ParseResult.Valid(new ClickEvent(eventTime.get(), eventType.get(), productId, categoryId,
                fields.get(4), fields.get(5), price, userId, fields.get(8)));
    }

    /** A Java {@code long} in plain decimal digits (optional sign); {@code null} otherwise. */
    static Long parseLong(String text) {
        if (text == null || text.isEmpty()) {
            return null;
        }
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** A finite decimal number; {@code null} otherwise. Negative values are returned for the caller to judge. */
    static BigDecimal parseDecimal(String text) {
        if (text == null || text.isEmpty()) {
            return null;
        }
        try {
            return new BigDecimal(text);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
