package org.postroom.web.console;

import java.util.Optional;

/**
 * The session cookie. Over HTTPS it is {@code __Host-postroom}: Secure, HttpOnly, SameSite=Strict, Path=/, no Domain
 * (the prefix makes the browser insist on all of that, so no other site or subdomain can plant or widen it).
 *
 * <p>Over plain HTTP, which Postroom serves only on loopback ({@code [web] tls = "auto"}), it is {@code postroom},
 * HttpOnly and SameSite=Strict but not Secure: a browser keeps a Secure (and so a {@code __Host-}) cookie from
 * {@code http://} only where it counts loopback as a secure context, and browsers differ there (Chromium does for
 * {@code localhost}, not always for {@code 127.0.0.1}). Loopback traffic never leaves the machine, so Secure would
 * protect nothing there; the cookie's other defences hold. Issue 13; docs/architecture.md, "The console".
 */
public final class Cookies {
    public static final String SECURE_NAME = "__Host-postroom";
    public static final String LOOPBACK_NAME = "postroom";

    private Cookies() {}

    public static String name(boolean https) {
        return https ? SECURE_NAME : LOOPBACK_NAME;
    }

    /** The {@code Set-Cookie} value that starts a session (a session cookie: the browser forgets it when it closes). */
    public static String session(boolean https, String id) {
        return name(https) + "=" + id + "; Path=/; HttpOnly; SameSite=Strict" + (https ? "; Secure" : "");
    }

    /** The {@code Set-Cookie} value that ends it. */
    public static String cleared(boolean https) {
        return name(https) + "=; Path=/; Max-Age=0; HttpOnly; SameSite=Strict" + (https ? "; Secure" : "");
    }

    /** The value of cookie {@code name} in a {@code Cookie} header (RFC 6265 5.4: {@code a=1; b=2}). */
    public static Optional<String> find(String cookieHeader, String name) {
        if (cookieHeader == null) return Optional.empty();
        for (String pair : cookieHeader.split(";")) {
            int eq = pair.indexOf('=');
            if (eq > 0 && pair.substring(0, eq).strip().equals(name)) return Optional.of(pair.substring(eq + 1).strip());
        }
        return Optional.empty();
    }
}
