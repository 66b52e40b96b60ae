package org.postroom.web.autoconfig;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postroom.imap.server.ImapDoor;
import org.postroom.pop3.server.Pop3Door;
import org.postroom.smtp.server.SmtpDoor;
import org.postroom.testing.TestPostroom;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Issue 14: the client set-up files fetched over the web port of a running server with the JDK's HTTP client (and a
 * raw socket where the Host header matters), each parsed as XML and checked against the server's host name
 * ({@code [server] hostname = "mx.office.test"} in tests) and the ports its doors really listen on.
 */
class ClientSetupEndpointsTest {
    private static final String HOST = "mx.office.test";
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    @TempDir
    Path dir;

    @Test
    void thunderbirdGetsTheServersOfALocalDomainOnBothPaths() throws Exception {
        try (TestPostroom postroom = TestPostroom.start(dir)) {
            for (String path : List.of("/mail/config-v1.1.xml", "/.well-known/autoconfig/mail/config-v1.1.xml")) {
                HttpResponse<String> r = get(postroom, path + "?emailaddress=alice%40office.test");
                assertThat(r.statusCode()).as(path).isEqualTo(200);
                assertThat(r.headers().firstValue("Content-Type")).hasValue("application/xml; charset=utf-8");
                Element root = parse(r.body()).getDocumentElement();
                assertThat(root.getTagName()).isEqualTo("clientConfig");
                assertThat(root.getAttribute("version")).isEqualTo("1.1");
                Element provider = child(root, "emailProvider");
                assertThat(provider.getAttribute("id")).isEqualTo("office.test");
                assertThat(text(provider, "domain")).isEqualTo("office.test");
                assertThat(servers(provider, "incomingServer")).containsExactly(
                        "imap " + HOST + ":" + postroom.port(ImapDoor.IMAPS) + " SSL %EMAILADDRESS% password-cleartext",
                        "imap " + HOST + ":" + postroom.port(ImapDoor.IMAP) + " STARTTLS %EMAILADDRESS% password-cleartext",
                        "pop3 " + HOST + ":" + postroom.port(Pop3Door.POP3S) + " SSL %EMAILADDRESS% password-cleartext",
                        "pop3 " + HOST + ":" + postroom.port(Pop3Door.POP3) + " STARTTLS %EMAILADDRESS% password-cleartext");
                assertThat(servers(provider, "outgoingServer")).containsExactly(
                        "smtp " + HOST + ":" + postroom.port(SmtpDoor.SUBMISSIONS) + " SSL %EMAILADDRESS% password-cleartext",
                        "smtp " + HOST + ":" + postroom.port(SmtpDoor.SUBMISSION) + " STARTTLS %EMAILADDRESS% password-cleartext");
            }
        }
    }

    @Test
    void onlyLocalDomainsAreAnsweredAndADomainAddedWhileRunningIsServed() throws Exception {
        try (TestPostroom postroom = TestPostroom.start(dir)) {
            assertThat(get(postroom, "/mail/config-v1.1.xml?emailaddress=bob%40elsewhere.test").statusCode()).isEqualTo(404);
            assertThat(get(postroom, "/apple/mobileconfig?email=bob%40elsewhere.test").statusCode()).isEqualTo(404);
            assertThat(post(postroom, "/autodiscover/autodiscover.xml", request("bob@elsewhere.test")).statusCode()).isEqualTo(404);
            assertThat(get(postroom, "/mail/config-v1.1.xml?emailaddress=not-an-address").statusCode()).isEqualTo(400);
            assertThat(get(postroom, "/mail/config-v1.1.xml").statusCode()).as("no address, no autoconfig.DOMAIN host").isEqualTo(404);
            assertThat(get(postroom, "/mail/config-v1.1.xmlx?emailaddress=alice%40office.test").statusCode()).isEqualTo(404);

            postroom.directory().addDomain("branch.test");
            HttpResponse<String> added = get(postroom, "/mail/config-v1.1.xml?emailaddress=carol%40branch.test");
            assertThat(added.statusCode()).isEqualTo(200);
            assertThat(text(child(parse(added.body()).getDocumentElement(), "emailProvider"), "domain")).isEqualTo("branch.test");
        }
    }

