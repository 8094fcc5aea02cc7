package org.clickstream.dashboard.data;

/** A row of an all-time table ({@code metrics_by_brand}, {@code _category}, {@code _category_code}): its key (untrusted text) and counters. */
public record NamedCounters(String name, Counters counters) {}
