package org.postroom.trace;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The steps of a message read or removed by its owner over POP3 or IMAP ({@code [trace] reads = true}). A step joins
 * the message's story through the id in Postroom's own {@code Received} header (the first one), read from the top of
 * the stored file; a message without one gets the key the door names.
 */
public final class ReadSteps {
    /** Postroom's Received header is first in a stored message, after Return-Path: a few KiB is plenty. */
    private static final int HEAD = 8192;
    private static final Pattern OUR_ID = Pattern.compile("\\(Postroom\\)(?: with \\S+)? id ([0-9A-Z]+)");
    private static final Pattern MESSAGE_ID = Pattern.compile("(?im)^Message-ID:\\s*(<[^>\\r\\n]*>)");

    /** Opens a stored message from its first byte; the caller closes it. */
    @FunctionalInterface
    public interface Opener {
        InputStream open() throws IOException;
    }

    private ReadSteps() {}

    /**
     * The step {@code kind} ({@link EventKind#READ} or {@link EventKind#REMOVED}) of the message {@code opener} reads,
     * at {@code door} ({@code pop3}, {@code imap}) for {@code user}. For a removal call it before the file goes.
     *
     * @param fallbackKey the step's key when the message has no Received header of Postroom's
     */
    public static Event of(EventKind kind, String door, Opener opener, String fallbackKey, String user, String client,
            Instant at, Map<String, String> details) {
        String head = "";
        try (InputStream in = opener.open()) {
            head = new String(in.readNBytes(HEAD), StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            // gone meanwhile: the step is still recorded, under a key of its own
        }
        int end = head.indexOf("\r\n\r\n");
        if (end >= 0) head = head.substring(0, end);
        Matcher id = OUR_ID.matcher(head);
        Matcher messageId = MESSAGE_ID.matcher(head);
        String key = id.find() ? id.group(1) : fallbackKey;
        return new Event(at, kind, door, key, messageId.find() ? messageId.group(1) : "", client, "", List.of(user), details);
    }
}
