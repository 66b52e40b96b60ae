package org.postroom.web.autoconfig;

/** One answer of {@link ClientSetup}: what the web server sends. */
public record SetupAnswer(int status, String contentType, String body) {
    static final String XML = "application/xml; charset=utf-8";

    static SetupAnswer notFound() {
        return new SetupAnswer(404, "text/plain; charset=utf-8", "not found\n");
    }

    static SetupAnswer badRequest(String why) {
        return new SetupAnswer(400, "text/plain; charset=utf-8", why + "\n");
    }
}
