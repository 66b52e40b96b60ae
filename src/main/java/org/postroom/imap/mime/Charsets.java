package org.postroom.imap.mime;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/** Charsets named in messages, looked up leniently: an unknown or malformed name is not an error. */
final class Charsets {
    /**
     * Lookups already made, by lower-case name (empty for unknown names): the JDK searches its providers for a
     * name it does not know, which takes a hundred microseconds, and one header may name thousands.
     */
    private static final java.util.concurrent.ConcurrentHashMap<String, java.util.Optional<Charset>> KNOWN = new java.util.concurrent.ConcurrentHashMap<>();
    private static final int CACHED = 512;

    private Charsets() {}

    /** As {@link #lookup}, from the cache only; {@code budget[0]} uncached lookups are allowed, then a name is unknown. */
    static Charset lookup(String name, int[] budget) {
        if (name == null || name.length() > 64) return null;
        String n = name.strip().toLowerCase(java.util.Locale.ROOT);
        java.util.Optional<Charset> known = KNOWN.get(n);
        if (known != null) return known.orElse(null);
        if (budget[0] <= 0) return null;
        budget[0]--;
        Charset found = lookup(n);
        if (KNOWN.size() >= CACHED) KNOWN.clear();
        KNOWN.put(n, java.util.Optional.ofNullable(found));
        return found;
    }

    /** The charset named, or null when Java does not know it. {@code us-ascii} is read as Windows-1252's superset. */
    static Charset lookup(String name) {
        if (name == null || name.isBlank() || name.length() > 64) return null;
        String n = name.strip().toLowerCase(Locale.ROOT);
        // Mail labelled ISO-8859-1 or US-ASCII is in practice often Windows-1252 (as WHATWG's encoding spec maps it).
        if (n.equals("us-ascii") || n.equals("iso-8859-1") || n.equals("latin1")) return Charset.forName("windows-1252");
        for (int i = 0; i < n.length(); i++) { // RFC 2978 names; anything else would cost an exception below
            char c = n.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || "-_.:+".indexOf(c) >= 0)) return null;
        }
        try {
            return Charset.isSupported(n) ? Charset.forName(n) : null; // isSupported: no exception for unknown names
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /**
     * Text of unlabelled 8-bit octets (an "octet string", one char per octet): as UTF-8 when it is valid UTF-8, else
     * as Windows-1252, the two things such octets are in practice.
     */
    static String decodeRaw(String octets) {
        boolean eightBit = false;
        for (int i = 0; i < octets.length() && !eightBit; i++) eightBit = octets.charAt(i) > 127;
        if (!eightBit) return octets;
        byte[] bytes = octets.getBytes(StandardCharsets.ISO_8859_1);
        var decoder = StandardCharsets.UTF_8.newDecoder();
        try {
            return decoder.decode(java.nio.ByteBuffer.wrap(bytes)).toString();
        } catch (java.nio.charset.CharacterCodingException e) {
            return new String(bytes, Charset.forName("windows-1252"));
        }
    }
}
