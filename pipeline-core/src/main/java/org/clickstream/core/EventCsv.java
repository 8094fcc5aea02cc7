package org.clickstream.core;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
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
 * Lines are read as bytes and decoded strictly: a line that is not valid UTF-8 is a
 * {@link RejectReason#BAD_ENCODING} reject rather than a row with replacement characters.
 */
public final class EventCsv {
    public static final String HEADER_LINE = String.join(",", EventFields.ALL);
    public static final CSVFormat FORMAT =
            CSVFormat.RFC4180.builder().setRecordSeparator('\n').get();
    /** Longer lines are rejected ({@link RejectReason#RECORD_TOO_LARGE}) without being held in memory. */
    public static final int MAX_LINE_BYTES = 64 * 1024;
    /** What a reject keeps of a line that is too long or badly encoded, for people to look at. */
    public static final int SHOWN_BYTES = 1024;

    private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    private EventCsv() {}

    /**
     * One line of a file and what it held. {@code raw} is the line as text (for a badly encoded line,
     * decoded with replacement characters; for a line too long, its first {@value #SHOWN_BYTES} bytes);
     * {@code sizeBytes} its full length in bytes.
     */
    public record Line(long lineNumber, String raw, long sizeBytes, ParseResult result) {}

    /** Splits one line into fields and validates them; a line that is not valid CSV is {@link RejectReason#BAD_CSV}. */
    public static ParseResult parseLine(String line, EventRules rules, Instant clock) {
        List<String> fields;
        try {
            fields = split(line);
        } catch (IOException | UncheckedIOException | IllegalStateException e) {
            return ParseResult.rejected(RejectReason.BAD_CSV, EventRules.shown(e.getMessage()));
        }
        FieldValue[] values = new FieldValue[fields.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = FieldValue.csv(fields.get(i));
        }
        return rules.validate(values, clock);
    }

    /** As {@link #parseLine(String, EventRules, Instant)}, for a line's bytes; invalid UTF-8 is {@link RejectReason#BAD_ENCODING}. */
    public static ParseResult parseLine(byte[] bytes, int offset, int length, EventRules rules, Instant clock) {
        String line = decodeStrictly(bytes, offset, length);
        if (line == null) {
            return ParseResult.rejected(RejectReason.BAD_ENCODING, encodingProblem(bytes, offset, length));
        }
        return parseLine(line, rules, clock);
    }

    /** The text of UTF-8 bytes, or {@code null} when they are not valid UTF-8. */
    static String decodeStrictly(byte[] bytes, int offset, int length) {
        boolean ascii = true;
        for (int i = offset; i < offset + length && ascii; i++) {
            ascii = bytes[i] >= 0;
        }
        if (ascii) {
            return new String(bytes, offset, length, StandardCharsets.ISO_8859_1);
        }
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes, offset, length))
                    .toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    private static String encodingProblem(byte[] bytes, int offset, int length) {
        CharsetDecoder decoder = StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes, offset, length);
        CoderResult result = decoder.decode(in, CharBuffer.allocate(length + 1), true);
        int at = in.position() - offset;
        return String.format(
                "not UTF-8: byte 0x%02X at position %d (Latin-1 or another encoding? convert the file to UTF-8)",
                result.isError() && at < length ? bytes[offset + at] & 0xFF : 0, at + 1);
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
    public static LineReader open(Path file, EventRules rules, Clock clock) throws IOException {
        InputStream in = Files.newInputStream(file);
        if (file.getFileName().toString().endsWith(".gz")) {
            in = new GZIPInputStream(in, 1 << 16);
        }
        return new LineReader(in, rules, clock);
    }

    /**
     * One line of a file read in splits (as Hadoop's TextInputFormat hands them to the backfill and
     * the profiler: the line's bytes without its {@code \n}), judged as {@link LineReader} judges it.
     *
     * @param first the file's first line (at byte 0): a byte order mark or the header line there is skipped
     * @return the line's result, or {@code null} for a line to skip (blank, or the header)
     */
    public static ParseResult parseFileLine(byte[] bytes, int length, boolean first, EventRules rules, Instant clock) {
        Line line = judge(bytes, length, 0, first, rules, clock);
        return line == null ? null : line.result();
    }

    /**
     * A line whose first {@code min(size, MAX_LINE_BYTES)} bytes are in {@code bytes}, of {@code size}
     * bytes in all; {@code null} to skip it.
     */
    private static Line judge(
            byte[] bytes, long size, long lineNumber, boolean first, EventRules rules, Instant clock) {
        int kept = (int) Math.min(size, MAX_LINE_BYTES);
        int offset = 0;
        if (first && kept >= BOM.length && bytes[0] == BOM[0] && bytes[1] == BOM[1] && bytes[2] == BOM[2]) {
            offset = BOM.length;
            kept -= BOM.length;
            size -= BOM.length;
        }
        if (kept > 0 && bytes[offset + kept - 1] == '\r' && size <= MAX_LINE_BYTES) {
            kept--;
            size--;
        }
        if (size > MAX_LINE_BYTES) {
            String shown = new String(bytes, offset, Math.min(kept, SHOWN_BYTES), StandardCharsets.UTF_8);
            return new Line(
                    lineNumber,
                    shown,
                    size,
                    ParseResult.rejected(
                            RejectReason.RECORD_TOO_LARGE,
                            "line of " + size + " bytes; at most " + MAX_LINE_BYTES + " are accepted"));
        }
        String text = decodeStrictly(bytes, offset, kept);
        if (text == null) {
            return new Line(
                    lineNumber,
                    new String(bytes, offset, kept, StandardCharsets.UTF_8),
                    size,
                    ParseResult.rejected(RejectReason.BAD_ENCODING, encodingProblem(bytes, offset, kept)));
        }
        if (text.isBlank() || (first && text.strip().equals(HEADER_LINE))) {
            return null;
        }
        return new Line(lineNumber, text, size, parseLine(text, rules, clock));
    }

    /**
     * Reads every line of a stream of UTF-8 bytes: a byte order mark at the start and the header line
     * (if first) are skipped, and so are blank lines. Memory stays bounded by {@link #MAX_LINE_BYTES}
     * whatever the input.
     */
    public static final class LineReader implements Iterator<Line>, Closeable {
        private final InputStream in;
        private final EventRules rules;
        private final Clock clock;
        private final byte[] buffer = new byte[1 << 16];
        private int position;
        private int limit;
        private byte[] line = new byte[256];
        private long lineNumber;
        private Line next;

        LineReader(InputStream in, EventRules rules, Clock clock) {
            this.in = in;
            this.rules = rules;
            this.clock = clock;
        }

        @Override
        public boolean hasNext() {
            if (next != null) {
                return true;
            }
            try {
                while (true) {
                    long size = readLine();
                    if (size < 0) {
                        return false;
                    }
                    lineNumber++;
                    next = judge(size);
                    if (next != null) {
                        return true;
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private Line judge(long size) {
            return EventCsv.judge(line, size, lineNumber, lineNumber == 1, rules, clock.instant());
        }

        /**
         * Reads up to the next '\n' into {@link #line}, keeping at most MAX_LINE_BYTES + 1 bytes;
         * returns the line's full length, or -1 at the end of the input.
         */
        private long readLine() throws IOException {
            long size = 0;
            int kept = 0;
            while (true) {
                if (position == limit) {
                    limit = in.read(buffer);
                    position = 0;
                    if (limit <= 0) {
                        limit = 0;
                        return size == 0 ? -1 : size;
                    }
                }
                int newline = indexOfNewline();
                int end = newline < 0 ? limit : newline;
                int chunk = end - position;
                int room = MAX_LINE_BYTES + 1 - kept;
                int copy = Math.min(chunk, Math.max(room, 0));
                if (copy > 0) {
                    ensureCapacity(kept + copy);
                    System.arraycopy(buffer, position, line, kept, copy);
                    kept += copy;
                }
                size += chunk;
                position = end;
                if (newline >= 0) {
                    position++;
                    return size;
                }
            }
        }

        private int indexOfNewline() {
            for (int i = position; i < limit; i++) {
                if (buffer[i] == '\n') {
                    return i;
                }
            }
            return -1;
        }

        private void ensureCapacity(int needed) {
            if (needed > line.length) {
                line = Arrays.copyOf(line, Math.max(needed, Math.min(line.length * 2, MAX_LINE_BYTES + 1)));
            }
        }

        @Override
        public Line next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            Line current = next;
            next = null;
            return current;
        }

        @Override
        public void close() throws IOException {
            in.close();
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
