package org.clickstream.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVPrinter;
import org.clickstream.core.generator.MalformedRows;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EventCsvTest {
    private static final String VALID =
            "2020-09-24 11:57:06 UTC,view,1996170,2144415922528452715,electronics.telephone,samsung,31.90,1515915625519388267,LJuJVLEjPT";

    @Test
    void readsTheDataSetsFirstRow() {
        ClickEvent event = valid(VALID);
        assertThat(event.eventTime()).isEqualTo(Instant.parse("2020-09-24T11:57:06Z"));
        assertThat(event.eventType()).isEqualTo(EventType.VIEW);
        assertThat(event.productId()).isEqualTo(1996170L);
        assertThat(event.categoryId()).isEqualTo(2144415922528452715L);
        assertThat(event.categoryCode()).isEqualTo("electronics.telephone");
        assertThat(event.brand()).isEqualTo("samsung");
        assertThat(event.price()).isEqualByComparingTo("31.90");
        assertThat(event.userId()).isEqualTo(1515915625519388267L);
        assertThat(event.userSession()).isEqualTo("LJuJVLEjPT");
    }

    @Test
    void acceptsTheDataSetsQuirks() {
        // no " UTC" suffix; empty category id, category code, brand and session; a quoted comma in the brand
        ClickEvent bare = valid("2020-09-24 11:57:06,purchase,1996170,,,,0,1515915625519388267,");
        assertThat(bare.eventTime()).isEqualTo(Instant.parse("2020-09-24T11:57:06Z"));
        assertThat(bare.categoryId()).isNull();
        assertThat(bare.categoryCode()).isNull();
        assertThat(bare.brand()).isNull();
        assertThat(bare.normalizedBrand()).isEqualTo("unknown");
        assertThat(bare.userSession()).isNull();
        assertThat(bare.partitionKey()).isEqualTo("1515915625519388267");
        assertThat(bare.price()).isEqualByComparingTo(BigDecimal.ZERO);

        ClickEvent quoted = valid("2020-09-24 11:57:06 UTC,cart,1,9223372036854775807,,\"Acme, Inc. \",5,-9223372036854775808,s1");
        assertThat(quoted.brand()).isEqualTo("Acme, Inc. ");
        assertThat(quoted.normalizedBrand()).isEqualTo("acme, inc.");
        assertThat(quoted.categoryId()).isEqualTo(Long.MAX_VALUE);
        assertThat(quoted.userId()).isEqualTo(Long.MIN_VALUE);

        assertThat(valid("2020-09-24 11:57:06 UTC,remove_from_cart,1,,,,1e2,7,s").price()).isEqualByComparingTo("100");
        assertThat(valid("2020-02-29 23:59:59 UTC,view,1,,,,1,7,s").eventTime()).isEqualTo(Instant.parse("2020-02-29T23:59:59Z"));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "2020-09-24 11:57:06 UTC,view,1,,,,1,7                         | wrong_field_count",
        "2020-09-24 11:57:06 UTC,view,1,,,,1,7,s,x                     | wrong_field_count",
        "''                                                            | wrong_field_count",
        "2021-02-29 11:57:06 UTC,view,1,,,,1,7,s                       | bad_event_time",
        "2020-04-31 11:57:06 UTC,view,1,,,,1,7,s                       | bad_event_time",
        "2020-09-24 24:00:00 UTC,view,1,,,,1,7,s                       | bad_event_time",
        "2020-09-24 11:60:06 UTC,view,1,,,,1,7,s                       | bad_event_time",
        "2020-9-24 11:57:06 UTC,view,1,,,,1,7,s                        | bad_event_time",
        "2020-09-24 11:57:06 utc,view,1,,,,1,7,s                       | bad_event_time",
        "2020-09-24 11:57:06 UTC ,view,1,,,,1,7,s                      | bad_event_time",
        "2020-09-24T11:57:06Z,view,1,,,,1,7,s                          | bad_event_time",
        "2020-09-24 11:57:06 UTC,VIEW,1,,,,1,7,s                       | bad_event_type",
        "2020-09-24 11:57:06 UTC,,1,,,,1,7,s                           | bad_event_type",
        "2020-09-24 11:57:06 UTC,refund,1,,,,1,7,s                     | bad_event_type",
        "2020-09-24 11:57:06 UTC,view,1.0,,,,1,7,s                     | bad_product_id",
        "2020-09-24 11:57:06 UTC,view,,,,,1,7,s                        | bad_product_id",
        "2020-09-24 11:57:06 UTC,view,9223372036854775808,,,,1,7,s     | bad_product_id",
        "2020-09-24 11:57:06 UTC,view,1,x,,,1,7,s                      | bad_category_id",
        "2020-09-24 11:57:06 UTC,view,1,2.1e18,,,1,7,s                 | bad_category_id",
        "2020-09-24 11:57:06 UTC,view,1,,,,,7,s                        | bad_price",
        "2020-09-24 11:57:06 UTC,view,1,,,,12 USD,7,s                  | bad_price",
        "2020-09-24 11:57:06 UTC,view,1,,,,NaN,7,s                     | bad_price",
        "2020-09-24 11:57:06 UTC,view,1,,,,1000000000.01,7,s           | bad_price",
        "2020-09-24 11:57:06 UTC,view,1,,,,-0.01,7,s                   | negative_price",
        "2020-09-24 11:57:06 UTC,view,1,,,,1,,s                        | bad_user_id",
        "2020-09-24 11:57:06 UTC,view,1,,,,1,7.5,s                     | bad_user_id",
        "2020-09-24 11:57:06 UTC,view,1,,,\"unclosed,1,7,s             | bad_csv",
    })
    void rejectsEveryMalformedCaseWithItsReason(String line, String reason) {
        assertThat(EventCsv.parseLine(line))
                .isInstanceOfSatisfying(ParseResult.Rejected.class, r -> assertThat(r.reason().code()).isEqualTo(reason));
    }

    @Test
    void rejectsEachOfTheGeneratorsMalformedRowsWithTheReasonItDeclares() {
        List<String> fields = EventCsv.toFields(valid(VALID));
        for (MalformedRows.Case broken : MalformedRows.CASES) {
            assertThat(EventCsv.parseLine(broken.apply(fields)))
                    .as(broken.name())
                    .isInstanceOfSatisfying(ParseResult.Rejected.class, r -> assertThat(r.reason()).isEqualTo(broken.expected()));
        }
    }

    @Test
    void writesWhatItReadsAndQuotesCommas(@TempDir Path dir) throws IOException {
        ClickEvent quirky = valid("2020-09-24 11:57:06 UTC,purchase,1,,,\"acme, inc.\",0.145,7,");
        StringWriter out = new StringWriter();
        try (CSVPrinter printer = EventCsv.printer(out)) {
            EventCsv.print(printer, valid(VALID));
            EventCsv.print(printer, quirky);
        }
        assertThat(out.toString()).startsWith(EventCsv.HEADER_LINE + "\n" + VALID + "\n")
                .contains("\"acme, inc.\"");
        Path file = dir.resolve("events.csv");
        Files.writeString(file, out.toString() + "\n\n");
        List<ClickEvent> read = new ArrayList<>();
        try (EventCsv.LineReader lines = EventCsv.open(file)) {
            lines.forEachRemaining(line -> read.add(((ParseResult.Valid) line.result()).event()));
        }
        assertThat(read).containsExactly(valid(VALID), quirky);
    }

    @Test
    void readsGzipAndNumbersLinesFromTheHeader(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("events.csv.gz");
        try (var out = new java.io.OutputStreamWriter(new java.util.zip.GZIPOutputStream(Files.newOutputStream(file)))) {
            out.write(EventCsv.HEADER_LINE + "\n" + VALID + "\nnot,a,row\n");
        }
        List<EventCsv.Line> lines = new ArrayList<>();
        try (EventCsv.LineReader reader = EventCsv.open(file)) {
            reader.forEachRemaining(lines::add);
        }
        assertThat(lines).extracting(EventCsv.Line::lineNumber).containsExactly(2L, 3L);
        assertThat(lines.get(1).raw()).isEqualTo("not,a,row");
        assertThat(lines.get(1).result()).isInstanceOf(ParseResult.Rejected.class);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "``", "` `", "`,`", "`a,,b,`", "`,,,,,,,,`", "` a , b `", "`a\tb,c`", "`x`",
        "`2020-09-24 11:57:06 UTC,view,1,,,,1,7,s`", "`a,\"b,c\",d`",
    })
    void splitsLikeCommonsCsv(String line) throws IOException {
        assertThat(EventCsv.split(line)).isEqualTo(commonsCsvFields(line));
    }

    @Test
    void splitsTheSampleFileLikeCommonsCsv() throws IOException {
        Path sample = org.clickstream.core.testing.LocalStack.repositoryRoot().resolve("data/sample-events.csv");
        for (String line : Files.readAllLines(sample)) {
            if (!line.endsWith("\"unterminated")) {
                assertThat(EventCsv.split(line)).as(line).isEqualTo(commonsCsvFields(line));
            }
        }
    }

    private static List<String> commonsCsvFields(String line) throws IOException {
        try (org.apache.commons.csv.CSVParser parser = org.apache.commons.csv.CSVParser.parse(line, EventCsv.FORMAT)) {
            List<org.apache.commons.csv.CSVRecord> records = parser.getRecords();
            List<String> fields = new ArrayList<>();
            if (!records.isEmpty()) {
                records.get(0).forEach(fields::add);
            }
            return fields;
        }
    }

    static ClickEvent valid(String line) {
        ParseResult result = EventCsv.parseLine(line);
        assertThat(result).as(line).isInstanceOf(ParseResult.Valid.class);
        return ((ParseResult.Valid) result).event();
    }
}
