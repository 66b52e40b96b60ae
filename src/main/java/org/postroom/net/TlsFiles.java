package org.postroom.net;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;

/** The server's TLS identity: PEM files on disk, made self-signed on first start, loaded into an SSLContext. */
public final class TlsFiles {
    private TlsFiles() {}

    /** Writes a self-signed certificate for {@code hostname} (valid ten years) and its key, unless both exist. */
    public static void createSelfSignedIfMissing(Path certificate, Path key, String hostname) throws IOException {
        if (Files.exists(certificate) && Files.exists(key)) return;
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(256);
            KeyPair pair = generator.generateKeyPair();
            X500Name name = new X500Name("CN=" + hostname.replaceAll("[,=+<>#;\"\\\\]", ""));
            Instant now = Instant.now();
            var builder = new JcaX509v3CertificateBuilder(name, new BigInteger(64, new SecureRandom()),
                    Date.from(now.minus(Duration.ofDays(1))), Date.from(now.plus(Duration.ofDays(3650))), name, pair.getPublic());
            builder.addExtension(Extension.subjectAlternativeName, false,
                    new GeneralNames(new GeneralName(GeneralName.dNSName, hostname)));
            X509CertificateHolder holder = builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(pair.getPrivate()));
            X509Certificate cert = new JcaX509CertificateConverter().getCertificate(holder);
            Files.createDirectories(key.toAbsolutePath().getParent());
            Files.createDirectories(certificate.toAbsolutePath().getParent());
            writePem(key, new JcaPKCS8Generator(pair.getPrivate(), null), true); // PKCS#8: "BEGIN PRIVATE KEY"
            writePem(certificate, cert, false);
        } catch (GeneralSecurityException | OperatorCreationException e) {
            throw new IOException("cannot make a self-signed certificate: " + e.getMessage(), e);
        }
    }

    private static void writePem(Path file, Object object, boolean secret) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.deleteIfExists(tmp);
        if (secret) {
            Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        }
        try (Writer out = Files.newBufferedWriter(tmp, StandardCharsets.US_ASCII); JcaPEMWriter pem = new JcaPEMWriter(out)) {
            pem.writeObject(object);
        }
        Files.move(tmp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    /** An SSLContext serving the certificate chain and key in the two PEM files. */
    public static SSLContext serverContext(Path certificate, Path key) throws IOException {
        try {
            List<Certificate> chain = new ArrayList<>();
            JcaX509CertificateConverter converter = new JcaX509CertificateConverter();
            try (Reader in = Files.newBufferedReader(certificate, StandardCharsets.US_ASCII); PEMParser parser = new PEMParser(in)) {
                Object o;
                while ((o = parser.readObject()) != null) {
                    if (o instanceof X509CertificateHolder holder) chain.add(converter.getCertificate(holder));
                }
            }
            if (chain.isEmpty()) throw new IOException(certificate + " holds no certificate");
            PrivateKey privateKey;
            try (Reader in = Files.newBufferedReader(key, StandardCharsets.US_ASCII); PEMParser parser = new PEMParser(in)) {
                Object o = parser.readObject();
                JcaPEMKeyConverter keys = new JcaPEMKeyConverter();
                if (o instanceof PEMKeyPair pair) privateKey = keys.getKeyPair(pair).getPrivate();
                else if (o instanceof PrivateKeyInfo info) privateKey = keys.getPrivateKey(info);
                else throw new IOException(key + " holds no private key");
            }
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            char[] password = new char[0];
            store.setKeyEntry("server", privateKey, password, chain.toArray(Certificate[]::new));
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(store, password);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(kmf.getKeyManagers(), null, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot load the TLS certificate and key: " + e.getMessage(), e);
        }
    }
}
