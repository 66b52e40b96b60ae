/**
 * The POP3 conversation as a client (RFC 1939, with STLS from RFC 2595 and AUTH PLAIN from RFC 5034), used by the
 * collector to download the office's mail from the provider.
 *
 * <p>SECURITY: every byte here comes from the provider's server. Status lines are bounded in length; message bodies
 * are streamed to the caller's sink and never held whole in memory; the password is never logged.
 */
package org.postroom.pop3.client;
