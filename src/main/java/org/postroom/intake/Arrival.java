package org.postroom.intake;

import java.net.InetAddress;
import java.util.Optional;

/**
 * How a message arrived, for its {@code Received} header and its log line.
 *
 * @param clientName the name the client gave in EHLO/HELO
 * @param clientAddress the client's IP address
 * @param protocol the RFC 3848 "with" keyword: SMTP, ESMTP, ESMTPS, ESMTPA, ESMTPSA
 * @param tls "TLSv1.3 with cipher ..." when the session was encrypted
 * @param authenticatedAs the login of an authenticated sender
 * @param submission arrived on a submission port: add Message-ID and Date when missing (RFC 6409 8)
 */
public record Arrival(
        String clientName,
        InetAddress clientAddress,
        String protocol,
        Optional<String> tls,
        Optional<String> authenticatedAs,
        boolean submission) {

    /** The protocol of mail Postroom writes itself (notices): there is no client. */
    public static final String LOCAL = "LOCAL";

    /** How Postroom's own notices arrive. */
    public static Arrival internal() {
        return new Arrival("localhost", java.net.InetAddress.getLoopbackAddress(), LOCAL, Optional.empty(), Optional.empty(), false);
    }

    public boolean isInternal() {
        return LOCAL.equals(protocol);
    }
}
