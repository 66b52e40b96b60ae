package org.postroom.admin;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.postroom.trace.Event;
import org.postroom.trace.EventKind;
import org.postroom.trace.MessageStory;

/** How {@code postroom trace} shows messages: as text, one block per message, or as JSON views. */
final class TraceViews {
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private TraceViews() {}

    static void print(Output out, List<MessageStory> stories, ZoneId zone) {
        boolean first = true;
        for (MessageStory s : stories) {
            if (!first) out.line("");
            first = false;
            out.line(s.message() + (s.messageId().isEmpty() ? "" : "  <" + s.messageId() + ">"));
            out.line("  verdict: " + s.verdict());
            List<List<String>> rows = new ArrayList<>();
            for (Event e : s.steps()) rows.add(List.of("  " + WHEN.format(e.at().atZone(zone)), e.kind().name().toLowerCase(Locale.ROOT), e.door(),
                    describe(e)));
            out.table(List.of("  WHEN", "STEP", "DOOR", "WHAT"), rows);
        }
    }

    /** One step on one line: who, for whom, and its details. */
    static String describe(Event e) {
        StringBuilder line = new StringBuilder();
        if (!e.client().isEmpty()) line.append("client ").append(e.client()).append(' ');
        if (!e.sender().isEmpty() || e.kind() == EventKind.ACCEPTED) line.append("from <").append(e.sender()).append("> ");
        if (!e.addresses().isEmpty()) line.append("to ").append(String.join(", ", e.addresses())).append(' ');
        e.details().forEach((k, v) -> line.append(k).append('=').append(v.contains(" ") ? "\"" + v + "\"" : v).append(' '));
        return line.toString().strip();
    }
}
