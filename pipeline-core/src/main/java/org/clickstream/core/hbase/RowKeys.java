package org.clickstream.core.hbase;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/**
 * Row keys of the metric tables, UTF-8 text that {@code hbase shell} shows as it is. Minute keys are
 * {@code yyyyMMddHHmm} in UTC, so they sort in time order and a time range is a key range. Keys of a
 * dimension per minute are {@code <value>|yyyyMMddHHmm}: one value's minutes are one key range, which
 * is what a per-brand (or per-category) chart reads. The value may itself contain '|': the minute is
 * always the last twelve characters.
 */
public final class RowKeys {
    public static final char SEPARATOR = '|';
    static final int MINUTE_KEY_LENGTH = 12;
    private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("uuuuMMddHHmm");
    private static final DateTimeFormatter HOUR = DateTimeFormatter.ofPattern("uuuuMMddHH");

    private RowKeys() {}

    public static String minuteKey(Instant time) {
        return MINUTE.format(LocalDateTime.ofInstant(time, ZoneOffset.UTC));
    }

    /** {@code yyyyMMddHH}: the event-time hour of the hourly product leaderboards. */
    public static String hourKey(Instant time) {
        return HOUR.format(LocalDateTime.ofInstant(time, ZoneOffset.UTC));
    }

    public static Instant minuteStart(String minuteKey) {
        if (minuteKey.length() != MINUTE_KEY_LENGTH) {
            throw new IllegalArgumentException("not a minute key (yyyyMMddHHmm): " + minuteKey);
        }
        return LocalDateTime.parse(minuteKey, MINUTE).toInstant(ZoneOffset.UTC);
    }

    public static Instant hourStart(String hourKey) {
        return minuteStart(hourKey + "00");
    }

    /** The minute key of the minute after {@code time}'s minute: an exclusive scan stop for "up to time". */
    public static String minuteKeyAfter(Instant time) {
        return minuteKey(time.truncatedTo(ChronoUnit.MINUTES).plus(1, ChronoUnit.MINUTES));
    }

    /** {@code value|yyyyMMddHHmm}. */
    public static String valueMinuteKey(String value, String minuteKey) {
        return value + SEPARATOR + minuteKey;
    }

    /** The minute part of a {@code value|yyyyMMddHHmm} key. */
    public static String minuteOfValueMinuteKey(String key) {
        check(key);
        return key.substring(key.length() - MINUTE_KEY_LENGTH);
    }

    /** The value part of a {@code value|yyyyMMddHHmm} key. */
    public static String valueOfValueMinuteKey(String key) {
        check(key);
        return key.substring(0, key.length() - MINUTE_KEY_LENGTH - 1);
    }

    public static byte[] bytes(String key) {
        return key.getBytes(StandardCharsets.UTF_8);
    }

    public static String string(byte[] key) {
        return new String(key, StandardCharsets.UTF_8);
    }

    private static void check(String key) {
        int separator = key.length() - MINUTE_KEY_LENGTH - 1;
        if (separator < 0 || key.charAt(separator) != SEPARATOR) {
            throw new IllegalArgumentException("not a value-minute key (value|yyyyMMddHHmm): " + key);
        }
    }
}
