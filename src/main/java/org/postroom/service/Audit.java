package org.postroom.service;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.postroom.trace.Event;
import org.postroom.trace.EventKind;
import org.postroom.trace.Trace;

/**
 * The audit trail (issue 13): every state-changing administrator action, by the console, the API or the CLI, is
 * one {@link EventKind#ADMIN} event in the trace. {@code postroom trace ADMIN-ADDRESS} (or the target's address)
 * finds it. The event's sender is who acted, its addresses are who acted and the target when the target is an
 * address; details: {@code action} (e.g. {@code user.add}), {@code target}, {@code outcome} ({@code ok},
 * {@code refused}, {@code failed}), {@code reason} when not ok, and {@code face} ({@code web}, {@code cli}).
 *
 * <p>Use {@link #run} around the work, so a refusal is recorded too and then thrown on:
 * <pre>{@code audit.run(who, "user.add", address, () -> users.add(...))}</pre>
 */
public final class Audit {
    /** How an action ended. */
    public enum Outcome { OK, REFUSED, FAILED }

    private static final AtomicLong SEQUENCE = new AtomicLong();

    private final Consumer<Event> sink;
    private final Clock clock;
    private final String face;

    public Audit(Consumer<Event> sink, Clock clock, String face) {
        this.sink = sink;
        this.clock = clock;
        this.face = face;
    }

    /** The running server's: durably in its trace, for the console and API. */
    public static Audit of(Trace trace, Clock clock) {
        return new Audit(e -> trace.recordDurably(List.of(e)), clock, "web");
    }

    /** A CLI command's: appended to the data folder's trace file (the server's writer shares it through SQLite's locks). */
    public static Audit offline(Path dataDir, Clock clock) {
        return new Audit(e -> Trace.appendOffline(dataDir, List.of(e)), clock, "cli");
    }

    /** Records nothing (tests of a service alone). */
    public static Audit none() {
        return new Audit(e -> {}, Clock.systemUTC(), "none");
    }

    /** Records one action. {@code detail} adds what else is worth knowing (may be empty). */
    public void record(String who, String action, String target, Outcome outcome, String reason, Map<String, String> detail) {
        Map<String, String> details = new LinkedHashMap<>(detail);
        details.put("action", action);
        details.put("target", target == null ? "" : target);
        details.put("outcome", outcome.name().toLowerCase(java.util.Locale.ROOT));
        details.put("face", face);
        if (reason != null && !reason.isEmpty()) details.put("reason", reason);
        List<String> addresses = new ArrayList<>();
        if (who != null && !who.isEmpty()) addresses.add(who);
        if (target != null && target.contains("@") && !target.equals(who)) addresses.add(target);
        String key = "admin-" + clock.millis() + "-" + SEQUENCE.incrementAndGet();
        sink.accept(new Event(clock.instant(), EventKind.ADMIN, "admin", key, "", "", who == null ? "" : who, addresses, details));
    }

    /** Does the work and records it: ok, or refused/failed with the exception's message (then rethrown). */
    public <T> T run(String who, String action, String target, Supplier<T> work) {
        return run(who, action, target, Map.of(), work);
    }

    public <T> T run(String who, String action, String target, Map<String, String> detail, Supplier<T> work) {
        T result;
        try {
            result = work.get();
        } catch (IllegalArgumentException | org.postroom.directory.DirectoryException e) {
            record(who, action, target, Outcome.REFUSED, e.getMessage(), detail);
            throw e;
        } catch (RuntimeException e) {
            record(who, action, target, Outcome.FAILED, e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage(), detail);
            throw e;
        }
        record(who, action, target, Outcome.OK, "", detail);
        return result;
    }

    /** {@link #run} for work without a result. */
    public void run(String who, String action, String target, Runnable work) {
        run(who, action, target, Map.of(), () -> {
            work.run();
            return null;
        });
    }
}
