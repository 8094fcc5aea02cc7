package org.clickstream.core;

import java.io.Serializable;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The validation rules of docs/CONTRACT.md, written once: every reader (CSV file, Kafka JSON record)
 * turns a record into nine {@link FieldValue}s and hands them here. Fields are checked in column
 * order; the first failure is the reason. Nothing here can be made slow or large by the input: every
 * field is bounded before it is parsed.
 */
public final class EventRules implements Serializable {
    private static final long serialVersionUID = 1L;

    /** Larger prices are input errors; the cap keeps every sum of cents far inside a {@code long}. */
    public static final BigDecimal MAX_PRICE = BigDecimal.valueOf(1_000_000_000L);
    /** Longest price text: more digits than a price needs, few enough that parsing it costs nothing. */
    public static final int MAX_PRICE_LENGTH = 32;
    /** UTF-8 bytes: a real brand is under 100 characters. */
    public static final int MAX_BRAND_BYTES = 256;

    public static final int MAX_CATEGORY_CODE_BYTES = 256;
    public static final int MAX_SESSION_BYTES = 128;

    /**
     * No shop's click stream is older; and the stream's watermark starts at the epoch, so an event in
     * 1970's first minute would count as late in every batch.
     */
    public static final Instant DEFAULT_EARLIEST = Instant.parse("2000-01-01T00:00:00Z");

    public static final Duration DEFAULT_MAX_AHEAD = Duration.ofHours(1);

    // ASCII only: \d would also accept other scripts' digits; exponent at most two digits.
    private static final Pattern INTEGER = Pattern.compile("-?[0-9]{1,19}");
    private static final Pattern DECIMAL = Pattern.compile("-?([0-9]+(\\.[0-9]*)?|\\.[0-9]+)([eE][-+]?[0-9]{1,2})?");
    private static final int SHOWN = 80;

    private final Instant earliest;
    private final Duration maxAhead;

    private EventRules(Instant earliest, Duration maxAhead) {
        this.earliest = Objects.requireNonNull(earliest, "earliest");
        this.maxAhead = Objects.requireNonNull(maxAhead, "maxAhead");
        if (maxAhead.isNegative()) {
            throw new IllegalArgumentException(
                    "the tolerance for event times ahead of the clock must not be negative: " + maxAhead);
        }
    }

    /** Event times from 2000 to one hour ahead of the validating clock. */
    public static EventRules defaults() {
        return new EventRules(DEFAULT_EARLIEST, DEFAULT_MAX_AHEAD);
    }

    /**
     * @param earliest the oldest acceptable event time ({@code bad_event_time} before it)
     * @param maxAhead how far an event time may be ahead of the validating clock ({@code future_event_time} beyond it)
     */
    public static EventRules of(Instant earliest, Duration maxAhead) {
        return new EventRules(earliest, maxAhead);
    }

    public Instant earliest() {
        return earliest;
    }

    public Duration maxAhead() {
        return maxAhead;
    }

