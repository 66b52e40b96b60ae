/**
 * Client set-up served on the web port: a mail client given only an address and a password finds the servers,
 * ports and security itself. Thunderbird's autoconfig ({@link ThunderbirdConfig}), Outlook's POX autodiscover
 * ({@link OutlookAutodiscover}) and an Apple configuration profile ({@link AppleProfile}), all from the running
 * server's host name and ports ({@link MailServices}). Only for the directory's local domains; anything else is 404.
 *
 * <p>Input trusted: none. The address comes from a query parameter or a request body from anyone who can reach the
 * web port; it is parsed as an address, its domain checked against the directory, and escaped where it is echoed.
 * Nothing here says whether a user exists (the answer is the same for every local part of a local domain).
 */
package org.postroom.web.autoconfig;
