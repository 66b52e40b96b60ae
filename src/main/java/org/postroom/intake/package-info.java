/**
 * The path every message takes after its door has accepted the envelope: loop detection, trace and submission
 * headers ({@code Received}, {@code Message-ID}, {@code Date}, {@code Return-Path}), delivery as one transaction
 * over every target (the store's mailboxes, the queue: prepare, then commit or abort), and the one log line per
 * message. Trusts the envelope (already routed); trusts nothing in the message.
 */
package org.postroom.intake;
