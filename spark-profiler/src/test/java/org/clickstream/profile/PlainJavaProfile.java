package org.clickstream.profile;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.clickstream.core.testing.ExpectedMetrics;

/**
 * The profile's numbers the plain way, for tests: which lines are valid comes from
 * {@link ExpectedMetrics} (its own reading of CONTRACT.md's rules), and everything else is computed
 * here with sorted arrays, hash sets, two-pass formulas and per-key lists of events, sharing no code
 * with the profiler.
 */
final class PlainJavaProfile {
    static final List<String> COLUMNS = List.of(
            "event_time",
            "event_type",
            "product_id",
            "category_id",
            "category_code",
            "brand",
            "price",
            "user_id",
            "user_session");
    static final List<String> NUMERIC = List.of("product_id", "category_id", "price", "user_id");
    private static final MathContext PRECISION = new MathContext(50);

    final long records;
    final long malformed;
    final Map<String, Long> nulls = new HashMap<>();
    final Map<String, Long> unique = new HashMap<>();
    final Map<String, Long> eventTypes = new HashMap<>();
    final Map<String, long[]> brandCounts = new HashMap<>(); // brand → {events, purchases}
    final Map<String, BigDecimal[]> brandMoney = new HashMap<>(); // brand → {total value, revenue}
    final Map<String, Long> categories = new HashMap<>();
    final long[] segments = new long[4];
    final Map<String, List<BigDecimal>> sortedNumbers = new HashMap<>();

    /** One valid event, as the session, category and product sections need it. */
    record Event(long second, String type, long productId, String code, String brand, long cents, String sessionKey) {}

    /** A session: first and last event time, events, whether one was a cart or a purchase, its purchases' cents. */
    record Session(long first, long last, int events, boolean cart, boolean purchase, long revenueCents) {}

    final List<Event> events = new ArrayList<>();

