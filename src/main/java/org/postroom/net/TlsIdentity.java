package org.postroom.net;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.Certificate;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;

/**
 * The server's certificate chain (its own certificate first) and the private key that goes with it, read from PEM
 * files and checked: a key that is not the certificate's would make every handshake fail with nothing logged.
 *
 * <p>SECURITY: the files are the administrator's; nothing here writes them. The key is held only in memory.
 */
public record TlsIdentity(List<X509Certificate> chain, PrivateKey key) {
    /** PEM objects read from one file at most; a file with more is not a certificate chain. */
    private static final int MAX_PEM_OBJECTS = 64;

    public TlsIdentity {
        chain = List.copyOf(chain);
    }

    /** Reads and checks the pair; the exception says which file is at fault and why. */
    public static TlsIdentity read(Path certificate, Path key) throws TlsFileException {
        List<X509Certificate> chain = readChain(certificate);
        PrivateKey privateKey = readKey(key);
        if (!belongTogether(privateKey, chain.getFirst().getPublicKey())) {
            throw new TlsFileException(TlsFileException.Part.PAIR, key, "the key in " + key + " does not belong to the certificate in "
                    + certificate + " (the server's own certificate must come first in the file)");
        }
        return new TlsIdentity(chain, privateKey);
    }

    /** The server side of TLS with this certificate and key. */
    public SSLContext serverContext() throws IOException {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            char[] password = new char[0];
            store.setKeyEntry("server", key, password, chain.toArray(Certificate[]::new));
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(store, password);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(kmf.getKeyManagers(), null, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot use the TLS certificate and key: " + e.getMessage(), e);
        }
    }

    /** The server's own certificate. */
    public X509Certificate certificate() {
        return chain.getFirst();
    }

    /** The names a client can check the certificate against: the subject's CN, then each DNS name and IP address. */
    public List<String> subjectNames() {
        Set<String> names = new LinkedHashSet<>();
        try {
            for (Rdn rdn : new LdapName(certificate().getSubjectX500Principal().getName()).getRdns()) {
                if (rdn.getType().equalsIgnoreCase("CN")) names.add(rdn.getValue().toString());
            }
        } catch (InvalidNameException e) {
            // no readable subject: the alternative names alone
        }
        try {
            var alternatives = certificate().getSubjectAlternativeNames();
            if (alternatives != null) {
                for (List<?> name : alternatives) {
                    int type = (Integer) name.get(0);
                    if (type == 2 || type == 7) names.add(name.get(1).toString()); // RFC 5280 4.2.1.6: dNSName, iPAddress
                }
            }
        } catch (CertificateParsingException e) {
            // an unreadable extension: the CN alone
        }
        return new ArrayList<>(names);
    }

    public Instant notAfter() {
        return certificate().getNotAfter().toInstant();
    }

    /** Issued by itself (a self-signed certificate clients must be told to trust). */
    public boolean selfSigned() {
        return certificate().getSubjectX500Principal().equals(certificate().getIssuerX500Principal());
    }

    /**
     * The SHA-256 fingerprint of the server's certificate as clients show it ({@code AB:CD:...}, the form of
     * {@code openssl x509 -noout -fingerprint -sha256} and of Thunderbird's certificate viewer).
     */
    public String sha256Fingerprint() {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(certificate().getEncoded());
            return HexFormat.ofDelimiter(":").withUpperCase().formatHex(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("no SHA-256 or an unencodable certificate", e);
        }
    }

    private static List<X509Certificate> readChain(Path file) throws TlsFileException {
        List<X509Certificate> chain = new ArrayList<>();
        JcaX509CertificateConverter converter = new JcaX509CertificateConverter();
        try (Reader in = open(TlsFileException.Part.CERTIFICATE, file); PEMParser parser = new PEMParser(in)) {
            Object o;
            for (int i = 0; i < MAX_PEM_OBJECTS && (o = parser.readObject()) != null; i++) {
                if (o instanceof X509CertificateHolder holder) chain.add(converter.getCertificate(holder));
            }
        } catch (TlsFileException e) {
            throw e;
        } catch (IOException | GeneralSecurityException e) {
            throw new TlsFileException(TlsFileException.Part.CERTIFICATE, file, file + " is not a PEM certificate: " + e.getMessage(), e);
        }
        if (chain.isEmpty()) {
            throw new TlsFileException(TlsFileException.Part.CERTIFICATE, file, file + " holds no PEM certificate (-----BEGIN CERTIFICATE-----)");
        }
        return chain;
    }

    private static PrivateKey readKey(Path file) throws TlsFileException {
        JcaPEMKeyConverter keys = new JcaPEMKeyConverter();
        try (Reader in = open(TlsFileException.Part.KEY, file); PEMParser parser = new PEMParser(in)) {
            Object o;
            // A key file may hold more than the key: "EC PARAMETERS" before it (openssl ecparam -genkey), or certificates.
            for (int i = 0; i < MAX_PEM_OBJECTS && (o = parser.readObject()) != null; i++) {
                if (o instanceof PEMKeyPair pair) return keys.getPrivateKey(pair.getPrivateKeyInfo()); // the public part is optional (RFC 5915)
                if (o instanceof PrivateKeyInfo info) return keys.getPrivateKey(info);
                if (o instanceof PEMEncryptedKeyPair || o instanceof PKCS8EncryptedPrivateKeyInfo) {
                    throw new TlsFileException(TlsFileException.Part.KEY, file, "the key in " + file + " is protected by a passphrase, "
                            + "which Postroom cannot ask for; store it unencrypted and readable only by Postroom "
                            + "(openssl pkey -in encrypted.pem -out " + file.getFileName() + ")");
                }
            }
        } catch (TlsFileException e) {
            throw e;
        } catch (IOException e) {
            throw new TlsFileException(TlsFileException.Part.KEY, file, file + " is not a PEM private key: " + e.getMessage(), e);
        }
        throw new TlsFileException(TlsFileException.Part.KEY, file, file + " holds no PEM private key (-----BEGIN PRIVATE KEY-----)");
    }

    private static Reader open(TlsFileException.Part part, Path file) throws TlsFileException {
        try {
            return Files.newBufferedReader(file, StandardCharsets.US_ASCII);
        } catch (NoSuchFileException e) {
            throw new TlsFileException(part, file, file + " does not exist", e);
        } catch (AccessDeniedException e) {
            throw new TlsFileException(part, file, file + " cannot be read by Postroom's user (permission denied)", e);
        } catch (IOException e) {
            throw new TlsFileException(part, file, "cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** Signs a random challenge with the key and checks it with the certificate's public key. */
    private static boolean belongTogether(PrivateKey key, PublicKey publicKey) {
        String algorithm = switch (key.getAlgorithm()) {
            case "RSA" -> "SHA256withRSA";
            case "EC", "ECDSA" -> "SHA256withECDSA";
            case "Ed25519", "Ed448", "EdDSA" -> key.getAlgorithm();
            case "DSA" -> "SHA256withDSA";
            default -> null;
        };
        if (algorithm == null) return key.getAlgorithm().equals(publicKey.getAlgorithm()); // no way to test more; TLS will tell
        try {
            byte[] challenge = new byte[32];
            new SecureRandom().nextBytes(challenge);
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(key);
            signer.update(challenge);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(publicKey);
            verifier.update(challenge);
            return verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            return false; // a key of another type than the certificate's
        }
    }
}
