package org.postroom.net;

import java.net.Socket;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * A trust manager that keeps the chain a server presented, then asks the real one ({@link ClientTls#recording()}).
 * Extended, so that a delegate that is extended too checks the host name as it would without the recorder.
 */
public final class CertificateRecorder extends X509ExtendedTrustManager {
    private final X509TrustManager delegate;
    private volatile List<X509Certificate> chain = List.of();

    CertificateRecorder(X509TrustManager delegate) {
        this.delegate = delegate;
    }

    public List<X509Certificate> chain() {
        return chain;
    }

    private void keep(X509Certificate[] presented) {
        chain = presented == null ? List.of() : List.of(presented);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] presented, String authType, Socket socket) throws CertificateException {
        keep(presented);
        if (delegate instanceof X509ExtendedTrustManager extended) extended.checkServerTrusted(presented, authType, socket);
        else delegate.checkServerTrusted(presented, authType);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] presented, String authType, SSLEngine engine) throws CertificateException {
        keep(presented);
        if (delegate instanceof X509ExtendedTrustManager extended) extended.checkServerTrusted(presented, authType, engine);
        else delegate.checkServerTrusted(presented, authType);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] presented, String authType) throws CertificateException {
        keep(presented);
        delegate.checkServerTrusted(presented, authType);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        throw new CertificateException("not a server");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        throw new CertificateException("not a server");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        throw new CertificateException("not a server");
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return delegate.getAcceptedIssuers();
    }
}
