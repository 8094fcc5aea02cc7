package org.clickstream.producer;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.commons.csv.CSVPrinter;
import org.clickstream.core.EventCsv;
import org.clickstream.core.RejectReason;

/**
 * The malformed rows of a run, as CSV {@code line,reason,detail,size_bytes,raw}: the line number in
 * the input file (header included), the reason's code, what was wrong, the line's full size, and the
 * line as it was, cut to its first {@value #MAX_RAW_CHARS} characters. The file is only created when
 * there is something to write, and holds at most {@code maxRows} rejects (the rest are only counted),
 * so that a file of garbage cannot fill the disk.
 */
public final class RejectsFile implements Closeable {
    public static final String[] HEADER = {"line", "reason", "detail", "size_bytes", "raw"};
    public static final int MAX_RAW_CHARS = 1024;

    private final Path path;
    private final long maxRows;
    private CSVPrinter printer;
    private long written;
    private long dropped;

    public RejectsFile(Path path, long maxRows) {
        this.path = path;
        this.maxRows = maxRows;
    }

    /** Thread-safe: a record refused by Kafka is reported from the client's callback thread. */
    public synchronized void write(long lineNumber, RejectReason reason, String detail, long sizeBytes, String raw) {
        if (written >= maxRows) {
            dropped++;
            return;
        }
        try {
            if (printer == null) {
                Writer writer = Files.newBufferedWriter(path, StandardCharsets.UTF_8);
                printer = new CSVPrinter(writer, EventCsv.FORMAT);
                printer.printRecord((Object[]) HEADER);
            }
            printer.printRecord(
                    lineNumber,
                    reason.code(),
                    detail,
                    sizeBytes,
                    raw.length() > MAX_RAW_CHARS ? raw.substring(0, MAX_RAW_CHARS) : raw);
            // Rejects are rare; flushing each keeps the file readable while a long replay runs.
            printer.flush();
            written++;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write rejects file " + path, e);
        }
    }

    public Path path() {
        return path;
    }

    public synchronized long written() {
        return written;
    }

    /** Rejects counted but not written, once the file held {@code maxRows}. */
    public synchronized long dropped() {
        return dropped;
    }

    @Override
    public synchronized void close() throws IOException {
        if (printer != null) {
            printer.close();
        }
    }
}
