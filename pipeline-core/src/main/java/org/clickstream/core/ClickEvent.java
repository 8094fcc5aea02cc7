package org.clickstream.core;

import java.math.BigDecimal;
import java.math.RoundingMode;
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

    public ClickEvent {
        Objects.requireNonNull(eventTime, "eventTime");
        Objects.requireNonNull(eventType, "eventType");
        Objects.requireNonNull(price, "price");
        categoryCode = emptyToNull(categoryCode);
        brand = emptyToNull(brand);
        userSession = emptyToNull(userSession);
    }

    /** Trimmed and lower-cased; {@value #UNKNOWN_BRAND} when absent or blank. */
    public String normalizedBrand() {
        return normalizeBrand(brand);
    }

    public static String normalizeBrand(String rawBrand) {
        if (rawBrand == null) {
            return UNKNOWN_BRAND;
        }
        String trimmed = rawBrand.trim();
        return trimmed.isEmpty() ? UNKNOWN_BRAND : trimmed.toLowerCase(Locale.ROOT);
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

    /** Row key of this event's minute in {@code ecommerce:metrics_by_minute}. */
    public String minuteKey() {
        return RowKeys.minuteKey(eventTime);
    }

    private static String emptyToNull(String value) {
        return value == null || value.isEmpty() ? null : value;
    }
}
