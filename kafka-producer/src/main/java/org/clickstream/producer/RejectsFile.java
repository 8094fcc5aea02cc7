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
 * The malformed rows of a run, as CSV {@code line,reason,detail,raw}: the line number in the input
 * file (header included), the reason's code, what was wrong, and the line as it was. The file is
 * only created when there is something to write.
 */
public final class RejectsFile implements Closeable {
    public static final String[] HEADER = {"line", "reason", "detail", "raw"};

    private final Path path;
    private CSVPrinter printer;
    private long written;

    public RejectsFile(Path path) {
        this.path = path;
    }

    public void write(long lineNumber, RejectReason reason, String detail, String raw) {
        try {
            if (printer == null) {
                Writer writer = Files.newBufferedWriter(path, StandardCharsets.UTF_8);
                printer = new CSVPrinter(writer, EventCsv.FORMAT);
                printer.printRecord((Object[]) HEADER);
            }
            printer.printRecord(lineNumber, reason.code(), detail, raw);
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

    public long written() {
        return written;
    }

    @Override
    public void close() throws IOException {
        if (printer != null) {
            printer.close();
        }
    }
}
