package org.clickstream.dashboard.view;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import org.clickstream.dashboard.feed.FeedState;

/** The banners above the dashboard: HBase unreachable, processor silent. */
public final class Notices {
    static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

    public enum Level {
        ERROR,
        WARNING,
        INFO
    }

    public record Notice(Level level, String text) {}

    private Notices() {}

    /** @param pipelineTable the table of the health row, for the message when there is none ({@code ecommerce:pipeline}) */
    public static List<Notice> of(FeedState state, Instant now, Duration staleAfter, String pipelineTable) {
        List<Notice> notices = new ArrayList<>();
        state.error()
                .ifPresent(error -> notices.add(new Notice(
                        Level.ERROR,
                        "Cannot read " + state.sourceName() + ": "
                                + error + ". "
                                + state.lastSuccess()
                                        .map(at -> "Showing the data read at " + TIME.format(at) + " ("
                                                + Formats.age(Duration.between(at, now)) + " ago). ")
                                        .orElse("")
                                + "Retrying every second.")));
        if (state.lastSuccess().isPresent()) {
            state.data()
                    .pipeline()
                    .ifPresentOrElse(
                            status -> {
                                Instant lastBatch = Instant.ofEpochMilli(status.lastBatchTimeMs());
                                Duration age = Duration.between(lastBatch, now);
                                if (age.compareTo(staleAfter) > 0) {
                                    notices.add(new Notice(
                                            Level.WARNING,
                                            "The processor has not written for " + Formats.age(age)
                                                    + " (last batch #" + status.lastBatchId() + " at "
                                                    + TIME.format(lastBatch)
                                                    + "). Is scripts/process running?"));
                                }
                            },
                            () -> {
                                if (!state.data().isEmpty()) {
                                    notices.add(new Notice(
                                            Level.INFO,
                                            "The processor has not reported its health yet " + "(no row 'processor' in "
                                                    + pipelineTable + ")."));
                                }
                            });
        }
        return notices;
    }
}
