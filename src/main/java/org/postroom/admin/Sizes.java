package org.postroom.admin;

import org.postroom.service.Quotas;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Mailbox sizes as an administrator writes them: {@code 500K}, {@code 100M}, {@code 2G} (powers of 1024), or bytes. */
final class Sizes {

    private Sizes() {}

    /** Parses a size; {@code 0} and {@code unlimited} mean no limit (the service's reading, as the console's). */
    static long parse(String text) {
        try {
            return Quotas.parse(text);
        } catch (IllegalArgumentException e) {
            throw new TypeConversionException(e.getMessage());
        }
    }

    /** The shortest exact way to write a size: {@code 100M}, {@code 1536K}, {@code 1000}; 0 is {@code unlimited}. */
    static String format(long bytes) {
        return bytes == 0 ? "unlimited" : Quotas.exact(bytes);
    }

    /** For {@code --quota}. */
    static final class Converter implements ITypeConverter<Long> {
        @Override
        public Long convert(String value) {
            return parse(value);
        }
    }
}
