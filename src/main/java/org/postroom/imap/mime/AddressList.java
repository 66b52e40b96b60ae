package org.postroom.imap.mime;

import java.util.ArrayList;
import java.util.List;

/**
 * An address list header (RFC 5322 3.4) read into RFC 3501 7.4.2's address structures: (name adl mailbox host), a
 * group as a start marker {@code (NIL NIL "group" NIL)} and an end marker {@code (NIL NIL NIL NIL)}. Lenient like a
 * mail reader: what cannot be parsed is skipped to the next comma. Names stay as written (RFC 2047 words encoded,
 * RFC 3501 7.4.2), quotes removed; without a display name a comment after the address is the name, and a missing
 * mailbox or host is {@code MISSING_MAILBOX} / {@code MISSING_DOMAIN}, as Dovecot answers. Empty list elements
 * ({@code a@b, , c@d}) are skipped (RFC 5322 4.4 obs-addr-list).
 */
final class AddressList {
    /** Bounds one field's answer (the field is bounded too, {@link HeaderFields#MAX_VALUE}). */
    static final int MAX_ADDRESSES = 1000;

    /** One address structure; null parts are NIL. */
    record Address(String name, String adl, String mailbox, String host) {
        static final Address GROUP_END = new Address(null, null, null, null);
    }

    /** Dovecot's placeholders: a NIL host would make the address a group marker (RFC 3501 7.4.2). */
    static final String MISSING_MAILBOX = "MISSING_MAILBOX";
    static final String MISSING_DOMAIN = "MISSING_DOMAIN";

    private final String text;
    private int i;
    /** The last comment {@link #skipCfws} passed. */
    private String lastComment;
    private final List<Address> out = new ArrayList<>();

    private AddressList(String text) {
        this.text = text;
    }

    static List<Address> parse(String octets) {
        AddressList parser = new AddressList(octets);
        parser.list(false);
        return parser.out;
    }

    /** Addresses up to the end (or, inside a group, up to its {@code ;}). */
    private void list(boolean inGroup) {
        while (i < text.length() && out.size() < MAX_ADDRESSES) {
            skipBlanks();
            if (i >= text.length()) return;
            char c = text.charAt(i);
            if (c == ',') {
                i++;
                continue;
            }
            if (c == ';') {
                if (inGroup) return;
                i++;
                continue;
            }
            int before = i;
            one(inGroup);
            if (i == before) i++; // nothing was understood: step over it
        }
    }

    private void one(boolean inGroup) {
        StringBuilder phrase = new StringBuilder();
        StringBuilder local = new StringBuilder();
        boolean lastWasWord = false;
        while (i < text.length()) {
            skipCfws();
            if (i >= text.length()) break;
            char c = text.charAt(i);
            if (c == '<') {
                i++;
                angle(phrase.isEmpty() ? null : phrase.toString());
                return;
            }
            if (c == ':' && !inGroup) {
                i++;
                out.add(new Address(null, null, phrase.toString(), null));
                list(true);
                if (i < text.length() && text.charAt(i) == ';') i++;
                out.add(Address.GROUP_END);
                return;
            }
            if (c == '@') {
                i++;
                lastComment = null;
                String host = domain();
                add(lastComment, null, local.toString(), host);
                return;
            }
            if (c == ',' || c == ';' || c == '>') break;
            if (c == '.') {
                i++;
                phrase.append('.');
                local.append('.');
                lastWasWord = false;
                continue;
            }
            String word = c == '"' ? quoted() : atom();
            if (word == null) {
                i++;
                continue;
            }
            if (lastWasWord) phrase.append(' ');
            phrase.append(word);
            local.append(word);
            lastWasWord = true;
        }
        if (!local.isEmpty()) add(null, null, local.toString(), null); // no domain
    }

    /** An address with the placeholders for what is missing; an empty name is none. */
    private void add(String name, String adl, String mailbox, String host) {
        out.add(new Address(name == null || name.isEmpty() ? null : name, adl,
                mailbox == null || mailbox.isEmpty() ? MISSING_MAILBOX : mailbox,
                host == null || host.isEmpty() ? MISSING_DOMAIN : host));
    }

    /** After {@code <}: an optional route, an addr-spec, {@code >}. */
    private void angle(String name) {
        String adl = null;
        skipCfws();
        if (i < text.length() && text.charAt(i) == '@') {
            int colon = text.indexOf(':', i);
            int close = text.indexOf('>', i);
            if (colon > 0 && (close < 0 || colon < close)) {
                adl = text.substring(i, colon).replaceAll("\\s+", "");
                i = colon + 1;
            }
        }
        StringBuilder local = new StringBuilder();
        String host = null;
        while (i < text.length()) {
            skipCfws();
            if (i >= text.length()) break;
            char c = text.charAt(i);
            if (c == '>') {
                i++;
                break;
            }
            if (c == '@') {
                i++;
                host = domain();
                continue;
            }
            if (c == '.') {
                i++;
                local.append('.');
                continue;
            }
            String word = c == '"' ? quoted() : atom();
            if (word == null) i++;
            else local.append(word);
        }
        add(name, adl, local.toString(), host);
    }

    private String domain() {
        StringBuilder host = new StringBuilder();
        while (i < text.length()) {
            skipCfws();
            if (i >= text.length()) break;
            char c = text.charAt(i);
            if (c == '[') {
                int close = text.indexOf(']', i);
                int end = close < 0 ? text.length() : close + 1;
                host.append(text, i, end);
                i = end;
            } else if (c == '.') {
                host.append('.');
                i++;
            } else {
                String atom = atom();
                if (atom == null) break;
                host.append(atom);
            }
        }
        return host.isEmpty() ? null : host.toString();
    }

    private String atom() {
        int start = i;
        while (i < text.length() && "()<>@,;:\\\".[] \t\r\n".indexOf(text.charAt(i)) < 0) i++;
        return i > start ? text.substring(start, i) : null;
    }

    private String quoted() {
        StringBuilder s = new StringBuilder();
        i++;
        while (i < text.length()) {
            char c = text.charAt(i++);
            if (c == '"') break;
            if (c == '\\' && i < text.length()) c = text.charAt(i++);
            if (c != '\r' && c != '\n') s.append(c);
        }
        return s.toString();
    }

    /** Skips blanks and comments; returns the last comment's text (blanks collapsed), or null. */
    private String skipCfws() {
        String comment = null;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
                i++;
            } else if (c == '(') {
                int depth = 0;
                int start = i + 1;
                while (i < text.length()) {
                    char d = text.charAt(i++);
                    if (d == '\\') i++;
                    else if (d == '(') depth++;
                    else if (d == ')' && --depth == 0) break;
                }
                comment = text.substring(start, Math.max(start, Math.min(i, text.length()) - 1)).strip();
                lastComment = comment;
            } else {
                break;
            }
        }
        return comment;
    }

    private void skipBlanks() {
        while (i < text.length() && " \t\r\n".indexOf(text.charAt(i)) >= 0) i++;
    }
}
