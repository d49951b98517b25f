package org.opencrm.infra.fuzz;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

/**
 * Values, plausible and hostile, from one seeded {@link Random}: the same seed gives the same
 * values in the same order. Hostile texts never spell a Java class or stack frame, so a finding of
 * one in a response is the server's own.
 */
final class FuzzValues {

    /** A text big enough to pass any field's limit and small enough to keep the run fast. */
    static final int HUGE = 100_000;

    private static final String ALPHABET =
            "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_ ";
    private static final List<String> UNICODE =
            List.of(
                    "张伟",
                    "李雷和韩梅梅",
                    "😀🚀",
                    "👩‍👩‍👧",
                    "\u202Eevil",
                    "e\u0301",
                    "\uFEFFbom",
                    "line\u2028sep",
                    "ｆｕｌｌ",
                    "עברית",
                    "\uD83D\uDE00",
                    "\u00A0nbsp");
    private static final List<String> TRICKY =
            List.of(
                    "",
                    " ",
                    "\t\n",
                    "null",
                    "undefined",
                    "../../etc/passwd",
                    "' OR '1'='1",
                    "<script>alert(1)</script>",
                    "${jndi:ldap://127.0.0.1/a}",
                    "%00",
                    "#",
                    "ALL#0",
                    "\\",
                    "\"",
                    "{",
                    "}{",
                    "-1",
                    "0",
                    "9999999999999999999999",
                    "1e309",
                    "NaN",
                    "2026-13-45",
                    "v1:",
                    "djE6",
                    "djE6eHh4",
                    "=====");

    private final Random random;

    FuzzValues(Random random) {
        this.random = random;
    }

    Random random() {
        return random;
    }

    boolean chance(double probability) {
        return random.nextDouble() < probability;
    }

    int between(int low, int high) {
        return low + random.nextInt(high - low + 1);
    }

    <T> T pick(List<T> values) {
        return values.get(random.nextInt(values.size()));
    }

    String uuid() {
        return new UUID(random.nextLong(), random.nextLong()).toString();
    }

    String word(int length) {
        StringBuilder word = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            word.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return word.toString();
    }

    /** Mostly one of the given plausible ids, else a fresh UUID. */
    String id(List<String> known) {
        return known.isEmpty() || chance(0.3) ? uuid() : pick(known);
    }

    /** An id a store must never be asked for: empty, too long, invisible characters. */
    String hostileId() {
        return switch (random.nextInt(10)) {
            case 0 -> "";
            case 1 -> word(3 * 1024).replace(' ', 'x');
            case 2 -> "x".repeat(257);
            case 3 -> "a\u0000b";
            case 4 -> "\uD800";
            case 5 -> "id with spaces";
            case 6 -> pick(UNICODE);
            case 7 -> "\uDC00" + uuid();
            case 8 -> "x".repeat(2049);
            default -> pick(TRICKY);
        };
    }

    /** A text no well-behaved client sends. */
    String hostileText() {
        return switch (random.nextInt(12)) {
            case 0 -> "";
            case 1 -> word(3 * 1024);
            case 2 -> chance(0.2) ? word(HUGE) : word(between(257, 20_000));
            case 3 -> "a\u0000b";
            case 4 -> "lone \uD800 high";
            case 5 -> "lone \uDFFF low";
            case 6 -> "bell\u0007 escape\u001B";
            case 7 -> pick(UNICODE).repeat(between(1, 400));
            case 8 -> "张".repeat(between(300, 1_500));
            case 9 -> "\u0000".repeat(between(1, 50));
            default -> pick(TRICKY);
        };
    }

    /** A text a client might send: short, sometimes not ASCII. */
    String plainText() {
        return chance(0.2) ? pick(UNICODE) : word(between(1, 24)).strip() + "x";
    }

    Object hostileInt() {
        return switch (random.nextInt(10)) {
            case 0 -> 0;
            case 1 -> -1;
            case 2 -> Integer.MAX_VALUE;
            case 3 -> Integer.MIN_VALUE;
            case 4 -> 2_147_483_648L;
            case 5 -> new BigDecimal("1e30");
            case 6 -> 1.5;
            case 7 -> "12";
            case 8 -> 101;
            default -> -between(2, 1_000_000);
        };
    }

    Object hostileFloat() {
        return switch (random.nextInt(6)) {
            case 0 -> new BigDecimal("1e400");
            case 1 -> -0.0;
            case 2 -> "1.5";
            case 3 -> Double.MAX_VALUE;
            case 4 -> new BigDecimal("-1e-400");
            default -> true;
        };
    }

    String dateTime() {
        int year = between(2020, 2027);
        return String.format(
                "%04d-%02d-%02dT%02d:%02d:00.000Z",
                year, between(1, 12), between(1, 28), between(0, 23), between(0, 59));
    }

    Object hostileDateTime() {
        return switch (random.nextInt(8)) {
            case 0 -> "";
            case 1 -> "2026-13-45T25:61:00Z";
            case 2 -> "+999999999-12-31T23:59:59Z";
            case 3 -> "-999999999-01-01T00:00:00Z";
            case 4 -> 1_700_000_000_000L;
            case 5 -> "now";
            case 6 -> "2026-01-01";
            default -> hostileText();
        };
    }

    String money() {
        return between(0, 100_000) + "." + between(10, 99);
    }

    Object hostileMoney() {
        return switch (random.nextInt(8)) {
            case 0 -> "-1";
            case 1 -> "1e100";
            case 2 -> "0.001";
            case 3 -> "abc";
            case 4 -> 12.345;
            case 5 -> "99999999999999999999999999999";
            case 6 -> "";
            default -> hostileText();
        };
    }

    /** A JSON value as plain Java values: plausible records or configuration shapes. */
    Object plainJson() {
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("name", plainText());
        record.put("phone", "+86 138" + between(1000_0000, 9999_9999));
        if (chance(0.5)) {
            record.put("city", pick(UNICODE));
        }
        return record;
    }

    /** A JSON value too deep, too wide, or with strings no store should keep. */
    Object hostileJson() {
        return switch (random.nextInt(7)) {
            case 0 -> nested(between(33, 200));
            case 1 -> wide(between(200, 2_000));
            case 2 -> Map.of("name\u0000", "x", "phone", "lone \uD800");
            case 3 -> List.of(hostileText(), hostileText());
            case 4 -> hostileText();
            case 5 -> Map.of("records", List.of(Map.of("phone", hostileText())));
            default -> new BigDecimal("1e400");
        };
    }

    /** Lists nested {@code depth} deep around one value. */
    Object nested(int depth) {
        Object value = "deep";
        for (int i = 0; i < depth; i++) {
            value = chance(0.5) ? List.of(value) : Map.of("k", value);
        }
        return value;
    }

    private Map<String, Object> wide(int keys) {
        Map<String, Object> wide = new LinkedHashMap<>();
        for (int i = 0; i < keys; i++) {
            wide.put("k" + i, i);
        }
        return wide;
    }

    /** A list of {@code size} copies made by {@code item}. */
    List<Object> listOf(int size, java.util.function.Supplier<Object> item) {
        List<Object> list = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            list.add(item.get());
        }
        return list;
    }
}