    @Test
    void autoconfigHostWithoutAnAddressNamesTheDomain() throws Exception {
        try (TestPostroom postroom = TestPostroom.start(dir)) {
            String local = raw(postroom, "GET /mail/config-v1.1.xml HTTP/1.1\r\nHost: autoconfig.office.test\r\nConnection: close\r\n\r\n");
            assertThat(local).startsWith("HTTP/1.1 200");
            Element provider = child(parse(local.substring(local.indexOf("\r\n\r\n") + 4)).getDocumentElement(), "emailProvider");
            assertThat(provider.getAttribute("id")).isEqualTo("office.test");
            String other = raw(postroom, "GET /mail/config-v1.1.xml HTTP/1.1\r\nHost: autoconfig.elsewhere.test\r\nConnection: close\r\n\r\n");
            assertThat(other).startsWith("HTTP/1.1 404");
        }
    }

    @Test
    void outlookAutodiscoverAnswersThePostOnTheLetterCasesClientsUse() throws Exception {
        try (TestPostroom postroom = TestPostroom.start(dir)) {
            for (String path : List.of("/autodiscover/autodiscover.xml", "/Autodiscover/Autodiscover.xml", "/AutoDiscover/AutoDiscover.xml")) {
                HttpResponse<String> r = post(postroom, path, request("Alice@Office.Test"));
                assertThat(r.statusCode()).as(path).isEqualTo(200);
                Element root = parse(r.body()).getDocumentElement();
                assertThat(root.getLocalName()).isEqualTo("Autodiscover");
                assertThat(root.getNamespaceURI()).isEqualTo("http://schemas.microsoft.com/exchange/autodiscover/responseschema/2006");
                Element response = child(root, "Response");
                assertThat(response.getNamespaceURI()).isEqualTo("http://schemas.microsoft.com/exchange/autodiscover/outlook/responseschema/2006a");
                Element account = child(response, "Account");
                assertThat(text(account, "AccountType")).isEqualTo("email");
                assertThat(text(account, "Action")).isEqualTo("settings");
                List<String> protocols = new ArrayList<>();
                for (Element p : children(account, "Protocol")) {
                    protocols.add(text(p, "Type") + " " + text(p, "Server") + ":" + text(p, "Port") + " ssl=" + text(p, "SSL")
                            + " login=" + text(p, "LoginName") + " auth=" + text(p, "AuthRequired"));
                }
                assertThat(protocols).containsExactly(
                        "IMAP " + HOST + ":" + postroom.port(ImapDoor.IMAPS) + " ssl=on login=Alice@office.test auth=on",
                        "POP3 " + HOST + ":" + postroom.port(Pop3Door.POP3S) + " ssl=on login=Alice@office.test auth=on",
                        "SMTP " + HOST + ":" + postroom.port(SmtpDoor.SUBMISSIONS) + " ssl=on login=Alice@office.test auth=on");
            }
            assertThat(get(postroom, "/autodiscover/autodiscover.xml").statusCode()).isEqualTo(405);
            assertThat(post(postroom, "/autodiscover/autodiscover.xml", "not xml").statusCode()).isEqualTo(400);
            // An external entity is never resolved: a DOCTYPE is refused outright.
            String xxe = "<?xml version=\"1.0\"?><!DOCTYPE a [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
                    + "<Autodiscover><Request><EMailAddress>&x;</EMailAddress></Request></Autodiscover>";
            HttpResponse<String> refused = post(postroom, "/autodiscover/autodiscover.xml", xxe);
            assertThat(refused.statusCode()).isEqualTo(400);
            assertThat(refused.body()).doesNotContain("root:");
            assertThat(post(postroom, "/autodiscover/autodiscover.xml", "x".repeat(ClientSetup.MAX_BODY + 1)).statusCode()).isEqualTo(413);
        }
    }

