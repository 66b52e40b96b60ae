/**
 * The MIME structure of a stored message, for IMAP's FETCH and SEARCH: {@code MimeParser} finds every part's header
 * and body by octet offset in one streaming pass (no body is held), {@code BodyStructureWriter} and
 * {@code EnvelopeWriter} answer BODYSTRUCTURE, BODY and ENVELOPE from that tree (RFC 3501 7.4.2), and the decoders
 * ({@code EncodedWords} for RFC 2047, {@code HeaderValue} with RFC 2231, quoted-printable) turn header and body text
 * into what SEARCH compares. An own scanner, not mime4j: see docs/architecture.md, "IMAP: MIME, FETCH and SEARCH".
 *
 * <p>SECURITY: every octet here is a sender's. Parsing never throws on content; depth, part count, field and line
 * lengths are bounded; malformed structure is read the way Dovecot reads it, and the answer stays well-formed.
 */
package org.postroom.imap.mime;
