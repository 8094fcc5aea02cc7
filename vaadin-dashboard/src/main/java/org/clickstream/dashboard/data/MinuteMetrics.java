package org.clickstream.dashboard.data;

import java.time.Instant;

/** One row of {@code metrics_by_minute}: the event-time minute (UTC) and its counters. */
public record MinuteMetrics(Instant minute, Counters counters) {
}
