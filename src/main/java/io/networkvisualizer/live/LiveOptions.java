package io.networkvisualizer.live;

import io.networkvisualizer.config.Config;
import io.networkvisualizer.config.Settings;
import java.time.Duration;

/**
 * Limits of the live streams.
 *
 * @param maxClients most concurrent WebSocket clients over all streams
 * @param queueSize messages queued per client before its oldest are dropped
 * @param stuckAfter a client whose queue stays full this long without taking a message is closed
 * @param graphInterval how often graph deltas are sent
 */
public record LiveOptions(int maxClients, int queueSize, Duration stuckAfter, Duration graphInterval) {
  public LiveOptions {
    if (maxClients < 1) {
      throw new IllegalArgumentException("maxClients must be >= 1 (was " + maxClients + ")");
    }
    if (queueSize < 1) {
      throw new IllegalArgumentException("queueSize must be >= 1 (was " + queueSize + ")");
    }
  }

  public static LiveOptions from(Config config) {
    return new LiveOptions(config.get(Settings.WS_MAX_CLIENTS), config.get(Settings.WS_QUEUE_SIZE),
        Duration.ofSeconds(10), config.get(Settings.GRAPH_INTERVAL));
  }
}
