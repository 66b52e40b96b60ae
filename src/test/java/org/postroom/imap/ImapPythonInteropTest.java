package org.postroom.imap;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.postroom.testing.ImapTestServer;
import org.postroom.testing.PythonClient;
import org.postroom.testing.TestPostroom;

/**
 * Python's imaplib (the client of many scripts) in the selected state: SELECT, UID FETCH, FETCH of body parts (which
 * sets \Seen), STORE, SEARCH and UID SEARCH, UID COPY with COPYUID, UID EXPUNGE, CLOSE. Skipped, with a message,
 * where python3 is missing.
 */
class ImapPythonInteropTest {
    static final String FIRST = "From: bob@office.test\r\nSubject: first\r\n\r\nbody one\r\n";
    static final String SECOND = "From: carol@office.test\r\nSubject: second\r\n\r\nbody two\r\n";

    @TempDir
    static Path scripts;
    static Path script;

    @RegisterExtension
    final ImapTestServer server = new ImapTestServer();

    @TempDir
    Path dir;
    TestPostroom postroom;

    @BeforeAll
    static void needPython() throws Exception {
        Assumptions.assumeTrue(PythonClient.canImport("imaplib"), "python3 is missing: Python's imaplib interop is not tested (apt-get install python3)");
        script = PythonClient.copyScript(ImapPythonInteropTest.class, "imaplib_client.py", scripts);
    }

    @BeforeEach
    void start() {
        postroom = server.start(dir);
        ImapTestServer.specialFolders(postroom, "alice");
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.isArray() ? n.toString() : n.asText()));
        return out;
    }

    @Test
    void selectFetchStoreSearchCopyAndUidExpunge() throws Exception {
        postroom.deliver("alice", FIRST);
        postroom.deliver("alice", SECOND);
        JsonNode result = PythonClient.runForJson(script, 60, String.valueOf(postroom.imapPort()), "alice", TestPostroom.PASSWORD);

        assertThat(strings(result.get("select"))).containsExactly("OK", "[\"2\"]");
        assertThat(strings(result.get("flags").get(1))).containsExactly(
                "1 (UID 1 FLAGS () RFC822.SIZE " + FIRST.length() + ")", "2 (UID 2 FLAGS () RFC822.SIZE " + SECOND.length() + ")");
        List<String> body = new ArrayList<>();
        result.get("body").get(1).forEach(n -> body.add(new String(Base64.getDecoder().decode(n.asText()), StandardCharsets.UTF_8)));
        assertThat(body).containsExactly("Subject: first\r\n\r\n", "body one\r\n");
        // The non-PEEK BODY[TEXT] set \Seen (RFC 3501 6.4.5); imaplib may also hand back the FLAGS sent with the body.
        assertThat(strings(result.get("seen_after_body").get(1))).isNotEmpty().allMatch(line -> line.matches("1 \\(.*FLAGS \\(\\\\Seen\\).*"));
        assertThat(strings(result.get("store").get(1))).containsExactly("2 (FLAGS (\\Flagged) UID 2)");
        assertThat(strings(result.get("search_flagged").get(1))).containsExactly("2");
        assertThat(strings(result.get("uid_search_subject").get(1))).containsExactly("2");
        assertThat(result.get("copy").get(0).asText()).isEqualTo("OK");
        assertThat(strings(result.get("copyuid")).getFirst()).matches("\\d+ 1:2 1:2");
        assertThat(strings(result.get("uid_expunge").get(1))).containsExactly("1");
        assertThat(strings(result.get("trash"))).containsExactly("OK", "[\"2\"]");
    }
}
