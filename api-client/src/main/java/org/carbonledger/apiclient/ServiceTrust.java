package org.carbonledger.apiclient;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Which server certificates a {@link ServiceClient} accepts. A service started by {@code make up} has a self-signed
 * certificate ({@code service/run/<org>/tls/server.crt}): {@link #certificates} trusts exactly that one (the host
 * name is still checked), so nothing else can answer in its place.
 */
public final class ServiceTrust {
    private final SSLContext context;
    private final boolean checksCertificate;

    private ServiceTrust(SSLContext context, boolean checksCertificate) {
        this.context = context;
        this.checksCertificate = checksCertificate;
    }

    /**
     * Trusts the certificates in these PEM files and no other.
     *
     * @throws IllegalArgumentException naming the file when one is missing, unreadable or holds no certificate
     */
    public static ServiceTrust certificates(List<Path> pems) {
        Objects.requireNonNull(pems, "pems");
        if (pems.isEmpty()) {
            throw new IllegalArgumentException("no certificate file to trust");
        }
        try {
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            CertificateFactory x509 = CertificateFactory.getInstance("X.509");
            int n = 0;
            for (Path pem : pems) {
                int before = n;
                for (Certificate cert : certificatesIn(x509, pem)) {
                    store.setCertificateEntry("trusted-" + n++, cert);
                }
                if (n == before) {
                    throw new IllegalArgumentException("certificate file " + pem + " holds no certificate");
                }
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(store);
            SSLContext tls = SSLContext.getInstance("TLS");
            tls.init(null, tmf.getTrustManagers(), null);
            return new ServiceTrust(tls, true);
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot set up TLS trusting " + pems, e);
        }
    }

    /** Trusts the certificate authorities of the JDK, as for any public HTTPS site. */
    public static ServiceTrust jdkDefault() {
        try {
            return new ServiceTrust(SSLContext.getDefault(), true);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("no default TLS context", e);
        }
    }

    /**
     * Accepts any certificate, but only from a peer reached as a loopback address or {@code localhost}: for a local
     * service whose certificate is not at hand. Never for anything across a network.
     */
    public static ServiceTrust anyCertificateOnLoopback() {
        try {
            SSLContext tls = SSLContext.getInstance("TLS");
            tls.init(null, new TrustManager[] {new LoopbackOnly()}, null);
            return new ServiceTrust(tls, false);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot set up TLS", e);
        }
    }

    SSLContext context() {
        return context;
    }

    /** @return false for {@link #anyCertificateOnLoopback()} */
    public boolean checksCertificate() {
        return checksCertificate;
    }

    /** @return whether a host name is this machine's loopback ({@code localhost}, 127.0.0.1, ::1) */
    public static boolean isLoopback(String host) {
        return host != null && (host.equals("localhost") || host.equals("127.0.0.1") || host.equals("::1")
                || host.equals("[::1]"));
    }

    private static Collection<? extends Certificate> certificatesIn(CertificateFactory x509, Path pem)
            throws IOException {
        try {
            return x509.generateCertificates(new ByteArrayInputStream(Files.readAllBytes(pem)));
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("certificate file " + pem + ": no such file", e);
        } catch (CertificateException e) {
            throw new IllegalArgumentException("certificate file " + pem + " is not a PEM certificate: "
                    + e.getMessage(), e);
        }
    }

    /** Any certificate, from a loopback peer only; the extended variant also skips the host-name check. */
    private static final class LoopbackOnly extends X509ExtendedTrustManager {
        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
                throws CertificateException {
            requireLoopback(engine == null ? null : engine.getPeerHost());
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
                throws CertificateException {
            requireLoopback(socket == null ? null : socket.getInetAddress().getHostAddress());
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            throw new CertificateException("peer unknown: any certificate is accepted from a loopback peer only");
        }

        private static void requireLoopback(String host) throws CertificateException {
            if (!isLoopback(host)) {
                throw new CertificateException(host + " is not a loopback address: its certificate is not trusted");
            }
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
                throws CertificateException {
            throw new CertificateException("a client of the service authenticates no peer");
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
                throws CertificateException {
            throw new CertificateException("a client of the service authenticates no peer");
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            throw new CertificateException("a client of the service authenticates no peer");
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
