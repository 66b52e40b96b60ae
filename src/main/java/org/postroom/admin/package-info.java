/**
 * The administrator's tools: the {@code postroom} subcommands, one class per command ({@code start}, and
 * {@code user}, {@code alias}, {@code group}, {@code domain}, {@code queue} with theirs), and later the REST API and the web
 * console. Commands parse the command line, call {@link org.postroom.directory.Directory} (or the server), and
 * print the answer as aligned text or, with {@code --format json}, as JSON; refusals go to stderr with an exit
 * code from {@link org.postroom.admin.ExitCodes}.
 *
 * <p>SECURITY: the person at the command line is trusted as far as the data folder's file permissions trust
 * them: whoever can run these commands can read {@code postroom.db} anyway. Their input is still checked (it is
 * how typos are caught), and a password is read only from the terminal without echo or from standard input,
 * never from the command line, where other users could see it in the process list. No command prints a
 * password hash. The {@code queue} commands never print the relay's password (it is not in the queue files),
 * and change the queue only through {@link org.postroom.queue.QueueControl}. The directory commands never create a data folder or a database: {@code postroom start} does.
 */
package org.postroom.admin;
