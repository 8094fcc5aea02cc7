package org.clickstream.core.testing;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.Normalizer;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
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
 * What every table must hold for a CSV file, computed the plain way: its own byte-line reading, its
 * own line splitting and its own reading of docs/CONTRACT.md's rules, sharing no code with the
 * pipeline. Tests compare the HBase tables with this, cell by cell. Counter rows are keyed like the
 * tables (table, row key, qualifier) and hold only the non-zero counters, as the tables do.
 */
public final class ExpectedMetrics {
    private static final Pattern TIME =
            Pattern.compile("([0-9]{4})-([0-9]{2})-([0-9]{2}) ([0-9]{2}):([0-9]{2}):([0-9]{2})( UTC)?");
    private static final Pattern INTEGER = Pattern.compile("-?[0-9]{1,19}");
    private static final Pattern DECIMAL = Pattern.compile("-?([0-9]+(\\.[0-9]*)?|\\.[0-9]+)([eE][-+]?[0-9]{1,2})?");
    private static final BigInteger LONG_MIN = BigInteger.valueOf(Long.MIN_VALUE);
    private static final BigInteger LONG_MAX = BigInteger.valueOf(Long.MAX_VALUE);
    private static final BigDecimal MAX_PRICE = new BigDecimal("1000000000");
    private static final Set<String> TYPES = Set.of("view", "cart", "remove_from_cart", "purchase");
    private static final int MAX_LINE_BYTES = 64 * 1024;
    private static final int BOARD_SIZE = 25;

    /** The table names of the contract, without the namespace. */
    public static final String MINUTE = "metrics_by_minute";

    public static final String TOTAL = "metrics_total";
    public static final String BRAND = "metrics_by_brand";
    public static final String BRAND_MINUTE = "metrics_by_brand_minute";
    public static final String CATEGORY = "metrics_by_category";
    public static final String CATEGORY_MINUTE = "metrics_by_category_minute";
    public static final String CATEGORY_CODE = "metrics_by_category_code";
    public static final String CATEGORY_CODE_MINUTE = "metrics_by_category_code_minute";
    public static final String PRODUCT = "metrics_by_product";
    public static final String BRAND_PRODUCT = "metrics_by_brand_product";
    public static final String SESSIONS = "sessions_by_minute";
    public static final List<String> COUNTER_TABLES = List.of(
            MINUTE,
            TOTAL,
            BRAND,
            BRAND_MINUTE,
            CATEGORY,
            CATEGORY_MINUTE,
            CATEGORY_CODE,
            CATEGORY_CODE_MINUTE,
            PRODUCT,
            BRAND_PRODUCT,
            SESSIONS);

    /**
     * How the stream was run: the validating clock (events more than an hour after it are rejected),
     * the session gap, and the watermark delay (a session counts once the watermark, the newest event
     * minute less the delay, has passed its last event plus the gap).
     */
    public record Settings(Instant clock, Duration sessionGap, Duration watermark, boolean allSessionsClosed) {
        public static Settings defaults() {
            return new Settings(Instant.now(), Duration.ofMinutes(30), Duration.ofMinutes(10), false);
        }

        public Settings withClock(Instant newClock) {
            return new Settings(newClock, sessionGap, watermark, allSessionsClosed);
        }

        public Settings withSessionGap(Duration gap) {
            return new Settings(clock, gap, watermark, allSessionsClosed);
        }

        public Settings withWatermark(Duration delay) {
            return new Settings(clock, sessionGap, delay, allSessionsClosed);
        }

        /** Every session counts, as at the end of a file (the backfill, the profile): no watermark holds any open. */
        public Settings withAllSessionsClosed() {
            return new Settings(clock, sessionGap, watermark, true);
        }
    }

    /** A valid event as this class reads it. */
    private record Event(
            long line,
            Instant time,
            String type,
            long productId,
            String categoryCode,
            String brand,
            long cents,
            long userId,
            String session) {}

    /** Row key, then qualifier, then value, per table. */
    public final Map<String, Map<String, Map<String, Long>>> tables = new TreeMap<>();
    /** Product id to its {brand, category code} (of its latest event). */
    public final Map<String, List<String>> productDetails = new TreeMap<>();
    /** Leaderboard row key to its entries, best first. */
    public final Map<String, List<Map.Entry<String, Long>>> leaderboards = new TreeMap<>();
    /** Line numbers (1-based, header included) of the rows that must be rejected. */
    public final List<Long> malformedLines = new ArrayList<>();

    public long validRows;

    private final Settings settings;
    private final List<Event> events = new ArrayList<>();

    private ExpectedMetrics(Settings settings) {
        this.settings = settings;
        COUNTER_TABLES.forEach(table -> tables.put(table, new TreeMap<>()));
    }

    public static ExpectedMetrics of(Path csv) throws IOException {
        return of(csv, Settings.defaults());
    }

