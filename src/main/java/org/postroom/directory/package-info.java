/**
 * The office's directory: domains, users, aliases and groups, stored in SQLite ({@code postroom.db} in the data
 * folder); password hashing and authentication; and the router's one question, "who receives mail sent to this
 * address?" ({@link org.postroom.directory.Directory#resolve}).
 *
 * <p>{@link org.postroom.directory.Directory} is the only entry point: the server, the CLI and later the web
 * console all go through it, from many threads and from more than one process at the same time. It knows nothing
 * about sockets, SMTP or the mail store; mailboxes on disk belong to {@code store}.
 *
 * <p>SECURITY: addresses handed to {@code resolve} and logins handed to {@code authenticate} come straight from
 * clients. They are only ever used as bound SQL parameters and compared as whole values: a local part holding
 * {@code %}, {@code !} or {@code @} is just an unknown local part, never a route. Passwords are kept only as
 * Argon2id hashes and never leave this package. The database file itself is trusted (only the administrator can
 * write it), but a malformed stored hash fails verification instead of failing the session.
 */
package org.postroom.directory;
