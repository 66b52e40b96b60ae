package org.postroom.pop3.server;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.postroom.trace.Event;
import org.postroom.trace.EventKind;

/**
 * The trace events of a message read or deleted by its owner ({@code [trace] reads = true}). The step joins the
 * message's story through the id in Postroom's own {@code Received} header (the first one), read from the top of
 * the stored file; a message without one gets a key of its own.
 */
final class ReadEvents {
    /** Postroom's Received header is first in a stored message, after Return-Path: a few KiB is plenty. */
    private static final int HEAD = 8192;
    private static final Pattern OUR_ID = Pattern.compile("\\(Postroom\\)(?: with \\S+)? id ([0-9A-Z]+)");
    private static final Pattern MESSAGE_ID = Pattern.compile("(?im)^Message-ID:\\s*(<[^>\\r\\n]*>)");

    private ReadEvents() {}

    static Event of(EventKind kind, Maildrop drop, int number, String user, String client, Instant at) {
        String head = "";
        try (InputStream in = drop.open(number)) {
            head = new String(in.readNBytes(HEAD), StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            // gone meanwhile: the step is still recorded, under a key of its own
        }
        int end = head.indexOf("\r\n\r\n");
        if (end >= 0) head = head.substring(0, end);
        Matcher id = OUR_ID.matcher(head);
        Matcher messageId = MESSAGE_ID.matcher(head);
        String key = id.find() ? id.group(1) : "pop3." + drop.uidl(number);
        return new Event(at, kind, "pop3", key, messageId.find() ? messageId.group(1) : "", client, "", List.of(user),
                Map.of("uidl", drop.uidl(number)));
    }
}
