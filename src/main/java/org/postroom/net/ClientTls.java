package org.postroom.net;

import java.io.IOException;
import java.io.Reader;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMParser;

/**
 * TLS as a client (the relay's STARTTLS and implicit TLS, RFC 3207 and RFC 8314), with one of three ways to
 * believe the server: the JDK's certificate authorities, the authorities in a PEM file, or exactly the
 * certificates in a PEM file (a provider's self-signed certificate: pinned, any name). With the first two the
 * certificate must name the host Postroom connected to (RFC 6125, as HTTPS checks it).
 */
public final class ClientTls {
    private final SSLContext context;
    private final boolean checkName;
    /** How the context believes servers; null for the JDK's authorities. Kept so that {@link #recording()} can wrap it. */
    private final X509TrustManager trust;

    private ClientTls(SSLContext context, boolean checkName, X509TrustManager trust) {
        this.context = context;
        this.checkName = checkName;
        this.trust = trust;
    }

    private static ClientTls of(X509TrustManager trust, boolean checkName) throws GeneralSecurityException {
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, new TrustManager[] {trust}, null);
        return new ClientTls(context, checkName, trust);
    }

    private static X509TrustManager trustOf(KeyStore authorities) throws GeneralSecurityException {
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(authorities); // null: the JDK's own authorities
        for (TrustManager m : factory.getTrustManagers()) {
            if (m instanceof X509TrustManager x) return x;
        }
        throw new GeneralSecurityException("no X.509 trust manager");
    }

    /**
     * The same trust, keeping the chain the server presented whether it is believed or not, so that
     * {@code postroom relay test} can show a certificate that the handshake refused.
     */
    public Recording recording() throws IOException {
        try {
            X509TrustManager base = trust != null ? trust : trustOf(null);
            CertificateRecorder recorder = new CertificateRecorder(base);
            return new Recording(of(recorder, checkName), recorder);
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot set up TLS: " + e.getMessage(), e);
        }
    }

    /** A {@link ClientTls} and what its handshakes were shown. */
    public record Recording(ClientTls tls, CertificateRecorder recorder) {
        /** The chain of the last handshake, the server's own certificate first; empty when none got that far. */
        public List<X509Certificate> chain() {
            return recorder.chain();
        }
    }

    /** True when the JDK's own certificate authorities vouch for {@code chain} (names not checked). */
    public static boolean jdkTrusts(List<X509Certificate> chain) {
        if (chain.isEmpty()) return false;
        try {
            trustOf(null).checkServerTrusted(chain.toArray(X509Certificate[]::new), "UNKNOWN");
            return true;
        } catch (GeneralSecurityException | RuntimeException e) {
            return false;
        }
    }

    /** The JDK's certificate authorities; names checked. */
    public static ClientTls system() throws IOException {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, null, null);
            return new ClientTls(context, true, null);
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot set up TLS: " + e.getMessage(), e);
        }
    }

    /** The certificate authorities in {@code pem}; names checked. */
    public static ClientTls authorities(Path pem) throws IOException {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            int i = 0;
            for (X509Certificate cert : readCertificates(pem)) store.setCertificateEntry("ca" + i++, cert);
            return of(trustOf(store), true);
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot use the certificates in " + pem + ": " + e.getMessage(), e);
        }
    }

    /** Exactly the certificates in {@code pem}, whatever their names and issuers. */
    public static ClientTls pinned(Path pem) throws IOException {
        List<X509Certificate> pins = readCertificates(pem);
        try {
            return of(new Pinned(pins), false);
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot set up TLS: " + e.getMessage(), e);
        }
    }

    /**
     * Encryption without authentication, for delivery to MX hosts (RFC 7435 opportunistic security): any
     * certificate is accepted, because the alternative is plain text, not a verified connection. Never used for
     * the smarthost, where a login is sent.
     */
    public static ClientTls opportunistic() throws IOException {
        try {
            return of(new AnyCertificate(), false);
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot set up TLS: " + e.getMessage(), e);
        }
    }

    /** Starts TLS over {@code plain} (connected to {@code host}) and completes the handshake. */
    public SSLSocket wrap(Socket plain, String host) throws IOException {
        SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket(plain, host, plain.getPort(), true);
        socket.setUseClientMode(true);
        SSLParameters parameters = socket.getSSLParameters();
        parameters.setProtocols(new String[] {"TLSv1.3", "TLSv1.2"});
        if (checkName) parameters.setEndpointIdentificationAlgorithm("HTTPS");
        if (isHostName(host)) parameters.setServerNames(List.of(new SNIHostName(host)));
        socket.setSSLParameters(parameters);
        socket.startHandshake();
        return socket;
    }

    private static boolean isHostName(String host) {
        return host.indexOf(':') < 0 && !host.matches("[0-9.]+") && host.contains(".") && !host.endsWith(".");
    }

    private static List<X509Certificate> readCertificates(Path pem) throws IOException {
        List<X509Certificate> certs = new ArrayList<>();
        JcaX509CertificateConverter converter = new JcaX509CertificateConverter();
        try (Reader in = Files.newBufferedReader(pem, StandardCharsets.US_ASCII); PEMParser parser = new PEMParser(in)) {
            Object o;
            while ((o = parser.readObject()) != null) {
                if (o instanceof X509CertificateHolder holder) certs.add(converter.getCertificate(holder));
            }
        } catch (CertificateException e) {
            throw new IOException(pem + ": " + e.getMessage(), e);
        }
        if (certs.isEmpty()) throw new IOException(pem + " holds no certificate");
        return certs;
    }

    /** RFC 7435: believes any server; only for opportunistic encryption to MX hosts. */
    private static final class AnyCertificate implements X509TrustManager {
        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {}

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            throw new CertificateException("not a server");
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }

    /** Believes a server whose own certificate is one of the pinned ones, and no other. */
    private record Pinned(List<X509Certificate> pins) implements X509TrustManager {
        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            if (chain == null || chain.length == 0) throw new CertificateException("the server sent no certificate");
            for (X509Certificate pin : pins) {
                // Pinned means this very certificate: its name, issuer and dates do not matter (docs/quirks.md).
                if (Arrays.equals(pin.getEncoded(), chain[0].getEncoded())) return;
            }
            throw new CertificateException("the server's certificate (" + chain[0].getSubjectX500Principal().getName().toLowerCase(Locale.ROOT)
                    + ") is not the pinned one");
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            throw new CertificateException("not a server");
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
