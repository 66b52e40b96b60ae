package org.postroom.pop3;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postroom.pop3.server.Pop3Door;
import org.postroom.store.Maildir;
import org.postroom.testing.PythonClient;
import org.postroom.testing.TestPostroom;

/**
 * Python's poplib, the client of many scripts and of fetchmail-like tools, against Postroom: leave-on-server with
 * UIDL, TOP, delete, over STLS and implicit TLS (plaintext logins from loopback are off here). Skipped, with a
 * message, where python3 is missing.
 */
class Pop3PythonInteropTest {
    static final String FIRST = "From: bob@example.com\r\nSubject: first\r\n\r\n.a line with a leading dot\r\n\r\nend\r\n";
    static final String SECOND = "Subject: second\r\n\r\nshort\r\n";

    @TempDir
    static Path scripts;
    static Path script;

    @TempDir
    Path dir;
    TestPostroom postroom;

    @BeforeAll
    static void needPython() throws Exception {
        Assumptions.assumeTrue(PythonClient.canImport("poplib, ssl"), "python3 is missing: Python's poplib interop is not tested (apt-get install python3)");
        script = PythonClient.copyScript(Pop3PythonInteropTest.class, "poplib_client.py", scripts);
    }


    @BeforeEach
    void start() {
        postroom = TestPostroom.start(dir, "[auth]\nplaintext_from_loopback = false\nfailure_delay = \"0s\"\n");
        postroom.addUser("alice");
    }

    @AfterEach
    void stop() {
        postroom.close();
    }

    private JsonNode poplib(String mode, String action) throws Exception {
        int port = mode.equals("tls") ? postroom.port(Pop3Door.POP3S) : postroom.pop3Port();
        return PythonClient.runForJson(script, 30, String.valueOf(port), "alice@office.test", TestPostroom.PASSWORD, mode, action);
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    private static List<String> messages(JsonNode result) {
        List<String> out = new ArrayList<>();
        result.get("messages").forEach(n -> out.add(new String(Base64.getDecoder().decode(n.asText()), StandardCharsets.UTF_8)));
        return out;
    }

    @Test
    void leaveOnServerWithUidlOverStlsThenImplicitTlsThenDelete() throws Exception {
        String first = Maildir.uniqueName(postroom.deliver("alice", FIRST));
        String second = Maildir.uniqueName(postroom.deliver("alice", SECOND));

        JsonNode leave = poplib("stls", "leave");
        assertThat(strings(leave.get("capa_before_tls"))).contains("STLS").doesNotContain("USER", "SASL");
        assertThat(leave.get("stls").asText()).isEqualTo("+OK Begin TLS negotiation");
        assertThat(strings(leave.get("capa"))).contains("USER", "SASL", "TOP", "UIDL", "PIPELINING", "RESP-CODES").doesNotContain("STLS");
        assertThat(leave.get("stat").get(0).asInt()).isEqualTo(2);
        assertThat(leave.get("stat").get(1).asInt()).isEqualTo(FIRST.length() + SECOND.length());
        assertThat(strings(leave.get("uidl"))).containsExactly("1 " + first, "2 " + second);
        assertThat(messages(leave)).containsExactly(FIRST, SECOND); // byte for byte, the dot un-stuffed
        assertThat(postroom.mailFiles("alice")).hasSize(2).allMatch(name -> name.startsWith("cur/") && name.endsWith(":2,S"));

        String third = Maildir.uniqueName(postroom.deliver("alice", "Subject: third\r\n\r\nnew\r\n"));
        JsonNode again = poplib("tls", "leave");
        assertThat(strings(again.get("uidl"))).containsExactly("1 " + first, "2 " + second, "3 " + third);

        JsonNode top = poplib("tls", "top");
        assertThat(strings(top.get("top"))).containsExactly("From: bob@example.com", "Subject: first", "");

        JsonNode delete = poplib("stls", "delete");
        assertThat(messages(delete)).hasSize(3);
        assertThat(delete.get("quit").asText()).isEqualTo("+OK Bye, 3 messages deleted, 0 left");
        assertThat(postroom.mailFiles("alice")).isEmpty();
    }
}
