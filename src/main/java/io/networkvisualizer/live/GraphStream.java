package io.networkvisualizer.live;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.websocket.api.Session;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The UI's graph stream ({@code /ws/graph}): a full snapshot on connect, then at every interval one delta of what
 * changed (nodes and edges added, updated, removed; anomalies new, updated, resolved; the source status), numbered
 * so a client can tell a gap. Clients with the same view form an audience: each delta is computed and serialized
 * once per audience, not per client. A client that fell behind, or asks with {@code {"type":"resync"}}, gets a
 * fresh snapshot, so it is correct again at once.
 */
public final class GraphStream implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(GraphStream.class);

  private final LiveHub hub;
  private final GraphFeed feed;
  private final ObjectMapper mapper;
  private final Map<String, Audience> audiences = new ConcurrentHashMap<>();
  private final Map<Session, ClientConnection> clients = new ConcurrentHashMap<>();
  private final ScheduledExecutorService ticker;
  private long anomalyVersion;

  /** One view's clients and the state they were last sent. */
  private static final class Audience {
    final String key;
    final List<ClientConnection> members = new CopyOnWriteArrayList<>();
    long seq;
    Map<String, JsonNode> nodes;
    Map<String, JsonNode> edges;
    ObjectNode lastGraph;

    Audience(String key) {
      this.key = key;
    }
  }

  public GraphStream(LiveHub hub, GraphFeed feed, ObjectMapper mapper) {
    this.hub = hub;
    this.feed = feed;
    this.mapper = mapper;
    this.anomalyVersion = feed.anomaliesSince(Long.MAX_VALUE).version();
    this.ticker = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "graph-stream");
      t.setDaemon(true);
      return t;
    });
    long intervalMs = hub.options().graphInterval().toMillis();
    ticker.scheduleWithFixedDelay(this::tickSafely, intervalMs, intervalMs, TimeUnit.MILLISECONDS);
  }

  /** Validates a {@code /ws/graph} query without subscribing; throws as {@link GraphFeed#audience} does. */
  public void check(Map<String, List<String>> query) {
    feed.audience(query);
  }

  /** Adds a client and sends it a snapshot. */
  public void subscribe(Session session, Map<String, List<String>> query) {
    String key = feed.audience(query);
    ClientConnection connection = hub.register(session);
    clients.put(session, connection);
    onTicker(() -> {
      Audience audience = audiences.computeIfAbsent(key, Audience::new);
      if (audience.lastGraph == null) {
        render(audience);
      }
      audience.members.add(connection);
      connection.offer(snapshot(audience));
    });
  }

  /** A message from a client: {@code {"type":"resync"}} asks for a fresh snapshot; anything else is ignored. */
  public void onMessage(Session session, String text) {
    ClientConnection connection = clients.get(session);
    if (connection == null || !text.contains("resync")) {
      return;
    }
    onTicker(() -> audiences.values().stream()
        .filter(a -> a.members.contains(connection))
        .findFirst()
        .ifPresent(a -> connection.replaceQueue(snapshot(a))));
  }

  public void unsubscribe(Session session) {
    ClientConnection connection = clients.remove(session);
    hub.unsubscribe(session);
    if (connection != null) {
      onTicker(() -> {
        for (Iterator<Audience> it = audiences.values().iterator(); it.hasNext(); ) {
          Audience audience = it.next();
          audience.members.remove(connection);
          if (audience.members.isEmpty()) {
            it.remove();
          }
        }
      });
    }
  }

  /**
   * Runs a task on the ticker thread, which owns the audiences. After {@link #close} there is nothing left to update:
   * clients that the shutdown disconnects (their close calls {@link #unsubscribe}) find the ticker gone, and their
   * task is dropped.
   */
  private void onTicker(Runnable task) {
    try {
      ticker.execute(task);
    } catch (RejectedExecutionException closed) {
      log.debug("graph stream closed; dropped a task for a client");
    }
  }

  private void tickSafely() {
    try {
      tick();
    } catch (RuntimeException e) {
      log.warn("graph stream tick failed; continuing", e);
    }
  }

  /** Computes one delta per audience and sends it to the audience's clients. */
  void tick() {
    GraphFeed.AnomalyChanges anomalies = feed.anomaliesSince(anomalyVersion);
    anomalyVersion = anomalies.version();
    JsonNode status = feed.status();
    for (Audience audience : audiences.values()) {
      audience.members.removeIf(c -> !c.session().isOpen());
      if (audience.members.isEmpty()) {
        continue;
      }
      Map<String, JsonNode> oldNodes = audience.nodes;
      Map<String, JsonNode> oldEdges = audience.edges;
      render(audience);
      audience.seq++;
      ObjectNode delta = mapper.createObjectNode();
      delta.put("type", "delta");
      delta.put("seq", audience.seq);
      delta.set("generated_at", audience.lastGraph.get("generated_at"));
      diff(delta, "nodes", oldNodes, audience.nodes);
      diff(delta, "edges", oldEdges, audience.edges);
      delta.set("anomalies_new", array(anomalies.added()));
      delta.set("anomalies_updated", array(anomalies.updated()));
      delta.set("anomalies_resolved", array(anomalies.resolved()));
      delta.set("status", status);
      delta.set("stats", audience.lastGraph.get("stats"));
      delta.set("bytes_measured", audience.lastGraph.get("bytes_measured"));
      byte[] text = write(delta);
      byte[] snapshot = null;
      for (ClientConnection member : audience.members) {
        if (member.takeOverflow()) {
          if (snapshot == null) {
            snapshot = snapshot(audience);
          }
          member.replaceQueue(snapshot);
        } else {
          member.offer(text);
        }
      }
    }
  }

  private void render(Audience audience) {
    ObjectNode graph = feed.graph(audience.key);
    audience.lastGraph = graph;
    audience.nodes = byId(graph.get("nodes"));
    audience.edges = byId(graph.get("edges"));
  }

  private byte[] snapshot(Audience audience) {
    ObjectNode message = mapper.createObjectNode();
    message.put("type", "snapshot");
    message.put("seq", audience.seq);
    message.set("graph", audience.lastGraph);
    message.set("anomalies", array(feed.activeAnomalies()));
    message.set("status", feed.status());
    return write(message);
  }

  private static Map<String, JsonNode> byId(JsonNode array) {
    Map<String, JsonNode> out = new LinkedHashMap<>();
    if (array != null) {
      for (JsonNode element : array) {
        out.put(element.path("id").asText(), element);
      }
    }
    return out;
  }

  private void diff(ObjectNode delta, String what, Map<String, JsonNode> before, Map<String, JsonNode> after) {
    ArrayNode added = delta.putArray(what + "_added");
    ArrayNode updated = delta.putArray(what + "_updated");
    ArrayNode removed = delta.putArray(what + "_removed");
    for (Map.Entry<String, JsonNode> e : after.entrySet()) {
      JsonNode old = before.get(e.getKey());
      if (old == null) {
        added.add(e.getValue());
      } else if (!old.equals(e.getValue())) {
        updated.add(e.getValue());
      }
    }
    for (String id : before.keySet()) {
      if (!after.containsKey(id)) {
        removed.add(id);
      }
    }
  }

  private ArrayNode array(List<JsonNode> elements) {
    ArrayNode array = mapper.createArrayNode();
    array.addAll(new ArrayList<>(elements));
    return array;
  }

  /** The message as UTF-8 JSON, encoded once for every member of an audience. */
  private byte[] write(JsonNode node) {
    try {
      return mapper.writeValueAsBytes(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("graph message could not be written", e);
    }
  }

  @Override
  public void close() {
    ticker.shutdownNow();
  }
}
