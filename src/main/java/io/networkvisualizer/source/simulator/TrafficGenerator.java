package io.networkvisualizer.source.simulator;

import com.google.protobuf.ByteString;
import io.networkvisualizer.source.hubble.proto.flow.Flow;
import io.networkvisualizer.source.hubble.proto.flow.Policy;
import io.networkvisualizer.source.simulator.Cluster.Peer;
import io.networkvisualizer.source.simulator.Cluster.Pod;
import io.networkvisualizer.source.simulator.Cluster.Workload;
import io.networkvisualizer.source.simulator.Cluster.World;
import io.networkvisualizer.source.simulator.TrafficPlan.Pattern;
import io.networkvisualizer.source.simulator.TrafficPlan.Route;
import io.networkvisualizer.source.simulator.TrafficPlan.Style;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The simulated cluster's traffic as a pure function of the options, the seed and event time: Hubble flows for any
 * stretch of virtual time, with no wall clock and no threads, so that thirty simulated minutes take seconds.
 *
 * <p>Traffic is a set of arrival processes in event time: Poisson conversations on each edge of the
 * {@link TrafficPlan} (rates drifting slowly around their mean), DNS lookups, periodic Prometheus scrapes and ICMP
 * probes, and, when anomalies are on, the injections of the {@link Timeline}. Each conversation becomes the flow events
 * a Cilium agent would report (connection set-up and tear-down, requests, responses, L7 records), which are released
 * in time order. The same options and epoch always give the same flows, however the time range is cut into calls.
 *
 * <p>Not thread-safe: one caller drives it, forward in time.
 */
public final class TrafficGenerator {
  private static final Logger log = LoggerFactory.getLogger(TrafficGenerator.class);

  private static final long SECOND = 1_000_000_000L;
  private static final long MS = 1_000_000L;
  private static final double DNS_SHARE = 0.08;
  private static final double DNS_MAX_PER_POD_PER_SECOND = 15.0 / 60;
  private static final double SCRAPE_SHARE = 0.065;
  private static final long SCRAPE_INTERVAL_MIN = 15 * SECOND;
  private static final double ICMP_SHARE = 0.01;
  private static final long ICMP_INTERVAL_MIN = 30 * SECOND;

  private final SimulatorOptions options;
  private final long epoch;
  private final Cluster cluster;
  private final Timeline timeline;
  private final SplittableRandom random;
  private final FlowFactory factory;
  private final PendingFlows pending = new PendingFlows();
  private final List<Process> processes = new ArrayList<>();
  private final List<PatternProcess> patterns = new ArrayList<>();
  private final Pod dnsServers0;
  private final List<Pod> dnsServers;
  private final Policy adminPolicy;
  private final int frontendCatalog;
  private Timeline.Spec errorSpec;
  private long cursor;

  /**
   * @param options rate, seed, anomalies, bytes and the anomaly timeline (listen address and buffers are ignored)
   * @param epochNanos the simulated cluster's time zero: its first flows, and the anomaly timeline, count from it
   */
  public TrafficGenerator(SimulatorOptions options, long epochNanos) {
    this.options = options;
    this.epoch = epochNanos;
    this.cursor = epochNanos;
    this.cluster = Cluster.build(options.seed());
    this.timeline = new Timeline(cluster, options, epochNanos);
    this.random = new SplittableRandom(FlowFactory.mix64(options.seed() ^ 0x1F83D9ABFB41BD6BL));
    this.factory = new FlowFactory(options.bytes(), options.seed(),
        pending::add);
    this.dnsServers = cluster.workload("kube-system/coredns").pods;
    this.dnsServers0 = dnsServers.get(0);
    this.adminPolicy = policy("frontend-egress", "shop", 7);
    this.frontendCatalog = TrafficPlan.patternIndex("shop/frontend->shop/catalog");
    plan();
  }

  /** The simulated cluster's time zero. */
  public long epochNanos() {
    return epoch;
  }

  /** Event time up to which flows have been generated. */
  public long cursorNanos() {
    return cursor;
  }

  /** Flow events built so far (some may still wait for their time to be released). */
  public long flowsGenerated() {
    return factory.built();
  }

  /** The simulated nodes' names. */
  public List<String> nodeNames() {
    return cluster.nodes.stream().map(Cluster.Node::name).toList();
  }

  /** The simulated nodes' names as the flows carry them (the same instances), in the order of {@link #nodeNames}. */
  List<ByteString> nodeNameBytes() {
    return cluster.nodes.stream().map(Cluster.Node::nameBytes).toList();
  }

