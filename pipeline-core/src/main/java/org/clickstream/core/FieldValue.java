package org.clickstream.core;

/**
 * One of the nine fields as a reader found it, before any rule is applied. A CSV field is
 * {@link Kind#UNTYPED} text (CSV cannot say whether {@code 12} is a number or a word); JSON says
 * which it is. {@link EventRules} judges both forms with the same rules.
 */
public record FieldValue(Kind kind, String text) {

    public enum Kind {
        /** CSV text: may be read as a number or as text. */
        UNTYPED,
        /** A JSON string. */
        STRING,
        /** A JSON number, as written (its text, never a parsed value). */
        NUMBER,
        /** Absent, JSON {@code null}, or an empty CSV field. */
        NULL,
        /** A JSON boolean, object or array; {@code text} shows what it was. */
        OTHER
    }

    public static final FieldValue NULL = new FieldValue(Kind.NULL, null);

    /** A CSV field: empty means absent. */
    public static FieldValue csv(String text) {
        return text == null || text.isEmpty() ? NULL : new FieldValue(Kind.UNTYPED, text);
    }

    boolean isNull() {
        return kind == Kind.NULL;
    }

    boolean canBeNumber() {
        return kind == Kind.UNTYPED || kind == Kind.NUMBER;
    }

    boolean canBeText() {
        return kind == Kind.UNTYPED || kind == Kind.STRING;
    }
}
