package org.postroom.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import org.postroom.message.MailAddress;

/**
 * A script's view of the console, over real HTTP (java.net.http): signs in with {@code POST /api/v1/session} and
 * keeps the cookie and CSRF token as a browser would, sending {@code Origin} and {@code X-CSRF-Token} with every
 * state-changing request; or acts with an API token ({@link #withToken}). Tests of refusals turn those off
 * ({@link #csrf(boolean)}, {@link #origin(String)}) or send raw requests ({@link #send}).
 *
 * <pre>{@code
 * var admin = ConsoleClient.admin(postroom);          // a new admin user, signed in
 * var r = admin.post("/api/v1/users", Map.of("address", "ann@office.test", "password", "..."));
 * assertThat(r.status()).isEqualTo(201);
 * assertThat(r.json().get("address").asText()).isEqualTo("ann@office.test");
 * }</pre>
 */
public final class ConsoleClient {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One answer: status, headers and body. */
    public record Response(int status, HttpHeaders headers, String body) {
        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON (" + status + "): " + body, e);
            }
        }

        /** The error code of an API error answer ({@code {"error":{"code":...}}}). */
        public String errorCode() {
            return json().path("error").path("code").asText();
        }

        public Optional<String> header(String name) {
            return headers.firstValue(name);
        }

        public List<String> headers(String name) {
            return headers.allValues(name);
        }
    }

    private final URI base;
    private final HttpClient http;
    private String cookieName;
    private String cookie;
    private String csrfToken;
    private String token;
    private boolean sendCsrf = true;
    private String origin;

    public ConsoleClient(URI base, HttpClient http) {
        this.base = base;
        this.http = http;
        this.origin = base.getScheme() + "://" + base.getAuthority();
    }

    /** A client of the test server's web port, plain HTTP on loopback. */
    public static ConsoleClient to(TestPostroom postroom) {
        return new ConsoleClient(URI.create("http://127.0.0.1:" + postroom.webPort()), HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(10)).followRedirects(HttpClient.Redirect.NEVER).build());
    }

    /** A client over HTTPS ({@code [web] tls = "always"}) that trusts the server's self-signed certificate. */
    public static ConsoleClient https(TestPostroom postroom) {
        // The self-signed certificate names the host, not 127.0.0.1; the JDK's client reads this once, at first use.
        System.setProperty("jdk.internal.httpclient.disableHostnameVerification", "true");
        return new ConsoleClient(URI.create("https://127.0.0.1:" + postroom.webPort()), HttpClient.newBuilder()
                .sslContext(trustAll()).connectTimeout(Duration.ofSeconds(10)).followRedirects(HttpClient.Redirect.NEVER).build());
    }

    /** A new admin user {@code local@office.test} with {@link TestPostroom#PASSWORD}, signed in. */
    public static ConsoleClient admin(TestPostroom postroom, String local) {
        MailAddress address = postroom.addUser(local);
        postroom.directory().setAdmin(address, true);
        ConsoleClient client = to(postroom);
        client.signIn(address.toString(), TestPostroom.PASSWORD);
        return client;
    }

    public static ConsoleClient admin(TestPostroom postroom) {
        return admin(postroom, "boss");
    }

    /** A new user without the admin role, signed in. */
    public static ConsoleClient user(TestPostroom postroom, String local) {
        MailAddress address = postroom.addUser(local);
        ConsoleClient client = to(postroom);
        client.signIn(address.toString(), TestPostroom.PASSWORD);
        return client;
    }

    /** {@code POST /api/v1/session}; keeps the cookie and CSRF token of a success. */
    public Response login(String login, String password) {
        Response r = send("POST", "/api/v1/session", json(Map.of("login", login, "password", password)), Map.of("Content-Type", "application/json"));
        if (r.status() == 200) {
            for (String set : r.headers("Set-Cookie")) {
                int eq = set.indexOf('=');
                int semi = set.indexOf(';');
                cookieName = set.substring(0, eq);
                cookie = set.substring(eq + 1, semi < 0 ? set.length() : semi);
            }
            csrfToken = r.json().path("csrfToken").asText();
        }
        return r;
    }

    /** {@link #login}, which must succeed. */
    public ConsoleClient signIn(String login, String password) {
        Response r = login(login, password);
        if (r.status() != 200) throw new AssertionError("login of " + login + " refused: " + r.status() + " " + r.body());
        return this;
    }

    /** Acts with this API token ({@code Authorization: Bearer}) instead of a session. */
    public ConsoleClient withToken(String apiToken) {
        this.token = apiToken;
        return this;
    }

    /** Whether state-changing requests carry the CSRF token (on by default). */
    public ConsoleClient csrf(boolean send) {
        this.sendCsrf = send;
        return this;
    }

    /** The Origin header state-changing requests carry; null sends none. */
    public ConsoleClient origin(String value) {
        this.origin = value;
        return this;
    }

    public String csrfToken() {
        return csrfToken;
    }

    /** The session cookie's name and value ({@code name=value}), if signed in. */
    public Optional<String> sessionCookie() {
        return cookie == null ? Optional.empty() : Optional.of(cookieName + "=" + cookie);
    }

    public URI base() {
        return base;
    }

    public Response get(String path) {
        return send("GET", path, null, Map.of());
    }

    public Response delete(String path) {
        return send("DELETE", path, null, Map.of());
    }

    public Response post(String path, Object body) {
        return send("POST", path, json(body), Map.of("Content-Type", "application/json"));
    }

    public Response put(String path, Object body) {
        return send("PUT", path, json(body), Map.of("Content-Type", "application/json"));
    }

    public Response patch(String path, Object body) {
        return send("PATCH", path, json(body), Map.of("Content-Type", "application/json"));
    }

    /** A form post as a browser sends it, with the hidden {@code _csrf} field (unless {@link #csrf(boolean)} is off). */
    public Response postForm(String path, Map<String, String> fields) {
        Map<String, String> all = new LinkedHashMap<>(fields);
        if (sendCsrf && csrfToken != null) all.putIfAbsent("_csrf", csrfToken);
        String body = all.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return send("POST", path, body, Map.of("Content-Type", "application/x-www-form-urlencoded"), false);
    }

    /** Any request: the session cookie or token, and for a state-changing method Origin and X-CSRF-Token, as configured. */
    public Response send(String method, String path, String body, Map<String, String> headers) {
        return send(method, path, body, headers, true);
    }

    private Response send(String method, String path, String body, Map<String, String> headers, boolean csrfHeader) {
        HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(b::header);
        if (token != null) b.header("Authorization", "Bearer " + token);
        if (cookie != null) b.header("Cookie", cookieName + "=" + cookie);
        boolean changes = !method.equals("GET") && !method.equals("HEAD");
        if (changes && origin != null && !headers.containsKey("Origin")) b.header("Origin", origin);
        if (changes && csrfHeader && sendCsrf && csrfToken != null && token == null && !headers.containsKey("X-CSRF-Token")) b.header("X-CSRF-Token", csrfToken);
        try {
            HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(r.statusCode(), r.headers(), r.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    private static String json(Object body) {
        if (body == null) return null;
        if (body instanceof String s) return s;
        try {
            return JSON.writeValueAsString(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static SSLContext trustAll() {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {new X509TrustManager() {
                @Override
                public void checkClientTrusted(X509Certificate[] chain, String authType) {}

                @Override
                public void checkServerTrusted(X509Certificate[] chain, String authType) {}

                @Override
                public X509Certificate[] getAcceptedIssuers() {
                    return new X509Certificate[0];
                }
            }}, new SecureRandom());
            return context;
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
