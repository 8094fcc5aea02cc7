package org.clickstream.core.testing;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the metric tables must hold for a CSV file, computed the plain way: its own line splitting
 * and its own reading of CONTRACT.md's rules, sharing no code with the pipeline. Tests compare the
 * HBase tables with this, cell by cell. Values are keyed like the tables: row key, then qualifier.
 */
public final class ExpectedMetrics {
    private static final Pattern TIME =
            Pattern.compile("(\\d{4})-(\\d{2})-(\\d{2}) (\\d{2}):(\\d{2}):(\\d{2})( UTC)?");
    private static final Pattern INTEGER = Pattern.compile("[+-]?\\d+");
    private static final Pattern DECIMAL = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");
    private static final BigInteger LONG_MIN = BigInteger.valueOf(Long.MIN_VALUE);
    private static final BigInteger LONG_MAX = BigInteger.valueOf(Long.MAX_VALUE);
    private static final BigDecimal MAX_PRICE = new BigDecimal("1000000000");
    private static final Set<String> TYPES = Set.of("view", "cart", "remove_from_cart", "purchase");

    public final Map<String, Map<String, Long>> byMinute = new TreeMap<>();
    public final Map<String, Map<String, Long>> byBrand = new TreeMap<>();
    public final Map<String, Map<String, Long>> byBrandMinute = new TreeMap<>();
    /** Line numbers (1-based, header included) of the rows that must be rejected. */
    public final List<Long> malformedLines = new ArrayList<>();
    public long validRows;

    private final Map<String, Set<String>> usersByMinute = new HashMap<>();
    private final Map<String, Set<String>> sessionsByMinute = new HashMap<>();

    private ExpectedMetrics() {
    }

    public static ExpectedMetrics of(Path csv) throws IOException {
        ExpectedMetrics expected = new ExpectedMetrics();
        List<String> lines = Files.readAllLines(csv);
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank() || (i == 0 && line.startsWith("event_time,"))) {
                continue;
            }
            List<String> fields = split(line);
            if (fields == null || !expected.add(fields)) {
                expected.malformedLines.add(i + 1L);
            }
        }
        expected.usersByMinute.forEach((minute, users) -> expected.byMinute.get(minute).put("unique_users", (long) users.size()));
        expected.sessionsByMinute.forEach((minute, sessions) ->
                expected.byMinute.get(minute).put("unique_sessions", (long) sessions.size()));
        return expected;
    }

    /** Rows all three tables together must hold. */
    public int rowCount() {
        return byMinute.size() + byBrand.size() + byBrandMinute.size();
    }

    private boolean add(List<String> f) {
        if (f.size() != 9) {
            return false;
        }
        Matcher time = TIME.matcher(f.get(0));
        if (!time.matches() || !realTime(time)) {
            return false;
        }
        String type = f.get(1);
        if (!TYPES.contains(type) || !isLong(f.get(2)) || !(f.get(3).isEmpty() || isLong(f.get(3)))
                || !DECIMAL.matcher(f.get(6)).matches() || !isLong(f.get(7))) {
            return false;
        }
        BigDecimal price = new BigDecimal(f.get(6));
        if (price.signum() < 0 || price.compareTo(MAX_PRICE) > 0) {
            return false;
        }
        validRows++;
        long cents = price.multiply(BigDecimal.valueOf(100)).setScale(0, RoundingMode.HALF_UP).longValueExact();
        String minute = time.group(1) + time.group(2) + time.group(3) + time.group(4) + time.group(5);
        String brand = f.get(5).trim().toLowerCase(Locale.ROOT);
        if (brand.isEmpty()) {
            brand = "unknown";
        }
        for (Map<String, Long> row : List.of(
                byMinute.computeIfAbsent(minute, k -> new TreeMap<>()),
                byBrand.computeIfAbsent(brand, k -> new TreeMap<>()),
                byBrandMinute.computeIfAbsent(minute + "|" + brand, k -> new TreeMap<>()))) {
            row.merge("events", 1L, Long::sum);
            for (String counter : List.of("views", "carts", "removes", "purchases")) {
                row.putIfAbsent(counter, 0L);
            }
            row.merge(switch (type) {
                case "view" -> "views";
                case "cart" -> "carts";
                case "remove_from_cart" -> "removes";
                default -> "purchases";
            }, 1L, Long::sum);
            row.merge("price_sum_cents", cents, Long::sum);
            row.merge("revenue_cents", type.equals("purchase") ? cents : 0L, Long::sum);
        }
        usersByMinute.computeIfAbsent(minute, k -> new HashSet<>()).add(new BigInteger(f.get(7)).toString());
        Set<String> sessions = sessionsByMinute.computeIfAbsent(minute, k -> new HashSet<>());
        if (!f.get(8).isEmpty()) {
            sessions.add(f.get(8));
        }
        return true;
    }

    private static boolean realTime(Matcher time) {
        try {
            LocalDateTime.of(Integer.parseInt(time.group(1)), Integer.parseInt(time.group(2)),
                    Integer.parseInt(time.group(3)), Integer.parseInt(time.group(4)),
                    Integer.parseInt(time.group(5)), Integer.parseInt(time.group(6)));
            return true;
        } catch (DateTimeException e) {
            return false;
        }
    }

    private static boolean isLong(String text) {
        if (!INTEGER.matcher(text).matches()) {
            return false;
        }
        BigInteger value = new BigInteger(text);
        return value.compareTo(LONG_MIN) >= 0 && value.compareTo(LONG_MAX) <= 0;
    }

    /** RFC 4180 on one line: quoted fields, doubled quotes inside them; {@code null} if quotes do not balance. */
    static List<String> split(String line) {
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    field.append(c);
                }
            } else if (c == '"' && field.length() == 0) {
                quoted = true;
            } else if (c == ',') {
                fields.add(field.toString());
                field.setLength(0);
            } else {
                field.append(c);
            }
        }
        if (quoted) {
            return null;
        }
        fields.add(field.toString());
        return fields;
    }
}
