package org.postroom.web.autoconfig;

/**
 * What a client needs to know of the running server: the host name it is reached by ({@code [server] hostname})
 * and the ports its doors listen on. Clients are pointed at the implicit-TLS ports first (RFC 8314 3: preferred
 * over STARTTLS) and at the STARTTLS ones as alternatives.
 *
 * @param host the host name clients connect to
 * @param imaps IMAP over TLS (993 in production)
 * @param imap IMAP with STARTTLS (143)
 * @param pop3s POP3 over TLS (995)
 * @param pop3 POP3 with STLS (110)
 * @param submissions submission over TLS (465)
 * @param submission submission with STARTTLS (587)
 */
public record MailServices(String host, int imaps, int imap, int pop3s, int pop3, int submissions, int submission) {}
