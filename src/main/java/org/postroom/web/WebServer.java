package org.postroom.web;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import org.postroom.config.WebSettings;
import org.postroom.trace.metrics.Metrics;
import org.postroom.trace.metrics.PrometheusText;
import org.postroom.web.autoconfig.ClientSetup;
import org.postroom.web.autoconfig.SetupAnswer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The web port ({@code [web]}, default 127.0.0.1:8025): {@code /healthz} (the process answers), {@code /readyz}
 * (every check of {@link Readiness} passes, else 503 with the failing ones), {@code /metrics} (Prometheus text
 * format 0.0.4), and the mail clients' set-up files ({@link ClientSetup}) when given one. Every exchange runs on
 * its own virtual thread, as the mail doors' sessions do.
 */
public final class WebServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(WebServer.class);

    private final HttpServer server;
    private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
    private final boolean https;
    /** Exact paths only: the JDK's contexts match by prefix, which would serve /metricsanything. */
    private final Map<String, Endpoint> endpoints;
    private final Optional<ClientSetup> clientSetup;

    /** One path's answer. */
    @FunctionalInterface
    interface Endpoint {
        Reply answer();
    }

    /** Listens at once; {@code tls} is Postroom's server certificate, used when {@code settings} ask for HTTPS. */
    public WebServer(WebSettings settings, SSLContext tls, Metrics metrics, Readiness readiness) throws IOException {
        this(settings, tls, metrics, readiness, Optional.empty());
    }

    /** As above, also answering the mail clients' set-up paths with {@code clientSetup}. */
    public WebServer(WebSettings settings, SSLContext tls, Metrics metrics, Readiness readiness, Optional<ClientSetup> clientSetup)
            throws IOException {
        HttpLimits.apply();
        this.clientSetup = clientSetup;
        this.https = settings.https();
        this.endpoints = Map.of(
                "/healthz", () -> Reply.text(200, "ok\n"),
                "/readyz", () -> ready(readiness),
                "/metrics", () -> new Reply(200, PrometheusText.CONTENT_TYPE, metrics.scrape()));
        InetSocketAddress address = new InetSocketAddress(settings.bindAddress(), settings.port());
        try {
            if (https) {
                HttpsServer secure = HttpsServer.create(address, 64);
                secure.setHttpsConfigurator(new HttpsConfigurator(tls) {
                    @Override
                    public void configure(HttpsParameters params) {
                        SSLParameters p = tls.getDefaultSSLParameters();
                        p.setProtocols(new String[] {"TLSv1.3", "TLSv1.2"});
                        params.setSSLParameters(p);
                    }
                });
                server = secure;
            } else {
                server = HttpServer.create(address, 64);
            }
        } catch (IOException e) {
            throw new IOException("cannot listen on " + address + " for the web port ([web]): " + e.getMessage(), e);
        }
        server.setExecutor(threads);
        server.createContext("/", this::handle);
        server.start();
        log.info("web listening on {}://{} (/metrics, /healthz, /readyz)", https ? "https" : "http", server.getAddress());
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public boolean isHttps() {
        return https;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            Reply reply;
            try {
                String path = exchange.getRequestURI().getRawPath();
                reply = clientSetup.isPresent() && ClientSetup.handles(path)
                        ? setUp(clientSetup.get(), exchange, path)
                        : route(exchange.getRequestMethod(), path);
            } catch (RuntimeException e) { // our fault: logged here, the client hears only 500
                log.warn("web: {} {} failed: {}", exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(), e.toString(), e);
                reply = Reply.text(500, "internal error\n");
            }
            reply.send(exchange);
        } catch (IOException e) { // the client went away
            log.debug("web: {}", e.toString());
        }
    }

    private Reply route(String method, String path) {
        Endpoint endpoint = endpoints.get(path);
        if (endpoint == null) return Reply.text(404, "not found\n");
        if (!method.equals("GET") && !method.equals("HEAD")) return Reply.text(405, "method not allowed\n");
        return endpoint.answer();
    }

    /** A client set-up path: reads autodiscover's body (bounded), lets {@link ClientSetup} answer. */
    private static Reply setUp(ClientSetup setup, HttpExchange exchange, String path) throws IOException {
        byte[] body = new byte[0];
        if (ClientSetup.takesBody(path)) {
            body = exchange.getRequestBody().readNBytes(ClientSetup.MAX_BODY + 1);
            if (body.length > ClientSetup.MAX_BODY) return Reply.text(413, "request too large\n");
        }
        SetupAnswer answer = setup.answer(exchange.getRequestMethod(), path, exchange.getRequestURI().getRawQuery(),
                exchange.getRequestHeaders().getFirst("Host"), body);
        return new Reply(answer.status(), answer.contentType(), answer.body());
    }

    private static Reply ready(Readiness readiness) {
        List<String> problems = readiness.problems();
        if (problems.isEmpty()) return Reply.text(200, "ready\n");
        return Reply.text(503, "not ready\n" + String.join("\n", problems) + "\n");
    }

    /** Stops accepting, lets exchanges in progress finish for up to a second, then closes. */
    @Override
    public void close() {
        server.stop(1);
        threads.shutdownNow(); // stop() has closed every connection: what is left is ending
    }
}