  /** The simulated cluster's namespaces, sorted. */
  public List<String> namespaces() {
    return cluster.namespaces;
  }

  /** The simulated cluster's name ({@code cluster_name} of its endpoints). */
  public String clusterName() {
    return Cluster.CLUSTER_NAME;
  }

  /** Injected anomalies that overlap {@code [fromNanos, toNanos)}, oldest first; empty when anomalies are off. */
  public List<Scenario> scenarios(long fromNanos, long toNanos) {
    return options.anomalies() ? timeline.scenarios(fromNanos, toNanos) : List.of();
  }

  /**
   * Delivers, in time order, every flow whose time is in {@code [fromNanos, toNanos)}. Calls must move forward:
   * {@code fromNanos} may not be before the end of the previous call; flows of a gap between calls are generated and
   * skipped, so that the flows after it are the same as without the gap.
   */
  public void generate(long fromNanos, long toNanos, Consumer<Flow> consumer) {
    generate(fromNanos, toNanos, (time, node, flow) -> consumer.accept(flow));
  }

  /** Receives the flows {@link #generate} releases, with their event time and the number of their node. */
  interface Release {
    void flow(long timeNanos, int node, Flow flow);
  }

  /** {@link #generate(long, long, Consumer)}, with each flow's time and node given apart from it. */
  void generate(long fromNanos, long toNanos, Release consumer) {
    if (fromNanos < cursor) {
      throw new IllegalArgumentException("generate must move forward: from " + fromNanos + " is before "
          + cursor + ", the end of the previous call");
    }
    if (toNanos <= fromNanos) {
      return;
    }
    long last = toNanos - 1;
    Process next = earliest();
    while (true) {
      long fireAt = next == null ? Long.MAX_VALUE : next.next;
      long limit = Math.min(fireAt, last);
      while (!pending.isEmpty() && pending.peekTime() <= limit) {
        long time = pending.peekTime();
        int node = pending.peekNode();
        Flow flow = pending.poll();
        if (time >= fromNanos) {
          consumer.flow(time, node, flow);
        }
      }
      if (fireAt > last) {
        break;
      }
      next.fire(fireAt);
      next = earliest();
    }
    cursor = toNanos;
  }

  private Process earliest() {
    Process best = null;
    for (int i = 0, n = processes.size(); i < n; i++) {
      Process p = processes.get(i);
      if (best == null || p.next < best.next) {
        best = p;
      }
    }
    return best;
  }

  // ------------------------------------------------------------------ the plan: processes and their rates

  private void plan() {
    double rate = options.rate();
    List<Pod> dnsClients = new ArrayList<>();
    for (Workload w : cluster.workloads) {
      boolean calls = TrafficPlan.PATTERNS.stream().anyMatch(p -> p.client().equals(w.id()));
      if (calls) {
        dnsClients.addAll(w.pods);
      }
    }
    double lookupsPerPod = Math.min(DNS_MAX_PER_POD_PER_SECOND, DNS_SHARE * rate / 6 / dnsClients.size());
    double dnsFlows = lookupsPerPod * dnsClients.size() * 6;

    Pod prometheus = cluster.workload("monitoring/prometheus").pods.get(0);
    List<Pod> scrapeTargets = cluster.pods.stream().filter(p -> p != prometheus).toList();
    long scrapeInterval = Math.max(SCRAPE_INTERVAL_MIN, (long) (scrapeTargets.size() * 6 / (SCRAPE_SHARE * rate) * SECOND));
    double scrapeFlows = scrapeTargets.size() * 6.0 * SECOND / scrapeInterval;

    Pod blackbox = cluster.workload("monitoring/blackbox-exporter").pods.get(0);
    List<Pod> probeTargets = cluster.pods.stream()
        .filter(p -> !p.workload.namespace.equals("monitoring") && !p.workload.namespace.equals("kube-system"))
        .toList();
    long icmpInterval = Math.max(ICMP_INTERVAL_MIN, (long) (probeTargets.size() * 4 / (ICMP_SHARE * rate) * SECOND));
    double icmpFlows = probeTargets.size() * 4.0 * SECOND / icmpInterval;

    double budget = Math.max(rate - dnsFlows - scrapeFlows - icmpFlows, 0.5 * rate);
    double totalWeight = TrafficPlan.PATTERNS.stream().mapToDouble(Pattern::weight).sum();
    for (int i = 0; i < TrafficPlan.PATTERNS.size(); i++) {
      Pattern def = TrafficPlan.PATTERNS.get(i);
      double conversations = budget * def.weight() / totalWeight / def.flowsPerConversation();
      PatternProcess p = new PatternProcess(i, def, conversations);
      patterns.add(p);
      processes.add(p);
      p.schedule(epoch);
    }
    processes.add(new DnsProcess(dnsClients, lookupsPerPod * dnsClients.size()));
    processes.add(new ScrapeProcess(prometheus, scrapeTargets, scrapeInterval));
    processes.add(new IcmpProcess(blackbox, probeTargets, icmpInterval));
    if (options.anomalies()) {
      processes.add(new TimelineProcess());
    }
  }

