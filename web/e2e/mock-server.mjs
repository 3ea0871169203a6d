#!/usr/bin/env node
// A small stand-in for the network-visualizer backend, serving the API contract the web UI is built against:
// GET /api/graph, /api/flows, /api/flows/anomalies, /api/status and WebSockets /ws/graph and /ws/flows, plus the
// built UI as static files. Synthetic data: a small shop cluster (with an idle edge, a failing edge, anomalies and
// a flow whose strings carry XSS payloads), or, with --scale NxM, N workloads and M edges all updating every tick
// (for the render-cost measurement).
//
//   node e2e/mock-server.mjs --port 8080 [--dist ../target/classes/public] [--interval 1000] [--scale 1000x3000]
//                            [--no-bytes] [--flow-rate 20]
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join, normalize, resolve } from 'node:path';
import { WebSocketServer } from 'ws';

const args = parseArgs(process.argv.slice(2));
const PORT = Number(args.port ?? 8080);
const HOST = args.host ?? '127.0.0.1';
const INTERVAL = Number(args.interval ?? 1000);
const DIST = args.dist ? resolve(args.dist) : null;
const BYTES = !args['no-bytes'];
const FLOW_RATE = Number(args['flow-rate'] ?? 20);
const SCALE = args.scale ? args.scale.split('x').map(Number) : null;
const SEED = Number(args.seed ?? 7);

function parseArgs(argv) {
  const out = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (!a.startsWith('--')) continue;
    const eq = a.indexOf('=');
    if (eq > 0) out[a.slice(2, eq)] = a.slice(eq + 1);
    else if (i + 1 < argv.length && !argv[i + 1].startsWith('--')) out[a.slice(2)] = argv[++i];
    else out[a.slice(2)] = true;
  }
  return out;
}

