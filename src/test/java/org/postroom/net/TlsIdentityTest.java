package org.postroom.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringReader;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.time.Instant;
import java.util.Date;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.PKCS8Generator;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8EncryptorBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.util.io.pem.PemReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The key files administrators bring: the forms openssl writes, and the ones Postroom must refuse with a reason. */
class TlsIdentityTest {
    /** What {@code openssl ecparam -name prime256v1 -genkey} writes: the curve's parameters, then the key (a throwaway, made for this test). */
    private static final String OPENSSL_EC_KEY = """
            -----BEGIN EC PARAMETERS-----
            BggqhkjOPQMBBw==
            -----END EC PARAMETERS-----
            -----BEGIN EC PRIVATE KEY-----
            MHcCAQEEIHdCkGYivPfOYo/EmZlE9sFX5YIXyZj25C/ild742F2ZoAoGCCqGSM49
            AwEHoUQDQgAEI6iYku347wuOg9E4vBx1hgPPVSlWQQHmKGDezHEkYRPduYR15Dui
            kxazZ6ykQxVuBAWHSbr9J1svEUroZ8nRjg==
            -----END EC PRIVATE KEY-----
            """;

    @TempDir
    Path dir;

    private static String pem(Object o) throws Exception {
        StringWriter text = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
            writer.writeObject(o);
        }
        return text.toString();
    }

    /** The private key Postroom wrote (PKCS#8), to be written again in another form. */
    private static PrivateKey keyIn(Path key) throws Exception {
        try (var reader = new PemReader(Files.newBufferedReader(key))) {
            return new JcaPEMKeyConverter().getPrivateKey(PrivateKeyInfo.getInstance(reader.readPemObject().getContent()));
        }
    }

    @Test
    void anOpensslEcKeyAfterItsParametersIsRead() throws Exception {
        KeyPair pair;
        try (PEMParser parser = new PEMParser(new StringReader(OPENSSL_EC_KEY))) {
            parser.readObject(); // the parameters
            pair = new JcaPEMKeyConverter().getKeyPair((PEMKeyPair) parser.readObject());
        }
        X500Name name = new X500Name("CN=mail.example.org");
        var holder = new JcaX509v3CertificateBuilder(name, BigInteger.ONE, Date.from(Instant.now().minusSeconds(60)),
                Date.from(Instant.now().plusSeconds(86_400)), name, pair.getPublic())
                .build(new JcaContentSignerBuilder("SHA256withECDSA").build(pair.getPrivate()));
        Path cert = dir.resolve("cert.pem");
        Path key = dir.resolve("key.pem");
        Files.writeString(cert, pem(holder));
        Files.writeString(key, OPENSSL_EC_KEY);
        assertThat(TlsIdentity.read(cert, key).subjectNames()).containsExactly("mail.example.org");
    }

    @Test
    void aKeyProtectedByAPassphraseIsRefusedSayingSo() throws Exception {
        Path cert = dir.resolve("cert.pem");
        Path key = dir.resolve("key.pem");
        TlsFiles.createSelfSignedIfMissing(cert, key, "mail.example.org");
        var encryptor = new JceOpenSSLPKCS8EncryptorBuilder(PKCS8Generator.AES_256_CBC)
                .setProvider(new BouncyCastleProvider()).setPassword("secret".toCharArray()).build();
        Path encrypted = dir.resolve("encrypted.pem");
        Files.writeString(encrypted, pem(new JcaPKCS8Generator(keyIn(key), encryptor).generate()));
        assertThatThrownBy(() -> TlsIdentity.read(cert, encrypted))
                .isInstanceOf(TlsFileException.class)
                .hasMessageContaining("passphrase")
                .satisfies(e -> assertThat(((TlsFileException) e).part()).isEqualTo(TlsFileException.Part.KEY));
    }

    @Test
    void aKeyOfAnotherTypeThanTheCertificatesDoesNotBelong() throws Exception {
        Path cert = dir.resolve("cert.pem");
        TlsFiles.createSelfSignedIfMissing(cert, dir.resolve("key.pem"), "mail.example.org");
        KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
        rsa.initialize(2048);
        Path rsaKey = dir.resolve("rsa.pem");
        Files.writeString(rsaKey, pem(rsa.generateKeyPair().getPrivate()));
        assertThatThrownBy(() -> TlsIdentity.read(cert, rsaKey))
                .isInstanceOf(TlsFileException.class)
                .hasMessageContaining("does not belong")
                .satisfies(e -> assertThat(((TlsFileException) e).part()).isEqualTo(TlsFileException.Part.PAIR));
    }

    @Test
    void aPairIsNeverMadeOverOneFileThatExists() throws Exception {
        Path cert = dir.resolve("cert.pem");
        Path key = dir.resolve("key.pem");
        Files.writeString(key, "the administrator's key\n");
        assertThatThrownBy(() -> TlsFiles.createSelfSignedIfMissing(cert, key, "mail.example.org"))
                .isInstanceOf(TlsFileException.class)
                .hasMessageContaining(cert + " does not exist");
        assertThat(Files.readString(key)).isEqualTo("the administrator's key\n");
        assertThat(cert).doesNotExist();
    }
}
