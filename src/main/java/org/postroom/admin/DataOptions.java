package org.postroom.admin;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The options every directory command shares: which data folder, and how to print the answer. */
public final class DataOptions {

    /** Readable aligned text for people, or JSON for scripts. */
    public enum Format { TEXT, JSON }

    // POSTROOM_DATA (environment or system property) moves the default: the installed command sets /var/lib/postroom.
    @Option(names = "--data", paramLabel = "DIR", defaultValue = "${POSTROOM_DATA:-data}",
            description = "The data folder that `postroom start` made (default: ${DEFAULT-VALUE}).")
    Path data;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
            description = "Output format: text or json (default: ${DEFAULT-VALUE}).")
    Format format;

    public Path data() {
        return data;
    }

    public Format format() {
        return format;
    }
}
