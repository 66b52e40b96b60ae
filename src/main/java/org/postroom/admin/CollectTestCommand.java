package org.postroom.admin;

import java.io.IOException;
import org.postroom.collect.AccountTest;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code postroom collect test ACCOUNT}: logs in to the provider and says what each step answered. */
@Command(name = "test", exitCodeOnInvalidInput = ExitCodes.USAGE, exitCodeOnExecutionException = ExitCodes.SOFTWARE,
        description = {"Test a collect account: connect, TLS, CAPA, login, STAT, and which envelope headers the provider writes",
            "(the header sections of the first 20 messages, by TOP). Downloads and deletes nothing."})
final class CollectTestCommand extends CollectBaseCommand {
    @Parameters(paramLabel = "ACCOUNT", description = "The account.")
    String account;

    @Override
    int collect(Setup setup, Output out) throws IOException {
        AccountTest.Report report = service(setup).test(account);
        if (out.isJson()) {
            out.json(report);
        } else {
            for (AccountTest.Step s : report.steps()) out.line((s.ok() ? "ok    " : "FAIL  ") + s.step() + ": " + s.detail());
            AccountTest.Profile p = report.profile();
            if (report.ok() && p.examined() > 0) {
                out.line("envelope headers the provider writes (of " + p.examined() + " message(s)): "
                        + (p.envelopeHeaders().isEmpty() ? "none" : p.envelopeHeaders().toString()) + "; Received ... for: " + p.receivedFor()
                        + "; one copy per recipient: " + (p.oneCopyPerRecipient() ? "yes" : "not seen"));
            }
        }
        return report.ok() ? ExitCodes.OK : ExitCodes.UNAVAILABLE;
    }
}
