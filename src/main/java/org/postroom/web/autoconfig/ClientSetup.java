package org.postroom.web.autoconfig;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.postroom.message.MailAddress;

/**
 * The client set-up paths of the web port and their answers:
 * <ul>
 * <li>{@code GET /mail/config-v1.1.xml} and {@code GET /.well-known/autoconfig/mail/config-v1.1.xml}
 * ({@code ?emailaddress=} or, without it, the domain of an {@code autoconfig.DOMAIN} Host): Thunderbird;</li>
 * <li>{@code POST /autodiscover/autodiscover.xml} in any letter case ({@code /Autodiscover/Autodiscover.xml} is what
 * Outlook sends): Outlook;</li>
 * <li>{@code GET /apple/mobileconfig?email=}: an Apple configuration profile.</li>
 * </ul>
 * A domain that is not one of the directory's local domains gets 404, as does any other path under these names.
 */
public final class ClientSetup {
    /** The most of a request body read (an autodiscover request is a few hundred bytes). */
    public static final int MAX_BODY = 64 * 1024;

    private static final Set<String> THUNDERBIRD = Set.of("/mail/config-v1.1.xml", "/.well-known/autoconfig/mail/config-v1.1.xml");
    private static final String AUTODISCOVER = "/autodiscover/autodiscover.xml";
    private static final String APPLE = "/apple/mobileconfig";

    private final Predicate<String> localDomain;
    private final Supplier<MailServices> services;

    /** {@code localDomain} asks the directory (it changes while the server runs); {@code services} the running doors. */
    public ClientSetup(Predicate<String> localDomain, Supplier<MailServices> services) {
        this.localDomain = localDomain;
        this.services = services;
    }

    /** Whether {@code path} (raw, without the query) is one of the set-up paths. */
    public static boolean handles(String path) {
        return THUNDERBIRD.contains(path) || path.toLowerCase(Locale.ROOT).equals(AUTODISCOVER) || path.equals(APPLE);
    }

    /** Whether {@code path} takes a request body (autodiscover's POST). */
    public static boolean takesBody(String path) {
        return path.toLowerCase(Locale.ROOT).equals(AUTODISCOVER);
    }

    /**
     * The answer to a request for one of the {@link #handles set-up paths}. {@code rawQuery} may be null;
     * {@code host} is the Host header (or null); {@code body} the request body (empty unless {@link #takesBody}).
     */
    public SetupAnswer answer(String method, String path, String rawQuery, String host, byte[] body) {
        if (takesBody(path)) {
            if (!method.equals("POST")) return new SetupAnswer(405, "text/plain; charset=utf-8", "method not allowed: POST an autodiscover request\n");
            return OutlookAutodiscover.requestedAddress(body)
                    .map(text -> forAddress(text, (address, domain) -> new SetupAnswer(200, SetupAnswer.XML,
                            OutlookAutodiscover.of(address, services.get()))))
                    .orElseGet(() -> SetupAnswer.badRequest("no EMailAddress in the autodiscover request"));
        }
        if (!method.equals("GET") && !method.equals("HEAD")) return new SetupAnswer(405, "text/plain; charset=utf-8", "method not allowed\n");
        if (path.equals(APPLE)) {
            return parameter(rawQuery, "email")
                    .map(text -> forAddress(text, (address, domain) -> new SetupAnswer(200, AppleProfile.CONTENT_TYPE,
                            AppleProfile.of(address, domain, services.get()))))
                    .orElseGet(() -> SetupAnswer.badRequest("which address? /apple/mobileconfig?email=you@your.domain"));
        }
        Optional<String> address = parameter(rawQuery, "emailaddress");
        if (address.isPresent()) return forAddress(address.get(), (a, domain) -> thunderbird(domain));
        // autoconfig.DOMAIN asked without an address (older Thunderbirds): the domain is in the Host header
        return domainOfHost(host).filter(localDomain).map(this::thunderbird).orElseGet(SetupAnswer::notFound);
    }

    private SetupAnswer thunderbird(String domain) {
        return new SetupAnswer(200, SetupAnswer.XML, ThunderbirdConfig.of(domain, services.get()));
    }

    private interface ForAddress {
        SetupAnswer answer(String address, String domain);
    }

    /** The answer for a well-formed address of a local domain; 400 for a malformed one, 404 for any other domain. */
    private SetupAnswer forAddress(String text, ForAddress answer) {
        MailAddress address;
        try {
            address = MailAddress.parse(text);
        } catch (RuntimeException e) { // AddressSyntaxException, IllegalArgumentException: not an address
            return SetupAnswer.badRequest("not an email address");
        }
        if (!localDomain.test(address.domain())) return SetupAnswer.notFound();
        return answer.answer(address.localPart() + "@" + address.domain(), address.domain());
    }

    static Optional<String> parameter(String rawQuery, String name) {
        if (rawQuery == null) return Optional.empty();
        for (String pair : rawQuery.split("&")) {
            int eq = pair.indexOf('=');
            if (eq < 0) continue;
            try {
                if (URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8).equals(name)) {
                    String value = URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8).strip();
                    return value.isEmpty() ? Optional.empty() : Optional.of(value);
                }
            } catch (IllegalArgumentException e) { // a malformed %-escape
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    static Optional<String> domainOfHost(String host) {
        if (host == null) return Optional.empty();
        String name = host.strip().toLowerCase(Locale.ROOT);
        int colon = name.lastIndexOf(':');
        if (colon >= 0 && !name.endsWith("]")) name = name.substring(0, colon);
        return name.startsWith("autoconfig.") && name.length() > "autoconfig.".length()
                ? Optional.of(name.substring("autoconfig.".length())) : Optional.empty();
    }
}