  /** Something that happens at points of event time and emits flows when it does. */
  private abstract static class Process {
    long next = Long.MAX_VALUE;

    abstract void fire(long t);
  }

  /** Poisson conversations on one edge of the traffic plan, its rate drifting slowly; scenarios may scale it. */
  private final class PatternProcess extends Process {
    final int index;
    final Pattern def;
    final List<Peer> clients = new ArrayList<>();
    final List<Peer> servers = new ArrayList<>();
    final int[] connections;
    final int port;
    final String host;
    final double baseRate;
    final double phase1;
    final double phase2;
    double factor = 1.0;
    /** Conversations until the next 5xx answer, and until the next denied knock on the admin port. */
    int untilError;
    int untilDenied;

    PatternProcess(int index, Pattern def, double conversationsPerSecond) {
      this.index = index;
      this.def = def;
      this.baseRate = conversationsPerSecond;
      SplittableRandom r = new SplittableRandom(FlowFactory.mix64(options.seed() + 7919L * index));
      this.phase1 = r.nextDouble() * 2 * Math.PI;
      this.phase2 = r.nextDouble() * 2 * Math.PI;
      switch (def.style()) {
        case HTTP_IN -> {
          Workload server = cluster.workload(def.server());
          List<String> ips = new ArrayList<>();
          for (int i = 10; i < 250; i++) {
            ips.add("192.0.2." + i);
          }
          Collections.shuffle(ips, new java.util.Random(r.nextLong()));
          for (int i = 0; i < 24; i++) {
            clients.add(new World(ips.get(i), null));
          }
          servers.addAll(server.pods);
          port = server.port;
          host = "shop.example.com";
        }
        case HTTPS_OUT -> {
          clients.addAll(cluster.workload(def.client()).pods);
          servers.add(new World(TrafficPlan.EXTERNAL.get(def.server()), def.server()));
          port = 443;
          host = def.server();
        }
        default -> {
          Workload client = cluster.workload(def.client());
          Workload server = cluster.workload(def.server());
          clients.addAll(client.pods);
          servers.addAll(server.pods);
          port = server.port;
          host = server.namespace.equals(client.namespace)
              ? server.serviceName + ":" + server.port
              : server.serviceName + "." + server.namespace + ":" + server.port;
        }
      }
      this.connections = new int[clients.size() * servers.size()];
      // the cluster ran before anyone watched: most connections are open already, mid-life
      for (int i = 0; i < connections.length; i++) {
        connections[i] = 32_768 + r.nextInt(28_232);
      }
      this.untilError = def.errorShare() > 0 ? 1 + r.nextInt((int) Math.ceil(1 / def.errorShare())) : 0;
      this.untilDenied = 1 + r.nextInt((int) Math.ceil(1 / TrafficPlan.DENIED_ADMIN_SHARE));
    }

    double rate(long t) {
      double s = (t - epoch) / (double) SECOND;
      double drift = 1 + 0.12 * Math.sin(2 * Math.PI * s / 1020 + phase1) + 0.06 * Math.sin(2 * Math.PI * s / 317 + phase2);
      return baseRate * factor * drift;
    }

    void schedule(long t) {
      double r = rate(t);
      next = r <= 0 ? Long.MAX_VALUE : t + exponential(r);
    }

    @Override
    void fire(long t) {
      conversation(this, t, random.nextInt(clients.size()), random.nextInt(servers.size()));
      schedule(t);
    }
  }

