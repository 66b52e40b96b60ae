package org.postroom.web.pages;

/** One mailbox on the dashboard's disk table: octets in use and the quota, written for people. */
public record MailboxRow(String address, String used, String quota) {
    public String link() {
        return "/users/" + Show.segment(address);
    }
}
