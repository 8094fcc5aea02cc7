package org.clickstream.dashboard.data;

import java.time.Instant;

/** One row of {@code sessions_by_minute}: the minute the sessions started (UTC) and their counters. */
public record SessionMinute(Instant minute, SessionCounters sessions) {}
