package org.clickstream.core;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.Normalizer;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;

/**
 * One valid shop event, exactly as received: text fields are {@code null} when empty and not
 * otherwise normalised, so the event can be written back out unchanged. The derived values the
 * metrics use ({@link #normalizedBrand()}, {@link #priceCents()}, ...) are computed here, once,
 * for producer, processor, profiler and tests alike.
 */
public record ClickEvent(
        Instant eventTime,
        EventType eventType,
        long productId,
        Long categoryId,
        String categoryCode,
        String brand,
        BigDecimal price,
        long userId,
        String userSession) {

    /** The brand metrics are kept under when an event has none. */
    public static final String UNKNOWN_BRAND = "unknown";
    /** The category (top-level and full code) metrics are kept under when an event has none. */
    public static final String UNKNOWN_CATEGORY = "unknown";

    public ClickEvent {
        Objects.requireNonNull(eventTime, "eventTime");
        Objects.requireNonNull(eventType, "eventType");
        Objects.requireNonNull(price, "price");
        categoryCode = emptyToNull(categoryCode);
        brand = emptyToNull(brand);
        userSession = emptyToNull(userSession);
    }

    /** The brand metrics are kept under (see {@link #normalizeBrand}). */
    public String normalizedBrand() {
        return normalizeBrand(brand);
    }

    /**
     * NFC, every Unicode space (and zero-width space) trimmed from both ends, lower case with
     * {@link Locale#ROOT}; {@value #UNKNOWN_BRAND} when nothing is left. So {@code "Sony\u00A0"},
     * {@code "\u200BSONY"} and {@code "sony"} are one brand, and a decomposed {@code "Mo\u0308ller"}
     * is {@code "möller"}.
     */
    public static String normalizeBrand(String rawBrand) {
        if (rawBrand == null) {
            return UNKNOWN_BRAND;
        }
        String composed = Normalizer.isNormalized(rawBrand, Normalizer.Form.NFC)
                ? rawBrand
                : Normalizer.normalize(rawBrand, Normalizer.Form.NFC);
        int start = 0;
        int end = composed.length();
        while (start < end && isBlank(composed.charAt(start))) {
            start++;
        }
        while (end > start && isBlank(composed.charAt(end - 1))) {
            end--;
        }
        return start == end ? UNKNOWN_BRAND : composed.substring(start, end).toLowerCase(Locale.ROOT);
    }

    /** White space by Java's or Unicode's definition (the latter includes U+00A0), or a zero-width space. */
    private static boolean isBlank(char c) {
        return Character.isWhitespace(c)
                || Character.isSpaceChar(c)
                || c == '\u200B'
                || c == '\u200C'
                || c == '\u200D'
                || c == '\u2060'
                || c == '\uFEFF';
    }

    /** The full {@code category_code} metrics are kept under: as given, {@value #UNKNOWN_CATEGORY} when empty. */
    public String categoryKey() {
        return categoryCode == null ? UNKNOWN_CATEGORY : categoryCode;
    }

    /**
     * The top-level category: {@code category_code} up to its first '.', the whole code when it has
     * none; {@value #UNKNOWN_CATEGORY} when empty (also for a code starting with '.').
     */
    public String topCategory() {
        if (categoryCode == null) {
            return UNKNOWN_CATEGORY;
        }
        int dot = categoryCode.indexOf('.');
        return dot < 0 ? categoryCode : dot == 0 ? UNKNOWN_CATEGORY : categoryCode.substring(0, dot);
    }

    /**
     * What sessions are keyed by: the session id, or (when the event has none) its user id. The two are
     * told apart by their prefix, so a session literally named "42" is not user 42's session-less events.
     */
    public String sessionKey() {
        return userSession != null ? "s:" + userSession : "u:" + userId;
    }

    /** {@code round(price * 100)}, half up, so money sums are exact. */
    public long priceCents() {
        return toCents(price);
    }

    public static long toCents(BigDecimal price) {
        return price.movePointRight(2).setScale(0, RoundingMode.HALF_UP).longValueExact();
    }

    /** Purchase price in cents; 0 for every other event type. */
    public long revenueCents() {
        return eventType == EventType.PURCHASE ? priceCents() : 0L;
    }

    /** The Kafka key: the session, or the user when the session is empty, so a session stays in order. */
    public String partitionKey() {
        return userSession != null ? userSession : Long.toString(userId);
    }

    /** The same event at another time (replays move a file forward; live replays stamp the send time). */
    public ClickEvent withEventTime(Instant time) {
        return new ClickEvent(time, eventType, productId, categoryId, categoryCode, brand, price, userId, userSession);
    }

    private static String emptyToNull(String value) {
        return value == null || value.isEmpty() ? null : value;
    }
}
