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
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import org.postroom.config.WebSettings;
import org.postroom.web.console.ConsoleDispatcher;
import org.postroom.trace.metrics.Metrics;
import org.postroom.trace.metrics.PrometheusText;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The web port ({@code [web]}, default 127.0.0.1:8025): {@code /healthz} (the process answers), {@code /readyz}
 * (every check of {@link Readiness} passes, else 503 with the failing ones), {@code /metrics} (Prometheus text
 * format 0.0.4), and every other path to the console ({@link ConsoleDispatcher}: pages and {@code /api/v1/}). Every
 * exchange runs on its own virtual thread, as the mail doors' sessions do.
 */
public final class WebServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(WebServer.class);

    private final HttpServer server;
    private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
    private final boolean https;
    /** Exact paths only: the JDK's contexts match by prefix, which would serve /metricsanything. */
    private final Map<String, Endpoint> endpoints;

    /** One path's answer. */
    @FunctionalInterface
    interface Endpoint {
        Reply answer();
    }

    /** The console's routes (pages and API); empty for the health and metrics endpoints alone. */
    private final java.util.Optional<ConsoleDispatcher> console;

    /** Listens at once; {@code tls} is Postroom's server certificate, used when {@code settings} ask for HTTPS. */
    public WebServer(WebSettings settings, SSLContext tls, Metrics metrics, Readiness readiness) throws IOException {
        this(settings, tls, metrics, readiness, java.util.Optional.empty());
    }

    /** The same, with the console ({@link org.postroom.web.console.Console}) on every other path. */
    public WebServer(WebSettings settings, SSLContext tls, Metrics metrics, Readiness readiness, java.util.Optional<ConsoleDispatcher> console)
            throws IOException {
        HttpLimits.apply();
        this.console = console;
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
        log.info("web listening on {}://{} (/metrics, /healthz, /readyz{})", https ? "https" : "http", server.getAddress(),
                console.isPresent() ? ", the console and /api/v1/" : "");
    }

    /** The console, when this server serves one. */
    public java.util.Optional<ConsoleDispatcher> console() {
        return console;
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
                reply = route(exchange);
            } catch (RuntimeException e) { // our fault: logged here, the client hears only 500
                log.warn("web: {} {} failed: {}", exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(), e.toString(), e);
                reply = Reply.text(500, "internal error\n");
            }
            reply.send(exchange);
        } catch (IOException e) { // the client went away
            log.debug("web: {}", e.toString());
        }
    }

    private Reply route(HttpExchange exchange) throws IOException {
        String method = exchange.getRequestMethod();
        String path = exchange.getRequestURI().getRawPath();
        Endpoint endpoint = endpoints.get(path);
        if (endpoint == null) {
            if (console.isEmpty()) return Reply.text(404, "not found\n");
            long start = System.nanoTime();
            Reply reply = console.get().answer(exchange);
            // The console's own time for the request (W3C Server Timing): what the 100 ms bar and bench/console.sh measure.
            return reply.withHeader("Server-Timing", String.format(java.util.Locale.ROOT, "app;dur=%.1f", (System.nanoTime() - start) / 1e6));
        }
        if (!method.equals("GET") && !method.equals("HEAD")) return Reply.text(405, "method not allowed\n");
        return endpoint.answer();
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
