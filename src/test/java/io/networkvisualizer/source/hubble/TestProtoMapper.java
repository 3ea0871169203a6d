package io.networkvisualizer.source.hubble;

import io.networkvisualizer.flow.Flow;
import java.util.function.Function;

/** For tests outside this package: the real protobuf-to-{@link Flow} mapping, as the Hubble client applies it. */
public final class TestProtoMapper {
  private TestProtoMapper() {}

  /** A new mapper (one per thread): Hubble's protobuf {@code flow.Flow} to the product's {@link Flow}. */
  public static Function<io.networkvisualizer.source.hubble.proto.flow.Flow, Flow> create() {
    ProtoFlowMapper mapper = new ProtoFlowMapper();
    return p -> mapper.map(p, 0);
  }
}
