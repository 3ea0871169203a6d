package io.networkvisualizer.api;

import io.javalin.config.RoutesConfig;
import io.networkvisualizer.live.LiveHub;
import java.util.concurrent.TimeUnit;

/**
 * {@code /ws/flows}: one JSON message per flow, in the {@code /api/flows} item shape, so the spec's snippet works
 * unchanged. Optional filters {@code namespace}, {@code pod}, {@code verdict}, {@code protocol}; an invalid filter
 * is refused at upgrade with 400, and past the client limit the upgrade is refused with 503.
 */
public final class LiveRoutes implements Routes {
  private final LiveHub hub;

  public LiveRoutes(LiveHub hub) {
    this.hub = hub;
  }

  @Override
  public void register(RoutesConfig routes) {
    routes.wsBeforeUpgrade("/ws/flows", ctx -> {
      if (!hub.hasRoom()) {
        throw new ApiException(503, "too many WebSocket clients (limit " + hub.maxClients() + "); try again later");
      }
      LiveHub.checkFlowFilter(ctx.queryParamMap());
    });
    routes.ws("/ws/flows", ws -> {
      ws.onConnect(ctx -> {
        ctx.enableAutomaticPings(15, TimeUnit.SECONDS);
        hub.subscribeFlows(ctx.session, ctx.queryParamMap());
      });
      ws.onClose(ctx -> hub.unsubscribe(ctx.session));
      ws.onError(ctx -> hub.unsubscribe(ctx.session));
    });
  }
}
