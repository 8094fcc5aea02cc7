package org.clickstream.core;

import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.zip.GZIPInputStream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;

/**
 * The data set's CSV layout (RFC 4180, a header line). Files are read one physical line at a time so
 * that a broken line (an unclosed quote, say) is rejected on its own instead of swallowing the rest
 * of the file; fields with line breaks inside quotes are therefore not supported (the data set has none).
 */
public final class EventCsv {
    public static final String HEADER_LINE = String.join(",", EventFields.ALL);
    public static final CSVFormat FORMAT = CSVFormat.RFC4180.builder().setRecordSeparator('\n').get();

    private EventCsv() {
    }

    /** One line of a file and what it held. */
    public record Line(long lineNumber, String raw, ParseResult result) {
    }

    /** Splits one line into fields; a line that is not valid CSV is {@link RejectReason#BAD_CSV}. */
    public static ParseResult parseLine(String line) {
        List<String> fields;
        try {
            fields = split(line);
        } catch (IOException | UncheckedIOException | IllegalStateException e) {
            return ParseResult.rejected(RejectReason.BAD_CSV, e.getMessage());
        }
        return EventValidator.validate(fields);
    }

    static List<String> split(String line) throws IOException {
        if (line.indexOf('"') < 0 && line.indexOf('\r') < 0 && line.indexOf('\n') < 0) {
            return splitPlain(line);
        }
        try (CSVParser parser = CSVParser.parse(line, FORMAT)) {
            Iterator<CSVRecord> records = parser.iterator();
            if (!records.hasNext()) {
                return List.of();
            }
            CSVRecord record = records.next();
            if (records.hasNext()) {
                throw new IOException("more than one record on a line");
            }
            List<String> fields = new ArrayList<>(record.size());
            record.forEach(fields::add);
            return fields;
        }
    }

    /**
     * A line without quotes or line breaks, split as RFC 4180 (and commons-csv, which EventCsvTest
     * checks) splits it: at every comma, nothing trimmed; an empty line has no fields. Most lines are
     * like that, and commons-csv builds a parser with an 8 KB buffer per call, which made it three
     * quarters of the cost of reading a large file.
     */
    private static List<String> splitPlain(String line) {
        if (line.isEmpty()) {
            return List.of();
        }
        List<String> fields = new ArrayList<>(EventFields.ALL.size());
        int start = 0;
        for (int comma = line.indexOf(','); comma >= 0; comma = line.indexOf(',', start)) {
            fields.add(line.substring(start, comma));
            start = comma + 1;
        }
        fields.add(line.substring(start));
        return fields;
    }

    /** Opens a CSV file, gzip-compressed when its name ends in {@code .gz}. */
    public static LineReader open(Path file) throws IOException {
        InputStream in = Files.newInputStream(file);
        if (file.getFileName().toString().endsWith(".gz")) {
            in = new GZIPInputStream(in, 1 << 16);
        }
        return new LineReader(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16));
    }

    /** Reads every line of a file; the header line (if present) is skipped; blank lines are skipped. */
    public static final class LineReader implements Iterator<Line>, Closeable {
        private final BufferedReader reader;
        private long lineNumber;
        private Line next;

        LineReader(BufferedReader reader) {
            this.reader = reader;
        }

        @Override
        public boolean hasNext() {
            if (next != null) {
                return true;
            }
            try {
                String raw;
                while ((raw = reader.readLine()) != null) {
                    lineNumber++;
                    if (raw.isBlank() || (lineNumber == 1 && raw.strip().equals(HEADER_LINE))) {
                        continue;
                    }
                    next = new Line(lineNumber, raw, parseLine(raw));
                    return true;
                }
                return false;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public Line next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            Line line = next;
            next = null;
            return line;
        }

        @Override
        public void close() throws IOException {
            reader.close();
        }
    }

    /** Writes events in the data set's layout, starting with the header. */
    public static CSVPrinter printer(Appendable out) throws IOException {
        CSVPrinter printer = new CSVPrinter(out, FORMAT);
        printer.printRecord(EventFields.ALL);
        return printer;
    }

    public static void print(CSVPrinter printer, ClickEvent event) throws IOException {
        printer.printRecord(toFields(event));
    }

    /** The nine fields of an event as the data set writes them ({@code null} as empty). */
    public static List<String> toFields(ClickEvent event) {
        List<String> fields = new ArrayList<>(EventFields.ALL.size());
        fields.add(EventTimes.format(event.eventTime()));
        fields.add(event.eventType().wireName());
        fields.add(Long.toString(event.productId()));
        fields.add(event.categoryId() == null ? "" : Long.toString(event.categoryId()));
        fields.add(nullToEmpty(event.categoryCode()));
        fields.add(nullToEmpty(event.brand()));
        fields.add(event.price().toPlainString());
        fields.add(Long.toString(event.userId()));
        fields.add(nullToEmpty(event.userSession()));
        return fields;
    }

    private static String nullToEmpty(String value) {
        return value == null ? "" : value;
    }
}
