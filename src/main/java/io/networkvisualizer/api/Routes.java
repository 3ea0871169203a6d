package io.networkvisualizer.api;

import io.javalin.config.RoutesConfig;

/** One feature's HTTP and WebSocket routes; {@link ApiServer} registers each. Handlers parse, call, render. */
public interface Routes {
  void register(RoutesConfig routes);
}
