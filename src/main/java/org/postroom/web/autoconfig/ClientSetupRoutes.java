package org.postroom.web.autoconfig;

import java.util.List;
import org.postroom.web.Reply;
import org.postroom.web.console.Access;
import org.postroom.web.console.ConsoleRequest;
import org.postroom.web.console.Routes;

/**
 * The client set-up paths as PUBLIC routes of the web port's router (issue 13's {@link Routes}): a mail client
 * fetches them before it has any credentials. Outlook's path is registered in the letter cases clients send.
 */
public final class ClientSetupRoutes {
    /** The spellings of the autodiscover path seen from clients (Outlook sends the capitalised one). */
    static final List<String> AUTODISCOVER = List.of("/autodiscover/autodiscover.xml", "/Autodiscover/Autodiscover.xml",
            "/AutoDiscover/AutoDiscover.xml");

    private ClientSetupRoutes() {}

    public static Routes register(Routes routes, ClientSetup setup) {
        for (String path : List.of("/mail/config-v1.1.xml", "/.well-known/autoconfig/mail/config-v1.1.xml", "/apple/mobileconfig")) {
            routes.get(path, Access.PUBLIC, request -> reply(setup, request, new byte[0])).anyHost();
        }
        for (String path : AUTODISCOVER) {
            routes.post(path, Access.PUBLIC, request -> request.body().length > ClientSetup.MAX_BODY
                    ? Reply.text(413, "request too large\n") : reply(setup, request, request.body())).anyHost();
        }
        return routes;
    }

    private static Reply reply(ClientSetup setup, ConsoleRequest request, byte[] body) {
        SetupAnswer answer = setup.answer(request.method(), request.path(), request::query, request.header("host").orElse(null), body);
        return new Reply(answer.status(), answer.contentType(), answer.body());
    }
}
