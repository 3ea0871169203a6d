package io.networkvisualizer.api;

import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.ObjectWriter;
import io.networkvisualizer.anomaly.Anomaly;
import io.networkvisualizer.metrics.GraphSnapshot;
import java.io.IOException;
import java.io.OutputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON that {@code network-visualizer analyze} prints, in the API's shapes: the anomalies as
 * {@code /api/flows/anomalies} lists them, and with {@code --edges}
 * {@code {"anomalies": [...], "edges": [...]}} with the edges as {@code /api/flows/metrics} lists them.
 */
public final class AnalyzeOutput {
  private static final ObjectWriter WRITER = Json.MAPPER.writer()
      .with(SerializationFeature.INDENT_OUTPUT)
      .without(com.fasterxml.jackson.core.JsonGenerator.Feature.AUTO_CLOSE_TARGET);

  private AnalyzeOutput() {}

  /** Writes the anomalies as one JSON array, or, when {@code edges} is not null, the object with both. */
  public static void write(List<Anomaly> anomalies, GraphSnapshot edges, OutputStream out) throws IOException {
    Object body = anomalies;
    if (edges != null) {
      Map<String, Object> both = new LinkedHashMap<>();
      both.put("anomalies", anomalies);
      both.put("edges", edges.edges().stream().map(MetricsViews.EdgeMetric::of).toList());
      body = both;
    }
    WRITER.writeValue(out, body);
    out.write('\n');
    out.flush();
  }
}
