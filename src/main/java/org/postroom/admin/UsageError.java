package org.postroom.admin;

/** The command line asked for something that cannot be done as written; the message says what to write instead. */
final class UsageError extends RuntimeException {
    UsageError(String message) {
        super(message);
    }
}
