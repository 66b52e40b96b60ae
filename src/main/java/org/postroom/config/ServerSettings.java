package org.postroom.config;

/**
 * {@code [server]}: who this server is and where it listens.
 *
 * @param hostname the name in greetings and {@code Received} headers
 * @param bindAddress the address every listener binds to
 */
public record ServerSettings(String hostname, String bindAddress) {}
