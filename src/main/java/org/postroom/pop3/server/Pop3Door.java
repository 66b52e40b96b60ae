package org.postroom.pop3.server;

/** The two ways into Postroom's POP3 service. */
public enum Pop3Door {
    /** Port 110 (2110 embedded): plain POP3, STLS to switch to TLS (RFC 2595). */
    POP3(false),
    /** Port 995 (2995 embedded): POP3 over implicit TLS (RFC 8314). */
    POP3S(true);

    final boolean implicitTls;

    Pop3Door(boolean implicitTls) {
        this.implicitTls = implicitTls;
    }
}
