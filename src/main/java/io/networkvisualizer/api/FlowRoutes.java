package io.networkvisualizer.api;

import com.fasterxml.jackson.core.JsonGenerator;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.networkvisualizer.flow.Flow;
import io.networkvisualizer.flow.FlowStore;
import io.networkvisualizer.live.FlowDetail;
import io.networkvisualizer.live.FlowFilter;
import java.io.IOException;
import java.io.StringWriter;
import java.util.List;

/**
 * {@code GET /api/flows}: the most recent flows, newest first, in the spec's shape ({@link FlowJson}).
 *
 * <p>Parameters: {@code limit} (1..maxFlows, default 100); optional filters {@code namespace} (either side),
 * {@code pod} (substring of either side's {@code namespace/pod}), {@code verdict} and {@code protocol}; and
 * {@code include=labels} for the endpoints' label lists ({@link FlowDetail}).
 */
public final class FlowRoutes implements Routes {
  static final int DEFAULT_LIMIT = 100;

  private final FlowStore store;

  public FlowRoutes(FlowStore store) {
    this.store = store;
  }

  @Override
  public void register(RoutesConfig routes) {
    routes.get("/api/flows", this::flows);
  }

  private void flows(Context ctx) throws IOException {
    int limit = QueryParams.intParam(ctx, "limit", DEFAULT_LIMIT, 1, store.capacity());
    FlowFilter filter = FlowFilter.parse(ctx::queryParam);
    FlowDetail detail = FlowDetail.parse(ctx::queryParam);
    List<Flow> flows = store.recent(limit, filter::matches);
    StringWriter out = new StringWriter(flows.size() * 700 + 2);
    try (JsonGenerator gen = Json.MAPPER.getFactory().createGenerator(out)) {
      gen.writeStartArray();
      for (Flow flow : flows) {
        FlowJson.write(gen, flow, detail);
      }
      gen.writeEndArray();
    }
    ctx.contentType("application/json").result(out.toString());
  }
}
