package org.postroom.web.console;

import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Optional;
import org.postroom.directory.DatabaseException;
import org.postroom.directory.DirectoryException;
import org.postroom.message.AddressSyntaxException;

/**
 * A request the console refuses, with its HTTP status and a stable code: the API answers
 * {@code {"error":{"code":"...","message":"..."}}}, the pages show an error page. Codes: {@code not_signed_in} 401,
 * {@code forbidden} 403, {@code csrf} 403, {@code not_found} 404, {@code method_not_allowed} 405, {@code invalid}
 * 400 or 422, {@code conflict} 409, {@code too_large} 413, {@code throttled} 429, {@code unavailable} 503.
 *
 * <p>{@link #from} is the one place where the services' exceptions become statuses.
 */
public final class ConsoleError extends RuntimeException {
    private final int status;
    private final String code;

    public ConsoleError(int status, String code, String message) {
        super(message);
        this.status = status;
        this.code = code;
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    /** The JSON body of the API's answer. */
    public Map<String, Object> body() {
        return Map.of("error", Map.of("code", code, "message", getMessage()));
    }

    public static ConsoleError notSignedIn() {
        return new ConsoleError(401, "not_signed_in", "sign in first: POST /api/v1/session, or Authorization: Bearer TOKEN");
    }

    public static ConsoleError forbidden(String message) {
        return new ConsoleError(403, "forbidden", message);
    }

    public static ConsoleError notFound(String message) {
        return new ConsoleError(404, "not_found", message);
    }

    /** 400: the request is malformed (bad JSON, a missing field, a value of the wrong type). */
    public static ConsoleError invalid(String message) {
        return new ConsoleError(400, "invalid", message);
    }

    /** 422: well-formed, but a value the service refuses (a bad domain name, a weak password). */
    public static ConsoleError unprocessable(String message) {
        return new ConsoleError(422, "invalid", message);
    }

    public static ConsoleError conflict(String message) {
        return new ConsoleError(409, "conflict", message);
    }

    public static ConsoleError unavailable(String message) {
        return new ConsoleError(503, "unavailable", message);
    }

    /**
     * The console's error for what a service threw, or empty when it is our own fault (a bug: logged, answered 500).
     * A {@code UsageError} of the CLI or any {@link IllegalArgumentException} is the caller's invalid value.
     */
    public static Optional<ConsoleError> from(Throwable thrown) {
        return Optional.ofNullable(switch (thrown) {
            case ConsoleError e -> e;
            case DirectoryException e -> switch (e.kind()) {
                case NOT_FOUND -> notFound(e.getMessage());
                case CONFLICT -> conflict(e.getMessage());
                case INVALID -> unprocessable(e.getMessage());
            };
            case AddressSyntaxException e -> unprocessable(e.getMessage());
            case org.postroom.service.CollectorException e -> switch (e.kind()) {
                case NOT_FOUND -> notFound(e.getMessage());
                case CONFLICT -> conflict(e.getMessage());
                case INVALID -> unprocessable(e.getMessage());
            };
            case org.postroom.service.CollectorNotApplied e -> unavailable(e.getMessage());
            case DatabaseException e -> unavailable("the database is busy or unavailable; try again");
            case UncheckedIOException e -> unavailable("cannot read or write the data folder: " + e.getCause().getMessage());
            case IllegalArgumentException e -> unprocessable(e.getMessage() == null ? "invalid value" : e.getMessage());
            default -> usageError(thrown);
        });
    }

    /** {@code admin.UsageError} is package-private there: recognised by name, so the CLI keeps it to itself. */
    private static ConsoleError usageError(Throwable thrown) {
        if (thrown.getClass().getName().equals("org.postroom.admin.UsageError")) return unprocessable(thrown.getMessage());
        return null;
    }
}
