package org.postroom.net;

import java.net.InetAddress;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Predicate;
import org.postroom.config.AuthSettings;
import org.postroom.directory.Directory;
import org.postroom.directory.LoginFailures;
import org.postroom.directory.User;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every protocol's password check, with the same protection against guessing (issue 10):
 * <ul>
 *   <li>each failure is answered only after {@code [auth] failure_delay};</li>
 *   <li>failures are counted per login (from anywhere) and per client address (outside the office networks); a
 *       login or address with {@code max_failures} within {@code lockout} is locked until {@code lockout} after its
 *       last failure;</li>
 *   <li>from the office networks only the login is locked, never the address (one colleague's typos must not lock
 *       the others out);</li>
 *   <li>a success clears only its own login's failures from that address;</li>
 *   <li>the same wrong password tried again in one session with another mechanism counts once
 *       ({@link LoginAttempts}: Python's smtplib tries PLAIN, then LOGIN).</li>
 * </ul>
 * The counts live in the database ({@link LoginFailures}), so {@code postroom auth locked|unlock} work while the
 * server runs, and SMTP's and POP3's failures add up. Every refused login is logged here, with the session,
 * client, login, mechanism and reply, never the password.
 */
public final class LoginGuard {
    private static final Logger log = LoggerFactory.getLogger("postroom.auth");

    /** Replaced by a reload ({@link #reconfigure}), like the office networks. */
    private volatile Directory directory;
    private final LoginFailures failures;
    private final AuthSettings settings;
    private volatile Predicate<InetAddress> office;
    private final Clock clock;
    /** Failed password checks per protocol (the session id's prefix: "smtp", "pop3") and verdict, for {@code /metrics}. */
    private final Map<FailureKind, LongAdder> failureCounts = new ConcurrentHashMap<>();

    /** What {@link #failuresByKind} counts: a wrong login or password, or a login tried while locked out. */
    public record FailureKind(String protocol, boolean locked) {}

    /** One login attempt as the log line names it. */
    public record Attempt(String session, InetAddress client, String mechanism) {}

    /** The outcome of {@link #verify}. */
    public sealed interface Verdict {
        record Success(User user) implements Verdict {}

        /** Wrong login or password (or a disabled account: the client cannot tell). */
        record Failed() implements Verdict {}

        /** The login has too many failures; not checked. */
        record LoginLocked() implements Verdict {}
    }

    public LoginGuard(Directory directory, LoginFailures failures, AuthSettings settings, Predicate<InetAddress> office, Clock clock) {
        this.directory = directory;
        this.failures = failures;
        this.settings = settings;
        this.office = office;
        this.clock = clock;
    }

    /** A reloaded directory (address rules) and office networks, for the logins from now on; {@code [auth]} needs a restart. */
    public void reconfigure(Directory directory, Predicate<InetAddress> office) {
        this.directory = directory;
        this.office = office;
    }

    /** Whether the client's address is locked out (never from the office networks). */
    public boolean addressLocked(InetAddress client) {
        if (office.test(client)) return false;
        return failures.standing(client.getHostAddress(), null, windowStart()).addressFailures() >= settings.maxFailures();
    }

    /**
     * Checks the password unless the login is locked; a failure is counted (once per password per session), waits
     * the failure delay, and then returns. The password is wiped either way.
     */
    public Verdict verify(Attempt attempt, LoginAttempts session, String login, char[] password) {
        try {
            String address = attempt.client().getHostAddress();
            String counted = countedAs(login);
            if (failures.standing(address, counted, windowStart()).loginFailures() >= settings.maxFailures()) {
                countFailure(attempt, true);
                delay();
                return new Verdict.LoginLocked();
            }
            Optional<User> user = directory.authenticate(login, password);
            if (user.isPresent()) {
                failures.clear(address, counted);
                return new Verdict.Success(user.get());
            }
            countFailure(attempt, false);
            if (session.firstFailure(login, password)) {
                Instant now = clock.instant();
                failures.record(address, counted, office.test(attempt.client()), now, now.minus(settings.lockout()));
            }
            delay();
            return new Verdict.Failed();
        } finally {
            Arrays.fill(password, '\0');
        }
    }

    /**
     * The name a login's failures are counted under: the user's address when the login names a user ("bob" and
     * "bob@example.com" are one login), else the text as typed.
     */
    public static String countedAs(Directory directory, String login) {
        return directory.findUserByLogin(login).map(u -> u.address().toString()).orElse(login);
    }

    private String countedAs(String login) {
        return countedAs(directory, login);
    }

    /** Logs a refused login: the session, client, login (null when none could be read), mechanism and the reply sent. */
    public void refused(Attempt attempt, String login, String reply) {
        log.info("{} login refused: client [{}] login {} mechanism {} reply \"{}\"", attempt.session(), attempt.client().getHostAddress(),
                login == null ? "-" : printable(login), attempt.mechanism(), reply.strip());
    }

    /** Failed password checks so far (each one, even the same password again), by protocol and kind. */
    public Map<FailureKind, Long> failuresByKind() {
        Map<FailureKind, Long> out = new java.util.LinkedHashMap<>();
        failureCounts.forEach((kind, n) -> out.put(kind, n.sum()));
        return out;
    }

    private void countFailure(Attempt attempt, boolean locked) {
        String session = attempt.session();
        int dash = session.indexOf('-');
        String protocol = dash > 0 ? session.substring(0, dash) : session;
        failureCounts.computeIfAbsent(new FailureKind(protocol, locked), k -> new LongAdder()).increment();
    }

    public void succeeded(Attempt attempt, User user) {
        log.info("{} login {} from [{}] ({})", attempt.session(), user.address(), attempt.client().getHostAddress(), attempt.mechanism());
    }

    private Instant windowStart() {
        return clock.instant().minus(settings.lockout());
    }

    private void delay() {
        try {
            Thread.sleep(settings.failureDelay());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A login as the client typed it, safe for a log line: at most 64 characters, control characters replaced. */
    static String printable(String login) {
        String cut = login.length() > 64 ? login.substring(0, 64) : login;
        return cut.replaceAll("[\\p{Cntrl}]", "?");
    }
}
