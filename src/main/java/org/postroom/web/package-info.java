/**
 * Postroom's HTTP server: {@code /metrics} (Prometheus), {@code /healthz} and {@code /readyz} as exact paths, and
 * every other path to the administrator's console and REST API ({@link org.postroom.web.console}, issue 13). The
 * JDK's own {@code com.sun.net.httpserver} on virtual threads, HTTPS with Postroom's certificate when bound beyond
 * loopback (docs/architecture.md, "Web" and "The console").
 *
 * <p>SECURITY: everything a client sends is untrusted; nothing is served from disk (no files, no listing), the
 * health endpoints answer GET and HEAD only, the console only its registered routes with bounded bodies, and an
 * error says its status and a message, never a stack trace. Every reply carries the security headers ({@link Reply}).
 */
package org.postroom.web;
