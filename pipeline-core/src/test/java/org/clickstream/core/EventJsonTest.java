package org.clickstream.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EventJsonTest {
    private static final String FULL =
            "2020-09-24 11:57:06 UTC,purchase,1996170,2144415922528452715,electronics.telephone,samsung,31.90,1515915625519388267,LJuJVLEjPT";

    @Test
    void writesTheContractsJson() {
        String json = new String(EventJson.encode(EventCsvTest.valid(FULL)), StandardCharsets.UTF_8);
        assertThat(json)
                .isEqualTo("{\"event_time\":\"2020-09-24 11:57:06 UTC\",\"event_type\":\"purchase\","
                        + "\"product_id\":1996170,\"category_id\":2144415922528452715,"
                        + "\"category_code\":\"electronics.telephone\",\"brand\":\"samsung\",\"price\":31.90,"
                        + "\"user_id\":1515915625519388267,\"user_session\":\"LJuJVLEjPT\"}");
    }

    @Test
    void writesEmptyTextAndMissingCategoryAsNull() {
        ClickEvent event = EventCsvTest.valid("2020-09-24 11:57:06,view,1,,,,1e3,7,");
        String json = new String(EventJson.encode(event, 1234L), StandardCharsets.UTF_8);
        assertThat(json)
                .contains(
                        "\"category_id\":null",
                        "\"category_code\":null",
                        "\"brand\":null",
                        "\"user_session\":null",
                        "\"price\":1000",
                        "\"sent_at_ms\":1234");
    }

    @Test
    void roundTripsExactly() {
        for (String line : new String[] {
            FULL,
            "2020-09-24 11:57:06 UTC,view,1,,,\"Acme, \"\"Inc\"\"\",0.145,-7,",
            "2020-12-31 23:59:59 UTC,remove_from_cart,9223372036854775807,-1,a.b,ü ñ 中文,2500.00,0,s"
        }) {
            ClickEvent event = EventCsvTest.valid(line);
            assertThat(decode(EventJson.encode(event))).isEqualTo(new ParseResult.Valid(event));
        }
    }

    @Test
    void keepsEveryDigitOfThePrice() {
        ParseResult result = decode(json("\"price\":0.145"));
        ClickEvent event = ((ParseResult.Valid) result).event();
        assertThat(event.price()).isEqualByComparingTo("0.145");
        assertThat(event.priceCents()).isEqualTo(15L);
    }

    @Test
    void ignoresExtraFields() {
        assertThat(decode(json("\"price\":1,\"sent_at_ms\":5,\"note\":{\"a\":[1]}")))
                .isInstanceOf(ParseResult.Valid.class);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "not json                                        | malformed_json",
                "[1,2]                                           | malformed_json",
                "'\"a string\"'                                  | malformed_json",
                "{}                                              | bad_event_time",
                "{\"event_time\":\"x\"}                          | bad_event_time",
                "'{\"event_time\":\"2020-09-24 11:57:06 UTC\"'   | malformed_json",
            })
    void rejectsWhatIsNotAnEvent(String value, String reason) {
        assertThat(reason(value.getBytes(StandardCharsets.UTF_8))).isEqualTo(reason);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "'\"event_time\":\"2020-02-30 00:00:00 UTC\"'    | bad_event_time",
                "'\"event_time\":1600948626'                     | bad_event_time",
                "'\"event_type\":\"View\"'                       | bad_event_type",
                "'\"event_type\":null'                           | bad_event_type",
                "'\"product_id\":\"1996170\"'                    | bad_product_id",
                "'\"product_id\":1.5'                            | bad_product_id",
                "'\"product_id\":92233720368547758070'           | bad_product_id",
                "'\"category_id\":\"x\"'                         | bad_category_id",
                "'\"price\":\"31.90\"'                           | bad_price",
                "'\"price\":null'                                | bad_price",
                "'\"price\":1e10'                                | bad_price",
                "'\"price\":-0.5'                                | negative_price",
                "'\"user_id\":true'                              | bad_user_id",
                "'\"brand\":7'                                   | bad_text_field",
                "'\"user_session\":[\"a\"]'                      | bad_text_field",
                "'\"event_time\":\"2099-01-01 00:00:00 UTC\"'    | future_event_time",
                "'\"event_time\":\"1969-07-20 20:17:40\"'        | bad_event_time",
                "'\"price\":1e-999999999'                        | bad_price",
                "'\"price\":0E-10000'                            | bad_price",
                "'\"price\":1e-100000000'                        | bad_price",
                "'\"price\":1.0000000000000000000000000000000001' | bad_price",
                "'\"product_id\":1e3'                            | bad_product_id",
                "'\"brand\":\"\\ud800x\"'                      | bad_text_field",
                "'\"brand\":\"a\\u0000b\"'                     | bad_text_field",
                "'\"category_code\":{\"a\":1}'                   | bad_text_field",
                "'\"brand\":true'                                | bad_text_field",
            })
    void rejectsAWrongFieldWithItsReason(String override, String reason) {
        assertThat(reason(json(override))).isEqualTo(reason);
    }

    @Test
    void rejectsMissingRequiredFieldsAndDuplicatesAndTrailingGarbage() {
        String complete = new String(json(""), StandardCharsets.UTF_8);
        assertThat(reason(complete.replace("\"product_id\":1,", "").getBytes(StandardCharsets.UTF_8)))
                .isEqualTo("bad_product_id");
        assertThat(reason((complete + " {}").getBytes(StandardCharsets.UTF_8))).isEqualTo("malformed_json");
        assertThat(reason(complete.replace("{", "{\"brand\":\"a\",").getBytes(StandardCharsets.UTF_8)))
                .isEqualTo("malformed_json");
    }

    @Test
    void rejectsDeepNestingAndHugeFieldsWithoutFailing() {
        String deep = "[".repeat(10_000) + "]".repeat(10_000);
        assertThat(reason(json("\"note\":" + deep))).isEqualTo("malformed_json");
        String hugeBrand = "b".repeat(3_000_000);
        assertThat(reason(json("\"brand\":\"" + hugeBrand + "\""))).isEqualTo("malformed_json");
        assertThat(reason(json("\"brand\":\"" + "b".repeat(100_000) + "\""))).isEqualTo("bad_text_field");
        assertThat(reason(json("\"price\":" + "9".repeat(5_000)))).isEqualTo("malformed_json");
    }

    @Test
    void aDetailNeverHoldsMoreThanAShortPrefixOfTheValue() {
        ParseResult result = decode(json("\"event_type\":\"" + "x".repeat(10_000) + "\""));
        assertThat(result).isInstanceOfSatisfying(ParseResult.Rejected.class, r -> assertThat(r.detail())
                .hasSizeLessThan(200)
                .contains("10000 characters"));
    }

    @Test
    void rejectsInvalidUtf8AndNull() {
        byte[] bad = new String(json(""), StandardCharsets.UTF_8)
                .replace("samsung", "s\u00e9")
                .getBytes(StandardCharsets.ISO_8859_1);
        assertThat(reason(bad)).isEqualTo("malformed_json");
        assertThat(reason(null)).isEqualTo("malformed_json");
        assertThat(reason(new byte[0])).isEqualTo("malformed_json");
    }

    private static ParseResult decode(byte[] value) {
        return EventJson.decode(value, EventRules.defaults(), EventCsvTest.CLOCK);
    }

    /** A valid event's JSON with one field replaced (or added) by {@code override}. */
    private static byte[] json(String override) {
        String base = "{\"event_time\":\"2020-09-24 11:57:06 UTC\",\"event_type\":\"view\",\"product_id\":1,"
                + "\"category_id\":null,\"category_code\":null,\"brand\":\"samsung\",\"price\":1,\"user_id\":7,"
                + "\"user_session\":\"s\"}";
        if (!override.isEmpty()) {
            String field = override.substring(0, override.indexOf(':') + 1);
            base = base.replaceFirst(
                    "\"" + field.substring(1, field.length() - 2) + "\":[^,}]*",
                    java.util.regex.Matcher.quoteReplacement(override));
            if (!base.contains(override)) {
                base = base.replace("}", "," + override + "}");
            }
        }
        return base.getBytes(StandardCharsets.UTF_8);
    }

    private static String reason(byte[] value) {
        ParseResult result = decode(value);
        return result instanceof ParseResult.Rejected r ? r.reason().code() : "valid";
    }
}
