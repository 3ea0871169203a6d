package io.networkvisualizer.api;

import io.javalin.config.RoutesConfig;
import java.util.Set;

/** One feature's HTTP and WebSocket routes; {@link ApiServer} registers each. Handlers parse, call, render. */
public interface Routes {
  void register(RoutesConfig routes);

  /** WebSocket paths that must not negotiate {@code permessage-deflate} (see {@link UncompressedWebSockets}). */
  default Set<String> uncompressedWebSockets() {
    return Set.of();
  }
}
