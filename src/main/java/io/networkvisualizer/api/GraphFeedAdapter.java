package io.networkvisualizer.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.networkvisualizer.live.GraphFeed;
import io.networkvisualizer.metrics.EdgeMetrics;
import io.networkvisualizer.metrics.GraphQuery;
import io.networkvisualizer.source.SourceStatus;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Renders what {@code /ws/graph} sends in the API's JSON: the graph exactly as {@code GET /api/graph} shows it (same
 * query parameters, same views), the source status, and the anomaly changes from an {@link AnomalyFeedSource}.
 */
public final class GraphFeedAdapter implements GraphFeed {
  /** Where anomaly changes come from; {@link #NONE} until an anomaly engine is wired. */
  public interface AnomalyFeedSource {
    AnomalyFeedSource NONE = new AnomalyFeedSource() {
      @Override
      public List<?> active() {
        return List.of();
      }

      @Override
      public Changes since(long version) {
        return new Changes(0, List.of(), List.of(), List.of());
      }
    };

    /** Active anomalies, as API view objects. */
    List<?> active();

    /** Changes after {@code version}, as API view objects. */
    Changes since(long version);

    record Changes(long version, List<?> added, List<?> updated, List<?> resolved) {}
  }

  private static final int MAX_AUDIENCES = 10_000;

  private final EdgeMetrics metrics;
  private final Supplier<SourceStatus> status;
  private final AnomalyFeedSource anomalies;
  private final Map<String, GraphQuery> queries = new ConcurrentHashMap<>();

  public GraphFeedAdapter(EdgeMetrics metrics, Supplier<SourceStatus> status, AnomalyFeedSource anomalies) {
    this.metrics = metrics;
    this.status = status;
    this.anomalies = anomalies;
  }

  @Override
  public String audience(Map<String, List<String>> query) {
    GraphQuery parsed = MetricsRoutes.query(name -> {
      List<String> values = query.get(name);
      return values == null || values.isEmpty() ? null : values.get(0);
    });
    String key = parsed.toString();
    if (queries.size() >= MAX_AUDIENCES && !queries.containsKey(key)) {
      queries.clear(); // distinct views are few in practice; forget them all rather than grow without bound
    }
    queries.put(key, parsed);
    return key;
  }

  @Override
  public ObjectNode graph(String audience) {
    GraphQuery query = queries.getOrDefault(audience, GraphQuery.all(GraphQuery.Level.WORKLOAD));
    return Json.MAPPER.valueToTree(MetricsViews.Graph.of(metrics.snapshot(query)));
  }

  @Override
  public JsonNode status() {
    return Json.MAPPER.valueToTree(status.get());
  }

  @Override
  public List<JsonNode> activeAnomalies() {
    return anomalies.active().stream().map(a -> (JsonNode) Json.MAPPER.valueToTree(a)).toList();
  }

  @Override
  public AnomalyChanges anomaliesSince(long version) {
    AnomalyFeedSource.Changes changes = anomalies.since(version);
    return new AnomalyChanges(changes.version(), tree(changes.added()), tree(changes.updated()),
        tree(changes.resolved()));
  }

  private static List<JsonNode> tree(List<?> views) {
    return views.stream().map(v -> (JsonNode) Json.MAPPER.valueToTree(v)).toList();
  }
}