// Deterministic random numbers (mulberry32), so runs are comparable.
let seed = SEED >>> 0;
function rand() {
  seed = (seed + 0x6d2b79f5) >>> 0;
  let t = seed;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const pick = (xs) => xs[Math.floor(rand() * xs.length)];

export const XSS_POD = '<img src=x onerror="window.__xss=1">';
export const XSS_URL = 'GET http://cart/<script>window.__xss=2</script> 200 3ms';

// ---------------------------------------------------------------- the cluster model (workload level)
const started = Date.now();
const iso = (ms) => new Date(ms).toISOString();

/** workloads: {id, ns, name, kind, labels, pods:[name]} ; externals: {id, kind, label} */
const workloads = new Map();
const externals = new Map();
/** workload edges: {id, src, dst, bytes, flows, protocol, errorRate, idle, l7, drop} */
const wedges = new Map();

function podSuffix() {
  const c = 'bcdfghjklmnpqrstvwxz2456789';
  let s = '';
  for (let i = 0; i < 5; i++) s += c[Math.floor(rand() * c.length)];
  return s;
}

function addWorkload(ns, name, labels = {}, pods = 2, kind = 'Deployment') {
  const id = `workload/${ns}/${name}`;
  const hash = Math.floor(rand() * 0xfffffff)
    .toString(16)
    .slice(0, 9);
  workloads.set(id, {
    id,
    ns,
    name,
    kind,
    labels: { app: name, ...labels },
    pods: Array.from({ length: pods }, () => `${name}-${hash}-${podSuffix()}`),
    since: Date.now(),
  });
  return id;
}

function addExternal(id, kind, label) {
  externals.set(id, { id, kind, label });
  return id;
}

function addEdge(src, dst, o) {
  const id = `${src}->${dst}`;
  wedges.set(id, {
    id,
    src,
    dst,
    bytes: o.bytes ?? 2000,
    flows: o.flows ?? 2,
    protocol: o.protocol ?? 'TCP',
    port: o.port ?? 8080,
    errorRate: o.errorRate ?? 0,
    idle: o.idle ?? false,
    l7: o.l7 ?? null,
    drop: o.drop ?? null,
    cur: { bytes: 0, flows: 0 },
    lastSeen: Date.now(),
  });
}

if (SCALE) {
  const [nodes, edges] = SCALE;
  const nsCount = Math.max(1, Math.round(nodes / 50));
  const ids = [];
  for (let i = 0; i < nodes; i++) ids.push(addWorkload(`ns-${i % nsCount}`, `svc-${i}`, {}, 1));
  while (wedges.size < edges) {
    const a = pick(ids);
    const b = pick(ids);
    if (a !== b && !wedges.has(`${a}->${b}`)) {
      addEdge(a, b, {
        bytes: 10 ** (1 + rand() * 6),
        flows: 10 ** (-1 + rand() * 3),
        protocol: pick(['TCP', 'HTTP', 'UDP']),
      });
    }
  }
} else {
  const frontend = addWorkload('shop', 'frontend', { tier: 'web' });
  const checkout = addWorkload('shop', 'checkout', { tier: 'api' });
  const cart = addWorkload('shop', 'cart', { tier: 'api' });
  const catalog = addWorkload('shop', 'catalog', { tier: 'api' });
  const redis = addWorkload('shop', 'redis', { tier: 'db' }, 1, 'StatefulSet');
  const payments = addWorkload('payments', 'payments-api', { tier: 'api' });
  const fraud = addWorkload('payments', 'fraud-check', { tier: 'api' }, 1);
  const coredns = addWorkload('kube-system', 'coredns', { 'k8s-app': 'kube-dns' });
  const prometheus = addWorkload('monitoring', 'prometheus', {}, 1, 'StatefulSet');
  const xss = addWorkload('shop', XSS_POD, { app: '<b>x</b>' }, 1);
  const stripe = addExternal('world/api.stripe.com', 'world', 'api.stripe.com');
  const host = addExternal('host/sim-node-1', 'host', 'sim-node-1');
  const apiserver = addExternal('kube-apiserver/kubernetes', 'kube-apiserver', 'kube-apiserver');

  const http = (paths) => ({ paths, codes: { 200: 95, 500: 5 } });
  addEdge(frontend, checkout, {
    bytes: 48_000,
    flows: 12,
    protocol: 'HTTP',
    l7: http(['/api/checkout', '/api/orders']),
  });
  addEdge(frontend, cart, { bytes: 22_000, flows: 20, protocol: 'HTTP', l7: http(['/api/cart']) });
  addEdge(frontend, catalog, {
    bytes: 350_000,
    flows: 30,
    protocol: 'HTTP',
    l7: http(['/api/products', '/api/products/42']),
  });
  addEdge(cart, redis, { bytes: 9_000, flows: 25, protocol: 'TCP', port: 6379 });
  addEdge(checkout, payments, {
    bytes: 6_000,
    flows: 6,
    protocol: 'HTTP',
    errorRate: 0.3,
    drop: { POLICY_DENIED: 14 },
    l7: http(['/v1/charge']),
  });
  addEdge(payments, fraud, { bytes: 3_000, flows: 4, protocol: 'gRPC', port: 9090 });
  addEdge(payments, stripe, { bytes: 2_500_000, flows: 3, protocol: 'HTTPS', port: 443 });
  for (const w of [frontend, checkout, cart, catalog, payments]) {
    addEdge(w, coredns, {
      bytes: 800,
      flows: 3,
      protocol: 'DNS',
      port: 53,
      l7: { dns: ['checkout.shop.svc.cluster.local.'] },
    });
  }
  addEdge(prometheus, catalog, { bytes: 1_200, flows: 0.2, protocol: 'HTTP', idle: true, port: 9100 });
  addEdge(host, frontend, { bytes: 400, flows: 0.5, protocol: 'TCP', port: 8080 });
  addEdge(coredns, apiserver, { bytes: 1_500, flows: 0.5, protocol: 'TCP', port: 443 });
  addEdge(xss, cart, {
    bytes: 700,
    flows: 1,
    protocol: 'HTTP',
    l7: { paths: ['/<script>alert(1)</script>'], codes: { 200: 1 } },
  });
}

const anomalies = new Map();
function addAnomaly(a) {
  anomalies.set(a.id, {
    status: 'active',
    detected_at: iso(Date.now()),
    last_seen: iso(Date.now()),
    resolved_at: null,
    peak_value: a.evidence.current_value,
    score: 0.7,
    ...a,
  });
}
if (!SCALE) {
  const checkout = workloads.get('workload/shop/checkout');
  addAnomaly({
    id: 'mock-high-error-rate-checkout-payments',
    type: 'high_error_rate',
    severity: 'high',
    title: 'High error rate: checkout → payments-api',
    description: '30% of flows from shop/checkout to payments/payments-api were dropped (policy denied)',
    source_pod: `shop/${checkout.pods[0]}`,
    dest_pod: `payments/${workloads.get('workload/payments/payments-api').pods[0]}`,
    source_node: 'workload/shop/checkout',
    dest_node: 'workload/payments/payments-api',
    evidence: {
      current_value: 0.3,
      baseline_value: 0.01,
      threshold: 0.05,
      details: { dropped: '14', window: '60s' },
    },
  });
  addAnomaly({
    id: 'mock-unexpected-connection-stripe',
    type: 'unexpected_connection',
    severity: 'medium',
    title: 'New destination: payments-api → api.stripe.com',
    description: 'payments/payments-api opened connections to a destination never seen in its baseline',
    source_pod: `payments/${workloads.get('workload/payments/payments-api').pods[0]}`,
    dest_pod: null,
    source_node: 'workload/payments/payments-api',
    dest_node: 'world/api.stripe.com',
    evidence: {
      current_value: 3,
      baseline_value: 0,
      threshold: 0,
      details: { destination: 'api.stripe.com:443' },
    },
  });
}

// A pod that comes and goes, so that layouts run on additions and removals.
let churn = null;
function tickChurn(now) {
  if (SCALE) return;
  const phase = Math.floor((now - started) / 20_000) % 2;
  if (phase === 1 && churn === null) {
    churn = addWorkload('shop', 'recommender');
    addEdge('workload/shop/frontend', churn, {
      bytes: 5_000,
      flows: 4,
      protocol: 'HTTP',
      l7: { paths: ['/api/recs'], codes: { 200: 1 } },
    });
  } else if (phase === 0 && churn !== null) {
    wedges.delete(`workload/shop/frontend->${churn}`);
    workloads.delete(churn);
    churn = null;
  }
}

function tickMetrics(now) {
  for (const e of wedges.values()) {
    if (e.idle) {
      e.cur = { bytes: 0, flows: 0 };
      continue;
    }
    const wobble = 0.7 + rand() * 0.6;
    e.cur = { bytes: BYTES ? e.bytes * wobble : 0, flows: e.flows * wobble };
    if (SCALE && rand() < 0.1) e.quiet = !e.quiet;
    if (!e.quiet) e.lastSeen = now;
  }
}

// ---------------------------------------------------------------- views per level
function workloadNode(w) {
  return {
    id: w.id,
    kind: 'workload',
    label: w.name,
    namespace: w.ns,
    labels: w.labels,
    workload_kind: w.kind,
    cluster: 'sim',
    node_names: ['sim-node-1'],
    is_active: true,
    last_seen: iso(Date.now()),
  };
}

function externalNode(x) {
  return {
    id: x.id,
    kind: x.kind,
    label: x.label,
    namespace: null,
    labels: {},
    workload_kind: null,
    cluster: null,
    node_names: [],
    is_active: true,
    last_seen: iso(Date.now()),
  };
}

function flowData(e, share = 1) {
  const active = !e.idle && !e.quiet;
  const codes = e.l7?.codes ?? {};
  return {
    bytes_per_sec: e.cur.bytes * share,
    packets_per_sec: BYTES ? (e.cur.bytes * share) / 900 : 0,
    flows_per_sec: e.cur.flows * share,
    bytes_measured: BYTES,
    connection_count: Math.round(e.flows * 10 * share),
    error_rate: e.errorRate,
    protocol: e.protocol,
    protocols: [e.protocol],
    last_seen: iso(e.lastSeen),
    is_active: active,
    direction: 'egress',
    drop_reasons: e.drop ?? {},
    l7: {
      http_paths: (e.l7?.paths ?? []).map((path, i) => ({ path, count: 100 - i * 10 })),
      http_codes: codes,
      dns_names: (e.l7?.dns ?? []).map((name) => ({ name, count: 40 })),
    },
  };
}

function health(e) {
  return e.errorRate >= 0.2 ? 'critical' : e.errorRate >= 0.05 ? 'warning' : 'healthy';
}

function endOf(id, level, podIndex = 0) {
  const w = workloads.get(id);
  if (!w) return id;
  if (level === 'workload') return id;
  if (level === 'namespace') return `namespace/${w.ns}`;
  return `pod/${w.ns}/${w.pods[podIndex % w.pods.length]}`;
}

/** The whole graph at a level, as maps of id -> node / edge. */
function graphAt(level) {
  const nodes = new Map();
  const edges = new Map();
  for (const x of externals.values()) nodes.set(x.id, externalNode(x));
  for (const w of workloads.values()) {
    if (level === 'workload' || SCALE) nodes.set(w.id, workloadNode(w));
    else if (level === 'namespace') {
      const id = `namespace/${w.ns}`;
      nodes.set(id, {
        ...workloadNode(w),
        id,
        kind: 'namespace',
        label: w.ns,
        labels: {},
        workload_kind: null,
      });
    } else {
      w.pods.forEach((p) =>
        nodes.set(`pod/${w.ns}/${p}`, {
          ...workloadNode(w),
          id: `pod/${w.ns}/${p}`,
          kind: 'pod',
          label: p,
          labels: { ...w.labels, 'pod-template-hash': 'x' },
          workload_kind: null,
        }),
      );
    }
  }
  const lvl = SCALE ? 'workload' : level;
  for (const e of wedges.values()) {
    if (lvl === 'pod') {
      const sw = workloads.get(e.src);
      const n = sw ? sw.pods.length : 1;
      for (let i = 0; i < n; i++) {
        const s = endOf(e.src, 'pod', i);
        const t = endOf(e.dst, 'pod', i);
        edges.set(`${s}->${t}`, {
          id: `${s}->${t}`,
          source: s,
          target: t,
          type: 'connection',
          health: health(e),
          flow_data: flowData(e, 1 / n),
        });
      }
    } else {
      const s = endOf(e.src, lvl);
      const t = endOf(e.dst, lvl);
      if (s === t) continue;
      const id = `${s}->${t}`;
      const prev = edges.get(id);
      const fd = flowData(e);
      if (prev) {
        prev.flow_data.bytes_per_sec += fd.bytes_per_sec;
        prev.flow_data.flows_per_sec += fd.flows_per_sec;
        prev.flow_data.is_active ||= fd.is_active;
      } else {
        edges.set(id, { id, source: s, target: t, type: 'connection', health: health(e), flow_data: fd });
      }
    }
  }
  return { nodes, edges };
}

/** Applies a subscription's filters (namespace list, label key=value, include_inactive). */
function filtered(g, sub) {
  const nodes = new Map();
  const keepNs = (n) => sub.namespaces.length === 0 || sub.namespaces.includes(n.namespace);
  const keepLabel = (n) => sub.label.every(([k, v]) => n.labels?.[k] === v);
  for (const n of g.nodes.values()) {
    if (n.namespace && keepNs(n) && keepLabel(n)) nodes.set(n.id, n);
  }
  const edges = new Map();
  for (const e of g.edges.values()) {
    if (!sub.includeInactive && !e.flow_data.is_active) continue;
    const s = g.nodes.get(e.source);
    const t = g.nodes.get(e.target);
    if (!s || !t) continue;
    const sIn = nodes.has(s.id) || (!s.namespace && sub.label.length === 0);
    const tIn = nodes.has(t.id) || (!t.namespace && sub.label.length === 0);
    if (!(sIn && tIn) || (!nodes.has(s.id) && !nodes.has(t.id))) continue;
    nodes.set(s.id, s);
    nodes.set(t.id, t);
    edges.set(e.id, e);
  }
  if (sub.namespaces.length === 0 && sub.label.length === 0) {
    for (const n of g.nodes.values()) if (!n.namespace) nodes.set(n.id, n);
  }
  return { nodes, edges };
}

function subscription(url) {
  const q = url.searchParams;
  const level = ['pod', 'workload', 'namespace'].includes(q.get('level')) ? q.get('level') : 'workload';
  const namespaces = (q.get('namespace') ?? '').split(',').filter(Boolean);
  const label = (q.get('label') ?? '')
    .split(',')
    .filter(Boolean)
    .map((kv) => kv.split('='));
  return { level, namespaces, label, includeInactive: q.get('include_inactive') !== 'false' };
}

function graphJson(sub) {
  const g = filtered(graphAt(sub.level), sub);
  return {
    level: sub.level,
    generated_at: iso(Date.now()),
    window_seconds: 60,
    bytes_measured: BYTES,
    nodes: [...g.nodes.values()],
    edges: [...g.edges.values()],
    stats: { nodes: g.nodes.size, edges: g.edges.size },
  };
}

let flowsReceived = 0;
function sourceStatus() {
  return { kind: 'mock', target: 'synthetic', state: 'STREAMING', detail: '', flows_received: flowsReceived };
}

function activeAnomalies() {
  return [...anomalies.values()].filter((a) => a.status === 'active');
}

// ---------------------------------------------------------------- flows
const flowRing = [];
let flowSeq = 0;
function makeFlow(forceXss = false) {
  const list = [...wedges.values()].filter((e) => !e.idle);
  const e = forceXss
    ? ([...wedges.values()].find((x) => workloads.get(x.src)?.name === XSS_POD) ?? list[0])
    : pick(list);
  if (!e) return null;
  const sw = workloads.get(e.src);
  const dw = workloads.get(e.dst);
  const dx = externals.get(e.dst);
  const sx = externals.get(e.src);
  const sPod = sw ? pick(sw.pods) : null;
  const dPod = dw ? pick(dw.pods) : null;
  const dropped = rand() < e.errorRate;
  const ts = Date.now();
  flowsReceived++;
  let l7 = null;
  if (e.protocol === 'HTTP' && e.l7?.paths) {
    const path = pick(e.l7.paths);
    l7 = `GET http://${dw?.name ?? 'svc'}${path} ${dropped ? 503 : 200} ${Math.round(2 + rand() * 30)}ms`;
  } else if (e.protocol === 'DNS') {
    l7 = 'A checkout.shop.svc.cluster.local. -> NOERROR 10.96.0.7';
  }
  if (forceXss) l7 = XSS_URL;
  return {
    id: `mock-${++flowSeq}`,
    source_pod: sw ? `${sw.ns}/${sPod}` : '',
    source_ip: `10.244.0.${(flowSeq % 200) + 2}`,
    source_port: 30000 + (flowSeq % 30000),
    dest_pod: dw ? `${dw.ns}/${dPod}` : '',
    dest_ip: dx ? '52.1.2.3' : `10.244.1.${(flowSeq % 200) + 2}`,
    dest_port: e.port,
    protocol: e.protocol,
    flow_type: l7 ? 'l7' : 'l3_l4',
    bytes_sent: BYTES ? Math.round(200 + rand() * 4000) : 0,
    packets_sent: BYTES ? 1 + Math.floor(rand() * 5) : 0,
    direction: 'egress',
    verdict: dropped ? 'DROPPED' : 'FORWARDED',
    timestamp: iso(ts),
    bytes_measured: BYTES,
    l4_protocol: e.protocol === 'DNS' ? 'UDP' : 'TCP',
    source_namespace: sw?.ns ?? null,
    source_pod_name: sPod,
    source_workload: sw?.name ?? null,
    source_names: sx ? [sx.label] : [],
    dest_namespace: dw?.ns ?? null,
    dest_pod_name: dPod,
    dest_workload: dw?.name ?? null,
    dest_names: dx ? [dx.label] : [],
    drop_reason: dropped ? pick(Object.keys(e.drop ?? { POLICY_DENIED: 1 })) : null,
    denied_by: dropped ? 'shop/deny-payments' : null,
    is_reply: false,
    tcp_flags: null,
    node_name: 'sim-node-1',
    l7_summary: l7,
  };
}

function flowMatches(f, q) {
  const ns = q.get('namespace');
  const pod = q.get('pod');
  const verdict = q.get('verdict');
  const protocol = q.get('protocol');
  if (ns && f.source_namespace !== ns && f.dest_namespace !== ns) return false;
  if (pod && f.source_pod !== pod && f.dest_pod !== pod) return false;
  if (verdict && f.verdict !== verdict.toUpperCase()) return false;
  if (
    protocol &&
    f.protocol.toUpperCase() !== protocol.toUpperCase() &&
    f.l4_protocol !== protocol.toUpperCase()
  ) {
    return false;
  }
  return true;
}

// ---------------------------------------------------------------- HTTP
const MIME = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
};

