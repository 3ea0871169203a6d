package io.networkvisualizer.source.hubble;

import static io.networkvisualizer.source.hubble.WireInput.LEN;
import static io.networkvisualizer.source.hubble.WireInput.VARINT;
import static io.networkvisualizer.source.hubble.proto.flow.Flow.*;

/**
 * The wire tags (field number and wire type) of the {@code flow.Flow} fields {@link FlowWireDecoder} reads, taken
 * from the generated code's field numbers. A class of their own because the decoder also names the product's
 * {@code Flow}, and Java cannot import both.
 */
final class FlowTags {
  private FlowTags() {}

  static final int TIME = TIME_FIELD_NUMBER << 3 | LEN;
  static final int UUID = UUID_FIELD_NUMBER << 3 | LEN;
  static final int VERDICT = VERDICT_FIELD_NUMBER << 3 | VARINT;
  static final int LEGACY_DROP_REASON = DROP_REASON_FIELD_NUMBER << 3 | VARINT;
  static final int IP_FIELD = IP_FIELD_NUMBER << 3 | LEN;
  static final int L4 = L4_FIELD_NUMBER << 3 | LEN;
  static final int SOURCE = SOURCE_FIELD_NUMBER << 3 | LEN;
  static final int DESTINATION = DESTINATION_FIELD_NUMBER << 3 | LEN;
  static final int TYPE = TYPE_FIELD_NUMBER << 3 | VARINT;
  static final int NODE_NAME = NODE_NAME_FIELD_NUMBER << 3 | LEN;
  static final int SOURCE_NAMES = SOURCE_NAMES_FIELD_NUMBER << 3 | LEN;
  static final int DESTINATION_NAMES = DESTINATION_NAMES_FIELD_NUMBER << 3 | LEN;
  static final int L7 = L7_FIELD_NUMBER << 3 | LEN;
  static final int LEGACY_REPLY = REPLY_FIELD_NUMBER << 3 | VARINT;
  static final int SOURCE_SERVICE = SOURCE_SERVICE_FIELD_NUMBER << 3 | LEN;
  static final int DESTINATION_SERVICE = DESTINATION_SERVICE_FIELD_NUMBER << 3 | LEN;
  static final int TRAFFIC_DIRECTION = TRAFFIC_DIRECTION_FIELD_NUMBER << 3 | VARINT;
  static final int OBSERVATION_POINT = TRACE_OBSERVATION_POINT_FIELD_NUMBER << 3 | VARINT;
  static final int DROP_REASON_DESC = DROP_REASON_DESC_FIELD_NUMBER << 3 | VARINT;
  static final int IS_REPLY = IS_REPLY_FIELD_NUMBER << 3 | LEN;
  static final int EXTENSIONS = EXTENSIONS_FIELD_NUMBER << 3 | LEN;
  static final int EGRESS_DENIED_BY = EGRESS_DENIED_BY_FIELD_NUMBER << 3 | LEN;
  static final int INGRESS_DENIED_BY = INGRESS_DENIED_BY_FIELD_NUMBER << 3 | LEN;
}
