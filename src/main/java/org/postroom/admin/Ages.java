package org.postroom.admin;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** An age on the command line, as the configuration writes durations: {@code 30m}, {@code 12h}, {@code 2d}. */
final class Ages {
    private static final Pattern AGE = Pattern.compile("([0-9]{1,9})([smhdw])");

    private Ages() {}

    static Duration parse(String text, String option) {
        Matcher m = AGE.matcher(text.strip().toLowerCase(Locale.ROOT));
        if (!m.matches()) throw new UsageError(option + " must be an age such as 30m, 12h or 2d, not \"" + text + "\"");
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            case "w" -> Duration.ofDays(7 * n);
            default -> Duration.ofDays(n);
        };
    }
}
