/**
 * The simulated cluster: a Kubernetes cluster with Cilium that exists only as the Hubble flows it would produce, for a
 * newcomer without a cluster, for development, tests and benchmarks.
 *
 * <p>Public entry points:
 * <ul>
 *   <li>{@link io.networkvisualizer.source.simulator.SimulatorServer#start} serves the traffic as a real Hubble
 *       {@code observer.Observer} gRPC server (plus the standard health service and server reflection), flows timed
 *       by the wall clock: {@code hubble observe --server 127.0.0.1:PORT -f} reads it, and so does the product's own
 *       Hubble client, through {@code address()}. {@code scenarios()} lists the injected anomalies, which
 *       {@code api.SimulatorRoutes} serves at {@code GET /api/simulator/scenarios}.</li>
 *   <li>{@link io.networkvisualizer.source.simulator.TrafficGenerator} is the same traffic as a pure function of the
 *       options and event time (no clock, no threads): thirty simulated minutes take a couple of CPU seconds.</li>
 *   <li>{@link io.networkvisualizer.source.simulator.FlowDump} writes it as a Hubble jsonpb flow log
 *       ({@code java -cp target/network-visualizer.jar io.networkvisualizer.source.simulator.FlowDump flows.jsonl.gz 30m}).</li>
 *   <li>{@link io.networkvisualizer.source.simulator.SimulatorOptions#from} reads the {@code sim*} settings.</li>
 * </ul>
 * The throughput benchmark is {@code SimulatorThroughput} in the test sources (its javadoc has the command).
 *
 * <p>What consumers of the flows should know:
 * <ul>
 *   <li>A packet between two pods is reported twice, as Cilium does: once at the sender's node (direction as seen by
 *       the client, observation point {@code TO_OVERLAY}, or {@code FROM_ENDPOINT} on one node) and once at the
 *       receiver's node ({@code TO_ENDPOINT}), with the same addresses, ports, flags and byte counts, different
 *       {@code uuid} and {@code node_name}, and a time some tens to hundreds of microseconds later. Count it once.
 *       Traffic to or from outside the cluster, L7 records (once, at the proxy) and policy drops are reported once.</li>
 *   <li>{@code is_reply} is set on every flow; the server side of a connection (responses, SYN-ACK, resets) is a
 *       reply, so detectors that count destination ports or DNS queries per source should skip replies.</li>
 *   <li>Byte counts are in {@code extensions}, as Retina writes them: an {@code Any} of {@code google.protobuf.Struct}
 *       with {@code bytes} (this packet) and {@code previously_observed_bytes}/{@code _packets} (since the last event
 *       of the connection), on L3/L4 events only. {@code simBytes=false} leaves them out, as plain Cilium does.</li>
 *   <li>Most connections were open before the simulation began (the first packets seen of them carry ACK/PSH); new
 *       ones start with SYN and SYN-ACK and end with FIN or, now and then, a reset.</li>
 *   <li>Normal traffic stays clear of every detector threshold of the spec (no port scans, at most a few dozen DNS
 *       queries a minute per pod, at most one error in any minute of an edge, rare 5xx and policy drops spaced out,
 *       rate drift within about 20%); the injected anomalies cross them plainly.</li>
 * </ul>
 */
package io.networkvisualizer.source.simulator;
