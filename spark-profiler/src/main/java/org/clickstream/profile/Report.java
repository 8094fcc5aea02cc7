package org.clickstream.profile;

import java.math.BigDecimal;
import java.util.List;

/**
 * The profile's content as data, in report order, for {@link TextReport}, {@link HtmlReport} and
 * {@link JsonReport} alike: sections of fields, tables and charts, every value typed so that each
 * renderer formats it its way (the JSON exactly, the text and HTML for people). A {@code jsonKey}
 * of null puts a block's content into its parent's object (the JSON's top level, for a section
 * without a key); a field without a key is for people only.
 */
record Report(String title, String input, List<Section> sections) {

    /** {@code subtitle} and {@code note} may be null. */
    record Section(String title, String subtitle, String note, String jsonKey, List<Block> blocks) {}

    sealed interface Block permits Fields, Table, Chart {}

    /** Label-value rows; in the JSON an object (or, without a key, the fields in the parent). */
    record Fields(String title, String jsonKey, List<Field> fields) implements Block {}

    record Field(String label, String jsonKey, Cell value) {}

    /**
     * Rows whose first cell names them. The JSON writes {@link Shape#KEYED} tables as an object of
     * row objects keyed by the first cell, {@link Shape#FLAT} ones as an object of the first cell to
     * the second, and {@link Shape#LIST} ones as an array of row objects (first cell included). The
     * text and HTML show the first {@code shown} rows, {@code transposed} (columns as rows) if set.
     */
    record Table(
            String title,
            String jsonKey,
            Shape shape,
            List<Column> columns,
            List<List<Cell>> rows,
            int shown,
            boolean transposed)
            implements Block {
        enum Shape {
            KEYED,
            FLAT,
            LIST
        }
    }

    record Column(String label, String jsonKey) {}

    /** A bar chart (HTML only): one bar per label, per series; {@code horizontal} for long labels. */
    record Chart(String title, List<String> labels, List<Series> series, boolean horizontal) implements Block {}

    record Series(String name, List<? extends Number> values) {}

    /** One value, typed by how it is shown and written. */
    sealed interface Cell permits Text, Count, Id, Percent, Decimal {}

    record Text(String value) implements Cell {}

    record Count(long value) implements Cell {}

    /** An identifier: digits only, a JSON number. */
    record Id(long value) implements Cell {}

    /** Null where pandas would say NaN. */
    record Percent(Double value) implements Cell {}

    /**
     * A decimal (null: undefined). {@code exact}: written to the JSON as the exact decimal (else as
     * the nearest double); {@code look}: how people see it.
     */
    record Decimal(BigDecimal value, Look look, boolean exact) implements Cell {
        enum Look {
            /** Exact, without trailing zeros. */
            PLAIN,
            /** Two decimals. */
            ROUNDED,
            /** Dollars to the cent. */
            DOLLARS,
            /** A number of cents, shown as dollars. */
            CENTS,
            /** Seconds, to a tenth. */
            SECONDS
        }
    }
}
