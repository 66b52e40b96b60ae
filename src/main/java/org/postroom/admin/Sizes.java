package org.postroom.admin;

import java.util.Locale;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Mailbox sizes as an administrator writes them: {@code 500K}, {@code 100M}, {@code 2G} (powers of 1024), or bytes. */
final class Sizes {

    private static final String UNITS = "KMGT";

    private Sizes() {}

    /** Parses a size; {@code 0} and {@code unlimited} mean no limit. */
    static long parse(String text) {
        String s = text.strip().toUpperCase(Locale.ROOT);
        if (s.equals("UNLIMITED") || s.equals("NONE")) return 0;
        if (s.endsWith("B")) s = s.substring(0, s.length() - 1);
        int unit = s.isEmpty() ? -1 : UNITS.indexOf(s.charAt(s.length() - 1));
        String digits = unit >= 0 ? s.substring(0, s.length() - 1) : s;
        if (digits.isEmpty() || !digits.chars().allMatch(Character::isDigit) || digits.length() > 15) {
            throw new TypeConversionException("'" + text + "' is not a size (write e.g. 500K, 100M, 2G or unlimited)");
        }
        long value = Long.parseLong(digits);
        try {
            for (int i = 0; i <= unit; i++) value = Math.multiplyExact(value, 1024);
        } catch (ArithmeticException e) {
            throw new TypeConversionException("'" + text + "' is too large");
        }
        return value;
    }

    /** The shortest exact way to write a size: {@code 100M}, {@code 1536K}, {@code 1000}; 0 is {@code unlimited}. */
    static String format(long bytes) {
        if (bytes == 0) return "unlimited";
        int unit = -1;
        long value = bytes;
        while (unit + 1 < UNITS.length() && value % 1024 == 0) {
            value /= 1024;
            unit++;
        }
        return unit < 0 ? Long.toString(value) : value + String.valueOf(UNITS.charAt(unit));
    }

    /** For {@code --quota}. */
    static final class Converter implements ITypeConverter<Long> {
        @Override
        public Long convert(String value) {
            return parse(value);
        }
    }
}
