package org.postroom.imap.search;

import java.io.IOException;
import java.io.Reader;

/**
 * RFC 3501 6.4.4's "case-insensitive substring" test, over text of any length read in chunks: each character is folded
 * (upper then lower case, so that e.g. the Kelvin sign and K compare equal; ASCII by arithmetic), and the last
 * {@code needle.length() - 1} characters of a chunk are kept so a match across two chunks is found.
 */
final class TextMatcher {
    private static final int CHUNK = 16384;
    private final char[] needle;

    TextMatcher(String needle) {
        this.needle = fold(needle).toCharArray();
    }

    boolean in(String text) {
        if (needle.length == 0) return true;
        char[] folded = new char[text.length()];
        for (int i = 0; i < folded.length; i++) folded[i] = foldChar(text.charAt(i));
        return indexOf(folded, folded.length) >= 0;
    }

    boolean in(Reader text) throws IOException {
        if (needle.length == 0) return true;
        int keep = needle.length - 1;
        char[] window = new char[keep + CHUNK];
        int filled = 0;
        int n;
        while ((n = text.read(window, filled, CHUNK)) >= 0) {
            for (int i = filled; i < filled + n; i++) window[i] = foldChar(window[i]);
            filled += n;
            if (indexOf(window, filled) >= 0) return true;
            int carry = Math.min(keep, filled);
            System.arraycopy(window, filled - carry, window, 0, carry);
            filled = carry;
        }
        return false;
    }

    private int indexOf(char[] hay, int length) {
        char first = needle[0];
        int last = length - needle.length;
        outer:
        for (int i = 0; i <= last; i++) {
            if (hay[i] != first) continue;
            for (int k = 1; k < needle.length; k++) {
                if (hay[i + k] != needle[k]) continue outer;
            }
            return i;
        }
        return -1;
    }

    static String fold(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) out.append(foldChar(s.charAt(i)));
        return out.toString();
    }

    private static char foldChar(char c) {
        if (c < 128) return c >= 'A' && c <= 'Z' ? (char) (c + 32) : c;
        return Character.toLowerCase(Character.toUpperCase(c));
    }
}
