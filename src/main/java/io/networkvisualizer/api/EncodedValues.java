package io.networkvisualizer.api;

import com.fasterxml.jackson.core.io.SerializedString;
import io.networkvisualizer.flow.FlowType;
import io.networkvisualizer.flow.L4Protocol;
import io.networkvisualizer.flow.Protocol;
import io.networkvisualizer.flow.TcpFlags;
import io.networkvisualizer.flow.TrafficDirection;
import io.networkvisualizer.flow.Verdict;
import java.util.Locale;

/**
 * The flow JSON's enumerated values (verdict, protocol, flow type, direction, L4 protocol, TCP flags), each encoded
 * once: Jackson copies a {@link SerializedString}'s cached bytes instead of checking and encoding the text of every
 * flow. Immutable and shared by every thread.
 */
final class EncodedValues {
  private static final int VERDICTS = 32;
  /** TCP flags are nine bits ({@code FIN} to {@code NS}): every combination fits in a table of 512. */
  private static final int FLAG_COMBINATIONS = TcpFlags.NS << 1;

  private static final SerializedString[] VERDICT = new SerializedString[VERDICTS];
  private static final SerializedString[] PROTOCOL = encode(Protocol.values(), Protocol::label);
  private static final SerializedString[] FLOW_TYPE = encode(FlowType.values(), t -> t.name().toLowerCase(Locale.ROOT));
  private static final SerializedString[] DIRECTION =
      encode(TrafficDirection.values(), d -> d.name().toLowerCase(Locale.ROOT));
  private static final SerializedString[] L4 = encode(L4Protocol.values(), L4Protocol::label);
  private static final SerializedString[] TCP_FLAGS = new SerializedString[FLAG_COMBINATIONS];

  static {
    for (int i = 0; i < VERDICTS; i++) {
      VERDICT[i] = new SerializedString(Verdict.of(i).name());
    }
    for (int i = 0; i < FLAG_COMBINATIONS; i++) {
      TCP_FLAGS[i] = new SerializedString(TcpFlags.format(i));
    }
  }

  private EncodedValues() {}

  static SerializedString verdict(Verdict v) {
    return v.number() < VERDICTS ? VERDICT[v.number()] : new SerializedString(v.name());
  }

  static SerializedString protocol(Protocol p) {
    return PROTOCOL[p.ordinal()];
  }

  static SerializedString flowType(FlowType t) {
    return FLOW_TYPE[t.ordinal()];
  }

  static SerializedString direction(TrafficDirection d) {
    return DIRECTION[d.ordinal()];
  }

  static SerializedString l4(L4Protocol p) {
    return L4[p.ordinal()];
  }

  static SerializedString tcpFlags(int flags) {
    return flags >= 0 && flags < FLAG_COMBINATIONS ? TCP_FLAGS[flags] : new SerializedString(TcpFlags.format(flags));
  }

  private static <E extends Enum<E>> SerializedString[] encode(E[] values,
      java.util.function.Function<E, String> text) {
    SerializedString[] encoded = new SerializedString[values.length];
    for (E v : values) {
      encoded[v.ordinal()] = new SerializedString(text.apply(v));
    }
    return encoded;
  }
}
