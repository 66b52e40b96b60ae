package org.postroom.imap.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Set;
import org.junit.jupiter.api.Test;

class HeaderCacheTest {
    private static HeaderCache.Entry entry(String header) throws Exception {
        return HeaderCache.entryOf(HeaderLines.read(new ByteArrayInputStream((header + "\r\n").getBytes(StandardCharsets.ISO_8859_1))));
    }

    private static int field(String name) {
        return HeaderCache.fieldIndex(name);
    }

    @Test
    void keptFieldsAreDecodedFoldedAndMatchedPerField() throws Exception {
        HeaderCache.Entry e = entry("From: =?UTF-8?Q?J=C3=BCrgen?= <j@example.com>\r\nSubject: Hello\r\n World\r\nTo: a@x\r\nTo: B@Y\r\nDate: 3 Dec 2026 10:00 +0100\r\n");
        assertThat(e.matches(field("FROM"), new TextMatcher("J\u00dcRGEN"))).isTrue();
        assertThat(e.matches(field("subject"), new TextMatcher("hello world"))).isTrue(); // RFC 5322 2.2.3 unfolding keeps the blank
        assertThat(e.matches(field("subject"), new TextMatcher("j\u00fcrgen"))).isFalse(); // no match in another field's segment
        assertThat(e.matches(field("to"), new TextMatcher("b@y"))).isTrue(); // the second To
        assertThat(e.matches(field("to"), new TextMatcher("a@x b@y"))).isFalse(); // never across two values
        assertThat(e.matches(field("cc"), new TextMatcher(""))).isFalse(); // RFC 3501 6.4.4: no field, no match
        assertThat(e.matches(field("to"), new TextMatcher(""))).isTrue();
        assertThat(e.sentDate()).isEqualTo(LocalDate.of(2026, 12, 3));
        assertThat(entry("Subject: x\r\n").sentDate()).isNull();
        assertThat(field("Message-ID")).isNegative();
    }

    @Test
    void anEmptyValueIsStillAField() throws Exception {
        HeaderCache.Entry e = entry("Subject:\r\nBcc: \r\n");
        assertThat(e.matches(field("subject"), new TextMatcher(""))).isTrue();
        assertThat(e.matches(field("bcc"), new TextMatcher(""))).isTrue();
        assertThat(e.matches(field("bcc"), new TextMatcher("a"))).isFalse();
    }

    @Test
    void aMessageWithLongFieldsIsNotKept() throws Exception {
        assertThat(entry("Subject: " + "x".repeat(HeaderCache.MAX_ENTRY + 1) + "\r\n")).isSameAs(HeaderCache.TOO_LONG);
    }

    @Test
    void entriesOfMessagesGoneAreDroppedOnceTheyAreMany() throws Exception {
        HeaderCache cache = new HeaderCache();
        HeaderCache.Entry e = entry("Subject: a\r\n");
        for (int i = 0; i < 2000; i++) cache.put("m" + i, e);
        cache.retain(1990, () -> { throw new AssertionError("not asked while few are gone"); });
        cache.retain(10, () -> Set.of("m1", "m2"));
        assertThat(cache.size()).isEqualTo(2);
        assertThat(cache.get("m1")).isSameAs(e);
    }

    @Test
    void oneCachePerFolderInstance() {
        Object folder = new Object();
        assertThat(HeaderCache.of(folder)).isSameAs(HeaderCache.of(folder)).isNotSameAs(HeaderCache.of(new Object()));
    }
}