function json(res, status, body) {
  res.writeHead(status, { 'Content-Type': 'application/json' });
  res.end(JSON.stringify(body));
}

const server = createServer((req, res) => {
  const url = new URL(req.url, `http://${req.headers.host ?? 'localhost'}`);
  const p = url.pathname;
  if (p === '/api/graph') return json(res, 200, graphJson(subscription(url)));
  if (p === '/api/flows') {
    const limit = Math.min(10_000, Number(url.searchParams.get('limit') ?? 100));
    return json(res, 200, flowRing.filter((f) => flowMatches(f, url.searchParams)).slice(-limit));
  }
  if (p === '/api/flows/anomalies') {
    const sev = url.searchParams.get('severity');
    const active = url.searchParams.get('active');
    return json(
      res,
      200,
      [...anomalies.values()].filter(
        (a) =>
          (!sev || a.severity === sev) &&
          (active === null || (a.status === 'active') === (active === 'true')),
      ),
    );
  }
  if (p === '/api/status') {
    return json(res, 200, {
      version: 'mock',
      uptime_seconds: Math.round((Date.now() - started) / 1000),
      source: sourceStatus(),
      store: { flows: flowRing.length },
    });
  }
  if (p.startsWith('/api/')) return json(res, 404, { error: `no such endpoint: ${p}`, status: 404 });
  if (!DIST) return json(res, 404, { error: 'no --dist given', status: 404 });
  const file = normalize(join(DIST, p === '/' ? 'index.html' : p));
  if (!file.startsWith(DIST) || !existsSync(file) || !statSync(file).isFile()) {
    res.writeHead(404, { 'Content-Type': 'text/plain' });
    return res.end('not found');
  }
  res.writeHead(200, { 'Content-Type': MIME[extname(file)] ?? 'application/octet-stream' });
  createReadStream(file).pipe(res);
});

