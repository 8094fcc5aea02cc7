package org.clickstream.profile;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
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
 * here with sorted arrays, hash sets and two-pass formulas, sharing no code with the profiler.
 */
final class PlainJavaProfile {
    static final List<String> COLUMNS = List.of("event_time", "event_type", "product_id", "category_id",
            "category_code", "brand", "price", "user_id", "user_session");
    static final List<String> NUMERIC = List.of("product_id", "category_id", "price", "user_id");
    private static final MathContext PRECISION = new MathContext(50);

    final long records;
    final long malformed;
    final Map<String, Long> nulls = new HashMap<>();
    final Map<String, Long> unique = new HashMap<>();
    final Map<String, Long> eventTypes = new HashMap<>();
    final Map<String, long[]> brandCounts = new HashMap<>();          // brand → {events, purchases}
    final Map<String, BigDecimal[]> brandMoney = new HashMap<>();     // brand → {total value, revenue}
    final Map<String, Long> categories = new HashMap<>();
    final long[] segments = new long[4];
    final Map<String, List<BigDecimal>> sortedNumbers = new HashMap<>();

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
                distinct.get(column).add(numeric ? new BigDecimal(value).stripTrailingZeros().toPlainString() : value);
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
                BigDecimal[] money = brandMoney.computeIfAbsent(brand, b -> new BigDecimal[] {BigDecimal.ZERO, BigDecimal.ZERO});
                money[0] = money[0].add(price);
                money[1] = purchase ? money[1].add(price) : money[1];
            }
            String code = fields.get(4);
            if (!code.isEmpty()) {
                int dot = code.indexOf('.');
                categories.merge(dot < 0 ? code : code.substring(0, dot), 1L, Long::sum);
            }
            segments[price.compareTo(BigDecimal.valueOf(50)) < 0 ? 0
                    : price.compareTo(BigDecimal.valueOf(100)) < 0 ? 1
                    : price.compareTo(BigDecimal.valueOf(200)) < 0 ? 2 : 3]++;
        }
        records = valid;
        if (valid != expected.validRows) {
            throw new IllegalStateException("valid rows: " + valid + " here, " + expected.validRows + " in ExpectedMetrics");
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

    BigDecimal mean(String column) {
        List<BigDecimal> values = sortedNumbers.get(column);
        return values.stream().reduce(BigDecimal.ZERO, BigDecimal::add).divide(BigDecimal.valueOf(values.size()), PRECISION);
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
