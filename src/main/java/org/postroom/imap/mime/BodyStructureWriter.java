package org.postroom.imap.mime;

import java.io.ByteArrayOutputStream;
import java.util.List;

/**
 * RFC 3501 7.4.2 BODYSTRUCTURE (with extension data) and BODY (without), from a {@link MimePart} tree: no file is read.
 * Types, subtypes and parameters are shown as written, with Dovecot's defaults ({@code "text" "plain" ("charset"
 * "us-ascii")}, {@code "7bit"}); RFC 2231 parameters joined ({@link HeaderValue}).
 */
public final class BodyStructureWriter {
    private BodyStructureWriter() {}

    /** @param extensible true for BODYSTRUCTURE, false for BODY */
    public static void write(ByteArrayOutputStream out, MimePart part, boolean extensible) {
        out.write('(');
        if (part.isMultipart() && !part.children().isEmpty()) multipart(out, part, extensible);
        else single(out, part, extensible);
        out.write(')');
    }

    private static void multipart(ByteArrayOutputStream out, MimePart part, boolean extensible) {
        for (MimePart child : part.children()) write(out, child, extensible);
        out.write(' ');
        ImapText.string(out, part.subtype());
        if (!extensible) return;
        out.write(' ');
        parameters(out, part.type().parameters());
        extensionTail(out, part);
    }

    private static void single(ByteArrayOutputStream out, MimePart part, boolean extensible) {
        HeaderValue type = part.type();
        String mediaType = part.mediaType();
        String subtype = part.subtype();
        List<HeaderValue.Parameter> parameters = type.parameters();
        if (part.isMultipart()) { // a multipart with no parts (no boundary, or none found): shown as text, as Dovecot does
            mediaType = "text";
            subtype = "plain";
            parameters = MimePart.TEXT_PLAIN.parameters();
        } else if (mediaType.equalsIgnoreCase("text") && type.parameter("charset") == null) {
            parameters = new java.util.ArrayList<>(parameters);
            parameters.add(0, new HeaderValue.Parameter("charset", "us-ascii"));
        }
        ImapText.string(out, mediaType);
        out.write(' ');
        ImapText.string(out, subtype);
        out.write(' ');
        parameters(out, parameters);
        out.write(' ');
        ImapText.nstring(out, part.field("content-id"));
        out.write(' ');
        ImapText.nstring(out, part.field("content-description"));
        out.write(' ');
        String encoding = part.field("content-transfer-encoding");
        ImapText.string(out, encoding == null || encoding.isBlank() ? "7bit" : HeaderValue.parse(encoding).value());
        ImapText.ascii(out, " " + part.bodySize());
        if (part.isMessage()) {
            out.write(' ');
            EnvelopeWriter.write(out, part.message());
            out.write(' ');
            write(out, part.message(), extensible);
            ImapText.ascii(out, " " + part.bodyLines());
        } else if (mediaType.equalsIgnoreCase("message") && subtype.equalsIgnoreCase("rfc822")) {
            // RFC 3501 9 body-type-msg needs an envelope and a body: for a message we did not read (encoded, too
            // deep) they are empty, as Dovecot answers.
            ImapText.ascii(out, " (NIL NIL NIL NIL NIL NIL NIL NIL NIL NIL) (\"text\" \"plain\" (\"charset\" \"us-ascii\") NIL NIL \"7bit\" 0 0"
                    + (extensible ? " NIL NIL NIL NIL)" : ")") + " " + part.bodyLines());
        } else if (mediaType.equalsIgnoreCase("text")) {
            ImapText.ascii(out, " " + part.bodyLines());
        }
        if (!extensible) return;
        out.write(' ');
        ImapText.nstring(out, part.field("content-md5"));
        extensionTail(out, part);
    }

    /** body-fld-dsp body-fld-lang body-fld-loc, common to both kinds. */
    private static void extensionTail(ByteArrayOutputStream out, MimePart part) {
        out.write(' ');
        String disposition = part.field("content-disposition");
        HeaderValue dsp = disposition == null ? null : HeaderValue.parse(disposition);
        if (dsp == null || dsp.value().isEmpty()) {
            ImapText.ascii(out, "NIL");
        } else {
            out.write('(');
            ImapText.string(out, dsp.value());
            out.write(' ');
            parameters(out, dsp.parameters());
            out.write(')');
        }
        out.write(' ');
        language(out, part.field("content-language"));
        out.write(' ');
        ImapText.nstring(out, part.field("content-location"));
    }

    private static void language(ByteArrayOutputStream out, String field) {
        if (field == null) {
            ImapText.ascii(out, "NIL");
            return;
        }
        List<String> tags = java.util.Arrays.stream(field.split("[,\\s]+")).filter(s -> !s.isEmpty()).limit(64).toList();
        if (tags.isEmpty()) {
            ImapText.ascii(out, "NIL");
            return;
        }
        out.write('(');
        for (int i = 0; i < tags.size(); i++) {
            if (i > 0) out.write(' ');
            ImapText.string(out, tags.get(i));
        }
        out.write(')');
    }

    private static void parameters(ByteArrayOutputStream out, List<HeaderValue.Parameter> parameters) {
        if (parameters.isEmpty()) {
            ImapText.ascii(out, "NIL");
            return;
        }
        out.write('(');
        for (int i = 0; i < parameters.size(); i++) {
            if (i > 0) out.write(' ');
            ImapText.string(out, parameters.get(i).name());
            out.write(' ');
            ImapText.string(out, parameters.get(i).value());
        }
        out.write(')');
    }
}