// ---------------------------------------------------------------- WebSockets
const graphClients = new Set();
const flowClients = new Set();
const wssGraph = new WebSocketServer({ noServer: true });
const wssFlows = new WebSocketServer({ noServer: true });

server.on('upgrade', (req, socket, head) => {
  const url = new URL(req.url, 'http://localhost');
  if (url.pathname === '/ws/graph') {
    wssGraph.handleUpgrade(req, socket, head, (ws) => onGraphClient(ws, subscription(url)));
  } else if (url.pathname === '/ws/flows') {
    wssFlows.handleUpgrade(req, socket, head, (ws) => {
      const c = { ws, q: url.searchParams };
      flowClients.add(c);
      ws.on('close', () => flowClients.delete(c));
    });
  } else {
    socket.destroy();
  }
});

let seqBase = 1;
function snapshot(c) {
  const g = graphJson(c.sub);
  c.nodes = new Map(g.nodes.map((n) => [n.id, JSON.stringify(n)]));
  c.edges = new Map(g.edges.map((e) => [e.id, JSON.stringify(e)]));
  c.anoms = new Map(activeAnomalies().map((a) => [a.id, JSON.stringify(a)]));
  c.seq = seqBase++ * 1000;
  c.ws.send(
    JSON.stringify({
      type: 'snapshot',
      seq: c.seq,
      graph: g,
      anomalies: activeAnomalies(),
      status: sourceStatus(),
    }),
  );
}

