package org.clickstream.core.generator;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.SplittableRandom;

/**
 * A seeded product catalogue shaped like the electronics store's: popular products and brands
 * dominate (Zipf), about a quarter of products have no brand or no category code, and prices are
 * right-skewed between $1 and $2,500.
 */
final class Catalog {
    private static final String[] BRANDS = {
        "samsung",
        "asus",
        "gigabyte",
        "msi",
        "palit",
        "sony",
        "canon",
        "lg",
        "apple",
        "logitech",
        "hp",
        "lenovo",
        "acer",
        "dell",
        "xiaomi",
        "huawei",
        "intel",
        "amd",
        "kingston",
        "western digital",
        "seagate",
        "sandisk",
        "tp-link",
        "d-link",
        "zyxel",
        "philips",
        "panasonic",
        "nikon",
        "jbl",
        "bosch",
        "ritmix",
        "sven",
        "defender",
        "genius",
        "a4tech",
        "thermaltake",
        "cooler master",
        "zalman",
        "corsair",
        "crucial",
        "transcend",
        "toshiba",
        "epson",
        "brother",
        "kyocera",
        "xerox",
        "pioneer",
        "garmin",
        "razer",
        "hyperx",
        "steelseries",
        "benq",
        "viewsonic",
        "aoc",
        "iiyama",
        "nvidia",
        "sapphire",
        "powercolor",
        "zotac",
        "inno3d",
        "deepcool",
        "be quiet!",
        "noctua",
        "fractal design",
        "aerocool",
        "chieftec",
        "fsp",
        "seasonic",
        "apc",
        "ippon",
        "powercom",
        "hama",
        "belkin",
        "baseus",
        "ugreen",
        "anker",
        "orico",
        "vention",
        "cablexpert",
        "5bites",
        // Quirks the data set has: a comma inside a brand (quoted in CSV) and mixed case/whitespace
        // that normalisation folds into the lower-case brand.
        "acme, inc.",
        "Samsung",
        " ASUS ",
    };
    private static final String[] CATEGORY_CODES = {
        "computers.components.videocards",
        "computers.components.cpu",
        "computers.components.motherboard",
        "computers.components.memory",
        "computers.components.hdd",
        "computers.components.power_supply",
        "computers.components.cooler",
        "computers.components.sound_card",
        "computers.peripherals.mouse",
        "computers.peripherals.keyboard",
        "computers.peripherals.monitor",
        "computers.peripherals.printer",
        "computers.peripherals.camera",
        "computers.network.router",
        "computers.notebook",
        "computers.desktop",
        "electronics.smartphone",
        "electronics.audio.headphone",
        "electronics.audio.subwoofer",
        "electronics.video.tv",
        "electronics.tablet",
        "electronics.telephone",
        "electronics.camera.photo",
        "appliances.kitchen.kettle",
        "appliances.environment.vacuum",
        "appliances.personal.scales",
        "stationery.cartrige",
        "accessories.bag",
        "auto.accessories.player",
        "furniture.office.chair",
    };

    /**
     * The data set has about a thousand brands and 130 category codes; beyond the real names above,
     * the rest are made up (deterministically) so that a generated stream has as many rows per
     * minute as the real one. Their popularity is the Zipf tail.
     */
    static final int BRAND_COUNT = 1_000;

    static final int CATEGORY_CODE_COUNT = 130;
    private static final String[] ALL_BRANDS =
            extend(BRANDS, BRAND_COUNT, i -> syllables(i) + (i % 3 == 0 ? " tech" : ""));
    private static final String[] ALL_CATEGORY_CODES = extend(
            CATEGORY_CODES, CATEGORY_CODE_COUNT, i -> CATEGORY_CODES[i % CATEGORY_CODES.length] + "." + syllables(i));

    private final long[] productIds;
    private final long[] categoryIds;
    private final String[] categoryCodes;
    private final String[] brands;
    private final BigDecimal[] prices;
    private final ZipfSampler popularity;