    PlainJavaProfile(Path csv) throws IOException {
        ExpectedMetrics expected = ExpectedMetrics.of(csv);
        Set<Long> malformedLines = new HashSet<>(expected.malformedLines);
        malformed = malformedLines.size();
        List<String> lines = Files.readAllLines(csv);
        Map<String, Set<String>> distinct = new HashMap<>();
        for (String column : COLUMNS) {
            nulls.put(column, 0L);
            distinct.put(column, new HashSet<>());
            sortedNumbers.put(column, new ArrayList<>());
        }
        long valid = 0;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank() || (i == 0 && line.startsWith("event_time,")) || malformedLines.contains(i + 1L)) {
                continue;
            }
            valid++;
            List<String> fields = fields(line);
            for (int c = 0; c < COLUMNS.size(); c++) {
                String column = COLUMNS.get(c);
                String value = fields.get(c);
                if (value.isEmpty()) {
                    nulls.merge(column, 1L, Long::sum);
                    continue;
                }
                boolean numeric = NUMERIC.contains(column);
                distinct.get(column)
                        .add(
                                numeric
                                        ? new BigDecimal(value)
                                                .stripTrailingZeros()
                                                .toPlainString()
                                        : value);
                if (numeric) {
                    sortedNumbers.get(column).add(new BigDecimal(value));
                }
            }
            String type = fields.get(1);
            BigDecimal price = new BigDecimal(fields.get(6));
            eventTypes.merge(type, 1L, Long::sum);
            String brand = fields.get(5).trim().toLowerCase(Locale.ROOT);
            if (!brand.isEmpty()) {
                boolean purchase = type.equals("purchase");
                long[] counts = brandCounts.computeIfAbsent(brand, b -> new long[2]);
                counts[0]++;
                counts[1] += purchase ? 1 : 0;
                BigDecimal[] money =
                        brandMoney.computeIfAbsent(brand, b -> new BigDecimal[] {BigDecimal.ZERO, BigDecimal.ZERO});
                money[0] = money[0].add(price);
                money[1] = purchase ? money[1].add(price) : money[1];
            }
            String timeText = fields.get(0).endsWith(" UTC") ? fields.get(0).substring(0, 19) : fields.get(0);
            long second = LocalDateTime.parse(timeText, DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss"))
                    .toEpochSecond(ZoneOffset.UTC);
            // Two key spaces: a session named "42" is not the session-less events of user 42.
            String sessionKey = fields.get(8).isEmpty() ? "user " + fields.get(7) : "session " + fields.get(8);
            long cents = price.multiply(BigDecimal.valueOf(100))
                    .setScale(0, RoundingMode.HALF_UP)
                    .longValueExact();
            events.add(new Event(second, type, Long.parseLong(fields.get(2)), fields.get(4), brand, cents, sessionKey));
            String code = fields.get(4);
            if (!code.isEmpty()) {
                int dot = code.indexOf('.');
                categories.merge(dot < 0 ? code : code.substring(0, dot), 1L, Long::sum);
            }
            segments[
                    price.compareTo(BigDecimal.valueOf(50)) < 0
                            ? 0
                            : price.compareTo(BigDecimal.valueOf(100)) < 0
                                    ? 1
                                    : price.compareTo(BigDecimal.valueOf(200)) < 0 ? 2 : 3]++;
        }
        records = valid;
        if (valid != expected.validRows) {
            throw new IllegalStateException(
                    "valid rows: " + valid + " here, " + expected.validRows + " in ExpectedMetrics");
        }
        distinct.forEach((column, values) -> unique.put(column, (long) values.size()));
        sortedNumbers.values().forEach(values -> values.sort(null));
    }

    private static List<String> fields(String line) throws IOException {
        try (CSVParser parser = CSVParser.parse(line, CSVFormat.RFC4180)) {
            CSVRecord record = parser.getRecords().get(0);
            List<String> fields = new ArrayList<>();
            record.forEach(fields::add);
            return fields;
        }
    }

    /** Every key's events sorted by time, cut where an event is {@code gap} or more after the one before. */
    List<Session> sessions(Duration gap) {
        Map<String, List<Event>> byKey = new HashMap<>();
        events.forEach(e ->
                byKey.computeIfAbsent(e.sessionKey(), k -> new ArrayList<>()).add(e));
        List<Session> sessions = new ArrayList<>();
        for (List<Event> keyEvents : byKey.values()) {
            keyEvents.sort(Comparator.comparingLong(Event::second));
            List<Event> current = new ArrayList<>();
            for (Event e : keyEvents) {
                if (!current.isEmpty()
                        && (e.second() - current.get(current.size() - 1).second()) * 1000 >= gap.toMillis()) {
                    sessions.add(session(current));
                    current = new ArrayList<>();
                }
                current.add(e);
            }
            sessions.add(session(current));
        }
        return sessions;
    }

    private static Session session(List<Event> events) {
        return new Session(
                events.get(0).second(),
                events.get(events.size() - 1).second(),
                events.size(),
                events.stream().anyMatch(e -> e.type().equals("cart")),
                events.stream().anyMatch(e -> e.type().equals("purchase")),
                events.stream()
                        .filter(e -> e.type().equals("purchase"))
                        .mapToLong(Event::cents)
                        .sum());
    }

    long revenueCents() {
        return events.stream()
                .filter(e -> e.type().equals("purchase"))
                .mapToLong(Event::cents)
                .sum();
    }

    /** {events, views, carts, purchases, revenue cents} per category name. */
    Map<String, long[]> categoryTotals(boolean topLevel) {
        Map<String, long[]> totals = new HashMap<>();
        for (Event e : events) {
            String name = e.code().isEmpty() ? "unknown" : e.code();
            if (topLevel) {
                name = name.contains(".") ? name.substring(0, name.indexOf('.')) : name;
                name = name.isEmpty() ? "unknown" : name;
            }
            long[] t = totals.computeIfAbsent(name, n -> new long[5]);
            t[0]++;
            t[1] += e.type().equals("view") ? 1 : 0;
            t[2] += e.type().equals("cart") ? 1 : 0;
            t[3] += e.type().equals("purchase") ? 1 : 0;
            t[4] += e.type().equals("purchase") ? e.cents() : 0;
        }
        return totals;
    }

    /** Per product: {views, carts, purchases, revenue cents}, and its latest event's brand and category. */
    record Product(long id, long views, long carts, long purchases, long revenueCents, String brand, String category) {}

    List<Product> products() {
        Map<Long, List<Event>> byProduct = new HashMap<>();
        events.forEach(e ->
                byProduct.computeIfAbsent(e.productId(), k -> new ArrayList<>()).add(e));
        List<Product> products = new ArrayList<>();
        byProduct.forEach((id, list) -> {
            Event latest = list.stream()
                    .max(Comparator.comparingLong(Event::second)
                            .thenComparing(e -> e.brand().isEmpty() ? "unknown" : e.brand())
                            .thenComparing(e -> e.code().isEmpty() ? "unknown" : e.code()))
                    .orElseThrow();
            products.add(new Product(
                    id,
                    list.stream().filter(e -> e.type().equals("view")).count(),
                    list.stream().filter(e -> e.type().equals("cart")).count(),
                    list.stream().filter(e -> e.type().equals("purchase")).count(),
                    list.stream()
                            .filter(e -> e.type().equals("purchase"))
                            .mapToLong(Event::cents)
                            .sum(),
                    latest.brand().isEmpty() ? "unknown" : latest.brand(),
                    latest.code().isEmpty() ? "unknown" : latest.code()));
        });
        return products;
    }

    BigDecimal mean(String column) {
        List<BigDecimal> values = sortedNumbers.get(column);
        return values.stream()
                .reduce(BigDecimal.ZERO, BigDecimal::add)
                .divide(BigDecimal.valueOf(values.size()), PRECISION);
    }

    /** Two passes: the mean, then the squared deviations from it (ddof = 1). */
    BigDecimal std(String column) {
        List<BigDecimal> values = sortedNumbers.get(column);
        BigDecimal mean = mean(column);
        BigDecimal squares = values.stream().map(v -> v.subtract(mean).pow(2)).reduce(BigDecimal.ZERO, BigDecimal::add);
        return squares.divide(BigDecimal.valueOf(values.size() - 1), PRECISION).sqrt(PRECISION);
    }

    /** numpy's linear method: position (n − 1)·q between the two order statistics around it. */
    BigDecimal quantile(String column, double q) {
        List<BigDecimal> values = sortedNumbers.get(column);
        BigDecimal position = BigDecimal.valueOf(values.size() - 1).multiply(BigDecimal.valueOf(q));
        int below = position.setScale(0, RoundingMode.DOWN).intValueExact();
        BigDecimal weight = position.subtract(BigDecimal.valueOf(below));
        BigDecimal low = values.get(below);
        BigDecimal high = values.get(Math.min(below + 1, values.size() - 1));
        return low.add(high.subtract(low).multiply(weight));
    }

    BigDecimal min(String column) {
        return sortedNumbers.get(column).get(0);
    }

    BigDecimal max(String column) {
        List<BigDecimal> values = sortedNumbers.get(column);
        return values.get(values.size() - 1);
    }

    long count(String column) {
        return sortedNumbers.get(column).size();
    }
}
