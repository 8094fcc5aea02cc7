package org.clickstream.core.generator;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.csv.CSVPrinter;
import org.clickstream.core.ClickEvent;
import org.clickstream.core.EventCsv;

/** Writes generated events as a CSV file in the data set's layout, optionally with malformed rows mixed in. */
public final class CsvGenerator {

    private CsvGenerator() {}

    /** What a generated file holds. */
    public record Summary(long rows, long validRows, long malformedRows) {}

    /**
     * @param malformedEvery every n-th row is a malformed one (cycling through {@link MalformedRows#CASES});
     *                       0 for none
     */
    public static Summary write(Path file, EventGenerator generator, long rows, long malformedEvery)
            throws IOException {
        OutputStream out = Files.newOutputStream(file);
        if (file.getFileName().toString().endsWith(".gz")) {
            out = new GZIPOutputStream(out, 1 << 16);
        }
        try (Writer writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16)) {
            return write(writer, generator, rows, malformedEvery);
        }
    }

    public static Summary write(Writer writer, EventGenerator generator, long rows, long malformedEvery)
            throws IOException {
        CSVPrinter printer = EventCsv.printer(writer);
        long malformed = 0;
        for (long row = 1; row <= rows; row++) {
            ClickEvent event = generator.next();
            if (malformedEvery > 0 && row % malformedEvery == 0) {
                MalformedRows.Case broken = MalformedRows.CASES.get((int) (malformed % MalformedRows.CASES.size()));
                writer.write(broken.apply(EventCsv.toFields(event)));
                writer.write('\n');
                malformed++;
            } else {
                EventCsv.print(printer, event);
            }
        }
        printer.flush();
        return new Summary(rows, rows - malformed, malformed);
    }
}
