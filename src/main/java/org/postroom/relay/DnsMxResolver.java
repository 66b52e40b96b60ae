package org.postroom.relay;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Hashtable;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import javax.naming.Context;
import javax.naming.NameNotFoundException;
import javax.naming.NamingEnumeration;
import javax.naming.NamingException;
import javax.naming.directory.Attribute;
import javax.naming.directory.Attributes;
import javax.naming.directory.DirContext;
import javax.naming.directory.InitialDirContext;
import org.postroom.config.HostPort;

/**
 * MX lookups through the JDK's DNS client (JNDI, the system's resolvers). RFC 5321 5.1: the MX records sorted
 * by preference, equal preferences in random order; no MX record means the domain itself (its A/AAAA records,
 * looked up when connecting); a single MX of "." is RFC 7505's null MX: no mail.
 *
 * <p>SECURITY: DNS answers are not authenticated (no DNSSEC, no DANE): a forged MX can divert mail, as for
 * every MTA without DANE; TLS to MX hosts is opportunistic (RFC 7435).
 */
public final class DnsMxResolver implements MxResolver {
    private static final int SMTP_PORT = 25;

    @Override
    public Result resolve(String domain) {
        Hashtable<String, String> env = new Hashtable<>();
        env.put(Context.INITIAL_CONTEXT_FACTORY, "com.sun.jndi.dns.DnsContextFactory");
        env.put("com.sun.jndi.dns.timeout.initial", "2000");
        env.put("com.sun.jndi.dns.timeout.retries", "3");
        DirContext dns = null;
        try {
            dns = new InitialDirContext(env);
            Attributes attributes = dns.getAttributes(domain, new String[] {"MX"});
            Attribute mx = attributes.get("MX");
            List<String> records = new ArrayList<>();
            if (mx != null) {
                NamingEnumeration<?> values = mx.getAll();
                while (values.hasMore()) records.add(values.next().toString());
            }
            return fromRecords(domain, records);
        } catch (NameNotFoundException e) {
            return new Result.NoMail("5.1.2", "the domain " + domain + " does not exist (DNS)");
        } catch (NamingException e) {
            return new Result.TryLater("DNS lookup of " + domain + " failed: " + e.getMessage());
        } finally {
            if (dns != null) {
                try {
                    dns.close();
                } catch (NamingException ignored) {
                    // nothing held
                }
            }
        }
    }

    /** The hosts from MX records such as {@code "10 mx1.example.com."}; package-visible for tests. */
    static Result fromRecords(String domain, List<String> records) {
        if (records.isEmpty()) return new Result.Hosts(List.of(new HostPort(domain, SMTP_PORT))); // RFC 5321 5.1: implicit MX
        record Mx(int preference, String host) {}
        List<Mx> hosts = new ArrayList<>();
        for (String record : records) {
            String[] parts = record.trim().split("\\s+");
            if (parts.length != 2 || !parts[0].matches("[0-9]{1,5}")) continue;
            String host = parts[1].endsWith(".") ? parts[1].substring(0, parts[1].length() - 1) : parts[1];
            hosts.add(new Mx(Integer.parseInt(parts[0]), host.toLowerCase(Locale.ROOT)));
        }
        if (hosts.size() == 1 && hosts.getFirst().host().isEmpty()) {
            return new Result.NoMail("5.1.10", domain + " accepts no mail (null MX, RFC 7505)");
        }
        hosts.removeIf(h -> h.host().isEmpty());
        if (hosts.isEmpty()) return new Result.TryLater("no usable MX record for " + domain);
        Collections.shuffle(hosts, ThreadLocalRandom.current());
        hosts.sort((a, b) -> Integer.compare(a.preference(), b.preference())); // stable: equal preferences stay shuffled
        return new Result.Hosts(hosts.stream().map(h -> new HostPort(h.host(), SMTP_PORT)).toList());
    }
}
