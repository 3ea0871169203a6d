package io.networkvisualizer.api;

import io.javalin.config.RoutesConfig;
import io.networkvisualizer.live.GraphStream;
import io.networkvisualizer.live.LiveHub;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * The WebSocket streams (docs/API.md): {@code /ws/flows}, one JSON message per flow in the {@code /api/flows} item
 * shape, so the spec's snippet works unchanged (optional filters {@code namespace}, {@code pod}, {@code verdict},
 * {@code protocol}; {@code include=labels} adds the endpoints' label lists); and {@code /ws/graph}, the UI's graph
 * snapshot and deltas (query parameters as {@code /api/graph}). An invalid parameter is refused at upgrade with 400; past the client limit, with 503.
 */
public final class LiveRoutes implements Routes {
  private final LiveHub hub;
  private final GraphStream graph;

  /**
   * @param graph the graph stream, or null to serve {@code /ws/flows} alone
   */
  public LiveRoutes(LiveHub hub, GraphStream graph) {
    this.hub = hub;
    this.graph = graph;
  }

  public LiveRoutes(LiveHub hub) {
    this(hub, null);
  }

  /** Each flow would otherwise be compressed once per client: see {@link UncompressedWebSockets}. */
  @Override
  public Set<String> uncompressedWebSockets() {
    return Set.of("/ws/flows");
  }

  @Override
  public void register(RoutesConfig routes) {
    routes.wsBeforeUpgrade("/ws/flows", ctx -> {
      checkRoom();
      LiveHub.checkFlowQuery(ctx.queryParamMap());
    });
    routes.ws("/ws/flows", ws -> {
      ws.onConnect(ctx -> {
        ctx.enableAutomaticPings(15, TimeUnit.SECONDS);
        hub.subscribeFlows(ctx.session, ctx.queryParamMap());
      });
      ws.onClose(ctx -> hub.unsubscribe(ctx.session));
      ws.onError(ctx -> hub.unsubscribe(ctx.session));
    });
    if (graph == null) {
      return;
    }
    routes.wsBeforeUpgrade("/ws/graph", ctx -> {
      checkRoom();
      graph.check(ctx.queryParamMap());
    });
    routes.ws("/ws/graph", ws -> {
      ws.onConnect(ctx -> {
        ctx.enableAutomaticPings(15, TimeUnit.SECONDS);
        graph.subscribe(ctx.session, ctx.queryParamMap());
      });
      ws.onMessage(ctx -> graph.onMessage(ctx.session, ctx.message()));
      ws.onClose(ctx -> graph.unsubscribe(ctx.session));
      ws.onError(ctx -> graph.unsubscribe(ctx.session));
    });
  }

  private void checkRoom() {
    if (!hub.hasRoom()) {
      throw new ApiException(503, "too many WebSocket clients (limit " + hub.maxClients() + "); try again later");
    }
  }
}