function onGraphClient(ws, sub) {
  const c = { ws, sub, seq: 0, nodes: new Map(), edges: new Map(), anoms: new Map() };
  graphClients.add(c);
  ws.on('message', (data) => {
    try {
      if (JSON.parse(String(data)).type === 'resync') snapshot(c);
    } catch {
      // ignored
    }
  });
  ws.on('close', () => graphClients.delete(c));
  snapshot(c);
}

function diff(prev, items) {
  const added = [];
  const updated = [];
  const next = new Map();
  for (const x of items) {
    const s = JSON.stringify(x);
    next.set(x.id, s);
    if (!prev.has(x.id)) added.push(x);
    else if (prev.get(x.id) !== s) updated.push(x);
  }
  const removed = [...prev.keys()].filter((id) => !next.has(id));
  return { added, updated, removed, next };
}

function delta(c) {
  const g = graphJson(c.sub);
  const n = diff(c.nodes, g.nodes);
  const e = diff(c.edges, g.edges);
  const a = diff(c.anoms, activeAnomalies());
  const resolved = a.removed.map((id) => anomalies.get(id)).filter(Boolean);
  c.nodes = n.next;
  c.edges = e.next;
  c.anoms = a.next;
  c.seq += 1;
  c.ws.send(
    JSON.stringify({
      type: 'delta',
      seq: c.seq,
      generated_at: g.generated_at,
      nodes_added: n.added,
      nodes_updated: n.updated,
      nodes_removed: n.removed,
      edges_added: e.added,
      edges_updated: e.updated,
      edges_removed: e.removed,
      anomalies_new: a.added,
      anomalies_updated: a.updated,
      anomalies_resolved: resolved,
      status: sourceStatus(),
    }),
  );
}

