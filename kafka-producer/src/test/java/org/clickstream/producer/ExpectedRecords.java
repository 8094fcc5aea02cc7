package org.clickstream.producer;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.clickstream.core.generator.MalformedRows;
import org.clickstream.core.testing.ExpectedMetrics;

/**
 * What the topic must hold for a CSV file, worked out without the producer's code: which lines are
 * malformed comes from {@link ExpectedMetrics}; the valid lines are split by commons-csv and turned
 * into the contract's JSON fields here. Values are compared in a canonical form: numbers as
 * {@link BigDecimal} without trailing zeros, text as text, empty as {@code null}.
 */
final class ExpectedRecords {
    static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private static final ObjectMapper JSON =
            new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    /** One valid line and the record it must become. */
    record Expected(long line, String key, Map<String, Object> fields) {
        LocalDateTime eventTime() {
            return LocalDateTime.parse(((String) fields.get("event_time")).substring(0, 19), TIME);
        }

        Map<String, Object> shiftedBy(Duration shift) {
            Map<String, Object> shifted = new TreeMap<>(fields);
            shifted.put("event_time", TIME.format(eventTime().plus(shift)) + " UTC");
            return shifted;
        }
    }

    private ExpectedRecords() {}

    static List<Expected> of(Path csv) throws IOException {
        Set<Long> malformed = new HashSet<>(ExpectedMetrics.of(csv).malformedLines);
        List<String> lines = lines(csv);
        List<Expected> expected = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank() || (i == 0 && line.startsWith("event_time,")) || malformed.contains(i + 1L)) {
                continue;
            }
            List<String> f = split(line);
            Map<String, Object> fields = new TreeMap<>();
            fields.put("event_time", f.get(0).endsWith(" UTC") ? f.get(0) : f.get(0) + " UTC");
            fields.put("event_type", f.get(1));
            fields.put("product_id", number(f.get(2)));
            fields.put("category_id", f.get(3).isEmpty() ? null : number(f.get(3)));
            fields.put("category_code", emptyToNull(f.get(4)));
            fields.put("brand", emptyToNull(f.get(5)));
            fields.put("price", number(f.get(6)));
            fields.put("user_id", number(f.get(7)));
            fields.put("user_session", emptyToNull(f.get(8)));
            String key = f.get(8).isEmpty() ? new BigInteger(f.get(7)).toString() : f.get(8);
            expected.add(new Expected(i + 1L, key, fields));
        }
        return expected;
    }

    /** The whole minutes the events span, first to last minute, both included: how far {@code --loop} shifts a cycle. */
    static Duration loopShift(List<Expected> expected) {
        LocalDateTime first = null;
        LocalDateTime last = null;
        for (Expected e : expected) {
            LocalDateTime minute = e.eventTime().truncatedTo(ChronoUnit.MINUTES);
            first = first == null || minute.isBefore(first) ? minute : first;
            last = last == null || minute.isAfter(last) ? minute : last;
        }
        return Duration.between(first, last).plusMinutes(1);
    }

    /** A record's value in canonical form, without {@code sent_at_ms}. */
    static Map<String, Object> canonical(byte[] value) {
        JsonNode root;
        try {
            root = JSON.readTree(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, Object> fields = new TreeMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            JsonNode node = field.getValue();
            if (field.getKey().equals("sent_at_ms")) {
                continue;
            }
            if (node.isNull()) {
                fields.put(field.getKey(), null);
            } else if (node.isNumber()) {
                fields.put(field.getKey(), node.decimalValue().stripTrailingZeros());
            } else if (node.isTextual()) {
                fields.put(field.getKey(), node.textValue());
            } else {
                throw new AssertionError("unexpected JSON " + node + " in " + root);
            }
        }
        return fields;
    }

    static long sentAtMillis(byte[] value) {
        try {
            JsonNode sentAt = JSON.readTree(value).get("sent_at_ms");
            assertThat(sentAt).as("sent_at_ms").isNotNull();
            assertThat(sentAt.isIntegralNumber()).as("sent_at_ms is an integer").isTrue();
            return sentAt.longValue();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The rejects file holds every malformed line of a generated file once, in order, with the reason the
     * generator made it for (the i-th malformed row is case {@code i % CASES.size()}) and its raw text.
     */
    static void assertRejectsFile(Path rejects, Path csv) throws IOException {
        List<Long> malformed = ExpectedMetrics.of(csv).malformedLines;
        List<String> lines = lines(csv);
        List<CSVRecord> rows;
        try (Reader reader = Files.newBufferedReader(rejects);
                CSVParser parser = CSVFormat.RFC4180
                        .builder()
                        .setHeader()
                        .setSkipHeaderRecord(true)
                        .get()
                        .parse(reader)) {
            assertThat(parser.getHeaderNames()).containsExactly("line", "reason", "detail", "size_bytes", "raw");
            rows = parser.getRecords();
        }
        assertThat(rows).extracting(row -> Long.parseLong(row.get("line"))).containsExactlyElementsOf(malformed);
        for (int i = 0; i < rows.size(); i++) {
            CSVRecord row = rows.get(i);
            MalformedRows.Case expectedCase = MalformedRows.CASES.get(i % MalformedRows.CASES.size());
            assertThat(row.get("reason"))
                    .as("reason of line %s (%s)", row.get("line"), expectedCase.name())
                    .isEqualTo(expectedCase.expected().code());
            String raw = lines.get((int) malformed.get(i).longValue() - 1);
            assertThat(row.get("raw")).isEqualTo(raw);
            assertThat(Long.parseLong(row.get("size_bytes")))
                    .isEqualTo(raw.getBytes(java.nio.charset.StandardCharsets.UTF_8).length);
            assertThat(row.get("detail")).isNotNull();
        }
    }

    /** The file's lines, split at '\n' only (as the producer reads), bytes that are not UTF-8 replaced. */
    static List<String> lines(Path csv) throws IOException {
        String text = new String(Files.readAllBytes(csv), java.nio.charset.StandardCharsets.UTF_8);
        List<String> lines = new ArrayList<>(List.of(text.split("\n", -1)));
        if (!lines.isEmpty() && lines.get(lines.size() - 1).isEmpty()) {
            lines.remove(lines.size() - 1);
        }
        lines.replaceAll(line -> line.endsWith("\r") ? line.substring(0, line.length() - 1) : line);
        return lines;
    }

    private static List<String> split(String line) throws IOException {
        try (CSVParser parser = CSVParser.parse(line, CSVFormat.RFC4180)) {
            List<String> fields = new ArrayList<>();
            parser.getRecords().get(0).forEach(fields::add);
            return fields;
        }
    }

    private static BigDecimal number(String text) {
        return new BigDecimal(text).stripTrailingZeros();
    }

    private static String emptyToNull(String text) {
        return text.isEmpty() ? null : text;
    }
}