    public static ExpectedMetrics of(Path csv, Settings settings) throws IOException {
        ExpectedMetrics expected = new ExpectedMetrics(settings);
        byte[] bytes = Files.readAllBytes(csv);
        int start = 0;
        long number = 0;
        while (start < bytes.length) {
            int end = start;
            while (end < bytes.length && bytes[end] != '\n') {
                end++;
            }
            number++;
            expected.readLine(number, bytes, start, end);
            start = end + 1;
        }
        expected.aggregate();
        return expected;
    }

    public Map<String, Map<String, Long>> table(String name) {
        return tables.get(name);
    }

    public Map<String, Map<String, Long>> byMinute() {
        return tables.get(MINUTE);
    }

    public Map<String, Map<String, Long>> byBrand() {
        return tables.get(BRAND);
    }

    public Map<String, Map<String, Long>> byBrandMinute() {
        return tables.get(BRAND_MINUTE);
    }

    /** Rows all counter tables together hold. */
    public int rowCount() {
        return tables.values().stream().mapToInt(Map::size).sum();
    }

    private void readLine(long number, byte[] bytes, int start, int end) {
        int from = start;
        if (number == 1
                && end - start >= 3
                && bytes[start] == (byte) 0xEF
                && bytes[start + 1] == (byte) 0xBB
                && bytes[start + 2] == (byte) 0xBF) {
            from += 3;
        }
        int to = end > from && bytes[end - 1] == '\r' ? end - 1 : end;
        if (end - from > MAX_LINE_BYTES) {
            malformedLines.add(number);
            return;
        }
        String line;
        try {
            line = StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes, from, to - from))
                    .toString();
        } catch (CharacterCodingException e) {
            malformedLines.add(number);
            return;
        }
        if (line.isBlank()
                || (number == 1
                        && line.strip()
                                .equals(
                                        "event_time,event_type,product_id,category_id,category_code,brand,price,user_id,user_session"))) {
            return;
        }
        List<String> fields = split(line);
        Event event = fields == null ? null : event(number, fields);
        if (event == null) {
            malformedLines.add(number);
        } else {
            validRows++;
            events.add(event);
        }
    }

    private Event event(long number, List<String> f) {
        if (f.size() != 9) {
            return null;
        }
        Matcher timeText = TIME.matcher(f.get(0));
        if (!timeText.matches()) {
            return null;
        }
        Instant time = time(timeText);
        if (time == null
                || time.isBefore(Instant.parse("2000-01-01T00:00:00Z"))
                || time.isAfter(settings.clock().plus(Duration.ofHours(1)))) {
            return null;
        }
        String type = f.get(1);
        if (!TYPES.contains(type)
                || !isLong(f.get(2))
                || !(f.get(3).isEmpty() || isLong(f.get(3)))
                || !goodText(f.get(4), 256)
                || !goodText(f.get(5), 256)
                || f.get(6).length() > 32
                || !DECIMAL.matcher(f.get(6)).matches()
                || !isLong(f.get(7))
                || !goodText(f.get(8), 128)) {
            return null;
        }
        BigDecimal price = new BigDecimal(f.get(6));
        if (price.signum() < 0 || price.compareTo(MAX_PRICE) > 0) {
            return null;
        }
        long cents = price.multiply(BigDecimal.valueOf(100))
                .setScale(0, RoundingMode.HALF_UP)
                .longValueExact();
        return new Event(
                number,
                time,
                type,
                Long.parseLong(f.get(2)),
                f.get(4).isEmpty() ? "unknown" : f.get(4),
                brand(f.get(5)),
                cents,
                Long.parseLong(f.get(7)),
                f.get(8).isEmpty() ? null : f.get(8));
    }

    private void aggregate() {
        Map<String, Set<Long>> usersByMinute = new HashMap<>();
        Map<String, Set<String>> sessionsByMinute = new HashMap<>();
        Map<String, Event> latestOfProduct = new HashMap<>();
        for (Event e : events) {
            String minute = minuteKey(e.time());
            String category = e.categoryCode().equals("unknown")
                            || e.categoryCode().startsWith(".")
                    ? "unknown"
                    : e.categoryCode().contains(".")
                            ? e.categoryCode().substring(0, e.categoryCode().indexOf('.'))
                            : e.categoryCode();
            String product = Long.toString(e.productId());
            count(MINUTE, minute, e);
            count(TOTAL, "all", e);
            count(BRAND, e.brand(), e);
            count(BRAND_MINUTE, e.brand() + "|" + minute, e);
            count(CATEGORY, category, e);
            count(CATEGORY_MINUTE, category + "|" + minute, e);
            count(CATEGORY_CODE, e.categoryCode(), e);
            count(CATEGORY_CODE_MINUTE, e.categoryCode() + "|" + minute, e);
            count(PRODUCT, product, e);
            count(BRAND_PRODUCT, e.brand() + "|" + product, e);
            usersByMinute.computeIfAbsent(minute, k -> new HashSet<>()).add(e.userId());
            if (e.session() != null) {
                sessionsByMinute.computeIfAbsent(minute, k -> new HashSet<>()).add(e.session());
            }
            latestOfProduct.merge(product, e, (a, b) -> later(a, b) ? a : b);
        }
        usersByMinute.forEach(
                (minute, users) -> tables.get(MINUTE).get(minute).put("unique_users", (long) users.size()));
        sessionsByMinute.forEach(
                (minute, sessions) -> tables.get(MINUTE).get(minute).put("unique_sessions", (long) sessions.size()));
        latestOfProduct.forEach((product, e) -> productDetails.put(product, List.of(e.brand(), e.categoryCode())));
        sessions();
        boards();
    }

    private void count(String table, String key, Event e) {
        Map<String, Long> row = tables.get(table).computeIfAbsent(key, k -> new TreeMap<>());
        row.merge("events", 1L, Long::sum);
        row.merge(
                switch (e.type()) {
                    case "view" -> "views";
                    case "cart" -> "carts";
                    case "remove_from_cart" -> "removes";
                    default -> "purchases";
                },
                1L,
                Long::sum);
        addNonZero(row, "price_sum_cents", e.cents());
        addNonZero(row, "revenue_cents", e.type().equals("purchase") ? e.cents() : 0);
    }

    /** The product's latest event: by time, then the larger brand, then the larger category code. */
    private static boolean later(Event a, Event b) {
        int byTime = a.time().compareTo(b.time());
        if (byTime != 0) {
            return byTime > 0;
        }
        int byBrand = a.brand().compareTo(b.brand());
        return byBrand != 0 ? byBrand > 0 : a.categoryCode().compareTo(b.categoryCode()) >= 0;
    }

    /**
     * Sessions: per key (the session, or the user without one), events in time order (file order at
     * equal times); the next event less than the gap after the previous continues the session. A
     * session counts once closed: the final watermark (the newest event's minute less the delay) is
     * past its last event plus the gap.
     */
    private void sessions() {
        if (events.isEmpty()) {
            return;
        }
        Instant newest =
                events.stream().map(Event::time).max(Comparator.naturalOrder()).orElseThrow();
        Instant watermark =
                newest.truncatedTo(java.time.temporal.ChronoUnit.MINUTES).minus(settings.watermark());
        Map<String, List<Event>> byKey = new HashMap<>();
        for (Event e : events) {
            byKey.computeIfAbsent(e.session() != null ? "s:" + e.session() : "u:" + e.userId(), k -> new ArrayList<>())
                    .add(e);
        }
        for (List<Event> keyed : byKey.values()) {
            keyed.sort(Comparator.comparing(Event::time).thenComparingLong(Event::line));
            List<Event> session = new ArrayList<>();
            for (Event e : keyed) {
                if (!session.isEmpty()
                        && Duration.between(session.get(session.size() - 1).time(), e.time())
                                        .compareTo(settings.sessionGap())
                                >= 0) {
                    closeSession(session, watermark);
                    session = new ArrayList<>();
                }
                session.add(e);
            }
            closeSession(session, watermark);
        }
    }

    private void closeSession(List<Event> session, Instant watermark) {
        Instant first = session.get(0).time();
        Instant last = session.get(session.size() - 1).time();
        if (!settings.allSessionsClosed() && !last.plus(settings.sessionGap()).isBefore(watermark)) {
            return;
        }
        Map<String, Long> row = tables.get(SESSIONS).computeIfAbsent(minuteKey(first), k -> new TreeMap<>());
        row.merge("sessions", 1L, Long::sum);
        row.merge("events", (long) session.size(), Long::sum);
        addNonZero(row, "duration_seconds", Duration.between(first, last).toSeconds());
        if (session.stream().anyMatch(e -> e.type().equals("cart"))) {
            row.merge("cart_sessions", 1L, Long::sum);
        }
        if (session.stream().anyMatch(e -> e.type().equals("purchase"))) {
            row.merge("purchase_sessions", 1L, Long::sum);
        }
        addNonZero(
                row,
                "revenue_cents",
                session.stream()
                        .filter(e -> e.type().equals("purchase"))
                        .mapToLong(Event::cents)
                        .sum());
    }

    /** The top lists: all-time per brand and category (events, revenue), products per hour and per brand (revenue, views). */
    private void boards() {
        for (String measure : List.of("events", "revenue_cents")) {
            board("brand|all|" + measure, tables.get(BRAND), measure, false);
            board("category|all|" + measure, tables.get(CATEGORY), measure, false);
            board("category_code|all|" + measure, tables.get(CATEGORY_CODE), measure, false);
        }
        Map<String, Map<String, Map<String, Long>>> productsByHour = new TreeMap<>();
        Map<String, Map<String, Map<String, Long>>> productsByBrand = new TreeMap<>();
        for (Event e : events) {
            String product = Long.toString(e.productId());
            Map<String, Long> hourly = productsByHour
                    .computeIfAbsent(minuteKey(e.time()).substring(0, 10), k -> new TreeMap<>())
                    .computeIfAbsent(product, k -> new TreeMap<>());
            hourly.merge("views", e.type().equals("view") ? 1L : 0L, Long::sum);
            hourly.merge("revenue_cents", e.type().equals("purchase") ? e.cents() : 0L, Long::sum);
        }
        // A product is on the board of every brand its events carried, by those events.
        tables.get(BRAND_PRODUCT).forEach((key, counters) -> productsByBrand
                .computeIfAbsent(key.substring(0, key.lastIndexOf('|')), k -> new TreeMap<>())
                .put(key.substring(key.lastIndexOf('|') + 1), counters));
        for (String measure : List.of("revenue_cents", "views")) {
            productsByHour.forEach(
                    (hour, products) -> board("product|" + hour + "|" + measure, products, measure, true));
            productsByBrand.forEach(
                    (brand, products) -> board("brand_product|" + brand + "|" + measure, products, measure, true));
        }
    }

    private void board(String row, Map<String, Map<String, Long>> rows, String measure, boolean products) {
        Comparator<Map.Entry<String, Long>> order = Comparator.<Map.Entry<String, Long>>comparingLong(
                        Map.Entry::getValue)
                .reversed()
                .thenComparing(
                        products
                                ? Comparator.comparing(entry -> new BigInteger(entry.getKey()))
                                : Comparator.comparing(Map.Entry::getKey));
        List<Map.Entry<String, Long>> entries = rows.entrySet().stream()
                .filter(r -> r.getValue().getOrDefault(measure, 0L) > 0)
                .map(r -> Map.entry(r.getKey(), r.getValue().get(measure)))
                .sorted(order)
                .limit(BOARD_SIZE)
                .toList();
        if (!entries.isEmpty()) {
            leaderboards.put(row, entries);
        }
    }

    private static void addNonZero(Map<String, Long> row, String qualifier, long value) {
        if (value != 0) {
            row.merge(qualifier, value, Long::sum);
        }
    }

    private static String minuteKey(Instant time) {
        LocalDateTime t = LocalDateTime.ofInstant(time, ZoneOffset.UTC);
        return String.format(
                "%04d%02d%02d%02d%02d", t.getYear(), t.getMonthValue(), t.getDayOfMonth(), t.getHour(), t.getMinute());
    }

    private static Instant time(Matcher time) {
        try {
            return LocalDateTime.of(
                            Integer.parseInt(time.group(1)),
                            Integer.parseInt(time.group(2)),
                            Integer.parseInt(time.group(3)),
                            Integer.parseInt(time.group(4)),
                            Integer.parseInt(time.group(5)),
                            Integer.parseInt(time.group(6)))
                    .toInstant(ZoneOffset.UTC);
        } catch (DateTimeException e) {
            return null;
        }
    }

    private static boolean isLong(String text) {
        if (!INTEGER.matcher(text).matches()) {
            return false;
        }
        BigInteger value = new BigInteger(text);
        return value.compareTo(LONG_MIN) >= 0 && value.compareTo(LONG_MAX) <= 0;
    }

    /** At most {@code maxBytes} of UTF-8 and no control character (empty is fine: the field is absent). */
    private static boolean goodText(String text, int maxBytes) {
        return text.getBytes(StandardCharsets.UTF_8).length <= maxBytes
                && text.chars().noneMatch(Character::isISOControl);
    }

    /** NFC, Unicode and zero-width spaces trimmed, lower case (root locale); "unknown" when nothing is left. */
    static String brand(String raw) {
        String text = Normalizer.normalize(raw, Normalizer.Form.NFC);
        int start = 0;
        int end = text.length();
        while (start < end && space(text.charAt(start))) {
            start++;
        }
        while (end > start && space(text.charAt(end - 1))) {
            end--;
        }
        return start == end ? "unknown" : text.substring(start, end).toLowerCase(Locale.ROOT);
    }

    private static boolean space(char c) {
        return Character.isWhitespace(c)
                || Character.getType(c) == Character.SPACE_SEPARATOR
                || "\u200B\u200C\u200D\u2060\uFEFF".indexOf(c) >= 0;
    }

    /**
     * RFC 4180 on one line: quoted fields, doubled quotes inside them; {@code null} if quotes do not
     * balance or anything but a comma follows a closing quote.
     */
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
                    if (i + 1 < line.length() && line.charAt(i + 1) != ',') {
                        return null;
                    }
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
