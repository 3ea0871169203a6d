package io.networkvisualizer.api;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.networkvisualizer.telemetry.Telemetry;

/**
 * {@code GET /metrics}: the product's metrics for Prometheus, in the text format (or OpenMetrics when the scraper's
 * {@code Accept} header asks for it), with the matching {@code Content-Type}.
 */
public final class PrometheusRoutes implements Routes {
  private final Telemetry telemetry;

  public PrometheusRoutes(Telemetry telemetry) {
    this.telemetry = telemetry;
  }

  @Override
  public void register(RoutesConfig routes) {
    routes.get("/metrics", this::metrics);
  }

  private void metrics(Context ctx) {
    Telemetry.Scrape scrape = telemetry.scrape(ctx.header("Accept"));
    ctx.header("Cache-Control", "no-store");
    ctx.contentType(scrape.contentType()).result(scrape.body());
  }
}
