/**
 * POP3's vocabulary, with no I/O: replies as values with their RFC 2449/3206 response codes, commands as a
 * sealed type, the command-line parser, the three states of RFC 1939 with the commands each allows, and the
 * unique-id listing (UIDL) form of a stored message's name. Shared by the server (and, later, the collector's
 * client).
 */
package org.postroom.pop3;