    Catalog(SplittableRandom random, int products) {
        productIds = new long[products];
        categoryIds = new long[products];
        categoryCodes = new String[products];
        brands = new String[products];
        prices = new BigDecimal[products];
        long[] categoryPool = new long[ALL_CATEGORY_CODES.length * 3];
        for (int i = 0; i < categoryPool.length; i++) {
            // 19 digits, like 2144415922528452715: only a long holds them exactly.
            categoryPool[i] = 2_000_000_000_000_000_000L + random.nextLong(200_000_000_000_000_000L);
        }
        popularity = new ZipfSampler(products, 0.9);
        ZipfSampler brandPopularity = new ZipfSampler(ALL_BRANDS.length, 1.1);
        for (int i = 0; i < products; i++) {
            productIds[i] = 1_000_000L + random.nextLong(4_000_000L);
            int category = random.nextInt(categoryPool.length);
            categoryIds[i] = categoryPool[category];
            categoryCodes[i] = ALL_CATEGORY_CODES[category % ALL_CATEGORY_CODES.length];
            brands[i] = ALL_BRANDS[brandPopularity.sample(random)];
            prices[i] = logNormalPrice(random);
        }
        // The shares are of events, not of products: blank out random products until the
        // popularity they carry reaches the data set's ~24 % without brand and ~27 % without category.
        clearUntilShare(random, brands, 0.24);
        clearUntilShare(random, categoryCodes, 0.267);
    }

    private void clearUntilShare(SplittableRandom random, String[] values, double share) {
        int[] order = new int[values.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        for (int i = order.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int swap = order[i];
            order[i] = order[j];
            order[j] = swap;
        }
        double cleared = 0;
        for (int i = 0; i < order.length && cleared < share; i++) {
            double productShare = popularity.probability(order[i]);
            if (cleared + productShare <= share + 0.005) {
                values[order[i]] = null;
                cleared += productShare;
            }
        }
    }

    private static String[] extend(String[] real, int count, java.util.function.IntFunction<String> madeUp) {
        String[] all = java.util.Arrays.copyOf(real, Math.max(count, real.length));
        for (int i = real.length; i < all.length; i++) {
            all[i] = madeUp.apply(i);
        }
        return all;
    }

    /** A pronounceable made-up word for a number: 84 is "keno", 85 "kepa", ... */
    private static String syllables(int number) {
        String[] consonants = {"b", "d", "f", "g", "k", "l", "m", "n", "p", "r", "s", "t", "v", "z"};
        String[] vowels = {"a", "e", "i", "o", "u"};
        StringBuilder word = new StringBuilder();
        int n = number;
        do {
            word.append(consonants[n % consonants.length]).append(vowels[(n / consonants.length) % vowels.length]);
            n /= consonants.length * vowels.length;
        } while (n > 0);
        return word.toString();
    }

    int size() {
        return productIds.length;
    }

    int samplePopular(SplittableRandom random) {
        return popularity.sample(random);
    }

    long productId(int product) {
        return productIds[product];
    }

    long categoryId(int product) {
        return categoryIds[product];
    }

    String categoryCode(int product) {
        return categoryCodes[product];
    }

    String brand(int product) {
        return brands[product];
    }

    BigDecimal price(int product) {
        return prices[product];
    }

    /** Median about $60, long right tail, clamped to $1-$2,500, whole cents. */
    private static BigDecimal logNormalPrice(SplittableRandom random) {
        double gaussian = gaussian(random);
        double dollars = Math.exp(Math.log(60) + 1.3 * gaussian);
        dollars = Math.max(1.0, Math.min(2500.0, dollars));
        return BigDecimal.valueOf(dollars).setScale(2, RoundingMode.HALF_UP);
    }

    static double gaussian(SplittableRandom random) {
        // Box-Muller: SplittableRandom has no nextGaussian on Java 17.
        double u = 1.0 - random.nextDouble();
        double v = random.nextDouble();
        return Math.sqrt(-2.0 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    }

    /** Samples ranks 0..n-1 with probability proportional to 1/(rank+1)^s, by binary search on the CDF. */
    static final class ZipfSampler {
        private final double[] cumulative;

        ZipfSampler(int n, double exponent) {
            cumulative = new double[n];
            double sum = 0;
            for (int i = 0; i < n; i++) {
                sum += 1.0 / Math.pow(i + 1, exponent);
                cumulative[i] = sum;
            }
            for (int i = 0; i < n; i++) {
                cumulative[i] /= sum;
            }
        }

        double probability(int rank) {
            return rank == 0 ? cumulative[0] : cumulative[rank] - cumulative[rank - 1];
        }

        int sample(SplittableRandom random) {
            double u = random.nextDouble();
            int index = java.util.Arrays.binarySearch(cumulative, u);
            return Math.min(index >= 0 ? index : -index - 1, cumulative.length - 1);
        }
    }
}
