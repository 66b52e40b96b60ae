/**
 * Puts Postroom together: the data folder's layout and first-start set-up, the services built from one
 * configuration, their reload when {@code postroom.toml} changes (SIGHUP,
 * {@code postroom reload}), and an orderly stop. No global state: two servers can run side by side in one JVM.
 */
package org.postroom.server;
