package org.postroom.web.console;

import org.postroom.service.Audit;
import org.postroom.service.RelayTestService;
import org.postroom.web.Reply;

/**
 * {@code POST /api/v1/relay/test}: "Test smarthost" ({@link RelayTestService}). A POST because it opens connections
 * and logs in at the provider; it changes nothing here, but it is recorded in the audit trail as who tested when.
 * The answer is 200 whether or not the smarthost passed: {@code ok} and each step say how it went.
 */
final class RelayApi {
    private RelayApi() {}

    private static final String RESULT = """
            {"type":"object","properties":{"configured":{"type":"boolean"},"ok":{"type":"boolean"},"note":{"type":"string"},
            "smarthosts":{"type":"array","items":{"type":"object","properties":{"smarthost":{"type":"string"},"tls":{"type":"string"},
            "login":{"type":["string","null"]},"ok":{"type":"boolean"},"hint":{"type":["string","null"]},
            "steps":{"type":"array","items":{"type":"object","properties":{"step":{"type":"string"},"outcome":{"type":"string"},
            "reply":{"type":"string"},"hint":{"type":["string","null"]}}}},
            "certificate":{"type":["object","null"],"properties":{"subject":{"type":"string"},"names":{"type":"array","items":{"type":"string"}},
            "issuer":{"type":"string"},"notBefore":{"type":"string"},"notAfter":{"type":"string"},"daysLeft":{"type":"integer"},
            "sha256":{"type":"string"},"trusted":{"type":"boolean"},"trust":{"type":"string"},"jdkTrusts":{"type":"boolean"},
            "problem":{"type":["string","null"]}}}}}}}}""";

    static void register(Routes routes, ConsoleServices services) {
        routes.post("/api/v1/relay/test", Access.ADMIN, r -> {
            RelayTestService.Result result = OpsRoutes.io(() -> services.ops().relayTest().test());
            OpsRoutes.audit(services, r, "relay.test", "", result.ok() ? Audit.Outcome.OK : Audit.Outcome.FAILED, result.ok() ? "" : result.note());
            return Reply.json(200, result);
        }).doc("Test the smarthost: connect, EHLO, STARTTLS, the certificate, AUTH and QUIT, each step's reply and a hint for the failing one",
                null, RESULT);
    }
}
