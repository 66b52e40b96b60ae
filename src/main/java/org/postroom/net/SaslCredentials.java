package org.postroom.net;

import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;
import java.util.Base64;

/**
 * A login and password decoded from SASL PLAIN (RFC 4616) or LOGIN responses, for every protocol's AUTH
 * command (SMTP RFC 4954, POP3 RFC 5034).
 *
 * <p>SECURITY: the base64 text is the client's; anything that does not decode strictly is refused (null).
 */
public record SaslCredentials(String login, char[] password) {

    /** RFC 4616: {@code [authzid] NUL authcid NUL passwd}; an authzid other than the authcid is refused. */
    public static SaslCredentials fromPlain(String base64) {
        String text = decode(base64);
        if (text == null) return null;
        int first = text.indexOf('\0');
        int second = first < 0 ? -1 : text.indexOf('\0', first + 1);
        if (first < 0 || second < 0 || text.indexOf('\0', second + 1) >= 0) return null;
        String authzid = text.substring(0, first);
        String login = text.substring(first + 1, second);
        if (!authzid.isEmpty() && !authzid.equals(login)) return null;
        return new SaslCredentials(login, text.substring(second + 1).toCharArray());
    }

    /** One base64 response, strictly decoded as UTF-8; null when it is not. */
    public static String decode(String base64) {
        try {
            byte[] bytes = Base64.getDecoder().decode(base64);
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (IllegalArgumentException | CharacterCodingException e) {
            return null;
        }
    }
}
