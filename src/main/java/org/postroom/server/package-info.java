/**
 * Puts Postroom together: the data folder's layout and first-start set-up, the services built from one
 * configuration, and an orderly stop. No global state: two servers can run side by side in one JVM.
 */
package org.postroom.server;
