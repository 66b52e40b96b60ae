package org.postroom.config;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Every door listens on its own port: two settings that name the same port would make the second listener fail
 * at start with "address already in use", or (with SO_REUSEPORT elsewhere) share connections between two
 * protocols. Caught here instead, naming both keys. Port 0 (a free port, in tests) never clashes.
 */
final class DistinctPorts {
    private DistinctPorts() {}

    static void check(ConfigReader r, SmtpSettings smtp, Pop3Settings pop3, ImapSettings imap, WebSettings web) {
        Map<String, Integer> ports = new LinkedHashMap<>();
        ports.put("smtp.port", smtp.port());
        ports.put("smtp.submission_port", smtp.submissionPort());
        ports.put("smtp.submissions_port", smtp.submissionsPort());
        ports.put("pop3.port", pop3.port());
        ports.put("pop3.tls_port", pop3.tlsPort());
        ports.put("imap.port", imap.port());
        ports.put("imap.tls_port", imap.tlsPort());
        ports.put("web.port", web.port());
        Map<Integer, String> taken = new LinkedHashMap<>();
        for (Map.Entry<String, Integer> e : ports.entrySet()) {
            if (e.getValue() == 0) continue;
            String first = taken.putIfAbsent(e.getValue(), e.getKey());
            if (first == null) continue;
            // Name the key written in the file; if only one of the two is written, the other is its default.
            String key = r.line(e.getKey()) > 0 ? e.getKey() : first;
            String other = key.equals(first) ? e.getKey() : first;
            int otherLine = r.line(other);
            throw r.problem(key, "port " + e.getValue() + " is also " + other + " (" + (otherLine > 0 ? "line " + otherLine : "its default")
                    + "): two services cannot listen on one port");
        }
    }
}
