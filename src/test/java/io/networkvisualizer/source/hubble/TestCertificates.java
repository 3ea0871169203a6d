package io.networkvisualizer.source.hubble;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** Throw-away CAs and certificates for TLS tests, written as PEM files (keys as PKCS#8). */
final class TestCertificates {
  private static final AtomicLong SERIAL = new AtomicLong(System.currentTimeMillis());

  /** A key pair with its certificate, and the PEM files they were written to. */
  record Issued(KeyPair keys, X509Certificate certificate, Path certFile, Path keyFile) {}

  private TestCertificates() {}

  static Issued ca(Path dir, String name) throws Exception {
    KeyPair keys = keyPair();
    X500Name subject = new X500Name("CN=" + name);
    X509v3CertificateBuilder builder = builder(subject, subject, keys)
        .addExtension(Extension.basicConstraints, true, new BasicConstraints(true))
        .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
    return write(dir, name, keys, sign(builder, keys));
  }

  /** A server certificate for {@code dnsNames} (and 127.0.0.1 when {@code withLoopbackIp}). */
  static Issued server(Path dir, String name, Issued ca, boolean withLoopbackIp, String... dnsNames) throws Exception {
    KeyPair keys = keyPair();
    GeneralName[] names = new GeneralName[dnsNames.length + (withLoopbackIp ? 1 : 0)];
    for (int i = 0; i < dnsNames.length; i++) {
      names[i] = new GeneralName(GeneralName.dNSName, dnsNames[i]);
    }
    if (withLoopbackIp) {
      names[dnsNames.length] = new GeneralName(GeneralName.iPAddress, "127.0.0.1");
    }
    X509v3CertificateBuilder builder = builder(subject(ca), new X500Name("CN=" + dnsNames[0]), keys)
        .addExtension(Extension.subjectAlternativeName, false, new GeneralNames(names))
        .addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
    return write(dir, name, keys, sign(builder, ca.keys()));
  }

  static Issued client(Path dir, String name, Issued ca) throws Exception {
    KeyPair keys = keyPair();
    X509v3CertificateBuilder builder = builder(subject(ca), new X500Name("CN=" + name), keys)
        .addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_clientAuth));
    return write(dir, name, keys, sign(builder, ca.keys()));
  }

  private static X500Name subject(Issued ca) {
    return new X500Name(ca.certificate().getSubjectX500Principal().getName());
  }

  private static KeyPair keyPair() throws GeneralSecurityException {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec("secp256r1"));
    return generator.generateKeyPair();
  }

  private static JcaX509v3CertificateBuilder builder(X500Name issuer, X500Name subject, KeyPair keys) {
    Instant now = Instant.now();
    return new JcaX509v3CertificateBuilder(issuer, BigInteger.valueOf(SERIAL.incrementAndGet()),
        Date.from(now.minus(Duration.ofHours(1))), Date.from(now.plus(Duration.ofDays(1))), subject, keys.getPublic());
  }

  private static X509Certificate sign(X509v3CertificateBuilder builder, KeyPair issuerKeys)
      throws OperatorCreationException, GeneralSecurityException {
    X509CertificateHolder holder = builder.build(new JcaContentSignerBuilder("SHA256withECDSA")
        .build(issuerKeys.getPrivate()));
    return new JcaX509CertificateConverter().getCertificate(holder);
  }

  private static Issued write(Path dir, String name, KeyPair keys, X509Certificate certificate)
      throws IOException, GeneralSecurityException {
    Path cert = dir.resolve(name + ".crt");
    Path key = dir.resolve(name + ".key");
    Files.writeString(cert, pem("CERTIFICATE", certificate.getEncoded()));
    // Java encodes private keys as PKCS#8.
    Files.writeString(key, pem("PRIVATE KEY", keys.getPrivate().getEncoded()));
    return new Issued(keys, certificate, cert, key);
  }

  private static String pem(String type, byte[] der) {
    return "-----BEGIN " + type + "-----\n"
        + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der)
        + "\n-----END " + type + "-----\n";
  }
}
