package org.postroom.net;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import javax.net.ssl.SSLContext;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.postroom.files.OwnerOnly;

/**
 * The server's TLS identity on disk: two PEM files, a self-signed pair made for a new installation, read and
 * checked into a {@link TlsIdentity}. Never writes over a file that exists: a mistyped path must not cost the
 * administrator a CA-signed key.
 */
public final class TlsFiles {
    private TlsFiles() {}

    /**
     * Makes a self-signed pair for {@code hostname} when neither file exists; does nothing when both do. One without
     * the other is an error ({@link TlsFileException} naming the missing one): making a new pair would replace the
     * one that is there.
     *
     * @return whether a new pair was made
     */
    public static boolean createSelfSignedIfMissing(Path certificate, Path key, String hostname) throws IOException {
        boolean hasCertificate = Files.exists(certificate);
        boolean hasKey = Files.exists(key);
        if (hasCertificate && hasKey) return false;
        if (hasCertificate || hasKey) {
            TlsFileException.Part missing = hasKey ? TlsFileException.Part.CERTIFICATE : TlsFileException.Part.KEY;
            Path absent = hasKey ? certificate : key;
            throw new TlsFileException(missing, absent, absent + " does not exist, but " + (hasKey ? key : certificate) + " does; "
                    + "Postroom never writes over it: put the missing file back, or remove both to have a new self-signed pair made");
        }
        SelfSignedCertificate.Made made;
        try {
            made = SelfSignedCertificate.make(hostname);
        } catch (GeneralSecurityException e) {
            throw new IOException(e.getMessage(), e);
        }
        OwnerOnly.createDirectories(key.toAbsolutePath().getParent());
        OwnerOnly.createDirectories(certificate.toAbsolutePath().getParent());
        writeNew(key, pem(new JcaPKCS8Generator(made.keys().getPrivate(), null))); // PKCS#8: "BEGIN PRIVATE KEY"
        writeNew(certificate, pem(made.certificate()));
        return true;
    }

    /** An SSLContext serving the certificate chain and key in the two PEM files (checked to belong together). */
    public static SSLContext serverContext(Path certificate, Path key) throws IOException {
        return TlsIdentity.read(certificate, key).serverContext();
    }

    private static byte[] pem(Object object) throws IOException {
        StringWriter text = new StringWriter();
        try (JcaPEMWriter pem = new JcaPEMWriter(text)) {
            pem.writeObject(object);
        }
        return text.toString().getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * Writes {@code file} whole or not at all, 0600 (the certificate is public, but one mode for both is simpler to
     * check): a tmp/ name first, synced, then linked to its name, which fails rather than replace a file that exists.
     */
    private static void writeNew(Path file, byte[] bytes) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.deleteIfExists(tmp);
        try (var channel = OwnerOnly.createFile(tmp)) {
            var buffer = java.nio.ByteBuffer.wrap(bytes);
            while (buffer.hasRemaining()) channel.write(buffer);
            channel.force(true);
        }
        try {
            try {
                Files.createLink(file, tmp);
            } catch (UnsupportedOperationException e) {
                Files.move(tmp, file); // no hard links here; without REPLACE_EXISTING, a file that exists stays
            }
        } catch (FileAlreadyExistsException e) {
            throw new TlsFileException(TlsFileException.Part.PAIR, file, file + " appeared while Postroom was making it; left as it is", e);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
