package org.postroom.imap.search;

import java.io.IOException;
import java.io.Reader;

/**
 * RFC 3501 6.4.4's "case-insensitive substring" test, over text of any length read in chunks: each character is folded
 * (upper then lower case, so that e.g. the Turkish dotless i and the Kelvin sign compare as their letters), and the
 * last {@code needle.length() - 1} characters of a chunk are kept so a match across two chunks is found.
 */
final class TextMatcher {
    private final String needle;

    TextMatcher(String needle) {
        this.needle = fold(needle);
    }

    boolean in(String text) {
        return needle.isEmpty() || fold(text).contains(needle);
    }

    boolean in(Reader text) throws IOException {
        if (needle.isEmpty()) return true;
        char[] chunk = new char[16384];
        StringBuilder window = new StringBuilder();
        int n;
        while ((n = text.read(chunk)) >= 0) {
            for (int i = 0; i < n; i++) window.append(foldChar(chunk[i]));
            if (window.indexOf(needle) >= 0) return true;
            int keep = Math.min(window.length(), needle.length() - 1);
            window.delete(0, window.length() - keep);
        }
        return false;
    }

    static String fold(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) out.append(foldChar(s.charAt(i)));
        return out.toString();
    }

    private static char foldChar(char c) {
        return Character.toLowerCase(Character.toUpperCase(c));
    }
}
