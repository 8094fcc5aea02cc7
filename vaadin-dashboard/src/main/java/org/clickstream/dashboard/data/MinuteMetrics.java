package org.clickstream.dashboard.data;

import java.time.Instant;

/** One row of {@code metrics_by_minute} (or of one brand's {@code metrics_by_brand_minute}): the event-time minute (UTC) and its counters. */
public record MinuteMetrics(Instant minute, Counters counters) {}
