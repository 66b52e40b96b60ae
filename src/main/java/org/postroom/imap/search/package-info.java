/**
 * SEARCH (RFC 3501 6.4.4, RFC 7162 3.1.5): {@code SearchParser} reads the search program from the command,
 * {@code SearchProgram#matches} tests one message, reading as little as the keys need (nothing for flags, sizes and
 * numbers; the header for header keys; decoded text parts for BODY and TEXT).
 *
 * <p>SECURITY: the program is a client's: nesting is bounded by the parser. Messages are a sender's and are decoded
 * leniently; nothing in them makes a search fail.
 */
package org.postroom.imap.search;
