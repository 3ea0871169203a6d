package io.networkvisualizer.source.simulator;

import static io.networkvisualizer.source.simulator.Sample.SECOND;
import static org.assertj.core.api.Assertions.assertThat;

import io.networkvisualizer.source.hubble.proto.observer.GetFlowsResponse;
import io.networkvisualizer.testing.MutableClock;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/**
 * The wire bytes the simulated Hubble server sends for a seed are pinned: a digest of every ring event (sequence, event
 * time, and the encoded {@code GetFlowsResponse} that streams send) over a stretch of simulated time equals the digest
 * recorded before the simulator's hot path was optimised. Every encoded event must also decode to the event the ring
 * holds and encode again to the same bytes, so that the bytes are the message's own encoding, not just stable ones.
 */
class WireGoldenTest {
  private static final long EPOCH = MutableClock.START.getEpochSecond() * SECOND;

  /** Anomalies on a compressed timeline, measured bytes, lost events and a node outage: every kind of event. */
  @Test
  void everyKindOfEventIsSentAsBeforeForTheSameSeed() {
    SimulatorOptions options = SimulatorOptions.defaults().withRate(100).withSeed(7).withAnomalies(true)
        .withBytes(true).withLostEvents(true)
        .withTimeline(Duration.ofSeconds(1), Duration.ofSeconds(4), Duration.ofSeconds(3));
    Digest d = digest(options, 300 * SECOND, 250_000_000L);
    assertThat(d.nonFlows).isGreaterThan(5);
    assertThat(d.events).isEqualTo(34_470L);
    assertThat(d.hex).isEqualTo("c90bfbfa3e93d1487d64fe1991d6c573f05ea88f3937c065fc28388f4d060900");
  }

  /** The benchmark's shape: 100,000 flows/s, no anomalies, as {@code network-visualizer simulate} runs it. */
  @Test
  void aHundredThousandFlowsASecondAreSentAsBeforeForTheSameSeed() {
    SimulatorOptions options = SimulatorOptions.defaults().withRate(100_000).withAnomalies(false);
    Digest d = digest(options, SECOND, 5_000_000L);
    assertThat(d.events).isEqualTo(98_482L);
    assertThat(d.hex).isEqualTo("b46e9149b3172b2c2362ffa42b8a6c7efd468c8c45eabdab7070086321f05efb");
  }

  private record Digest(long events, long nonFlows, String hex) {}

  private static Digest digest(SimulatorOptions options, long duration, long step) {
    MessageDigest sha;
    try {
      sha = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
    long events = 0;
    long nonFlows = 0;
    ByteBuffer header = ByteBuffer.allocate(16);
    try (SimulatorServer server = SimulatorServer.startManual(options, EPOCH)) {
      FlowRing ring = server.ring();
      long cursor = 0;
      for (long t = EPOCH + step; t <= EPOCH + duration; t += step) {
        server.advanceTo(t);
        assertThat(ring.written() - cursor).isLessThanOrEqualTo(ring.capacity());
        for (; cursor < ring.written(); cursor++) {
          FlowRing.Entry e = ring.get(cursor);
          byte[] wire = e.serialized();
          GetFlowsResponse decoded = parse(wire);
          if (!decoded.equals(e.response()) || !Arrays.equals(decoded.toByteArray(), wire)
              || (e.flow() != null && !decoded.getFlow().equals(e.flow()))) {
            throw new AssertionError("event " + cursor + " is not sent as its own encoding: " + e.response());
          }
          if (e.flow() == null) {
            nonFlows++;
          }
          header.clear();
          header.putLong(e.sequence()).putLong(e.timeNanos());
          sha.update(header.array());
          sha.update(wire);
          events++;
        }
      }
    }
    return new Digest(events, nonFlows, HexFormat.of().formatHex(sha.digest()));
  }

  private static GetFlowsResponse parse(byte[] wire) {
    try {
      return GetFlowsResponse.parseFrom(wire);
    } catch (com.google.protobuf.InvalidProtocolBufferException e) {
      throw new AssertionError(e);
    }
  }
}
