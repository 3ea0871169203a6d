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
 * @param senderThreads threads that write to {@code /ws/flows} clients, each taking a share of them
 * @param batchWindow {@code /ws/flows} fans out at most once per window, so that a client gets the flows of a window in
 *     one socket write; zero fans out every flow at once
 */
public record LiveOptions(int maxClients, int queueSize, Duration stuckAfter, Duration graphInterval,
    int senderThreads, Duration batchWindow) {
  public LiveOptions {
    if (maxClients < 1) {
      throw new IllegalArgumentException("maxClients must be >= 1 (was " + maxClients + ")");
    }
    if (queueSize < 1) {
      throw new IllegalArgumentException("queueSize must be >= 1 (was " + queueSize + ")");
    }
    if (batchWindow.isNegative()) {
      throw new IllegalArgumentException("batchWindow must be >= 0 (was " + batchWindow + ")");
    }
    if (senderThreads < 1) {
      throw new IllegalArgumentException("senderThreads must be >= 1 (was " + senderThreads + ")");
    }
  }

  public static LiveOptions from(Config config) {
    return new LiveOptions(config.get(Settings.WS_MAX_CLIENTS), config.get(Settings.WS_QUEUE_SIZE),
        Duration.ofSeconds(10), config.get(Settings.GRAPH_INTERVAL), senderThreads(config.get(Settings.WS_SENDER_THREADS)),
        config.get(Settings.WS_BATCH_WINDOW));
  }

  /**
   * {@code 0} means two per core: a sender spends much of its time in socket writes (in the kernel, waking the
   * reader on loopback), so more senders than cores keep the writes going; on 2 cores, 4 senders cut the p99 at 1,000
   * clients from 142 to 114 ms and 8 did no better (docs/PERFORMANCE.md, "WebSocket fan-out").
   */
  private static int senderThreads(int configured) {
    return configured > 0 ? configured : 2 * Runtime.getRuntime().availableProcessors();
  }
}