    @Test
    void appleProfileSetsUpImapAndSubmissionOverTls() throws Exception {
        try (TestPostroom postroom = TestPostroom.start(dir)) {
            HttpResponse<String> r = get(postroom, "/apple/mobileconfig?email=alice%40office.test");
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.headers().firstValue("Content-Type")).hasValue("application/x-apple-aspen-config");
            Element top = child(parse(r.body()).getDocumentElement(), "dict");
            Map<String, String> profile = plist(top);
            assertThat(profile).containsEntry("PayloadType", "Configuration").containsEntry("PayloadVersion", "1");
            Element account = child(child(top, "array"), "dict");
            Map<String, String> mail = plist(account);
            assertThat(mail).containsEntry("PayloadType", "com.apple.mail.managed")
                    .containsEntry("EmailAccountType", "EmailTypeIMAP")
                    .containsEntry("EmailAddress", "alice@office.test")
                    .containsEntry("IncomingMailServerHostName", HOST)
                    .containsEntry("IncomingMailServerPortNumber", Integer.toString(postroom.port(ImapDoor.IMAPS)))
                    .containsEntry("IncomingMailServerUseSSL", "true")
                    .containsEntry("IncomingMailServerUsername", "alice@office.test")
                    .containsEntry("OutgoingMailServerHostName", HOST)
                    .containsEntry("OutgoingMailServerPortNumber", Integer.toString(postroom.port(SmtpDoor.SUBMISSIONS)))
                    .containsEntry("OutgoingMailServerUseSSL", "true")
                    .containsEntry("OutgoingPasswordSameAsIncomingPassword", "true");
            assertThat(profile.get("PayloadUUID")).matches("[0-9A-F-]{36}").isNotEqualTo(mail.get("PayloadUUID"));
            // The same address gets the same identifiers: a new profile replaces the old one on the device.
            assertThat(plist(child(parse(get(postroom, "/apple/mobileconfig?email=alice%40office.test").body())
                    .getDocumentElement(), "dict"))).containsEntry("PayloadUUID", profile.get("PayloadUUID"));
            assertThat(get(postroom, "/apple/mobileconfig").statusCode()).isEqualTo(400);
        }
    }

    // ---------------------------------------------------------------- helpers

    private HttpResponse<String> get(TestPostroom postroom, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + postroom.webPort() + path))
                .timeout(Duration.ofSeconds(30)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(TestPostroom postroom, String path, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + postroom.webPort() + path))
                .timeout(Duration.ofSeconds(30)).header("Content-Type", "text/xml")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** What Outlook POSTs ([MS-OXDSCLI] 2.2.3). */
    private static String request(String address) {
        return "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
                + "<Autodiscover xmlns=\"http://schemas.microsoft.com/exchange/autodiscover/outlook/requestschema/2006\">\n"
                + "  <Request>\n    <EMailAddress>" + address + "</EMailAddress>\n"
                + "    <AcceptableResponseSchema>http://schemas.microsoft.com/exchange/autodiscover/outlook/responseschema/2006a</AcceptableResponseSchema>\n"
                + "  </Request>\n</Autodiscover>\n";
    }

    private static String raw(TestPostroom postroom, String request) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", postroom.webPort())) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static Document parse(String xml) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false); // the plist DTD
        return factory.newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    }

    private static List<Element> children(Element parent, String name) {
        List<Element> found = new ArrayList<>();
        NodeList nodes = parent.getChildNodes();
        for (int i = 0; i < nodes.getLength(); i++) {
            if (nodes.item(i) instanceof Element e && e.getLocalName().equals(name)) found.add(e);
        }
        return found;
    }

    private static Element child(Element parent, String name) {
        List<Element> found = children(parent, name);
        assertThat(found).as("<" + name + "> in <" + parent.getLocalName() + ">").isNotEmpty();
        return found.get(0);
    }

    private static String text(Element parent, String name) {
        return child(parent, name).getTextContent().strip();
    }

    private static List<String> servers(Element provider, String element) {
        List<String> out = new ArrayList<>();
        for (Element s : children(provider, element)) {
            out.add(s.getAttribute("type") + " " + text(s, "hostname") + ":" + text(s, "port") + " " + text(s, "socketType")
                    + " " + text(s, "username") + " " + text(s, "authentication"));
        }
        return out;
    }

    /** A plist dict's keys and scalar values (true/false as text; arrays and dicts left out). */
    private static Map<String, String> plist(Element dict) {
        Map<String, String> out = new LinkedHashMap<>();
        String key = null;
        NodeList nodes = dict.getChildNodes();
        for (int i = 0; i < nodes.getLength(); i++) {
            if (!(nodes.item(i) instanceof Element e)) continue;
            if (e.getLocalName().equals("key")) {
                key = e.getTextContent();
            } else if (key != null) {
                switch (e.getLocalName()) {
                    case "string", "integer" -> out.put(key, e.getTextContent());
                    case "true", "false" -> out.put(key, e.getLocalName());
                    default -> { }
                }
                key = null;
            }
        }
        return out;
    }

}