setInterval(() => {
  const now = Date.now();
  tickChurn(now);
  tickMetrics(now);
  for (const c of graphClients) if (c.ws.readyState === 1) delta(c);
}, INTERVAL);

let flowCarry = 0;
let lastXss = 0;
setInterval(() => {
  flowCarry += FLOW_RATE / 10;
  const fresh = [];
  while (flowCarry >= 1) {
    flowCarry -= 1;
    const f = makeFlow();
    if (f) fresh.push(f);
  }
  if (!SCALE && Date.now() - lastXss > 1500) {
    lastXss = Date.now();
    const f = makeFlow(true);
    if (f) fresh.push(f);
  }
  for (const f of fresh) {
    flowRing.push(f);
    for (const c of flowClients)
      if (c.ws.readyState === 1 && flowMatches(f, c.q)) c.ws.send(JSON.stringify(f));
  }
  if (flowRing.length > 2000) flowRing.splice(0, flowRing.length - 2000);
}, 100);

tickMetrics(Date.now());
server.listen(PORT, HOST, () => {
  const addr = server.address();
  console.log(
    `mock backend listening on http://${HOST}:${addr.port} (${SCALE ? `${SCALE[0]} nodes / ${SCALE[1]} edges` : 'shop cluster'}, bytes ${BYTES ? 'measured' : 'not measured'})`,
  );
});

const stop = () => {
  for (const c of graphClients) c.ws.terminate();
  for (const c of flowClients) c.ws.terminate();
  server.close(() => process.exit(0));
  setTimeout(() => process.exit(0), 500).unref();
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
