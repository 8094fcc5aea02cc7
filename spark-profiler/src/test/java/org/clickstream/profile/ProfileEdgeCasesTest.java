package org.clickstream.profile;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import org.clickstream.core.EventCsv;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Files at the edges: one row, no rows, no header, gzip, and data text that would drive a terminal. */
class ProfileEdgeCasesTest {
    private static final String ROW =
            "2020-09-24 11:57:06 UTC,purchase,1996170,2144415922528452715,electronics.telephone,samsung,31.90,1515915625519388267,LJuJVLEjPT";

    @TempDir
    Path dir;

    @Test
    void aSingleRowHasNoDeviationAndEveryQuantileIsTheValue() throws IOException {
        JsonNode json = profileJson(Files.writeString(dir.resolve("one.csv"), ROW + "\n"));
        assertThat(json.get("records").asLong()).isEqualTo(1);
        assertThat(json.get("malformed_rows").asLong()).isZero();
        JsonNode price = json.get("describe").get("price");
        assertThat(price.get("count").asLong()).isEqualTo(1);
        assertThat(price.get("std").isNull()).isTrue();
        for (String stat : new String[] {"mean", "min", "p25", "p50", "p75", "max"}) {
            assertThat(price.get(stat).decimalValue()).as(stat).isEqualByComparingTo("31.9");
        }
        assertThat(json.get("describe").get("user_id").get("p50").decimalValue())
                .isEqualByComparingTo("1515915625519388267");
        assertThat(json.get("price").get("std").isNull()).isTrue();
        // No views and no carts: the rates are undefined, not zero.
        JsonNode funnel = json.get("funnel");
        assertThat(funnel.get("purchases").asLong()).isEqualTo(1);
        assertThat(funnel.get("view_to_cart_percent").isNull()).isTrue();
        assertThat(funnel.get("cart_to_purchase_percent").isNull()).isTrue();
        assertThat(json.get("completeness_percent").asDouble()).isEqualTo(100.0);
        assertThat(json.get("cardinality").get("user_session").get("percent").asDouble())
                .isEqualTo(100.0);
        assertThat(json.get("price_segments").get("under_50").asDouble()).isEqualTo(100.0);
    }

    @Test
    void aFileWithOnlyAHeaderHasNoRecordsAndNoNumbers() throws IOException {
        JsonNode json = profileJson(Files.writeString(dir.resolve("empty.csv"), EventCsv.HEADER_LINE + "\n"));
        assertThat(json.get("records").asLong()).isZero();
        assertThat(json.get("malformed_rows").asLong()).isZero();
        assertThat(json.get("describe").get("price").get("count").asLong()).isZero();
        assertThat(json.get("describe").get("price").get("mean").isNull()).isTrue();
        assertThat(json.get("describe").get("price").get("p50").isNull()).isTrue();
        assertThat(json.get("nulls").get("brand").get("percent").isNull()).isTrue();
        assertThat(json.get("completeness_percent").isNull()).isTrue();
        assertThat(json.get("event_types").size()).isZero();
        assertThat(json.get("brands").size()).isZero();
        assertThat(json.get("categories_top10").size()).isZero();
        assertThat(json.get("price").get("median").isNull()).isTrue();
        assertThat(json.get("price_segments").get("over_200").isNull()).isTrue();
        assertThat(json.get("schema").get("price").asText()).isEqualTo("object");
    }

    @Test
    void readsGzipLikeThePlainFile() throws IOException {
        String content = EventCsv.HEADER_LINE + "\n" + ROW + "\n" + ROW.replace("purchase", "view") + "\nbroken\n";
        Path plain = Files.writeString(dir.resolve("events.csv"), content);
        Path gzip = dir.resolve("events.csv.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gzip))) {
            out.write(content.getBytes(StandardCharsets.UTF_8));
        }
        JsonNode fromGzip = profileJson(gzip);
        assertThat(fromGzip.get("records").asLong()).isEqualTo(2);
        assertThat(fromGzip.get("malformed_rows").asLong()).isEqualTo(1);
        assertThat(fromGzip).isEqualTo(profileJson(plain));
    }

    @Test
    void aBrandWithControlCharactersIsARejectAndTheRowsBesideItAreProfiled() throws IOException {
        String hostile = ROW.replace("samsung", "sam\u001b[2J\u001b[31msung\u0007s");
        ProfileResult profile = SparkForTests.profile(
                Files.writeString(dir.resolve("ansi.csv"), ROW + "\n" + hostile + "\n" + ROW + "\n"));
        assertThat(profile.overview().records()).isEqualTo(2);
        assertThat(profile.overview().malformedByReason()).containsExactly(java.util.Map.entry("bad_text_field", 1L));
        assertThat(profile.brands()).singleElement().satisfies(brand -> assertThat(brand.brand())
                .isEqualTo("samsung"));
        StringWriter text = new StringWriter();
        TextReport.write(ReportModel.of(profile, 20), new PrintWriter(text));
        assertThat(text.toString()).doesNotContain("\u001b").doesNotContain("\u0007");
    }

    @Test
    void theTextReportReplacesControlCharacters() {
        // Defence in depth: the rules reject them in the data, and the report would not print them either.
        assertThat(Formats.printable("sam\u001b[2Jsung\u0007s")).isEqualTo("sam?[2Jsung?s");
    }

    private JsonNode profileJson(Path file) throws IOException {
        return ProfileFixtureTest.writtenJson(SparkForTests.profile(file));
    }
}
