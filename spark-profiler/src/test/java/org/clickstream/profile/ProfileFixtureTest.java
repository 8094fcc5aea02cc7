package org.clickstream.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The profile of a small file whose every expected number was worked out by hand (the arithmetic is
 * in the comments): ties in the quartiles, nulls in four columns, a brand in two spellings, a hostile
 * brand, malformed lines of several kinds, a blank line and a second header line. Checked through
 * the JSON report, key by key, so the JSON's layout is checked too.
 */
class ProfileFixtureTest {
    private static final String FIXTURE = """
            event_time,event_type,product_id,category_id,category_code,brand,price,user_id,user_session
            2020-09-24 11:57:06 UTC,view,100,2144415922528452715,electronics.telephone,samsung,10.00,1515915625519388267,s1
            2020-09-24 11:57:06 UTC,view,100,2144415922528452715,electronics.telephone,Samsung ,10.00,1515915625519388267,s1
            2020-09-24 11:57:08 UTC,cart,200,,,apple,20.00,1515915625519388268,s2
            2020-09-24 11:58:00,purchase,200,2144415922528452716,computers.notebook,"acme, inc.",20,1515915625519388268,s2
            2020-09-24 11:58:01 UTC,view,300,2144415922528452716,computers,,50.00,1515915625519388269,
            2020-09-24 11:58:02 UTC,purchase,100,2144415922528452715,electronics.telephone,samsung,150.00,1515915625519388267,s3
            2020-09-24 11:58:03 UTC,remove_from_cart,400,2144415922528452717,,<img src=x onerror=alert(1)>,250.50,1515915625519388270,s4

            2020-02-30 10:00:00 UTC,view,1,1,,x,1.0,1,s
            2020-09-24 11:58:04 UTC,click,1,1,,x,1.0,1,s
            2020-09-24 11:58:05 UTC,view,1,1,,x,-1.0,1,s
            "unclosed,view
            a,b,c
            event_time,event_type,product_id,category_id,category_code,brand,price,user_id,user_session
            """;

    private static ProfileResult profile;
    private static JsonNode json;

