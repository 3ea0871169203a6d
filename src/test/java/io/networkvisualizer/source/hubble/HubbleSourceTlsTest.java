package io.networkvisualizer.source.hubble;

import static io.networkvisualizer.source.hubble.ProtoFlows.T0;
import static io.networkvisualizer.source.hubble.ProtoFlows.response;
import static io.networkvisualizer.source.hubble.ProtoFlows.tcp;
import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.ServerCredentials;
import io.grpc.TlsServerCredentials;
import io.networkvisualizer.flow.Flow;
import io.networkvisualizer.source.SourceStatus;
import io.networkvisualizer.source.SourceStatus.State;
import io.networkvisualizer.source.hubble.TestCertificates.Issued;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** TLS and mTLS against a loopback gRPC server with certificates made for the test. */
class HubbleSourceTlsTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(10);
  private static final String RELAY_NAME = "hubble-relay.hubble-relay.cilium.io";

  @TempDir
  static Path dir;
  private static Issued ca;
  private static Issued otherCa;
  private static Issued localhostServer;
  private static Issued namedServer;
  private static Issued client;

  private final List<AutoCloseable> toClose = new ArrayList<>();

  @BeforeAll
  static void certificates() throws Exception {
    ca = TestCertificates.ca(dir, "ca");
    otherCa = TestCertificates.ca(dir, "other-ca");
    localhostServer = TestCertificates.server(dir, "localhost-server", ca, true, "localhost");
    namedServer = TestCertificates.server(dir, "named-server", ca, false, RELAY_NAME);
    client = TestCertificates.client(dir, "client", ca);
    // Loads Netty's TLS engine once for the class, rather than inside whichever test runs first.
    FakeRelay.start(serverTls(localhostServer, false)).close();
  }

  @AfterEach
  void closeAll() throws Exception {
    for (int i = toClose.size() - 1; i >= 0; i--) {
      toClose.get(i).close();
    }
  }

  @Test
  void serverTls_withCaFile_streams() throws Exception {
    FakeRelay relay = relay(serverTls(localhostServer, false));
    TestSink sink = new TestSink();
    HubbleSource source = source("tls://localhost:" + relay.port(), ca.certFile(), null, null, null);

    source.start(sink);

    assertThat(sink.await(1, TIMEOUT)).extracting(Flow::uuid).containsExactly("over-tls");
    assertThat(source.status().target()).isEqualTo("tls://localhost:" + relay.port());
  }

  @Test
  void serverNameOverride_verifiesTheNameInsteadOfTheAddress() throws Exception {
    FakeRelay relay = relay(serverTls(namedServer, false));
    TestSink sink = new TestSink();
    HubbleSource source = source("tls://127.0.0.1:" + relay.port(), ca.certFile(), null, null, RELAY_NAME);

    source.start(sink);

    assertThat(sink.await(1, TIMEOUT)).extracting(Flow::uuid).containsExactly("over-tls");
  }

  @Test
  void withoutServerNameOverride_aCertificateForAnotherNameIsRejected() {
    FakeRelay relay = relay(serverTls(namedServer, false));
    HubbleSource source = source("tls://127.0.0.1:" + relay.port(), ca.certFile(), null, null, null);

    source.start(new TestSink());

    SourceStatus status = Await.until(source::status, s -> s.state() == State.BACKING_OFF, TIMEOUT);
    assertThat(status.detail()).contains("certificate verification failed").contains("hubbleTlsServerName");
    assertThat(status.flowsReceived()).isZero();
  }

  @Test
  void mutualTls_withClientCertificate_streams() throws Exception {
    FakeRelay relay = relay(serverTls(localhostServer, true));
    TestSink sink = new TestSink();
    HubbleSource source = source("tls://localhost:" + relay.port(), ca.certFile(), client.certFile(),
        client.keyFile(), null);

    source.start(sink);

    assertThat(sink.await(1, TIMEOUT)).extracting(Flow::uuid).containsExactly("over-tls");
  }

  @Test
  void mutualTls_serverRequiresTheClientCertificate() {
    FakeRelay relay = relay(serverTls(localhostServer, true));
    HubbleSource source = source("tls://localhost:" + relay.port(), ca.certFile(), null, null, null);

    source.start(new TestSink());

    SourceStatus status = Await.until(source::status, s -> s.state() == State.BACKING_OFF, TIMEOUT);
    assertThat(status.detail()).startsWith("UNAVAILABLE").contains("TLS").contains("retry in");
    assertThat(status.flowsReceived()).isZero();
    assertThat(relay.calls()).as("no request gets past the handshake").isZero();
  }

  @Test
  void wrongCa_failsWithACertificateVerificationError() {
    FakeRelay relay = relay(serverTls(localhostServer, false));
    HubbleSource source = source("tls://localhost:" + relay.port(), otherCa.certFile(), null, null, null);

    source.start(new TestSink());

    SourceStatus status = Await.until(source::status, s -> s.state() == State.BACKING_OFF, TIMEOUT);
    assertThat(status.detail())
        .contains("certificate verification failed")
        .contains("hubbleTlsCaCertFile");
    assertThat(relay.calls()).isZero();
  }

  @Test
  void keyThatIsNotPkcs8_failsAsAConfigurationError() throws Exception {
    Path rsaStyle = dir.resolve("client-rsa-style.key");
    Files.writeString(rsaStyle, Files.readString(client.keyFile()).replace("PRIVATE KEY", "EC PRIVATE KEY"));
    HubbleSource source = source("tls://localhost:4245", ca.certFile(), client.certFile(), rsaStyle, null);

    source.start(new TestSink());

    SourceStatus status = Await.until(source::status, s -> s.state() == State.FAILED, TIMEOUT);
    assertThat(status.detail()).contains("hubbleTlsClientKeyFile").contains("PKCS#8");
  }

  private static ServerCredentials serverTls(Issued server, boolean requireClientCert) {
    try {
      TlsServerCredentials.Builder builder = TlsServerCredentials.newBuilder()
          .keyManager(server.certFile().toFile(), server.keyFile().toFile());
      if (requireClientCert) {
        builder.trustManager(ca.certFile().toFile()).clientAuth(TlsServerCredentials.ClientAuth.REQUIRE);
      }
      return builder.build();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private FakeRelay relay(ServerCredentials credentials) {
    FakeRelay relay = FakeRelay.start(credentials, FakeRelay.sendAndHold(List.of(response(tcp(T0, "over-tls", 40_001)
        .build()))));
    toClose.add(relay);
    return relay;
  }

  private HubbleSource source(String address, Path caFile, Path certFile, Path keyFile, String serverName) {
    HubbleSource source = new HubbleSource(new HubbleOptions(address, false, caFile, certFile, keyFile, serverName,
        List.of(), List.of(), Duration.ofMillis(50), Duration.ofMillis(200)));
    toClose.add(source);
    return source;
  }
}
