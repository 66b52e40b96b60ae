package org.postroom.relay;

import java.util.List;
import org.postroom.config.HostPort;

/** Where mail for a domain goes (RFC 5321 5.1): its MX hosts, best first. Tests give a fixed table. */
@FunctionalInterface
public interface MxResolver {

    Result resolve(String domain);

    /** The answer for one domain. */
    sealed interface Result {
        /** Try these, in this order. */
        record Hosts(List<HostPort> hosts) implements Result {
            public Hosts {
                hosts = List.copyOf(hosts);
                if (hosts.isEmpty()) throw new IllegalArgumentException("no hosts");
            }
        }

        /** The domain takes no mail: it does not exist, or says so with a null MX (RFC 7505). Permanent. */
        record NoMail(String status, String why) implements Result {}

        /** DNS did not answer: try again later. */
        record TryLater(String why) implements Result {}
    }
}
