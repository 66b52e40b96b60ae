package org.postroom.trace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The trace's own JSON for its rows and journal lines writes what Jackson writes and reads what Jackson wrote (rows
 * and journals from before it), with every character a detail may hold: quotes, backslashes, control characters,
 * line ends, non-ASCII.
 */
class FlatJsonTest {
    private static final ObjectMapper JACKSON = new ObjectMapper();
    private static final String AWKWARD = "a \"quoted\" \\path\\ \n\r\t\b\f \u0001\u001f é ü 日本 😀 </x> '";

    @Test
    void writesTheBytesJacksonWrites() throws Exception {
        List<String> list = List.of("alice@office.test", AWKWARD, "");
        Map<String, String> map = new LinkedHashMap<>();
        map.put("reply", "550 5.1.1 <ghost@office.lan>: \"no such user\"");
        map.put(AWKWARD, AWKWARD);
        assertThat(FlatJson.array(list)).isEqualTo(JACKSON.writeValueAsString(list));
        assertThat(FlatJson.object(map)).isEqualTo(JACKSON.writeValueAsString(map));
        assertThat(FlatJson.array(List.of())).isEqualTo("[]");
        assertThat(FlatJson.object(Map.of())).isEqualTo("{}");
    }

    @Test
    void readsWhatJacksonWrote() throws Exception {
        List<String> list = List.of("bob@office.test", AWKWARD);
        Map<String, String> map = new LinkedHashMap<>(Map.of("rule", "envelope header Delivered-To", "why", AWKWARD));
        assertThat(FlatJson.parseArray(JACKSON.writeValueAsString(list))).isEqualTo(list);
        assertThat(FlatJson.parseObject(JACKSON.writeValueAsString(map))).isEqualTo(map);
        assertThat(FlatJson.parseArray(" [ \"a\\/b\" , \"\\u00e9\\uD83D\\uDE00\" ] ")).containsExactly("a/b", "é😀");
        assertThat(FlatJson.parseObject("{ }")).isEmpty();
    }

    @Test
    void aDamagedValueIsRefused() {
        for (String bad : List.of("[\"a\"", "[\"a\",]", "{\"a\"}", "[\"a\\q\"]", "[\"\\u12\"]", "[] x", "{\"a\":\"b\"")) {
            assertThatThrownBy(() -> {
                if (bad.startsWith("[")) FlatJson.parseArray(bad);
                else FlatJson.parseObject(bad);
            }).as(bad).isInstanceOf(FlatJson.Malformed.class);
        }
    }

    @Test
    void aJournalLineIsWhatJacksonWritesForIt() throws Exception {
        Event e = new Event(Instant.parse("2026-12-07T09:12:00.123456Z"), EventKind.COLLECTED, "collect", "M1", "<x@y>", "bench", "",
                List.of("alice@office.test", AWKWARD), Map.of("uidl", AWKWARD, "account", "bench"));
        TraceJournal.Line line = TraceJournal.Line.of(e);
        StringBuilder out = new StringBuilder();
        line.appendTo(out);
        assertThat(out.toString()).isEqualTo(JACKSON.writeValueAsString(line));
        assertThat(JACKSON.readValue(out.toString(), TraceJournal.Line.class).event()).isEqualTo(e);
    }
}
