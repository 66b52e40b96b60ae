/**
 * Postroom's HTTP server: {@code /metrics} (Prometheus), {@code /healthz} and {@code /readyz} today; the
 * administrator's console and REST API later (issue 13). The JDK's own {@code com.sun.net.httpserver} on virtual
 * threads, HTTPS with Postroom's certificate when bound beyond loopback (docs/architecture.md, "Web").
 *
 * <p>SECURITY: everything a client sends is untrusted; only exact paths are served (no files, no listing), only GET
 * and HEAD, and an error says its status and nothing else (no stack trace, no path).
 */
package org.postroom.web;
