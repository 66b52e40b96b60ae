package org.postroom.web.autoconfig;

/**
 * Thunderbird's autoconfig file, format 1.1 ("Autoconfiguration/ConfigFileFormat" on the Mozilla wiki): one
 * {@code emailProvider} for the domain, IMAP and POP3 as incoming servers (the first is the one offered), SMTP
 * submission as outgoing, each over TLS first and STARTTLS second. The user name is the whole address
 * ({@code %EMAILADDRESS%}, which Thunderbird fills in): Postroom's logins are addresses.
 */
final class ThunderbirdConfig {
    private ThunderbirdConfig() {}

    static String of(String domain, MailServices services) {
        String host = Xml.text(services.host());
        String d = Xml.text(domain);
        StringBuilder xml = new StringBuilder(2048);
        xml.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        xml.append("<clientConfig version=\"1.1\">\n");
        xml.append("  <emailProvider id=\"").append(d).append("\">\n");
        xml.append("    <domain>").append(d).append("</domain>\n");
        xml.append("    <displayName>").append(d).append(" (Postroom)</displayName>\n");
        xml.append("    <displayShortName>").append(d).append("</displayShortName>\n");
        server(xml, "incomingServer", "imap", host, services.imaps(), "SSL");
        server(xml, "incomingServer", "imap", host, services.imap(), "STARTTLS");
        server(xml, "incomingServer", "pop3", host, services.pop3s(), "SSL");
        server(xml, "incomingServer", "pop3", host, services.pop3(), "STARTTLS");
        server(xml, "outgoingServer", "smtp", host, services.submissions(), "SSL");
        server(xml, "outgoingServer", "smtp", host, services.submission(), "STARTTLS");
        xml.append("  </emailProvider>\n");
        xml.append("</clientConfig>\n");
        return xml.toString();
    }

    private static void server(StringBuilder xml, String element, String type, String host, int port, String socketType) {
        xml.append("    <").append(element).append(" type=\"").append(type).append("\">\n");
        xml.append("      <hostname>").append(host).append("</hostname>\n");
        xml.append("      <port>").append(port).append("</port>\n");
        xml.append("      <socketType>").append(socketType).append("</socketType>\n");
        xml.append("      <username>%EMAILADDRESS%</username>\n");
        xml.append("      <authentication>password-cleartext</authentication>\n");
        xml.append("    </").append(element).append(">\n");
    }
}
