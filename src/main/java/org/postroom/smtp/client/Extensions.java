package org.postroom.smtp.client;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.postroom.smtp.SmtpReply;

/**
 * What a server's EHLO reply offers (RFC 5321 4.1.1.1: one keyword per line after the first, with parameters).
 *
 * @param keywords every keyword, upper-cased
 * @param maxSize the SIZE the server announced (RFC 1870), 0 when it announced none or no limit
 * @param authMechanisms the AUTH mechanisms, in the server's order (RFC 4954)
 */
public record Extensions(Set<String> keywords, long maxSize, List<String> authMechanisms) {

    public static final Extensions NONE = new Extensions(Set.of(), 0, List.of());

    public Extensions {
        keywords = Set.copyOf(keywords);
        authMechanisms = List.copyOf(authMechanisms);
    }

    /** Reads a positive EHLO reply; the first line is the server's greeting, not a keyword. */
    public static Extensions of(SmtpReply ehlo) {
        Set<String> keywords = new LinkedHashSet<>();
        long size = 0;
        List<String> auth = new ArrayList<>();
        List<String> lines = ehlo.lines();
        for (int i = 1; i < lines.size(); i++) {
            String[] parts = lines.get(i).strip().split(" +");
            if (parts.length == 0 || parts[0].isEmpty()) continue;
            String keyword = parts[0].toUpperCase(Locale.ROOT);
            keywords.add(keyword);
            if (keyword.equals("SIZE") && parts.length > 1 && parts[1].matches("[0-9]{1,18}")) size = Long.parseLong(parts[1]);
            if (keyword.equals("AUTH")) {
                for (int j = 1; j < parts.length; j++) {
                    String mechanism = parts[j].toUpperCase(Locale.ROOT);
                    if (!auth.contains(mechanism)) auth.add(mechanism);
                }
            }
        }
        return new Extensions(keywords, size, auth);
    }

    public boolean has(String keyword) {
        return keywords.contains(keyword);
    }

    public boolean pipelining() {
        return has("PIPELINING");
    }

    public boolean startTls() {
        return has("STARTTLS");
    }

    public boolean eightBitMime() {
        return has("8BITMIME");
    }

    public boolean smtpUtf8() {
        return has("SMTPUTF8");
    }

    public boolean size() {
        return has("SIZE");
    }
}
