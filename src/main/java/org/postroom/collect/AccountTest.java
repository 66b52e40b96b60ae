package org.postroom.collect;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.postroom.config.CollectAccount;
import org.postroom.net.ClientTls;
import org.postroom.pop3.client.Pop3Client;
import org.postroom.pop3.client.Pop3ClientException;
import org.postroom.pop3.client.Pop3Timeouts;

/**
 * "Test account": logs in to the provider as a cycle would and reports each step (connect, TLS, CAPA, login, STAT),
 * then reads the header sections of the first messages (TOP n 0, RFC 1939 7; RETR where the provider has no TOP)
 * to show which envelope headers the provider writes — what decides multi-drop sorting. Ends with QUIT without any
 * DELE, so the mailbox is left as it was.
 */
public final class AccountTest {
    /** How many messages' headers the profile reads: enough to see the provider's habits, quick on a full mailbox. */
    static final int PROFILE_MESSAGES = 20;

    private AccountTest() {}

    /** One step and what it said. */
    public record Step(String step, boolean ok, String detail) {}

    /**
     * What the first messages' headers show.
     *
     * @param examined how many header sections were read
     * @param envelopeHeaders per envelope header (the account's list, then the usual ones), in how many messages it appears
     * @param receivedFor messages with a {@code Received: ... for <address>}
     * @param oneCopyPerRecipient the same Message-ID more than once: the provider leaves one copy per recipient
     * @param note why there is no profile, when there is none
     */
    public record Profile(int examined, Map<String, Integer> envelopeHeaders, int receivedFor, boolean oneCopyPerRecipient, String note) {}

    /** The whole test: {@code ok} when the login worked and the mailbox could be read; {@code error} is null then. */
    public record Report(String account, boolean ok, List<Step> steps, List<String> capabilities, long messages, long octets, Profile profile,
            String error) {}

    public static Report run(CollectAccount account, Path dataDir, Pop3Timeouts timeouts) {
        List<Step> steps = new ArrayList<>();
        List<String> capabilities = List.of();
        long[] stat = {0, 0};
        Profile profile = new Profile(0, Map.of(), 0, false, "not read");
        String where = account.server().host() + ":" + account.server().port();
        try {
            Optional<ClientTls> tls = account.tls() == CollectAccount.TlsMode.NONE ? Optional.empty()
                    : Optional.of(AccountCollector.clientTls(account, dataDir));
            try (Pop3Client client = Pop3Client.connect(account.server().host(), account.server().port(), timeouts,
                    account.tls() == CollectAccount.TlsMode.IMPLICIT ? tls : Optional.empty())) {
                steps.add(new Step("connect", true, where + (account.tls() == CollectAccount.TlsMode.IMPLICIT
                        ? ", " + client.tls().orElse("TLS") : "") + "; greeting: " + client.greeting()));
                if (account.tls() == CollectAccount.TlsMode.STARTTLS) {
                    client.startTls(tls.orElseThrow());
                    steps.add(new Step("stls", true, client.tls().orElse("TLS")));
                }
                capabilities = client.capabilities();
                steps.add(new Step("capa", true, capabilities.isEmpty() ? "no CAPA (an RFC 1939 server)" : String.join(", ", capabilities)));
                switch (account.loginMethod()) {
                    case USER -> client.login(account.login(), account.password());
                    case PLAIN -> client.authPlain(account.login(), account.password());
                }
                steps.add(new Step("login", true, account.login() + " (" + account.loginMethod().name().toLowerCase(java.util.Locale.ROOT) + ")"));
                stat = client.stat();
                steps.add(new Step("stat", true, stat[0] + " message(s), " + stat[1] + " octets"));
                profile = profile(client, account);
                steps.add(new Step("profile", true, profile.note().isEmpty() ? profile.examined() + " header section(s) read" : profile.note()));
                client.quit();
            }
            return new Report(account.name(), true, steps, capabilities, stat[0], stat[1], profile, null);
        } catch (Pop3ClientException e) {
            steps.add(new Step(failedStep(e, steps), false, e.getMessage()));
            return new Report(account.name(), false, steps, capabilities, stat[0], stat[1], profile, e.getMessage());
        } catch (IOException | RuntimeException e) {
            String why = e.getMessage() == null ? e.toString() : e.getMessage();
            steps.add(new Step(steps.isEmpty() ? "connect" : "tls", false, why));
            return new Report(account.name(), false, steps, capabilities, stat[0], stat[1], profile, why);
        }
    }

    private static String failedStep(Pop3ClientException e, List<Step> done) {
        return switch (e.kind()) {
            case CONNECT_FAILED -> "connect";
            case TLS -> done.isEmpty() ? "connect" : "stls";
            case LOGIN_REFUSED -> "login";
            default -> done.isEmpty() ? "connect" : done.size() < 3 ? "capa" : "stat";
        };
    }

    /**
     * TOP n 0 for each of the first messages; a provider without TOP (optional in RFC 1939; GreenMail does not list
     * it in CAPA) is asked for the whole message instead, of which only the header section is kept.
     */
    private static Profile profile(Pop3Client client, CollectAccount account) throws Pop3ClientException, IOException {
        List<String> names = new ArrayList<>(account.envelopeHeaders());
        for (String h : CollectAccount.DEFAULT_ENVELOPE_HEADERS) if (names.stream().noneMatch(h::equalsIgnoreCase)) names.add(h);
        Map<String, Integer> seen = new LinkedHashMap<>();
        Map<String, Integer> ids = new LinkedHashMap<>();
        int receivedFor = 0;
        int examined = 0;
        boolean top = true;
        for (int number : client.uidl().keySet()) {
            if (examined == PROFILE_MESSAGES) break;
            HeaderSink bytes = new HeaderSink();
            if (top) {
                try {
                    client.headers(number, bytes);
                } catch (Pop3ClientException e) {
                    if (e.kind() != Pop3ClientException.Kind.REFUSED) throw e;
                    top = false;
                    bytes = new HeaderSink();
                }
            }
            if (!top) client.retrieve(number, bytes);
            MessageHeaders headers = MessageHeaders.read(new ByteArrayInputStream(bytes.toByteArray()));
            examined++;
            for (String h : names) if (!headers.all(h).isEmpty()) seen.merge(h, 1, Integer::sum);
            if (headers.all("Received").stream().anyMatch(r -> MessageHeaders.receivedFor(r).isPresent())) receivedFor++;
            headers.first("Message-ID").map(String::strip).filter(s -> !s.isEmpty()).ifPresent(id -> ids.merge(id, 1, Integer::sum));
        }
        boolean copies = ids.values().stream().anyMatch(n -> n > 1);
        return new Profile(examined, seen, receivedFor, copies, examined == 0 ? "the mailbox is empty: nothing to profile" : "");
    }

    /** Keeps the first {@link MessageHeaders#MAX_BYTES} of what it is given: the header section, of a whole message too. */
    private static final class HeaderSink extends ByteArrayOutputStream {
        @Override
        public synchronized void write(byte[] b, int off, int len) {
            int room = MessageHeaders.MAX_BYTES - count;
            if (room > 0) super.write(b, off, Math.min(len, room));
        }

        @Override
        public synchronized void write(int b) {
            if (count < MessageHeaders.MAX_BYTES) super.write(b);
        }
    }
}
