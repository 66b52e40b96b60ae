package org.postroom.smtp.client;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import org.postroom.smtp.SmtpReply;
import org.postroom.smtp.client.SmtpClientException.Kind;
import org.postroom.smtp.client.SmtpClientException.Stage;

/**
 * The AUTH exchange of one {@link SmtpClient} (RFC 4954): the mechanism both sides can do, its commands and
 * challenges, and the cancel of a challenge the client cannot answer. A new mechanism (XOAUTH2, with a new kind of
 * {@link Credentials}) is added here.
 *
 * <p>SECURITY: the server's challenges are only compared with 334; what carries the password goes out through
 * {@link SmtpClient#secret}, which logs it as {@code ****}. The caller sends it only inside TLS.
 */
final class AuthExchange {
    private AuthExchange() {}

    /** Logs {@code client} in with the first mechanism in {@code extensions} that {@code credentials} can do. Returns it. */
    static String logIn(SmtpClient client, Extensions extensions, Credentials credentials) throws SmtpClientException {
        Optional<String> mechanism = credentials.choose(extensions.authMechanisms());
        if (mechanism.isEmpty()) {
            throw new SmtpClientException(Stage.AUTH, Kind.NO_AUTH_MECHANISM, null, client + " offers no AUTH mechanism Postroom can use (it offers "
                    + (extensions.authMechanisms().isEmpty() ? "none" : String.join(" ", extensions.authMechanisms())) + ")", null);
        }
        Credentials.Password password = switch (credentials) {
            case Credentials.Password p -> p;
        };
        SmtpReply reply = switch (mechanism.get()) {
            case "PLAIN" -> {
                String response = base64("\0" + password.login() + "\0" + password.password());
                SmtpReply first = client.secret("AUTH PLAIN " + response, "AUTH PLAIN ****", Stage.AUTH);
                // RFC 4954 4: a server that ignores the initial response asks with an empty 334.
                yield first.code() == 334 ? client.secret(response, "****", Stage.AUTH) : first;
            }
            case "LOGIN" -> {
                SmtpReply r = client.command("AUTH LOGIN", Stage.AUTH);
                if (r.code() == 334) r = client.secret(base64(password.login()), "(login)", Stage.AUTH);
                if (r.code() == 334) r = client.secret(base64(password.password()), "****", Stage.AUTH);
                yield r;
            }
            default -> throw new IllegalStateException("unexpected mechanism " + mechanism.get());
        };
        if (reply.code() == 334) {
            // A challenge we cannot answer: cancel the exchange (RFC 4954 4) and report the refusal.
            SmtpReply cancelled = client.command("*", Stage.AUTH);
            throw SmtpClientException.refused(Stage.AUTH, cancelled.isPositive() ? reply : cancelled);
        }
        if (reply.code() != 235) throw SmtpClientException.refused(Stage.AUTH, reply);
        return mechanism.get();
    }

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }
}