  private void conversation(PatternProcess p, long t, int ci, int si) {
    Peer c = p.clients.get(ci);
    Peer s = p.servers.get(si);
    Timeline.Spec error = errorSpec;
    if (error != null && error.pattern() == p.index && c == error.source() && s == error.destination()
        && random.nextDouble() < errorShare(error, t)) {
      Policy policy = policy(error.destinationWorkload().name + "-ingress", error.destinationWorkload().namespace, 12);
      int sport = ephemeralPort();
      factory.tcpDrop(t, c, s, sport, p.port, FlowFactory.SYN, 0, policy, true);
      factory.tcpDrop(t + SECOND, c, s, sport, p.port, FlowFactory.SYN, 0, policy, true);
      return;
    }
    if (p.index == frontendCatalog && --p.untilDenied <= 0) {
      p.untilDenied = spacing(TrafficPlan.DENIED_ADMIN_SHARE);
      factory.tcpDrop(t, c, s, ephemeralPort(), TrafficPlan.ADMIN_PORT, FlowFactory.SYN, 0, adminPolicy, false);
      return;
    }
    Pattern def = p.def;
    int slot = ci * p.servers.size() + si;
    int sport = p.connections[slot];
    long rtt = rtt(c, s);
    long tt = t;
    if (sport == 0 || random.nextDouble() < def.newConnection()) {
      if (sport != 0) {
        tt = close(tt, c, s, sport, p.port, rtt);
      }
      sport = ephemeralPort();
      p.connections[slot] = sport;
      tt = open(tt, c, s, sport, p.port, rtt);
    }
    long request = vary(def.requestBytes());
    long latency = latency(def.latencyMs());
    long answered = tt + rtt / 2 + latency;
    switch (def.style()) {
      case TCP, HTTPS_OUT -> {
        factory.tcp(tt, c, s, true, sport, p.port, FlowFactory.ACK | FlowFactory.PSH, request);
        factory.tcp(answered, s, c, false, p.port, sport, FlowFactory.ACK | FlowFactory.PSH,
            vary(def.responseBytes()));
      }
      default -> {
        boolean grpc = def.style() == Style.GRPC;
        Route route = def.routes().get(random.nextInt(def.routes().size()));
        String url = "http://" + p.host + fill(route.path());
        String protocol = grpc ? "HTTP/2" : "HTTP/1.1";
        int code = 200;
        if (def.errorShare() > 0 && --p.untilError <= 0) {
          p.untilError = spacing(def.errorShare());
          code = def.style() == Style.HTTP_IN ? 502 : random.nextInt(4) == 0 ? 500 : 503;
        }
        long response = code == 200 ? vary(def.responseBytes()) : 120;
        factory.tcp(tt, c, s, true, sport, p.port, FlowFactory.ACK | FlowFactory.PSH, request);
        factory.http(tt + 35_000, c, s, false, sport, p.port, protocol, route.method(), url, 0, 0);
        factory.http(answered, c, s, true, sport, p.port, protocol, route.method(), url, code, answered - tt);
        factory.tcp(answered + 25_000, s, c, false, p.port, sport, FlowFactory.ACK | FlowFactory.PSH, response);
      }
    }
  }

  /** SYN and SYN-ACK; the handshake's last ACK rides on the first request. Returns when the client may send. */
  private long open(long t, Peer c, Peer s, int sport, int dport, long rtt) {
    factory.tcp(t, c, s, true, sport, dport, FlowFactory.SYN, 0);
    factory.tcp(t + rtt / 2, s, c, false, dport, sport, FlowFactory.SYN | FlowFactory.ACK, 0);
    return t + rtt;
  }

  /** FIN from the client and the server's FIN-ACK, or now and then a reset from the server. */
  private long close(long t, Peer c, Peer s, int sport, int dport, long rtt) {
    if (random.nextDouble() < 0.03) {
      factory.tcp(t, s, c, false, dport, sport, FlowFactory.RST | FlowFactory.ACK, 0);
      return t + rtt / 2;
    }
    factory.tcp(t, c, s, true, sport, dport, FlowFactory.FIN | FlowFactory.ACK, 0);
    factory.tcp(t + rtt / 2, s, c, false, dport, sport, FlowFactory.FIN | FlowFactory.ACK, 0);
    return t + rtt;
  }

  // ------------------------------------------------------------------ DNS, scrapes, probes

  /** DNS lookups of the pods that call services, spread over CoreDNS's pods, each pod's names from its calls. */
  private final class DnsProcess extends Process {
    final List<Pod> pods;
    final List<List<String>> names = new ArrayList<>();
    final double rate;

    DnsProcess(List<Pod> pods, double lookupsPerSecond) {
      this.pods = pods;
      this.rate = lookupsPerSecond;
      for (Pod pod : pods) {
        List<String> own = new ArrayList<>();
        for (Pattern p : TrafficPlan.PATTERNS) {
          if (p.client().equals(pod.workload.id())) {
            own.add(p.style() == Style.HTTPS_OUT ? p.server() + "." : cluster.workload(p.server()).serviceFqdn());
          }
        }
        names.add(List.copyOf(own));
      }
      next = rate <= 0 ? Long.MAX_VALUE : epoch + exponential(rate);
    }

