package org.postroom.web.console;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The console's routes, registered once at start by the route groups ({@link Console#register}). A pattern is a
 * path whose segments are literal or a {@code {parameter}} matching one whole, non-empty segment (decoded: an
 * address's {@code %40} or {@code @} alike); a literal segment beats a parameter where two patterns match.
 *
 * <p>Each registration returns its {@link Route}, whose {@link Route#doc} describes it for the OpenAPI document
 * ({@code /api/v1/openapi.json}): every {@code /api/} route must have one (a test checks it).
 */
public final class Routes {
    private final List<Route> routes = new ArrayList<>();
    private volatile ConsoleDispatcher.ErrorPage errorPage;

    /** What matched: the route and its path's parameters. */
    public record Match(Route route, Map<String, String> params) {}

    public Route get(String pattern, Access access, Handler handler) {
        return add("GET", pattern, access, handler);
    }

    public Route post(String pattern, Access access, Handler handler) {
        return add("POST", pattern, access, handler);
    }

    public Route put(String pattern, Access access, Handler handler) {
        return add("PUT", pattern, access, handler);
    }

    public Route patch(String pattern, Access access, Handler handler) {
        return add("PATCH", pattern, access, handler);
    }

    public Route delete(String pattern, Access access, Handler handler) {
        return add("DELETE", pattern, access, handler);
    }

    private synchronized Route add(String method, String pattern, Access access, Handler handler) {
        for (Route r : routes) {
            if (r.method().equals(method) && r.pattern().equals(pattern)) throw new IllegalStateException("registered twice: " + method + " " + pattern);
        }
        Route route = new Route(method, pattern, access, handler);
        routes.add(route);
        return route;
    }

    /**
     * How errors on page paths (not {@code /api/}) are shown: the pages' group sets its own (the layout, a 401 sent
     * to {@code /login}); without one, a plain HTML page with the status and message.
     */
    public void errorPage(ConsoleDispatcher.ErrorPage page) {
        this.errorPage = page;
    }

    Optional<ConsoleDispatcher.ErrorPage> errorPage() {
        return Optional.ofNullable(errorPage);
    }

    public synchronized List<Route> all() {
        return List.copyOf(routes);
    }

    /** The route for the method (HEAD is GET's) and raw path, with the most literal segments among those that match. */
    public Optional<Match> match(String method, String rawPath) {
        String want = method.equals("HEAD") ? "GET" : method;
        List<String> segments = segments(rawPath);
        Match best = null;
        for (Route route : all()) {
            if (!route.method().equals(want)) continue;
            Map<String, String> params = route.match(segments);
            if (params != null && (best == null || route.literalCount() > best.route().literalCount())) best = new Match(route, params);
        }
        return Optional.ofNullable(best);
    }

    /** The methods some route serves at this path: empty means 404, else a 405 names them in {@code Allow}. */
    public List<String> methodsAt(String rawPath) {
        List<String> segments = segments(rawPath);
        TreeSet<String> methods = new TreeSet<>();
        for (Route route : all()) {
            if (route.match(segments) != null) methods.add(route.method());
        }
        if (methods.contains("GET")) methods.add("HEAD");
        return List.copyOf(methods);
    }

    /** The raw path's segments, each percent-decoded ({@code +} stays a plus: it is a path, not a form). */
    static List<String> segments(String rawPath) {
        if (rawPath.isEmpty() || rawPath.charAt(0) != '/') return List.of("\0");
        String[] raw = rawPath.substring(1).split("/", -1);
        List<String> out = new ArrayList<>(raw.length);
        for (String s : raw) out.add(percentDecode(s));
        return out;
    }

    static String percentDecode(String s) {
        if (s.indexOf('%') < 0) return s;
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(bytes.length);
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == '%' && i + 2 < bytes.length) {
                int hi = Character.digit(bytes[i + 1], 16);
                int lo = Character.digit(bytes[i + 2], 16);
                if (hi >= 0 && lo >= 0) {
                    out.write(hi * 16 + lo);
                    i += 2;
                    continue;
                }
            }
            out.write(bytes[i]);
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
