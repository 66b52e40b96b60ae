/**
 * Files and folders only Postroom's own user may read: mail, queue files, the database, the TLS key and
 * {@code postroom.toml} are created {@code 0600}, their folders {@code 0700}, with the mode given to the
 * {@code open}/{@code mkdir} call itself (no extra {@code chmod} per file), and nothing on a file system without
 * POSIX permissions. Trusts nothing; knows no protocol.
 */
package org.postroom.files;
