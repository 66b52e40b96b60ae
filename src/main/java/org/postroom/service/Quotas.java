package org.postroom.service;

import java.util.Locale;

/**
 * Sizes as an administrator writes them, for the CLI's {@code --quota} and the console's quota field alike:
 * {@code 500K}, {@code 100M}, {@code 2G} (powers of 1024, an optional {@code B}), or bytes; {@code 0}, empty,
 * {@code unlimited} and {@code none} mean no limit.
 */
public final class Quotas {
    private static final String UNITS = "KMGT";

    private Quotas() {}

    /** The size in bytes, 0 for none; {@link IllegalArgumentException} naming the text when it is not one. */
    public static long parse(String text) {
        String s = text.strip().toUpperCase(Locale.ROOT);
        if (s.isEmpty() || s.equals("UNLIMITED") || s.equals("NONE")) return 0;
        if (s.endsWith("B")) s = s.substring(0, s.length() - 1);
        int unit = s.isEmpty() ? -1 : UNITS.indexOf(s.charAt(s.length() - 1));
        String digits = unit >= 0 ? s.substring(0, s.length() - 1) : s;
        if (digits.isEmpty() || digits.length() > 15 || !digits.chars().allMatch(Character::isDigit)) {
            throw new IllegalArgumentException("'" + text + "' is not a size (write e.g. 500K, 100M, 2G or unlimited)");
        }
        long value = Long.parseLong(digits);
        try {
            for (int i = 0; i <= unit; i++) value = Math.multiplyExact(value, 1024);
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("'" + text + "' is too large");
        }
        return value;
    }

    /** The shortest exact way to write a size: {@code 100M}, {@code 1536K}, {@code 1000}; 0 as {@code 0}. */
    public static String exact(long bytes) {
        int unit = -1;
        long value = bytes;
        while (unit + 1 < UNITS.length() && value % 1024 == 0 && value > 0) {
            value /= 1024;
            unit++;
        }
        return unit < 0 ? Long.toString(value) : value + String.valueOf(UNITS.charAt(unit));
    }
}
