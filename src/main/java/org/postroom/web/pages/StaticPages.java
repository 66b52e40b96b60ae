package org.postroom.web.pages;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import org.postroom.web.Reply;
import org.postroom.web.console.Access;
import org.postroom.web.console.ConsoleServices;
import org.postroom.web.console.Routes;

/** {@code /static/console.css}: the console's one stylesheet, read once from the jar. No other file is served. */
final class StaticPages {
    private static final byte[] CSS = read("console.css");

    private StaticPages() {}

    static void register(Routes routes, ConsoleServices services) {
        routes.get("/static/console.css", Access.PUBLIC, r -> Reply.bytes(200, "text/css; charset=utf-8", CSS));
    }

    private static byte[] read(String name) {
        try (InputStream in = StaticPages.class.getResourceAsStream(name)) {
            if (in == null) throw new IllegalStateException("the jar lacks org/postroom/web/pages/" + name);
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