    @Override
    void fire(long t) {
      int i = random.nextInt(pods.size());
      Pod pod = pods.get(i);
      List<String> own = names.get(i);
      String name = own.get(random.nextInt(own.size()));
      Pod server = dnsServers.get(random.nextInt(dnsServers.size()));
      boolean external = !name.endsWith(".cluster.local.");
      double u = random.nextDouble();
      if (external) {
        String host = name.substring(0, name.length() - 1);
        if (u < 0.3) {
          // the resolver's search path: the name inside the pod's own namespace first, which does not exist
          lookup(t, pod, server, name.substring(0, name.length() - 1) + "." + pod.workload.namespace
              + ".svc.cluster.local.", "A", 3, List.of(), 30, 400_000);
        } else {
          lookup(t, pod, server, name, "A", 0, List.of(TrafficPlan.EXTERNAL.get(host)), 60, latency(8));
        }
      } else if (u < 0.2) {
        lookup(t, pod, server, name, "AAAA", 0, List.of(), 30, latency(0.4));
      } else {
        Workload target = serviceByFqdn(name);
        lookup(t, pod, server, name, "A", 0, List.of(target.clusterIp), 30, latency(0.4));
      }
      next = t + exponential(rate);
    }
  }

  private Workload serviceByFqdn(String fqdn) {
    for (Workload w : cluster.workloads) {
      if (w.serviceFqdn().equals(fqdn)) {
        return w;
      }
    }
    throw new IllegalStateException("no service " + fqdn);
  }

  private void lookup(long t, Pod client, Pod server, String query, String qtype, int rcode, List<String> ips, int ttl,
      long latency) {
    int sport = ephemeralPort();
    long answered = t + rtt(client, server) / 2 + latency;
    factory.udp(t, client, server, true, sport, 53, 17 + query.length());
    factory.dns(t + 30_000, client, server, false, sport, query, qtype, 0, List.of(), 0, 0);
    factory.dns(answered, client, server, true, sport, query, qtype, rcode, ips, ttl, answered - t);
    factory.udp(answered + 25_000, server, client, false, 53, sport, 17 + query.length() + 16L * ips.size());
  }

  /** Prometheus scraping every pod's metrics port in turn over kept-alive connections. */
  private final class ScrapeProcess extends Process {
    final Pod prometheus;
    final List<Pod> targets;
    final int[] connections;
    final long step;
    int turn;

    ScrapeProcess(Pod prometheus, List<Pod> targets, long interval) {
      this.prometheus = prometheus;
      this.targets = targets;
      this.connections = new int[targets.size()];
      SplittableRandom r = new SplittableRandom(FlowFactory.mix64(options.seed() + 17));
      for (int i = 0; i < connections.length; i++) {
        connections[i] = 32_768 + r.nextInt(28_232);
      }
      this.step = interval / targets.size();
      next = epoch + 1 + Math.floorMod(FlowFactory.mix64(options.seed()), step);
    }

    @Override
    void fire(long t) {
      int i = turn++ % targets.size();
      Pod target = targets.get(i);
      int port = target.workload.metricsPort;
      long rtt = rtt(prometheus, target);
      long tt = t;
      if (connections[i] == 0) {
        connections[i] = ephemeralPort();
        tt = open(tt, prometheus, target, connections[i], port, rtt);
      }
      int sport = connections[i];
      String url = "http://" + target.ip + ":" + port + "/metrics";
      long answered = tt + rtt / 2 + latency(9);
      factory.tcp(tt, prometheus, target, true, sport, port, FlowFactory.ACK | FlowFactory.PSH, 310);
      factory.http(tt + 35_000, prometheus, target, false, sport, port, "HTTP/1.1", "GET", url, 0, 0);
      factory.http(answered, prometheus, target, true, sport, port, "HTTP/1.1", "GET", url, 200, answered - tt);
      factory.tcp(answered + 25_000, target, prometheus, false, port, sport, FlowFactory.ACK | FlowFactory.PSH,
          vary(24_000));
      next = t + step;
    }
  }

  /** The blackbox exporter pinging the application pods in turn. */
  private final class IcmpProcess extends Process {
    final Pod blackbox;
    final List<Pod> targets;
    final long step;
    int turn;

