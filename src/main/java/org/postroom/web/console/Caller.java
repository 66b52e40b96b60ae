package org.postroom.web.console;

import org.postroom.message.MailAddress;

/**
 * Who is calling: a signed-in user, by session cookie or by API token.
 *
 * @param userId the directory's id of the user
 * @param address the user's address
 * @param admin whether the user has the admin role
 * @param viaToken signed in with {@code Authorization: Bearer}, not a session cookie (no CSRF token then)
 * @param csrfToken the session's CSRF token, for the hidden {@code _csrf} field of every form; empty via a token
 */
public record Caller(long userId, MailAddress address, boolean admin, boolean viaToken, String csrfToken) {}
