package org.postroom.smtp;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns the lines of one server reply into an {@link SmtpReply}, for Postroom's SMTP client. RFC 5321 4.2:
 * {@code Reply-code "-" text} on every line but the last, {@code Reply-code [SP text]} on the last, the same code
 * throughout; RFC 2034: the enhanced status code, when the server uses them, starts each line's text.
 *
 * <p>SECURITY: the lines are the remote server's; anything that is not a reply is refused with
 * {@link MalformedReply}, never guessed at.
 */
public final class ReplyParser {
    private static final Pattern LINE = Pattern.compile("([2-5][0-9][0-9])([ -]?)(.*)", Pattern.DOTALL);
    private static final Pattern STATUS = Pattern.compile("([245])\\.([0-9]{1,3})\\.([0-9]{1,3})(?: (.*)|$)", Pattern.DOTALL);

    private ReplyParser() {}

    /** The remote server sent something that is not an SMTP reply. */
    public static final class MalformedReply extends Exception {
        public MalformedReply(String message) {
            super(message);
        }
    }

    /** True when {@code line} is the last line of its reply (no {@code -} after the code). */
    public static boolean isLast(String line) {
        return line.length() < 4 || line.charAt(3) != '-';
    }

    /** Parses a whole reply, its lines without CRLF. */
    public static SmtpReply parse(List<String> lines) throws MalformedReply {
        if (lines.isEmpty()) throw new MalformedReply("empty reply");
        int code = -1;
        List<String> texts = new ArrayList<>(lines.size());
        for (int i = 0; i < lines.size(); i++) {
            Matcher m = LINE.matcher(lines.get(i));
            if (!m.matches()) throw new MalformedReply("not a reply line: " + shorten(lines.get(i)));
            int lineCode = Integer.parseInt(m.group(1));
            if (code >= 0 && lineCode != code) throw new MalformedReply("reply codes " + code + " and " + lineCode + " in one reply");
            code = lineCode;
            boolean last = i == lines.size() - 1;
            if (last == "-".equals(m.group(2))) throw new MalformedReply("continuation marks out of place: " + shorten(lines.get(i)));
            if (m.group(2).isEmpty() && !m.group(3).isEmpty()) throw new MalformedReply("no space after the code: " + shorten(lines.get(i)));
            texts.add(m.group(3));
        }
        EnhancedStatus status = null;
        Matcher first = STATUS.matcher(texts.getFirst());
        if (code / 100 != 3 && first.matches() && Integer.parseInt(first.group(1)) == code / 100) {
            status = new EnhancedStatus(Integer.parseInt(first.group(1)), Integer.parseInt(first.group(2)), Integer.parseInt(first.group(3)));
            String prefix = status.toString();
            for (int i = 0; i < texts.size(); i++) {
                String t = texts.get(i);
                if (t.equals(prefix)) texts.set(i, "");
                else if (t.startsWith(prefix + " ")) texts.set(i, t.substring(prefix.length() + 1));
            }
        }
        return new SmtpReply(code, status, texts);
    }

    private static String shorten(String line) {
        String s = line.length() > 80 ? line.substring(0, 80) + "..." : line;
        StringBuilder out = new StringBuilder(s.length());
        for (char c : s.toCharArray()) out.append(c < 32 || c == 127 ? '?' : c);
        return out.toString();
    }
}
