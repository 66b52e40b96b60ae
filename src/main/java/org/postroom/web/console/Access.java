package org.postroom.web.console;

/** Who may call a route. */
public enum Access {
    /** Anyone, signed in or not (the login form, the OpenAPI document, the stylesheet). */
    PUBLIC,
    /** Any enabled user, signed in with a session or a token: their own account only. */
    SIGNED_IN,
    /** A user with the admin role ({@code postroom user set --admin true}; the postmaster has it). */
    ADMIN
}
