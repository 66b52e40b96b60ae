package org.postroom.smtp.server;

/** The three ways into Postroom's SMTP service, which differ only in TLS and in whom they trust. */
public enum SmtpDoor {
    /** Port 25 (2525 embedded): mail for local users from anyone; relay only when authenticated or trusted. */
    MTA(false, false),
    /** Port 587 (2587): message submission, STARTTLS then AUTH required (RFC 6409). */
    SUBMISSION(true, false),
    /** Port 465 (2465): message submission over implicit TLS (RFC 8314), AUTH required. */
    SUBMISSIONS(true, true);

    final boolean authRequired;
    final boolean implicitTls;

    SmtpDoor(boolean authRequired, boolean implicitTls) {
        this.authRequired = authRequired;
        this.implicitTls = implicitTls;
    }
}