    /**
     * Judges one record.
     *
     * @param fields the nine fields in the data set's column order
     * @param clock  the validating process's clock: event times more than {@link #maxAhead()} after it are rejected
     */
    public ParseResult validate(FieldValue[] fields, Instant clock) {
        if (fields.length != EventFields.ALL.size()) {
            return ParseResult.rejected(
                    RejectReason.WRONG_FIELD_COUNT,
                    "expected " + EventFields.ALL.size() + " fields, found " + fields.length);
        }
        FieldValue time = fields[0];
        Optional<Instant> eventTime = time.kind() == FieldValue.Kind.UNTYPED || time.kind() == FieldValue.Kind.STRING
                ? EventTimes.parse(time.text())
                : Optional.empty();
        if (eventTime.isEmpty()) {
            return rejected(RejectReason.BAD_EVENT_TIME, 0, time);
        }
        if (eventTime.get().isBefore(earliest)) {
            return ParseResult.rejected(
                    RejectReason.BAD_EVENT_TIME,
                    "event_time " + time.text() + " is before " + EventTimes.format(earliest));
        }
        Instant latest = clock.plus(maxAhead);
        if (eventTime.get().isAfter(latest)) {
            return ParseResult.rejected(
                    RejectReason.FUTURE_EVENT_TIME,
                    "event_time " + time.text() + " is after " + EventTimes.format(latest) + " (clock + " + maxAhead
                            + ")");
        }
        FieldValue type = fields[1];
        Optional<EventType> eventType = type.canBeText() ? EventType.fromWireName(type.text()) : Optional.empty();
        if (eventType.isEmpty()) {
            return rejected(RejectReason.BAD_EVENT_TYPE, 1, type);
        }
        Long productId = integer(fields[2]);
        if (productId == null) {
            return rejected(RejectReason.BAD_PRODUCT_ID, 2, fields[2]);
        }
        Long categoryId = null;
        if (!fields[3].isNull()) {
            categoryId = integer(fields[3]);
            if (categoryId == null) {
                return rejected(RejectReason.BAD_CATEGORY_ID, 3, fields[3]);
            }
        }
        String textProblem = textProblem(fields[4], 4, MAX_CATEGORY_CODE_BYTES);
        if (textProblem == null) {
            textProblem = textProblem(fields[5], 5, MAX_BRAND_BYTES);
        }
        if (textProblem != null) {
            return ParseResult.rejected(RejectReason.BAD_TEXT_FIELD, textProblem);
        }
        FieldValue priceField = fields[6];
        BigDecimal price = decimal(priceField);
        if (price == null) {
            return rejected(RejectReason.BAD_PRICE, 6, priceField);
        }
        if (price.signum() < 0) {
            return rejected(RejectReason.NEGATIVE_PRICE, 6, priceField);
        }
        if (price.compareTo(MAX_PRICE) > 0) {
            return ParseResult.rejected(
                    RejectReason.BAD_PRICE,
                    "price above " + MAX_PRICE.toPlainString() + ": " + shown(priceField.text()));
        }
        Long userId = integer(fields[7]);
        if (userId == null) {
            return rejected(RejectReason.BAD_USER_ID, 7, fields[7]);
        }
        String sessionProblem = textProblem(fields[8], 8, MAX_SESSION_BYTES);
        if (sessionProblem != null) {
            return ParseResult.rejected(RejectReason.BAD_TEXT_FIELD, sessionProblem);
        }
        return new ParseResult.Valid(new ClickEvent(
                eventTime.get(),
                eventType.get(),
                productId,
                categoryId,
                fields[4].text(),
                fields[5].text(),
                price,
                userId,
                fields[8].text()));
    }

    /** A {@code long} written in ASCII digits (optional minus sign); {@code null} otherwise. */
    private static Long integer(FieldValue field) {
        if (!field.canBeNumber() || !INTEGER.matcher(field.text()).matches()) {
            return null;
        }
        try {
            return Long.parseLong(field.text());
        } catch (NumberFormatException beyondLong) {
            return null;
        }
    }

    /** A decimal in ASCII digits, short, with at most a two-digit exponent: cheap to parse and to turn into cents. */
    private static BigDecimal decimal(FieldValue field) {
        if (!field.canBeNumber()
                || field.text().length() > MAX_PRICE_LENGTH
                || !DECIMAL.matcher(field.text()).matches()) {
            return null;
        }
        return new BigDecimal(field.text());
    }

    /** Why an optional text field is not acceptable, or {@code null} when it is. */
    private static String textProblem(FieldValue field, int index, int maxBytes) {
        if (field.isNull()) {
            return null;
        }
        String name = EventFields.ALL.get(index);
        if (!field.canBeText()) {
            return name + " is not a string: " + shown(field.text());
        }
        String text = field.text();
        // Cheap bound first: a UTF-8 character is at least one byte.
        if (text.length() > maxBytes || text.getBytes(StandardCharsets.UTF_8).length > maxBytes) {
            return name + " longer than " + maxBytes + " UTF-8 bytes (" + text.length() + " characters)";
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isISOControl(c)) {
                return name + " contains the control character U+" + String.format("%04X", (int) c);
            }
            if (Character.isSurrogate(c)) {
                boolean paired = Character.isHighSurrogate(c)
                        && i + 1 < text.length()
                        && Character.isLowSurrogate(text.charAt(i + 1));
                if (!paired) {
                    return name + " contains an unpaired surrogate U+" + String.format("%04X", (int) c);
                }
                i++;
            }
        }
        return null;
    }

    private static ParseResult rejected(RejectReason reason, int index, FieldValue field) {
        String name = EventFields.ALL.get(index);
        String detail =
                switch (field.kind()) {
                    case NULL -> name + " missing";
                    case STRING -> name + "=\"" + shown(field.text()) + '"';
                    default -> name + "=" + shown(field.text());
                };
        return ParseResult.rejected(reason, detail);
    }

    /** At most {@value #SHOWN} characters of a value, for a reject's detail. */
    static String shown(String value) {
        if (value == null) {
            return "null";
        }
        return value.length() > SHOWN ? value.substring(0, SHOWN) + "... (" + value.length() + " characters)" : value;
    }
}
