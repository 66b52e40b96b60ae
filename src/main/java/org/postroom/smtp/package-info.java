/**
 * SMTP's vocabulary, with no I/O: reply codes and enhanced status codes as named values, commands as a sealed
 * type, and the command-line parser. Shared by the server (and, later, the relay's client).
 */
package org.postroom.smtp;