    IcmpProcess(Pod blackbox, List<Pod> targets, long interval) {
      this.blackbox = blackbox;
      this.targets = targets;
      this.step = interval / targets.size();
      next = epoch + 1 + Math.floorMod(FlowFactory.mix64(options.seed() + 1), step);
    }

    @Override
    void fire(long t) {
      Pod target = targets.get(turn++ % targets.size());
      factory.icmp(t, blackbox, target, true, FlowFactory.ICMP_ECHO_REQUEST);
      factory.icmp(t + rtt(blackbox, target) / 2, target, blackbox, false, FlowFactory.ICMP_ECHO_REPLY);
      next = t + step;
    }
  }

  // ------------------------------------------------------------------ injected anomalies

  /** Walks the anomaly timeline: starts each injection at its start and undoes it at its end. */
  private final class TimelineProcess extends Process {
    int index;
    boolean inside;
    Process running;

    TimelineProcess() {
      next = timeline.startOf(0);
    }

    @Override
    void fire(long t) {
      Timeline.Spec spec = timeline.spec(index);
      if (!inside) {
        inside = true;
        next = spec.end();
        running = begin(spec, t);
      } else {
        finish(spec, running, t);
        running = null;
        inside = false;
        index++;
        next = timeline.startOf(index);
      }
    }
  }

  private Process begin(Timeline.Spec spec, long t) {
    Scenario s = spec.scenario();
    log.info("simulated anomaly {} injected from {} to {}: {}", s.kind().apiName(), s.start(), s.end(),
        s.description());
    Process process = null;
    switch (spec.kind()) {
      case TRAFFIC_SPIKE, TRAFFIC_DROP -> {
        PatternProcess p = patterns.get(spec.pattern());
        p.factor = spec.kind() == Scenario.Kind.TRAFFIC_SPIKE ? Timeline.SPIKE_FACTOR : 0.0;
        p.schedule(t);
      }
      case HIGH_ERROR_RATE -> {
        errorSpec = spec;
        PatternProcess p = patterns.get(spec.pattern());
        int ci = p.clients.indexOf(spec.source());
        int si = p.servers.indexOf(spec.destination());
        process = new Poisson(spec, Timeline.ERROR_EXTRA_PER_SECOND, time -> conversation(p, time, ci, si));
      }
      case UNUSUAL_PROTOCOL -> process = new Poisson(spec, Timeline.UNUSUAL_PER_SECOND, time -> unusual(spec, time));
      case UNEXPECTED_CONNECTION ->
          process = new Poisson(spec, Timeline.UNEXPECTED_PER_SECOND, time -> unexpected(spec, time));
      case PORT_SCAN -> process = new PortScan(spec);
      case DATA_EXFILTRATION -> process = new Exfiltration(spec);
      case DNS_ANOMALY -> process = new Poisson(spec, Timeline.DNS_FLOOD_PER_SECOND, time -> dnsFlood(spec, time));
    }
    if (process != null) {
      process.next = t;
      processes.add(process);
    }
    return process;
  }

  private void finish(Timeline.Spec spec, Process running, long t) {
    switch (spec.kind()) {
      case TRAFFIC_SPIKE, TRAFFIC_DROP -> {
        PatternProcess p = patterns.get(spec.pattern());
        p.factor = 1.0;
        p.schedule(t);
      }
      case HIGH_ERROR_RATE -> errorSpec = null;
      case DATA_EXFILTRATION -> ((Exfiltration) running).close(t);
      default -> { }
    }
    if (running != null) {
      processes.remove(running);
    }
    Scenario s = spec.scenario();
    log.info("simulated anomaly {} ended at {} (started {})", s.kind().apiName(), s.end(), s.start());
  }

  /** Share of the error scenario's connection attempts that the policy denies at {@code t}: rising over a minute. */
  private static double errorShare(Timeline.Spec spec, long t) {
    double progress = Math.min(1.0, (t - spec.start()) / (60.0 * SECOND));
    return Timeline.ERROR_SHARE_FIRST + (Timeline.ERROR_SHARE_LAST - Timeline.ERROR_SHARE_FIRST) * progress;
  }

  /** Poisson events at a fixed rate within a scenario's window. */
  private final class Poisson extends Process {
    final Timeline.Spec spec;
    final double rate;
    final java.util.function.LongConsumer action;

    Poisson(Timeline.Spec spec, double rate, java.util.function.LongConsumer action) {
      this.spec = spec;
      this.rate = rate;
      this.action = action;
    }

