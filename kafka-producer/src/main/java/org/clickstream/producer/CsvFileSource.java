package org.clickstream.producer;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.clickstream.core.ClickEvent;
import org.clickstream.core.EventCsv;
import org.clickstream.core.EventRules;
import org.clickstream.core.ParseResult;

/**
 * The rows of a CSV file (gzip when it ends in {@code .gz}), once or, with {@code loop}, over and over.
 *
 * <p>Replayed events are moved forward in time, so that event time keeps advancing and a streaming
 * reader with a watermark does not drop every replay as late: cycle {@code n} is shifted by
 * {@code (n - 1) * shift}, where {@code shift} is the number of whole minutes the file spans (first
 * to last event minute, both included). The replay thus starts in the minute after the previous cycle's
 * last event, and every minute of a cycle holds the same events as the same minute of the first one.
 */
public final class CsvFileSource implements EventSource {
    private final Path file;
    private final boolean loop;
    private final EventRules rules;
    private final Clock clock;
    private EventCsv.LineReader reader;
    private int cycle = 1;
    private Instant firstMinute;
    private Instant lastMinute;
    private Duration shift = Duration.ZERO;

    /** @param clock the validation clock: events too far ahead of it are rejected */
    public CsvFileSource(Path file, boolean loop, EventRules rules, Clock clock) throws IOException {
        this.file = file;
        this.loop = loop;
        this.rules = rules;
        this.clock = clock;
        this.reader = EventCsv.open(file, rules, clock);
    }

    @Override
    public EventCsv.Line next() throws IOException {
        while (!reader.hasNext()) {
            // Without a valid event there is nothing to replay (and the loop would never send anything).
            if (!loop || firstMinute == null) {
                return null;
            }
            reader.close();
            reader = EventCsv.open(file, rules, clock);
            cycle++;
            shift = Duration.between(firstMinute, lastMinute).plusMinutes(1).multipliedBy(cycle - 1L);
        }
        EventCsv.Line line = reader.next();
        if (!(line.result() instanceof ParseResult.Valid valid)) {
            return line;
        }
        ClickEvent event = valid.event();
        if (cycle == 1) {
            Instant minute = event.eventTime().truncatedTo(ChronoUnit.MINUTES);
            firstMinute = firstMinute == null || minute.isBefore(firstMinute) ? minute : firstMinute;
            lastMinute = lastMinute == null || minute.isAfter(lastMinute) ? minute : lastMinute;
            return line;
        }
        return new EventCsv.Line(
                line.lineNumber(),
                line.raw(),
                line.sizeBytes(),
                new ParseResult.Valid(event.withEventTime(event.eventTime().plus(shift))));
    }

    @Override
    public int cycle() {
        return cycle;
    }

    @Override
    public void close() throws IOException {
        reader.close();
    }
}
