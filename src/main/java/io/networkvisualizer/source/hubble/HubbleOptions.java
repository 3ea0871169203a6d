package io.networkvisualizer.source.hubble;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.ListValue;
import com.google.protobuf.Value;
import com.google.protobuf.util.JsonFormat;
import io.networkvisualizer.config.Config;
import io.networkvisualizer.config.Settings;
import io.networkvisualizer.source.hubble.proto.flow.FlowFilter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * How to reach Hubble Relay and what to ask it for: the address, TLS and mTLS files, the {@code GetFlows} whitelist
 * and blacklist, and the reconnect back-off. Checked once, at start-up: an invalid value is an
 * {@link IllegalArgumentException} that names the setting and the bad value.
 *
 * @param address {@code host:port} (or {@code [v6]:port}); a {@code tls://} prefix is removed and turns TLS on
 * @param tls whether to connect with TLS
 * @param caCertFile PEM file of the CA that signed Relay's certificate; null uses the JVM's trust store
 * @param clientCertFile PEM client certificate chain for mTLS; null for none (needs {@code clientKeyFile})
 * @param clientKeyFile PEM PKCS#8 private key of {@code clientCertFile}; null for none
 * @param serverName name expected in Relay's certificate when it differs from the address's host; null or empty
 *     to use the host
 * @param whitelist {@code GetFlows} whitelist: a flow must match one of these (all flows when empty)
 * @param blacklist {@code GetFlows} blacklist: a flow matching one of these is not sent
 * @param reconnectInitial first wait before reconnecting after a failure
 * @param reconnectMax longest wait between reconnects
 */
public record HubbleOptions(
    String address,
    boolean tls,
    Path caCertFile,
    Path clientCertFile,
    Path clientKeyFile,
    String serverName,
    List<FlowFilter> whitelist,
    List<FlowFilter> blacklist,
    Duration reconnectInitial,
    Duration reconnectMax) {

  private static final String TLS_PREFIX = "tls://";

  public HubbleOptions {
    address = address == null ? "" : address.trim();
    if (address.regionMatches(true, 0, TLS_PREFIX, 0, TLS_PREFIX.length())) {
      address = address.substring(TLS_PREFIX.length());
      tls = true;
    }
    checkAddress(address);
    serverName = serverName == null ? "" : serverName.trim();
    if ((clientCertFile == null) != (clientKeyFile == null)) {
      throw new IllegalArgumentException("hubbleTlsClientCertFile and hubbleTlsClientKeyFile must be given together (was "
          + "cert=" + clientCertFile + ", key=" + clientKeyFile + ")");
    }
    if (!tls && (caCertFile != null || clientCertFile != null || !serverName.isEmpty())) {
      throw new IllegalArgumentException("TLS files or a TLS server name are set but TLS is off: use a tls://host:port "
          + "address or hubbleTls=true (address was " + address + ")");
    }
    whitelist = whitelist == null ? List.of() : List.copyOf(whitelist);
    blacklist = blacklist == null ? List.of() : List.copyOf(blacklist);
    if (reconnectInitial == null || reconnectInitial.isNegative() || reconnectInitial.isZero()) {
      throw new IllegalArgumentException("hubbleReconnectInitial must be > 0 (was " + reconnectInitial + ")");
    }
    if (reconnectMax == null || reconnectMax.compareTo(reconnectInitial) < 0) {
      throw new IllegalArgumentException("hubbleReconnectMax must be >= hubbleReconnectInitial (was " + reconnectMax
          + " < " + reconnectInitial + ")");
    }
  }

  /** Plaintext options for {@code address} with the default back-off and no filters. */
  public static HubbleOptions plaintext(String address) {
    return new HubbleOptions(address, false, null, null, null, null, List.of(), List.of(),
        Duration.ofMillis(500), Duration.ofSeconds(30));
  }

  /** The options that the {@code hubble*} settings describe. */
  public static HubbleOptions from(Config config) {
    return new HubbleOptions(
        config.get(Settings.HUBBLE_ADDR),
        config.get(Settings.HUBBLE_TLS),
        pathOrNull(config.get(Settings.HUBBLE_TLS_CA_CERT_FILE)),
        pathOrNull(config.get(Settings.HUBBLE_TLS_CLIENT_CERT_FILE)),
        pathOrNull(config.get(Settings.HUBBLE_TLS_CLIENT_KEY_FILE)),
        config.get(Settings.HUBBLE_TLS_SERVER_NAME),
        parseFilters(Settings.HUBBLE_WHITELIST.key(), config.get(Settings.HUBBLE_WHITELIST)),
        parseFilters(Settings.HUBBLE_BLACKLIST.key(), config.get(Settings.HUBBLE_BLACKLIST)),
        config.get(Settings.HUBBLE_RECONNECT_INITIAL),
        config.get(Settings.HUBBLE_RECONNECT_MAX));
  }

  /** The address as users write it: with {@code tls://} when TLS is on. */
  public String target() {
    return tls ? TLS_PREFIX + address : address;
  }

  /** Whether a server name other than the address's host is expected in Relay's certificate. */
  public boolean hasServerName() {
    return !serverName.isEmpty();
  }

  /**
   * Parses Hubble {@code FlowFilter}s from their JSON form, the one {@code hubble observe} and the Hubble API use
   * ({@code [{"source_pod":["shop/"]},{"verdict":["DROPPED"]}]}); a single object is read as a list of one. Unknown
   * field names are errors: a filter that silently matched everything would be worse than none.
   *
   * @param setting the setting's key, for the error message
   */
  public static List<FlowFilter> parseFilters(String setting, String json) {
    if (json == null || json.isBlank()) {
      return List.of();
    }
    String text = json.trim();
    if (text.startsWith("{")) {
      text = "[" + text + "]";
    }
    ListValue list;
    try {
      ListValue.Builder builder = ListValue.newBuilder();
      JsonFormat.parser().merge(text, builder);
      list = builder.build();
    } catch (InvalidProtocolBufferException | RuntimeException e) {
      throw new IllegalArgumentException(setting + " must be a JSON list of Hubble FlowFilter objects (was '" + json
          + "'): " + e.getMessage(), e);
    }
    List<FlowFilter> filters = new ArrayList<>(list.getValuesCount());
    for (int i = 0; i < list.getValuesCount(); i++) {
      Value value = list.getValues(i);
      if (!value.hasStructValue()) {
        throw new IllegalArgumentException(setting + "[" + i + "] must be a FlowFilter object (was "
            + value.getKindCase() + ")");
      }
      try {
        FlowFilter.Builder filter = FlowFilter.newBuilder();
        JsonFormat.parser().merge(JsonFormat.printer().print(value), filter);
        filters.add(filter.build());
      } catch (InvalidProtocolBufferException | RuntimeException e) {
        throw new IllegalArgumentException(setting + "[" + i + "] is not a valid Hubble FlowFilter: " + e.getMessage(), e);
      }
    }
    return List.copyOf(filters);
  }

  private static Path pathOrNull(String text) {
    return text == null || text.isBlank() ? null : Path.of(text.trim());
  }

  private static void checkAddress(String address) {
    if (address.isEmpty()) {
      throw new IllegalArgumentException("hubbleAddr must be host:port (was empty)");
    }
    int colon = address.lastIndexOf(':');
    boolean bracketed = address.startsWith("[");
    if (colon <= 0 || (bracketed && address.lastIndexOf(']') != colon - 1)
        || (!bracketed && address.indexOf(':') != colon) || address.contains("/")) {
      throw new IllegalArgumentException("hubbleAddr must be host:port or [ipv6]:port (was '" + address + "')");
    }
    String port = address.substring(colon + 1);
    int number;
    try {
      number = Integer.parseInt(port);
    } catch (NumberFormatException e) {
      number = -1;
    }
    if (number < 1 || number > 65535) {
      throw new IllegalArgumentException("hubbleAddr port must be 1..65535 (was '" + address + "')");
    }
  }
}
