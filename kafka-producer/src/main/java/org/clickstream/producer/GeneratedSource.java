package org.clickstream.producer;

import org.clickstream.core.EventCsv;
import org.clickstream.core.ParseResult;
import org.clickstream.core.generator.EventGenerator;

/** {@code count} events of the generator, numbered from 1 like the rows of a file (they have no raw text). */
public final class GeneratedSource implements EventSource {
    private final EventGenerator generator;
    private final long count;
    private long produced;

    public GeneratedSource(EventGenerator generator, long count) {
        this.generator = generator;
        this.count = count;
    }

    @Override
    public EventCsv.Line next() {
        if (produced >= count) {
            return null;
        }
        produced++;
        return new EventCsv.Line(produced, null, 0, new ParseResult.Valid(generator.next()));
    }

    @Override
    public int cycle() {
        return 1;
    }

    @Override
    public void close() {}
}
