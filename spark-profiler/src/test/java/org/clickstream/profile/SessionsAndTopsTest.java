package org.clickstream.profile;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The session, category and product sections on a small file made for their edges: events exactly
 * one gap apart, lines out of time order (read by different tasks: the file is cut into many
 * splits), session-less events of user 42 beside a session named "42", empty and dot-less category
 * codes, products tied on revenue, and a product whose latest events share their time. Checked
 * against {@link PlainJavaProfile}, and the edges by hand.
 */
class SessionsAndTopsTest {
    private static final String FIXTURE = """
            event_time,event_type,product_id,category_id,category_code,brand,price,user_id,user_session
            2020-10-01 10:00:00 UTC,view,7,1,electronics.phone,Acme,10.00,1,s1
            2020-10-01 10:30:00 UTC,cart,7,1,electronics.phone,Acme,10.00,1,s1
            2020-10-01 10:59:59 UTC,purchase,7,1,electronics.phone,Acme,10.00,1,s1
            2020-10-01 12:20:00 UTC,view,3,2,,,5.50,2,s2
            2020-10-01 09:00:00 UTC,view,9,3,a.b,Zeta,1.00,42,
            2020-10-01 12:00:00 UTC,view,3,2,,,5.50,2,s2
            2020-10-01 09:05:00 UTC,view,9,3,a.c,apple,1.00,43,42
            2020-10-01 09:10:00 UTC,purchase,3,2,electronics,,10.00,42,
            2020-10-01 12:40:00 UTC,purchase,9,3,a.c,zeta,1.005,2,s2
            2020-10-01 12:40:00 UTC,view,9,3,a.b,ZETA,1.00,5,s5
            2020-10-01 12:41:00 UTC,view,11,3,.hidden,sony,3.00,5,s5
            2020-10-01 12:42:00 UTC,view,11,3,.hidden,sony,abc,5,s5
            """;

    private static ProfileResult profile;
    private static PlainJavaProfile expected;

    @BeforeAll
    static void profileTheFixture(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("sessions.csv"), FIXTURE, StandardCharsets.UTF_8);
        expected = new PlainJavaProfile(file);
        // About one line per task: every session's events are in different tasks.
        profile = SparkForTests.profile(file, Profiler.Settings.defaults().withMinSplits(10));
    }

    @Test
    void cutsSessionsAtTheGapWhateverTheLineOrder() {
        // s1: 10:00 | 10:30 (exactly 30 min: new) 10:59:59; s2: 12:00 12:20 12:40 (lines out of order);
        // user 42 without session: 09:00 09:10; session "42": 09:05; s5: 12:40 12:41. Six sessions.
        ProfileResult.SessionFunnel funnel = profile.sessionFunnel();
        assertThat(funnel.sessions()).isEqualTo(6);
        assertThat(funnel.withCart()).isEqualTo(1);
        assertThat(funnel.withPurchase()).isEqualTo(3); // s1's second, s2, user 42's
        // Lengths 0 + 1799 + 2400 + 600 + 0 + 60 = 4859 s over 6 sessions; 11 valid events.
        assertThat(funnel.avgSeconds())
                .isEqualByComparingTo(new BigDecimal(4859).divide(BigDecimal.valueOf(6), SortedCounts.PRECISION));
        assertThat(funnel.avgEvents().doubleValue()).isEqualTo(11.0 / 6);
        // Revenue 10.00 + 10.00 + 1.005 (101 cents, half up) = 2101 cents over 3 purchasing sessions.
        assertThat(funnel.revenueCents()).isEqualTo(2101);
        assertThat(funnel.avgOrderValueCents().doubleValue()).isEqualTo(2101 / 3.0);
        GeneratedDataProfileTest.assertSessionFunnel(profile, expected, Duration.ofMinutes(30));
    }

    @Test
    void aShorterGapCutsMoreSessions() throws IOException {
        Path file = writeFixture();
        ProfileResult shortGap = SparkForTests.profile(
                file,
                Profiler.Settings.defaults()
                        .withSessionGap(Duration.ofMinutes(20))
                        .withMinSplits(10));
        // 20 min: s1 10:00 | 10:30 | 10:59:59; s2 12:00 | 12:20 (exactly 20: new) | 12:40;
        // user 42, "42", s5 as before: 3 + 3 + 1 + 1 + 1 = 9.
        assertThat(shortGap.sessionFunnel().sessions()).isEqualTo(9);
        GeneratedDataProfileTest.assertSessionFunnel(shortGap, new PlainJavaProfile(file), Duration.ofMinutes(20));
    }

    @Test
    void namesCategoriesUnknownWhenEmpty() {
        // Top level: electronics (phone ×3 + the dot-less "electronics"), unknown (2 empty + ".hidden"),
        // a (a.b ×2, a.c ×2).
        assertThat(profile.topLevelCategories())
                .extracting(ProfileResult.CategoryStats::category, ProfileResult.CategoryStats::events)
                .containsExactly(Tuple.tuple("a", 4L), Tuple.tuple("electronics", 4L), Tuple.tuple("unknown", 3L));
        assertThat(profile.categoryCodes())
                .extracting(ProfileResult.CategoryStats::category)
                .containsExactly("electronics.phone", "a.b", "a.c", "unknown", ".hidden", "electronics");
        GeneratedDataProfileTest.assertTops(profile, expected, 10);
    }

    @Test
    void ranksProductsWithTiesByIdAndNamesThemByTheirLatestEvent() throws IOException {
        // Revenue: 7 and 3 tie at 1000 cents (3 first), then 9 (101), then 11 (0).
        assertThat(profile.productsByRevenue())
                .extracting(ProfileResult.ProductStats::productId)
                .containsExactly(3L, 7L, 9L, 11L);
        // Product 9's latest events are both at 12:40: (zeta, a.c) and (zeta, a.b): the larger pair, a.c.
        ProfileResult.ProductStats nine = profile.productsByRevenue().get(2);
        assertThat(List.of(nine.brand(), nine.category())).containsExactly("zeta", "a.c");
        // Product 3's latest event is at 12:20 (its line comes before the 12:00 one; its 09:10
        // purchase is in "electronics"): no brand, no category.
        ProfileResult.ProductStats three = profile.productsByRevenue().get(0);
        assertThat(List.of(three.brand(), three.category())).containsExactly("unknown", "unknown");
        GeneratedDataProfileTest.assertTops(profile, expected, 10);
        // Views: 9 (3), 3 (2), then 7 and 11 tie at 1; the top two only.
        ProfileResult topTwo = SparkForTests.profile(
                writeFixture(), Profiler.Settings.defaults().withTop(2).withMinSplits(10));
        assertThat(topTwo.productsByViews())
                .extracting(ProfileResult.ProductStats::productId)
                .containsExactly(9L, 3L);
        assertThat(profile.productsByViews())
                .extracting(ProfileResult.ProductStats::productId)
                .containsExactly(9L, 3L, 7L, 11L);
    }

    @TempDir
    Path dir;

    private Path writeFixture() throws IOException {
        return Files.writeString(Files.createTempFile(dir, "sessions", ".csv"), FIXTURE, StandardCharsets.UTF_8);
    }
}
