package org.carbonledger.service.testing;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * A raw TLS socket to a test server on loopback that accepts whatever certificate it presents: for tests that read
 * that certificate itself, or send bytes no HTTP client would send.
 */
public final class UncheckedTls {
    private UncheckedTls() {
    }

    /** Connects to 127.0.0.1:{@code port}; the handshake happens on first use. */
    public static SSLSocket connect(int port) throws GeneralSecurityException, IOException {
        return (SSLSocket) context().getSocketFactory().createSocket("127.0.0.1", port);
    }

    /** A TLS context that trusts any server certificate (the test service's is self-signed). */
    public static SSLContext context() throws GeneralSecurityException {
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, new TrustManager[] {new X509TrustManager() {
            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType) {
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType) {
            }

            @Override
            public X509Certificate[] getAcceptedIssuers() {
                return new X509Certificate[0];
            }
        }}, null);
        return context;
    }
}
