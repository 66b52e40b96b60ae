package org.postroom.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.postroom.message.MailAddress;

/**
 * One {@code [[collect.account]]}: a mailbox at the provider that the collector empties into local mailboxes.
 *
 * @param deliverTo single-drop: the local address (user, alias or group) that gets everything
 * @param ignore multi-drop: the provider's domain-mailbox address, never a recipient
 * @param envelopeHeaders multi-drop: the envelope headers to trust, in order
 * @param skipReceived multi-drop: how many of the topmost {@code Received} headers are the provider's own
 * @param hours the schedule runs only inside this daily window ({@code collect now} runs any time)
 * @param keep how long a collected message stays at the provider: zero deletes it once stored, empty keeps it forever
 * @param unresolvedTo where mail with no local recipient goes: empty means held for review
 */
public record CollectAccount(
        String name,
        HostPort server,
        TlsMode tls,
        Trust trust,
        Optional<Path> caFile,
        String login,
        String password,
        LoginMethod loginMethod,
        Mode mode,
        Optional<MailAddress> deliverTo,
        Optional<MailAddress> ignore,
        List<String> envelopeHeaders,
        int skipReceived,
        Duration interval,
        Optional<OfficeHours> hours,
        Optional<Duration> keep,
        long maxMessageSize,
        OversizePolicy oversize,
        Unresolved unresolved,
        Optional<MailAddress> unresolvedUser,
        boolean enabled) {

    public CollectAccount {
        envelopeHeaders = List.copyOf(envelopeHeaders);
    }

    public enum TlsMode { IMPLICIT, STARTTLS, NONE }

    public enum Trust { SYSTEM, CA_FILE, PINNED }

    public enum Mode { SINGLE_DROP, MULTI_DROP }

    /** How to log in: RFC 1939 USER/PASS, or RFC 5034 AUTH PLAIN (passwords with spaces, servers without USER). */
    public enum LoginMethod { USER, PLAIN }

    /** What to do with a message larger than {@code max_message_size}: leave it at the provider, or download it anyway. */
    public enum OversizePolicy { SKIP, DOWNLOAD }

    public enum Unresolved { POSTMASTER, USER, HOLD }

    public static final List<String> DEFAULT_ENVELOPE_HEADERS = List.of("Delivered-To", "X-Original-To", "X-Envelope-To", "Envelope-To", "X-RCPT-TO");

    /** The same account with another password. */
    public CollectAccount withPassword(String newPassword) {
        return new CollectAccount(name, server, tls, trust, caFile, login, newPassword, loginMethod, mode, deliverTo, ignore, envelopeHeaders, skipReceived,
                interval, hours, keep, maxMessageSize, oversize, unresolved, unresolvedUser, enabled);
    }

    /** For logs and {@code --format json}: everything but the password. */
    @Override
    public String toString() {
        return "CollectAccount[" + name + " " + login + "@" + server + " " + mode + "]";
    }
}