    @BeforeAll
    static void profileTheFixture(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("fixture.csv"), FIXTURE, StandardCharsets.UTF_8);
        profile = SparkForTests.profile(file);
        json = writtenJson(profile);
    }

    @Test
    void hasExactlyTheContractsKeys() {
        assertThat(fieldNames(json))
                .containsExactly(
                        "records",
                        "columns",
                        "malformed_rows",
                        "schema",
                        "describe",
                        "nulls",
                        "completeness_percent",
                        "event_types",
                        "brands",
                        "price",
                        "funnel",
                        "session_funnel",
                        "cardinality",
                        "categories_top10",
                        "price_segments",
                        "top_categories",
                        "top_products");
        for (JsonNode summary : json.get("describe")) {
            assertThat(fieldNames(summary)).containsExactly("count", "mean", "std", "min", "p25", "p50", "p75", "max");
        }
        for (JsonNode brand : json.get("brands")) {
            assertThat(fieldNames(brand))
                    .containsExactly("brand", "events", "avg_price", "total_value", "purchases", "revenue");
        }
        assertThat(fieldNames(json.get("price"))).containsExactly("mean", "median", "std", "min", "max", "q1", "q3");
        assertThat(fieldNames(json.get("funnel")))
                .containsExactly(
                        "views",
                        "carts",
                        "purchases",
                        "view_to_cart_percent",
                        "view_to_purchase_percent",
                        "cart_to_purchase_percent");
        assertThat(fieldNames(json.get("price_segments")))
                .containsExactly("under_50", "from_50_to_100", "from_100_to_200", "over_200");
        assertThat(fieldNames(json.get("categories_top10").get(0))).containsExactly("category", "count");
    }

    @Test
    void overviewCountsValidAndMalformedRows() {
        // 7 valid rows; the blank line is no row; the second header line is a row with a bad time.
        assertThat(json.get("records").asLong()).isEqualTo(7);
        assertThat(json.get("columns").asInt()).isEqualTo(9);
        assertThat(json.get("malformed_rows").asLong()).isEqualTo(6);
        assertThat(profile.overview().malformedByReason())
                .containsExactly(
                        Map.entry("bad_event_time", 2L),
                        Map.entry("bad_csv", 1L),
                        Map.entry("bad_event_type", 1L),
                        Map.entry("negative_price", 1L),
                        Map.entry("wrong_field_count", 1L));
    }

    @Test
    void schemaIsWhatPandasInfers() {
        // category_id has an empty value, so pandas reads it as float64.
        assertThat(json.get("schema").toString())
                .isEqualTo("{\"event_time\":\"object\",\"event_type\":\"object\","
                        + "\"product_id\":\"int64\",\"category_id\":\"float64\",\"category_code\":\"object\",\"brand\":\"object\","
                        + "\"price\":\"float64\",\"user_id\":\"int64\",\"user_session\":\"object\"}");
    }

    @Test
    void describesProductIds() {
        // sorted 100 100 100 200 200 300 400; h = 6q: 1.5 → 100 + .5·0, 3 → 200, 4.5 → 200 + .5·100.
        // mean 1400/7 = 200; squared deviations 3·100² + 100² + 200² = 80000; std = √(80000/6).
        JsonNode d = json.get("describe").get("product_id");
        assertSummary(d, 7, 200, Math.sqrt(80000.0 / 6), "100", "100", "200", "250", "400");
    }

    @Test
    void describesCategoryIdsExactlyDespiteNineteenDigits() {
        // Six values (one empty): …715 ×3, …716 ×2, …717; h = 5q: 1.25 → 715, 2.5 → 715.5, 3.75 → 716.
        // mean …700 + 94/6; squared deviations from 15⅔: 3·(2/3)² + 2·(1/3)² + (4/3)² = 10/3; std = √(10/3 / 5).
        JsonNode d = json.get("describe").get("category_id");
        assertThat(d.get("count").asLong()).isEqualTo(6);
        assertThat(d.get("p25").decimalValue()).isEqualByComparingTo("2144415922528452715");
        assertThat(d.get("p50").decimalValue()).isEqualByComparingTo("2144415922528452715.5");
        assertThat(d.get("p75").decimalValue()).isEqualByComparingTo("2144415922528452716");
        assertThat(d.get("min").decimalValue()).isEqualByComparingTo("2144415922528452715");
        assertThat(d.get("max").decimalValue()).isEqualByComparingTo("2144415922528452717");
        assertThat(profile.describe().get("category_id").mean())
                .isCloseTo(
                        new BigDecimal("2144415922528452715.666666666666666"),
                        within(new BigDecimal("0.000000000001")));
        assertThat(profile.describe().get("category_id").std().doubleValue())
                .isCloseTo(Math.sqrt(2.0 / 3), within(1e-15));
        assertThat(d.get("mean").asDouble()).isEqualTo(2144415922528452715.67);
    }

    @Test
    void describesUserIds() {
        // …267 ×3, …268 ×2, …269, …270; h = 6q: 1.5 → 267, 3 → 268, 4.5 → 268.5; mean …268;
        // squared deviations 1+1+1+0+0+1+4 = 8; std = √(8/6).
        JsonNode d = json.get("describe").get("user_id");
        assertThat(d.get("count").asLong()).isEqualTo(7);
        assertThat(d.get("p25").decimalValue()).isEqualByComparingTo("1515915625519388267");
        assertThat(d.get("p50").decimalValue()).isEqualByComparingTo("1515915625519388268");
        assertThat(d.get("p75").decimalValue()).isEqualByComparingTo("1515915625519388268.5");
        assertThat(profile.describe().get("user_id").mean()).isEqualByComparingTo("1515915625519388268");
        assertThat(d.get("std").asDouble()).isCloseTo(Math.sqrt(8.0 / 6), within(1e-15));
    }

    @Test
    void analysesPrices() {
        // sorted 10 10 20 20 50 150 250.5; h = 6q: 1.5 → 15, 3 → 20, 4.5 → 100; Σx = 510.5, Σx² = 88750.25.
        double std = Math.sqrt((88750.25 - 510.5 * 510.5 / 7) / 6);
        assertSummary(json.get("describe").get("price"), 7, 510.5 / 7, std, "10", "15", "20", "100", "250.5");
        JsonNode price = json.get("price");
        assertThat(price.get("mean").asDouble()).isCloseTo(510.5 / 7, within(1e-12));
        assertThat(price.get("std").asDouble()).isCloseTo(std, within(1e-12));
        assertThat(price.get("median").decimalValue()).isEqualByComparingTo("20");
        assertThat(price.get("q1").decimalValue()).isEqualByComparingTo("15");
        assertThat(price.get("q3").decimalValue()).isEqualByComparingTo("100");
        assertThat(price.get("min").decimalValue()).isEqualByComparingTo("10");
        assertThat(price.get("max").decimalValue()).isEqualByComparingTo("250.5");
    }

    @Test
    void countsNullsAndCompleteness() {
        // Empty: category_id once, category_code twice, brand once, user_session once: 5 of 63 cells.
        JsonNode nulls = json.get("nulls");
        assertThat(fieldNames(nulls))
                .containsExactly(
                        "event_time",
                        "event_type",
                        "product_id",
                        "category_id",
                        "category_code",
                        "brand",
                        "price",
                        "user_id",
                        "user_session");
        assertShare(nulls.get("category_id"), "count", 1, 100.0 / 7);
        assertShare(nulls.get("category_code"), "count", 2, 200.0 / 7);
        assertShare(nulls.get("brand"), "count", 1, 100.0 / 7);
        assertShare(nulls.get("user_session"), "count", 1, 100.0 / 7);
        for (String column : List.of("event_time", "event_type", "product_id", "price", "user_id")) {
            assertShare(nulls.get(column), "count", 0, 0.0);
        }
        assertThat(json.get("completeness_percent").asDouble()).isCloseTo(58 * 100.0 / 63, within(1e-12));
    }

    @Test
    void distributesEventTypesAndTheFunnel() {
        JsonNode types = json.get("event_types");
        assertThat(fieldNames(types)).containsExactly("view", "purchase", "cart", "remove_from_cart");
        assertShare(types.get("view"), "count", 3, 300.0 / 7);
        assertShare(types.get("purchase"), "count", 2, 200.0 / 7);
        assertShare(types.get("cart"), "count", 1, 100.0 / 7);
        assertShare(types.get("remove_from_cart"), "count", 1, 100.0 / 7);
        JsonNode funnel = json.get("funnel");
        assertThat(funnel.get("views").asLong()).isEqualTo(3);
        assertThat(funnel.get("carts").asLong()).isEqualTo(1);
        assertThat(funnel.get("purchases").asLong()).isEqualTo(2);
        assertThat(funnel.get("view_to_cart_percent").asDouble()).isCloseTo(100.0 / 3, within(1e-12));
        assertThat(funnel.get("view_to_purchase_percent").asDouble()).isCloseTo(200.0 / 3, within(1e-12));
        assertThat(funnel.get("cart_to_purchase_percent").asDouble()).isCloseTo(200.0, within(1e-12));
    }

    @Test
    void ranksNormalisedBrandsByEvents() {
        // "samsung", "Samsung " and "samsung" are one brand; the empty brand is left out; ties by name.
        JsonNode brands = json.get("brands");
        assertThat(brands).hasSize(4);
        assertBrand(brands.get(0), "samsung", 3, 170.0 / 3, "170", 1, "150");
        assertBrand(brands.get(1), "<img src=x onerror=alert(1)>", 1, 250.5, "250.5", 0, "0");
        assertBrand(brands.get(2), "acme, inc.", 1, 20, "20", 1, "20");
        assertBrand(brands.get(3), "apple", 1, 20, "20", 0, "0");
    }

    @Test
    void countsDistinctRawValues() {
        // Raw values as pandas' nunique sees them: "samsung" and "Samsung " differ; nulls do not count.
        JsonNode cardinality = json.get("cardinality");
        assertShare(cardinality.get("event_time"), "unique", 6, 600.0 / 7);
        assertShare(cardinality.get("event_type"), "unique", 4, 400.0 / 7);
        assertShare(cardinality.get("product_id"), "unique", 4, 400.0 / 7);
        assertShare(cardinality.get("category_id"), "unique", 3, 300.0 / 7);
        assertShare(cardinality.get("category_code"), "unique", 3, 300.0 / 7);
        assertShare(cardinality.get("brand"), "unique", 5, 500.0 / 7);
        assertShare(cardinality.get("price"), "unique", 5, 500.0 / 7);
        assertShare(cardinality.get("user_id"), "unique", 4, 400.0 / 7);
        assertShare(cardinality.get("user_session"), "unique", 4, 400.0 / 7);
    }

    @Test
    void ranksTopLevelCategories() {
        JsonNode categories = json.get("categories_top10");
        assertThat(categories).hasSize(2);
        assertThat(categories.get(0).get("category").asText()).isEqualTo("electronics");
        assertThat(categories.get(0).get("count").asLong()).isEqualTo(3);
        assertThat(categories.get(1).get("category").asText()).isEqualTo("computers");
        assertThat(categories.get(1).get("count").asLong()).isEqualTo(2);
    }

    @Test
    void segmentsPrices() {
        // < 50: 10 10 20 20; [50, 100): 50; [100, 200): 150; ≥ 200: 250.5.
        JsonNode segments = json.get("price_segments");
        assertThat(segments.get("under_50").asDouble()).isCloseTo(400.0 / 7, within(1e-12));
        assertThat(segments.get("from_50_to_100").asDouble()).isCloseTo(100.0 / 7, within(1e-12));
        assertThat(segments.get("from_100_to_200").asDouble()).isCloseTo(100.0 / 7, within(1e-12));
        assertThat(segments.get("over_200").asDouble()).isCloseTo(100.0 / 7, within(1e-12));
    }

    @Test
    void textAndHtmlReportsHoldTheNumbersAndKeepHostileTextInert() {
        StringWriter text = new StringWriter();
        TextReport.write(ReportModel.of(profile, 20), new PrintWriter(text));
        assertThat(text.toString())
                .containsPattern("Records \\(valid rows\\) +7\\R")
                .containsPattern("View -> purchase +66.67 %")
                .contains("2144415922528452715.5")
                .contains("<img src=x onerror=aler~"); // cut to the brand column's width

        HtmlPage page = HtmlPage.of(profile);
        // In the markup the brand is escaped text; in the charts' data it is JSON with < and > escaped.
        assertThat(page.markup())
                .doesNotContain("<img")
                .contains("&lt;img src=x onerror=alert(1)&gt;")
                .contains("2144415922528452715.5");
        assertThat(page.chartData())
                .allSatisfy(data -> assertThat(data).doesNotContain("<").doesNotContain(">"));
        assertThat(page.chartLabels()).contains("<img src=x onerror=alert(1)>", "samsung");
        page.assertSelfContained();
    }

    private static void assertSummary(
            JsonNode summary,
            long count,
            double mean,
            double std,
            String min,
            String p25,
            String p50,
            String p75,
            String max) {
        assertThat(summary.get("count").asLong()).isEqualTo(count);
        assertThat(summary.get("mean").asDouble()).isCloseTo(mean, within(Math.abs(mean) * 1e-14));
        assertThat(summary.get("std").asDouble()).isCloseTo(std, within(std * 1e-14));
        assertThat(summary.get("min").decimalValue()).isEqualByComparingTo(min);
        assertThat(summary.get("p25").decimalValue()).isEqualByComparingTo(p25);
        assertThat(summary.get("p50").decimalValue()).isEqualByComparingTo(p50);
        assertThat(summary.get("p75").decimalValue()).isEqualByComparingTo(p75);
        assertThat(summary.get("max").decimalValue()).isEqualByComparingTo(max);
    }

    private static void assertShare(JsonNode share, String countKey, long count, double percent) {
        assertThat(fieldNames(share)).containsExactly(countKey, "percent");
        assertThat(share.get(countKey).asLong()).isEqualTo(count);
        assertThat(share.get("percent").asDouble()).isCloseTo(percent, within(1e-12));
    }

    private static void assertBrand(
            JsonNode brand, String name, long events, double avgPrice, String total, long purchases, String revenue) {
        assertThat(brand.get("brand").asText()).isEqualTo(name);
        assertThat(brand.get("events").asLong()).isEqualTo(events);
        assertThat(brand.get("avg_price").asDouble()).isCloseTo(avgPrice, within(1e-12));
        assertThat(brand.get("total_value").decimalValue()).isEqualByComparingTo(total);
        assertThat(brand.get("purchases").asLong()).isEqualTo(purchases);
        assertThat(brand.get("revenue").decimalValue()).isEqualByComparingTo(revenue);
    }

    /** The JSON report as written, read back with exact decimals. */
    static JsonNode writtenJson(ProfileResult profile) throws IOException {
        StringWriter out = new StringWriter();
        JsonReport.write(ReportModel.of(profile, 20), out);
        return new ObjectMapper()
                .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .readTree(out.toString());
    }

    static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            names.add(it.next());
        }
        return names;
    }
}