    @Override
    void fire(long t) {
      action.accept(t);
      long n = t + exponential(rate);
      next = n < spec.end() ? n : Long.MAX_VALUE;
    }
  }

  private void unusual(Timeline.Spec spec, long t) {
    Pod src = spec.source();
    Pod dst = spec.destination();
    int sport = 40_000 + spec.index() % 20_000;
    switch (spec.protocol()) {
      case FlowFactory.UDP -> {
        factory.udp(t, src, dst, true, sport, spec.port(), 200 + random.nextInt(1_000));
        if (random.nextDouble() < 0.3) {
          factory.udp(t + rtt(src, dst) / 2 + latency(1), dst, src, false, spec.port(), sport, 64);
        }
      }
      case FlowFactory.SCTP -> {
        factory.sctp(t, src, dst, true, sport, spec.port(), 100 + random.nextInt(400));
        factory.sctp(t + rtt(src, dst) / 2 + latency(1), dst, src, false, spec.port(), sport, 48);
      }
      default -> {
        factory.icmp(t, src, dst, true, FlowFactory.ICMP_ECHO_REQUEST);
        factory.icmp(t + rtt(src, dst) / 2, dst, src, false, FlowFactory.ICMP_ECHO_REPLY);
      }
    }
  }

  private void unexpected(Timeline.Spec spec, long t) {
    Pod src = spec.source();
    Pod dst = spec.destination();
    int sport = ephemeralPort();
    long rtt = rtt(src, dst);
    long tt = open(t, src, dst, sport, spec.port(), rtt);
    long answered = tt + rtt / 2 + latency(2);
    factory.tcp(tt, src, dst, true, sport, spec.port(), FlowFactory.ACK | FlowFactory.PSH, vary(400));
    factory.tcp(answered, dst, src, false, spec.port(), sport, FlowFactory.ACK | FlowFactory.PSH, vary(2_500));
    close(answered + rtt + MS, src, dst, sport, spec.port(), rtt);
  }

  private void dnsFlood(Timeline.Spec spec, long t) {
    StringBuilder label = new StringBuilder(16);
    for (int i = 0; i < 14; i++) {
      label.append(Character.forDigit(random.nextInt(36), 36));
    }
    boolean txt = random.nextBoolean();
    boolean missing = random.nextDouble() < 0.7;
    Pod server = dnsServers.get(random.nextInt(dnsServers.size()));
    lookup(t, spec.source(), server, label + "." + spec.domain(), txt ? "TXT" : "A", missing ? 3 : 0, List.of(), 0,
        latency(12));
  }

  /** A SYN scan from one source port: closed ports answer with a reset, open ones with SYN-ACK, reset by the scanner. */
  private final class PortScan extends Process {
    final Timeline.Spec spec;
    final List<Integer> ports = new ArrayList<>();
    final int sport;
    int turn;

    PortScan(Timeline.Spec spec) {
      this.spec = spec;
      for (int port = 1; port <= 1024; port++) {
        ports.add(port);
      }
      Workload target = spec.destinationWorkload();
      ports.add(target.port);
      if (target.metricsPort != target.port) {
        ports.add(target.metricsPort);
      }
      Collections.shuffle(ports, new java.util.Random(FlowFactory.mix64(options.seed() + spec.index())));
      sport = 40_000 + random.nextInt(20_000);
    }

    @Override
    void fire(long t) {
      Pod src = spec.source();
      Pod dst = spec.destination();
      int port = ports.get(turn++ % ports.size());
      long rtt = rtt(src, dst);
      factory.tcp(t, src, dst, true, sport, port, FlowFactory.SYN, 0);
      if (port == dst.workload.port || port == dst.workload.metricsPort) {
        factory.tcp(t + rtt / 2, dst, src, false, port, sport, FlowFactory.SYN | FlowFactory.ACK, 0);
        factory.tcp(t + rtt, src, dst, true, sport, port, FlowFactory.RST, 0);
      } else {
        factory.tcp(t + rtt / 2, dst, src, false, port, sport, FlowFactory.RST | FlowFactory.ACK, 0);
      }
      long step = (long) (SECOND / Timeline.SCAN_PORTS_PER_SECOND * (0.8 + 0.4 * random.nextDouble()));
      long n = t + step;
      next = n < spec.end() ? n : Long.MAX_VALUE;
    }
  }

