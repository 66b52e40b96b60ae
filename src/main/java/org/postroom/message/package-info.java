/**
 * A message and its addresses, apart from any door or store: {@code MailAddress} and its parser (RFC 5321 4.1.2,
 * RFC 6531), {@code SpooledMessage} (the bytes as they arrive, in memory or spilled to a file), {@code HeaderScanner}
 * (the one parser of header fields, RFC 5322 2.2) with {@code HeaderSummary} on top of it for intake, and
 * {@code DeliveryReport} (RFC 3464 notices).
 *
 * <p>SECURITY: everything here reads what a client or a provider sent and trusts none of it: parsers refuse or skip
 * what they do not understand, never throw on content, and read no more than they are allowed.
 */
package org.postroom.message;
