package org.postroom.smtp.client;

import java.util.Locale;
import java.util.Optional;

/**
 * What the client logs in with (RFC 4954). Only passwords today; an OAuth token (XOAUTH2, which some providers
 * require) would be another permitted record, with its own mechanism in {@link #choose}.
 */
public sealed interface Credentials {

    String login();

    /**
     * The mechanism to use: the first one in the server's list that these credentials can do (the server lists
     * its preference first; every mechanism here runs inside TLS).
     */
    Optional<String> choose(java.util.List<String> offered);

    /** A login and password, for AUTH PLAIN (RFC 4616) or AUTH LOGIN. {@link #toString()} never shows the password. */
    record Password(String login, String password) implements Credentials {
        @Override
        public Optional<String> choose(java.util.List<String> offered) {
            return offered.stream().map(m -> m.toUpperCase(Locale.ROOT)).filter(m -> m.equals("PLAIN") || m.equals("LOGIN")).findFirst();
        }

        @Override
        public String toString() {
            return "Password[login=" + login + "]";
        }
    }
}
