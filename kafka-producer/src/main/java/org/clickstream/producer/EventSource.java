package org.clickstream.producer;

import java.io.Closeable;
import java.io.IOException;
import org.clickstream.core.EventCsv;

/** What the producer sends: rows of a file, or generated events. */
public interface EventSource extends Closeable {

    /** The next row (a valid event or a malformed row with its reason), or {@code null} at the end. */
    EventCsv.Line next() throws IOException;

    /** 1 while reading the input the first time; 2, 3, ... while replaying it ({@code --loop}). */
    int cycle();
}
