package org.clickstream.profile;

/** How the profile names categories (the streaming metrics use the same rules). */
final class Categories {
    static final String UNKNOWN = "unknown";

    private Categories() {}

    /** The category_code as it is, {@code unknown} when empty. */
    static String code(String rawCode) {
        return rawCode == null || rawCode.isEmpty() ? UNKNOWN : rawCode;
    }

    /** The code up to its first dot (all of it without a dot); {@code unknown} when that is empty. */
    static String topLevel(String rawCode) {
        String code = code(rawCode);
        int dot = code.indexOf('.');
        String top = dot < 0 ? code : code.substring(0, dot);
        return top.isEmpty() ? UNKNOWN : top;
    }
}
