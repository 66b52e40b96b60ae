/**
 * How a CLI command reaches the running server. Two ways: a whole command line over a Unix socket
 * ({@link CommandSocket}: the server runs the line itself, for speed; which lines, is the admin package's choice), and
 * requests through files in the data folder, the mechanism behind {@code postroom queue}, {@code collect now} and
 * {@code reload} when they run in their own JVM: the server holds a lock file for as long as it
 * runs ({@link ProcessLock}); a command that cannot take it writes {@code control/NAME.request} through a
 * {@code tmp/} folder and a rename, and the server answers in {@code control/NAME.reply} ({@link ControlFolder},
 * polled by {@link ControlWatcher} or by the queue's scheduler). Each user keeps its own folders and lock file;
 * this package knows their layout only as the paths it is given, and nothing of what a request or reply says.
 *
 * <p>SECURITY: the control folders and the socket's folder are as trusted as the rest of the data folder (whoever can
 * write there can change the data anyway); request and reply bodies are bytes here, checked by the package that reads
 * them.
 */
package org.postroom.control;
