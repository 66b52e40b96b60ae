package org.postroom.web.autoconfig;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Optional;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/**
 * Outlook's "POX" autodiscover ([MS-OXDSCLI] request, [MS-OXDISCO] response): the client POSTs an {@code Autodiscover}
 * request naming an {@code EMailAddress} and reads back the account's {@code Protocol} settings. IMAP, POP3 and SMTP
 * over implicit TLS ({@code SSL on}); the login name is the address.
 */
final class OutlookAutodiscover {
    private static final String RESPONSE_NS = "http://schemas.microsoft.com/exchange/autodiscover/responseschema/2006";
    private static final String OUTLOOK_NS = "http://schemas.microsoft.com/exchange/autodiscover/outlook/responseschema/2006a";

    private OutlookAutodiscover() {}

    /** The {@code EMailAddress} of a request body, or empty when the body is not such a request. */
    static Optional<String> requestedAddress(byte[] body) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            // A body from anyone: no DTDs, no external entities (XXE), bounded expansion.
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setXIncludeAware(false);
            factory.setExpandEntityReferences(false);
            DocumentBuilder builder = factory.newDocumentBuilder();
            builder.setErrorHandler(null);
            NodeList found = builder.parse(new ByteArrayInputStream(body)).getElementsByTagNameNS("*", "EMailAddress");
            if (found.getLength() == 0) return Optional.empty();
            String address = found.item(0).getTextContent().strip();
            return address.isEmpty() ? Optional.empty() : Optional.of(address);
        } catch (ParserConfigurationException | SAXException | IOException e) {
            return Optional.empty();
        }
    }

    static String of(String address, MailServices services) {
        String host = Xml.text(services.host());
        String login = Xml.text(address);
        StringBuilder xml = new StringBuilder(2048);
        xml.append("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
        xml.append("<Autodiscover xmlns=\"").append(RESPONSE_NS).append("\">\n");
        xml.append("  <Response xmlns=\"").append(OUTLOOK_NS).append("\">\n");
        xml.append("    <User><EMailAddress>").append(login).append("</EMailAddress></User>\n");
        xml.append("    <Account>\n");
        xml.append("      <AccountType>email</AccountType>\n");
        xml.append("      <Action>settings</Action>\n");
        protocol(xml, "IMAP", host, services.imaps(), login);
        protocol(xml, "POP3", host, services.pop3s(), login);
        protocol(xml, "SMTP", host, services.submissions(), login);
        xml.append("    </Account>\n");
        xml.append("  </Response>\n");
        xml.append("</Autodiscover>\n");
        return xml.toString();
    }

    private static void protocol(StringBuilder xml, String type, String host, int port, String login) {
        xml.append("      <Protocol>\n");
        xml.append("        <Type>").append(type).append("</Type>\n");
        xml.append("        <Server>").append(host).append("</Server>\n");
        xml.append("        <Port>").append(port).append("</Port>\n");
        xml.append("        <DomainRequired>off</DomainRequired>\n");
        xml.append("        <LoginName>").append(login).append("</LoginName>\n");
        xml.append("        <SPA>off</SPA>\n");
        xml.append("        <SSL>on</SSL>\n");
        xml.append("        <AuthRequired>on</AuthRequired>\n");
        if (type.equals("SMTP")) xml.append("        <UsePOPAuth>on</UsePOPAuth>\n");
        xml.append("      </Protocol>\n");
    }
}
