package org.clickstream.core;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/**
 * Row keys of the metric tables. Minute keys are {@code yyyyMMddHHmm} in UTC, so they sort in time
 * order and a time range is a key range; brand-minute keys are {@code yyyyMMddHHmm|brand}.
 */
public final class RowKeys {
    public static final char BRAND_SEPARATOR = '|';
    static final int MINUTE_KEY_LENGTH = 12;
    private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("uuuuMMddHHmm");

    private RowKeys() {
    }

    public static String minuteKey(Instant time) {
        return MINUTE.format(LocalDateTime.ofInstant(time, ZoneOffset.UTC));
    }

    public static Instant minuteStart(String minuteKey) {
        if (minuteKey.length() != MINUTE_KEY_LENGTH) {
            throw new IllegalArgumentException("not a minute key (yyyyMMddHHmm): " + minuteKey);
        }
        return LocalDateTime.parse(minuteKey, MINUTE).toInstant(ZoneOffset.UTC);
    }

    /** The minute key of the minute after {@code time}'s minute: an exclusive scan stop for "up to time". */
    public static String minuteKeyAfter(Instant time) {
        return minuteKey(time.truncatedTo(ChronoUnit.MINUTES).plus(1, ChronoUnit.MINUTES));
    }

    public static String brandMinuteKey(String minuteKey, String normalizedBrand) {
        return minuteKey + BRAND_SEPARATOR + normalizedBrand;
    }

    /** The minute part of a brand-minute key. */
    public static String minuteOfBrandMinuteKey(String brandMinuteKey) {
        checkBrandMinuteKey(brandMinuteKey);
        return brandMinuteKey.substring(0, MINUTE_KEY_LENGTH);
    }

    /** The brand part of a brand-minute key (a brand may itself contain the separator). */
    public static String brandOfBrandMinuteKey(String brandMinuteKey) {
        checkBrandMinuteKey(brandMinuteKey);
        return brandMinuteKey.substring(MINUTE_KEY_LENGTH + 1);
    }

    public static byte[] bytes(String key) {
        return key.getBytes(StandardCharsets.UTF_8);
    }

    public static String string(byte[] key) {
        return new String(key, StandardCharsets.UTF_8);
    }

    private static void checkBrandMinuteKey(String key) {
        if (key.length() <= MINUTE_KEY_LENGTH || key.charAt(MINUTE_KEY_LENGTH) != BRAND_SEPARATOR) {
            throw new IllegalArgumentException("not a brand-minute key (yyyyMMddHHmm|brand): " + key);
        }
    }
}