  /**
   * A sustained upload to an address outside the cluster over two TLS connections, reported the way Retina reports
   * a busy connection: one event every 100 ms per connection standing for every packet since the last one.
   */
  private final class Exfiltration extends Process {
    static final int CONNECTIONS = 2;
    static final long REPORT_INTERVAL = 100 * MS;
    final Timeline.Spec spec;
    final int[] sports = new int[CONNECTIONS];
    final long rtt = 35 * MS;
    boolean opened;
    int turn;

    Exfiltration(Timeline.Spec spec) {
      this.spec = spec;
    }

    @Override
    void fire(long t) {
      Pod src = spec.source();
      World dst = spec.world();
      if (!opened) {
        opened = true;
        lookup(t, src, dnsServers0, dst.fqdn() + ".", "A", 0, List.of(dst.ip()), 60, latency(8));
        for (int i = 0; i < CONNECTIONS; i++) {
          sports[i] = ephemeralPort();
          open(t + 10 * MS + i * MS, src, dst, sports[i], 443, rtt);
        }
        next = t + 10 * MS + rtt + CONNECTIONS * MS;
        return;
      }
      int k = turn++ % CONNECTIONS;
      // each connection carries its share of the rate, reported once per interval
      long chunk = (long) (Timeline.EXFIL_BYTES_PER_SECOND / CONNECTIONS * (REPORT_INTERVAL / (double) SECOND)
          * (0.95 + 0.1 * random.nextDouble()));
      factory.tcp(t, src, dst, true, sports[k], 443, FlowFactory.ACK | FlowFactory.PSH, chunk);
      factory.tcp(t + rtt / 2, dst, src, false, 443, sports[k], FlowFactory.ACK, 0);
      long n = t + REPORT_INTERVAL / CONNECTIONS + (random.nextInt(5) - 2) * MS;
      next = n < spec.end() ? n : Long.MAX_VALUE;
    }

    void close(long t) {
      if (!opened) {
        return;
      }
      for (int i = 0; i < CONNECTIONS; i++) {
        TrafficGenerator.this.close(t + i * MS, spec.source(), spec.world(), sports[i], 443, rtt);
      }
    }
  }

  // ------------------------------------------------------------------ small helpers

  private static Policy policy(String name, String namespace, long revision) {
    return Policy.newBuilder()
        .setName(name)
        .setNamespace(namespace)
        .setKind("CiliumNetworkPolicy")
        .setRevision(revision)
        .addLabels("k8s:io.cilium.k8s.policy.derived-from=CiliumNetworkPolicy")
        .addLabels("k8s:io.cilium.k8s.policy.name=" + name)
        .addLabels("k8s:io.cilium.k8s.policy.namespace=" + namespace)
        .build();
  }

  /** Round-trip time between two peers: tens of microseconds on one node, hundreds across nodes, tens of ms outside. */
  private static long rtt(Peer a, Peer b) {
    if (a.node() == null || b.node() == null) {
      return 30 * MS;
    }
    return 2 * FlowFactory.maxHop(a.node() == b.node()) + 40_000;
  }

  private long exponential(double perSecond) {
    double seconds = -Math.log(1.0 - random.nextDouble()) / perSecond;
    return Math.max(1, (long) Math.min(seconds * SECOND, 1e17));
  }

  /** A log-normal latency around a median, as service latencies are. */
  private long latency(double medianMs) {
    double ms = medianMs * Math.exp(0.45 * random.nextGaussian());
    return Math.max(50_000, (long) (ms * MS));
  }

  /**
   * Conversations until the next rare event that happens to a {@code share} of them: spaced evenly (with jitter)
   * rather than at random, so that rare errors never cluster into a burst a detector would take for an anomaly.
   */
  private int spacing(double share) {
    return (int) Math.max(1, Math.round((0.6 + 0.8 * random.nextDouble()) / share));
  }

  private long vary(int typical) {
    return Math.max(16, (long) (typical * (0.5 + random.nextDouble())));
  }

  private int ephemeralPort() {
    return 32_768 + random.nextInt(28_232);
  }

  private String fill(String path) {
    int at = path.indexOf("{n}");
    if (at < 0) {
      return path;
    }
    StringBuilder s = new StringBuilder(path.length() + 8);
    int from = 0;
    while (at >= 0) {
      s.append(path, from, at).append(1 + random.nextInt(5_000));
      from = at + 3;
      at = path.indexOf("{n}", from);
    }
    return s.append(path, from, path.length()).toString();
  }

  /** For tests: the cluster the flows come from. */
  Cluster cluster() {
    return cluster;
  }

  /** For tests: the timeline's full specification of an injection. */
  Timeline timeline() {
    return timeline;
  }
}
