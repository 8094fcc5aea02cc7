package org.clickstream.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** EventTimes reads exactly what java.time's strict formatter of the pattern reads, digit shortcut or not. */
class EventTimesTest {
    private static final DateTimeFormatter STRICT =
            DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss").withResolverStyle(ResolverStyle.STRICT);

    private static Optional<Instant> byFormatter(String text) {
        String local = text.endsWith(" UTC") ? text.substring(0, text.length() - 4) : text;
        try {
            return local.length() == 19
                    ? Optional.of(LocalDateTime.parse(local, STRICT).toInstant(ZoneOffset.UTC))
                    : Optional.empty();
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    @Test
    void agreesWithTheStrictFormatterOnEdgesAndOnMutatedTimes() {
        String[] edges = {
            "2020-02-29 23:59:59",
            "2021-02-29 00:00:00",
            "2000-02-29 12:00:00",
            "1900-02-29 12:00:00",
            "0000-01-01 00:00:00",
            "9999-12-31 23:59:59",
            "2020-04-31 10:00:00",
            "2020-13-01 10:00:00",
            "2020-00-10 10:00:00",
            "2020-01-00 10:00:00",
            "2020-09-24 24:00:00",
            "2020-09-24 23:60:00",
            "2020-09-24 23:59:60",
            "1969-12-31 23:59:59",
            "+020-09-24 11:57:06",
            "-020-09-24 11:57:06",
            "2020-09-24T11:57:06",
            "2020/09/24 11:57:06",
            "２020-09-24 11:57:06"
        };
        for (String edge : edges) {
            assertThat(EventTimes.parse(edge)).as(edge).isEqualTo(byFormatter(edge));
            assertThat(EventTimes.parse(edge + " UTC")).as(edge + " UTC").isEqualTo(byFormatter(edge + " UTC"));
        }
        Random random = new Random(17);
        String replacements = "0123456789012345678901234567890123456789-: +T";
        int valid = 0;
        for (int i = 0; i < 200_000; i++) {
            char[] text = "2020-09-24 11:57:06".toCharArray();
            for (int changes = random.nextInt(4); changes > 0; changes--) {
                text[random.nextInt(text.length)] = replacements.charAt(random.nextInt(replacements.length()));
            }
            String time = new String(text) + (random.nextBoolean() ? " UTC" : "");
            Optional<Instant> expected = byFormatter(time);
            valid += expected.isPresent() ? 1 : 0;
            assertThat(EventTimes.parse(time)).as(time).isEqualTo(expected);
        }
        assertThat(valid).isBetween(20_000, 180_000);
    }
}
