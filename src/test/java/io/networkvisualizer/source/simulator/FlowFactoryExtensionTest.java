package io.networkvisualizer.source.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Any;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Struct;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The byte-count extension the factory encodes by hand is, byte for byte, the one the generic Struct API builds. */
class FlowFactoryExtensionTest {
  @Test
  void handEncodedStructEqualsTheGenericOneByteForByte() throws InvalidProtocolBufferException {
    SplittableRandom random = new SplittableRandom(11);
    long[][] cases = {{0, 0, 0}, {1, 0, 0}, {1514, 14_480_000, 10_000}, {Long.MAX_VALUE, 1L << 53, 3}};
    for (long[] c : cases) {
      check(c[0], c[1], c[2]);
    }
    for (int i = 0; i < 2_000; i++) {
      check(random.nextLong(1, 1 << 20), random.nextLong(0, 1L << 40), random.nextLong(0, 1 << 30));
    }
  }

  private static void check(long bytes, long previousBytes, long previousPackets)
      throws InvalidProtocolBufferException {
    Any built = FlowFactory.extensionFor(bytes, previousBytes, previousPackets);
    Any generic = FlowFactory.structExtension(bytes, previousBytes, previousPackets);
    assertThat(built.toByteArray()).isEqualTo(generic.toByteArray());
    assertThat(built.unpack(Struct.class).getFieldsOrThrow("bytes").getNumberValue()).isEqualTo((double) bytes);
  }
}
