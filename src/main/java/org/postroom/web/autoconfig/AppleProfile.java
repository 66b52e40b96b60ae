package org.postroom.web.autoconfig;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * An Apple configuration profile ({@code .mobileconfig}, a property list) with one {@code com.apple.mail.managed}
 * payload: an IMAP account over TLS, sending through submission over TLS with the same password. Unsigned: iOS and
 * macOS show it as "Not Verified" and ask before installing (signing needs a certificate a device trusts, which a
 * self-signed server has not). The identifiers are derived from the address, so installing a newer profile for the
 * same address replaces the old one instead of adding a second account. The password is not in it; the device asks.
 */
final class AppleProfile {
    static final String CONTENT_TYPE = "application/x-apple-aspen-config";

    private AppleProfile() {}

    static String of(String address, String domain, MailServices services) {
        String reversed = reverse(domain);
        String a = Xml.text(address);
        StringBuilder p = new StringBuilder(3072);
        p.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        p.append("<!DOCTYPE plist PUBLIC \"-//Apple//DTD PLIST 1.0//EN\" \"http://www.apple.com/DTDs/PropertyList-1.0.dtd\">\n");
        p.append("<plist version=\"1.0\">\n<dict>\n");
        p.append("  <key>PayloadContent</key>\n  <array>\n    <dict>\n");
        string(p, "EmailAccountDescription", address);
        string(p, "EmailAccountName", address);
        string(p, "EmailAccountType", "EmailTypeIMAP");
        string(p, "EmailAddress", address);
        string(p, "IncomingMailServerAuthentication", "EmailAuthPassword");
        string(p, "IncomingMailServerHostName", services.host());
        integer(p, "IncomingMailServerPortNumber", services.imaps());
        bool(p, "IncomingMailServerUseSSL", true);
        string(p, "IncomingMailServerUsername", address);
        string(p, "OutgoingMailServerAuthentication", "EmailAuthPassword");
        string(p, "OutgoingMailServerHostName", services.host());
        integer(p, "OutgoingMailServerPortNumber", services.submissions());
        bool(p, "OutgoingMailServerUseSSL", true);
        string(p, "OutgoingMailServerUsername", address);
        bool(p, "OutgoingPasswordSameAsIncomingPassword", true);
        string(p, "PayloadDescription", "Mail account " + address);
        string(p, "PayloadDisplayName", address);
        string(p, "PayloadIdentifier", reversed + ".postroom.mail." + uuid("account", address));
        string(p, "PayloadType", "com.apple.mail.managed");
        string(p, "PayloadUUID", uuid("account", address));
        integer(p, "PayloadVersion", 1);
        p.append("    </dict>\n  </array>\n");
        p.append("  <key>PayloadDescription</key>\n  <string>Sets up the mail account ").append(a).append("</string>\n");
        p.append("  <key>PayloadDisplayName</key>\n  <string>Mail: ").append(a).append("</string>\n");
        p.append("  <key>PayloadIdentifier</key>\n  <string>").append(Xml.text(reversed)).append(".postroom.").append(uuid("profile", address)).append("</string>\n");
        p.append("  <key>PayloadOrganization</key>\n  <string>").append(Xml.text(domain)).append("</string>\n");
        p.append("  <key>PayloadRemovalDisallowed</key>\n  <false/>\n");
        p.append("  <key>PayloadType</key>\n  <string>Configuration</string>\n");
        p.append("  <key>PayloadUUID</key>\n  <string>").append(uuid("profile", address)).append("</string>\n");
        p.append("  <key>PayloadVersion</key>\n  <integer>1</integer>\n");
        p.append("</dict>\n</plist>\n");
        return p.toString();
    }

    /** The file name offered for download. */
    static String fileName(String address) {
        return address.replaceAll("[^A-Za-z0-9@._-]", "_") + ".mobileconfig";
    }

    private static String uuid(String kind, String address) {
        return UUID.nameUUIDFromBytes(("postroom " + kind + " " + address).getBytes(StandardCharsets.UTF_8)).toString().toUpperCase(java.util.Locale.ROOT);
    }

    private static String reverse(String domain) {
        String[] labels = domain.split("\\.");
        StringBuilder out = new StringBuilder();
        for (int i = labels.length - 1; i >= 0; i--) out.append(labels[i]).append(i > 0 ? "." : "");
        return out.toString();
    }

    private static void string(StringBuilder p, String key, String value) {
        p.append("      <key>").append(key).append("</key>\n      <string>").append(Xml.text(value)).append("</string>\n");
    }

    private static void integer(StringBuilder p, String key, int value) {
        p.append("      <key>").append(key).append("</key>\n      <integer>").append(value).append("</integer>\n");
    }

    private static void bool(StringBuilder p, String key, boolean value) {
        p.append("      <key>").append(key).append("</key>\n      <").append(value).append("/>\n");
    }
}
