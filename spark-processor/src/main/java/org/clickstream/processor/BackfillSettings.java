package org.clickstream.processor;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.clickstream.core.EventRules;
import org.clickstream.core.hbase.TableLayout;

/**
 * What a backfill is told, checked: what {@link BackfillCommand}'s options become.
 *
 * @param until   events at or after it are left to the stream (an hour boundary); {@code null}: the hour after the newest event
 * @param clock   the validating clock (events too far ahead of it are rejected)
 * @param staging where the HFiles are written before HBase takes them (a file system the region servers read)
 */
record BackfillSettings(
        String input,
        String zookeeper,
        TableLayout layout,
        Instant until,
        Duration sessionGap,
        EventRules rules,
        Instant clock,
        Outputs outputs,
        String staging,
        Duration rejectsTtl,
        boolean takeOver,
        Path statsJson) {}
