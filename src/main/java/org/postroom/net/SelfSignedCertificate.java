package org.postroom.net;

import java.math.BigInteger;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * The certificate a new installation makes for itself: an EC P-256 key, ten years, and every name a client in the
 * office may use to reach this machine (RFC 6125: a client checks the name it connected to against the
 * certificate's DNS names and IP addresses): the host name, {@code localhost}, 127.0.0.1, ::1 and the machine's own
 * addresses at the time it is made.
 */
final class SelfSignedCertificate {
    /** Addresses taken from the network interfaces at most; a machine with more is named by its host name. */
    private static final int MAX_ADDRESSES = 32;

    private SelfSignedCertificate() {}

    record Made(X509Certificate certificate, KeyPair keys) {}

    static Made make(String hostname) throws GeneralSecurityException {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(256);
            KeyPair pair = generator.generateKeyPair();
            X500Name name = new X500Name("CN=" + hostname.replaceAll("[,=+<>#;\"\\\\]", ""));
            Instant now = Instant.now();
            var builder = new JcaX509v3CertificateBuilder(name, new BigInteger(64, new SecureRandom()),
                    Date.from(now.minus(Duration.ofDays(1))), Date.from(now.plus(Duration.ofDays(3650))), name, pair.getPublic());
            builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(alternativeNames(hostname).toArray(GeneralName[]::new)));
            // serverAuth, which Apple's clients require of a TLS server's certificate; nothing more, so that a client
            // given this file as the one certificate it trusts (a CA file) has nothing to object to.
            builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
            var holder = builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(pair.getPrivate()));
            return new Made(new JcaX509CertificateConverter().getCertificate(holder), pair);
        } catch (OperatorCreationException | java.io.IOException e) {
            throw new GeneralSecurityException("cannot make a self-signed certificate: " + e.getMessage(), e);
        }
    }

    /** The host name (a DNS name, or an address if it is one), localhost, the loopback addresses, the machine's addresses. */
    static List<GeneralName> alternativeNames(String hostname) {
        Set<GeneralName> names = new LinkedHashSet<>();
        names.add(isAddressLiteral(hostname) ? new GeneralName(GeneralName.iPAddress, hostname) : new GeneralName(GeneralName.dNSName, hostname));
        names.add(new GeneralName(GeneralName.dNSName, "localhost"));
        names.add(new GeneralName(GeneralName.iPAddress, "127.0.0.1"));
        names.add(new GeneralName(GeneralName.iPAddress, "::1"));
        for (InetAddress address : machineAddresses()) names.add(new GeneralName(GeneralName.iPAddress, address.getHostAddress()));
        return new ArrayList<>(names);
    }

    /**
     * The addresses of this machine's interfaces that are up, except loopback (named above) and link-local ones (a
     * client needs the interface to reach those, and a certificate cannot name it).
     */
    static List<InetAddress> machineAddresses() {
        List<InetAddress> addresses = new ArrayList<>();
        try {
            for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                if (!nic.isUp() || nic.isLoopback()) continue;
                for (InetAddress address : Collections.list(nic.getInetAddresses())) {
                    if (address.isLoopbackAddress() || address.isLinkLocalAddress() || address.isMulticastAddress()) continue;
                    if (addresses.size() < MAX_ADDRESSES) addresses.add(stripScope(address));
                }
            }
        } catch (SocketException e) {
            // no interface list here (a container without /proc/net): the host name and loopback names still serve
        }
        return addresses;
    }

    private static InetAddress stripScope(InetAddress address) {
        if (!(address instanceof Inet6Address)) return address;
        try {
            return InetAddress.getByAddress(address.getAddress()); // "%eth0" is no part of a certificate's name
        } catch (java.net.UnknownHostException e) {
            return address;
        }
    }

    private static boolean isAddressLiteral(String host) {
        return host.matches("[0-9.]+") && host.chars().filter(c -> c == '.').count() == 3 || host.contains(":");
    }
}
