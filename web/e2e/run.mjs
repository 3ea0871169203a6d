#!/usr/bin/env node
// Browser tests of the web UI: start a backend (the mock, or the built jar on its simulated cluster), open the page
// in headless Chromium (playwright-core + Debian's chromium) and check what a person would see.
//
//   node e2e/run.mjs --mock [--dist ../target/classes/public]
//   node e2e/run.mjs --jar ../target/network-visualizer.jar [--backend-arg=--sim-rate=300 ...]
//   node e2e/run.mjs --backend=mock|jar --jar=PATH     (as Maven calls it; see web.e2e.backend in pom.xml)
//   common: [--artifacts ../target/e2e-artifacts] [--only substring]
//
// The assertions hold for any backend that speaks the API contract: nodes and edges are found through the graph
// data, the anomaly through the panel. Where a backend cannot be made to show something on demand (an anomaly,
// an idle edge, a flow with hostile strings), the test adds it to the messages the page receives (Playwright's
// WebSocket routing), so the UI's handling is what is tested.
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Backend, freePort } from './backend.mjs';
import { launchBrowser } from './browser.mjs';

const HERE = dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const opt = (name, fallback) => {
  const i = args.findIndex((a) => a === `--${name}` || a.startsWith(`--${name}=`));
  if (i < 0) return fallback;
  return args[i].includes('=') ? args[i].slice(args[i].indexOf('=') + 1) : args[i + 1];
};
const jarPath = opt('jar', null);
const mode = args.includes('--mock') ? 'mock' : opt('backend', jarPath ? 'jar' : 'mock');
if (mode !== 'mock' && mode !== 'jar') throw new Error(`--backend must be mock or jar, was ${mode}`);
if (mode === 'jar' && !jarPath) throw new Error('--backend=jar needs --jar=PATH');
const dist = resolve(opt('dist', resolve(HERE, '../../target/classes/public')));
const artifacts = resolve(opt('artifacts', resolve(HERE, '../../target/e2e-artifacts')));
const only = opt('only', null);
// Extra arguments for the backend: --backend-arg=--no-bytes (mock), --backend-arg=--sim-bytes=false (jar).
const backendArgs = args
  .filter((a) => a.startsWith('--backend-arg=') || a.startsWith('--jar-arg='))
  .map((a) => a.slice(a.indexOf('=') + 1));
mkdirSync(artifacts, { recursive: true });
for (const f of readdirSync(artifacts)) if (f.startsWith('FAILED-')) rmSync(resolve(artifacts, f));

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function assert(cond, message) {
  if (!cond) throw new Error(message);
}

async function until(what, fn, timeoutMs = 15_000, everyMs = 200) {
  const deadline = Date.now() + timeoutMs;
  let last;
  while (Date.now() < deadline) {
    try {
      last = await fn();
      if (last) return last;
    } catch (e) {
      last = e;
    }
    await sleep(everyMs);
  }
  throw new Error(`timed out waiting for ${what}${last instanceof Error ? `: ${last.message}` : ''}`);
}

// ------------------------------------------------------------------ page helpers
async function openPage(ctx, path = '/', { inject = false } = {}) {
  const page = await ctx.context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('dialog', (d) => {
    errors.push(`a dialog opened: ${d.message()}`);
    d.dismiss().catch(() => {});
  });
  if (inject) await injectIntoGraphStream(page);
  await page.goto(`${ctx.backend.url}${path}`);
  page.errors = errors;
  return page;
}

/** The graph as drawn: leaf nodes (kind, namespace, anomaly) and edges (active, label, opacity). */
function drawn(page) {
  return page.evaluate(() => {
    const cy = window.__nv?.cy;
    if (!cy) return null;
    return {
      nodes: cy
        .nodes()
        .filter((n) => n.data('kind') !== 'group')
        .map((n) => ({
          id: n.id(),
          kind: n.data('kind'),
          namespace: n.data('namespace'),
          label: n.data('fullLabel'),
          anomaly: n.data('anomaly'),
          badge: n.style('background-image'),
          focused: n.hasClass('focused'),
        })),
      groups: cy.nodes('[kind = "group"]').map((n) => n.id()),
      edges: cy.edges().map((e) => ({
        id: e.id(),
        source: e.source().id(),
        target: e.target().id(),
        active: e.data('active'),
        label: e.data('label'),
        anomaly: e.data('anomaly'),
        opacity: Number(e.style('opacity')),
        dashOffset: e.style('line-dash-offset'),
        lineStyle: e.style('line-style'),
        focused: e.hasClass('focused'),
      })),
    };
  });
}

async function waitForGraph(
  page,
  what = 'the graph to draw nodes and edges',
  pred = (g) => g.nodes.length > 0 && g.edges.length > 0,
) {
  return until(
    what,
    async () => {
      const g = await drawn(page);
      return g && pred(g) ? g : null;
    },
    30_000,
  );
}

async function shot(page, name) {
  await page.screenshot({ path: resolve(artifacts, name) });
}

// ------------------------------------------------------------------ injection into the live streams
const INJECTED_ANOMALY = 'e2e-injected-anomaly';
const INJECTED_IDLE = 'e2e-injected-idle-edge';
const XSS_POD = 'e2e/<img src=x onerror="window.__xss=1">';
const XSS_URL = 'GET http://cart/<script>window.__xss=2</script><img src=x onerror="window.__xss=3"> 200 1ms';

/** Adds, to every graph snapshot the page receives, one critical anomaly on an existing edge and one idle edge. */
async function injectIntoGraphStream(page) {
  await page.routeWebSocket(/\/ws\/graph/, (ws) => {
    const server = ws.connectToServer();
    ws.onMessage((m) => server.send(m));
    server.onMessage((m) => {
      let msg;
      try {
        msg = JSON.parse(String(m));
      } catch {
        ws.send(m);
        return;
      }
      if (msg.type === 'snapshot' && msg.graph) {
        const nodes = new Map(msg.graph.nodes.map((n) => [n.id, n]));
        const edge = msg.graph.edges.find(
          (e) => e.source !== e.target && nodes.has(e.source) && nodes.has(e.target),
        );
        const now = new Date().toISOString();
        if (edge) {
          msg.anomalies = [
            ...(msg.anomalies ?? []),
            {
              id: INJECTED_ANOMALY,
              type: 'port_scan',
              severity: 'critical',
              title: 'E2E injected: port scan',
              description: 'Added to the snapshot by the browser test',
              source_pod: null,
              dest_pod: null,
              evidence: { current_value: 42, baseline_value: 0, threshold: 20, details: { ports: '42' } },
              detected_at: now,
              score: 0.9,
              status: 'active',
              last_seen: now,
              resolved_at: null,
              peak_value: 42,
              source_node: edge.source,
              dest_node: edge.target,
            },
          ];
        }
        const ids = [...nodes.keys()];
        const linked = new Set(msg.graph.edges.map((e) => `${e.source}->${e.target}`));
        outer: for (const a of ids) {
          for (const b of ids) {
            if (a !== b && !linked.has(`${a}->${b}`)) {
              msg.graph.edges.push({
                id: INJECTED_IDLE,
                source: a,
                target: b,
                type: 'connection',
                health: 'healthy',
                flow_data: {
                  bytes_per_sec: 0,
                  packets_per_sec: 0,
                  flows_per_sec: 0,
                  bytes_measured: msg.graph.bytes_measured,
                  connection_count: 0,
                  error_rate: 0,
                  protocol: 'TCP',
                  protocols: ['TCP'],
                  last_seen: now,
                  is_active: false,
                  direction: 'egress',
                  drop_reasons: {},
                  l7: { http_paths: [], http_codes: {}, dns_names: [] },
                },
              });
              break outer;
            }
          }
        }
      }
      ws.send(JSON.stringify(msg));
    });
  });
}

/** Adds a flow with hostile strings to the flow stream every half second. */
async function injectXssFlows(page) {
  await page.routeWebSocket(/\/ws\/flows/, (ws) => {
    const server = ws.connectToServer();
    ws.onMessage((m) => server.send(m));
    server.onMessage((m) => ws.send(m));
    let n = 0;
    const timer = setInterval(() => {
      try {
        ws.send(
          JSON.stringify({
            id: `e2e-xss-${++n}`,
            source_pod: XSS_POD,
            source_ip: '10.0.0.66',
            source_port: 4444,
            dest_pod: '',
            dest_ip: '10.0.0.67',
            dest_port: 80,
            protocol: 'HTTP',
            flow_type: 'l7',
            bytes_sent: 0,
            packets_sent: 0,
            direction: 'egress',
            verdict: 'DROPPED',
            timestamp: new Date().toISOString(),
            bytes_measured: false,
            l4_protocol: 'TCP',
            source_namespace: 'e2e',
            dest_names: ['<script>window.__xss=4</script>'],
            drop_reason: '<img src=x onerror="window.__xss=5">',
            l7_summary: XSS_URL,
          }),
        );
      } catch {
        clearInterval(timer);
      }
    }, 500);
    ws.onClose(() => clearInterval(timer));
  });
}

// ------------------------------------------------------------------ the tests
const UNIT = /^(⚠ )?(\d+(\.\d+)? (B|KB|MB|GB|TB)\/s|(<)?\d+(\.\d+)? flows\/s)$/;

const tests = [
  {
    name: 'the graph draws nodes and edges',
    async run(ctx) {
      const page = await openPage(ctx, '/', { inject: true });
      const g = await waitForGraph(page);
      assert(g.nodes.length >= 2, `expected nodes, got ${g.nodes.length}`);
      assert(g.edges.length >= 1, `expected edges, got ${g.edges.length}`);
      assert(
        g.nodes.some((n) => n.kind === 'workload' || n.kind === 'dns'),
        'workload level by default',
      );
      assert(g.groups.length >= 1, 'namespaces drawn as groups');
      await sleep(1500);
      await shot(page, '01-graph-workloads.png');
      return page;
    },
  },
  {
    name: 'an edge with traffic pulses (its dash offset moves over time)',
    async run(ctx) {
      const page = await openPage(ctx, '/');
      await waitForGraph(page, 'an active edge', (x) => x.edges.some((e) => e.active));
      // the pulse animates the active edges in view (on big graphs the heaviest of them)
      const id = await until('a pulsing edge', () =>
        page.evaluate(() => window.__nv.controller.pulsingIds()[0]),
      );
      const read = () =>
        page.evaluate((eid) => {
          const e = window.__nv.cy.getElementById(eid);
          return {
            offset: e.style('line-dash-offset'),
            style: e.style('line-style'),
            active: e.data('active'),
          };
        }, id);
      const a = await read();
      assert(a.style === 'dashed', `an active edge is dashed, was ${a.style}`);
      // the pulse steps at a pace set by the measured redraw cost (slow on a loaded machine without a GPU)
      await until(
        `line-dash-offset to move from ${a.offset}`,
        async () => {
          const b = await read();
          return !b.active || b.offset !== a.offset;
        },
        5_000,
        100,
      );
    },
  },
  {
    name: 'edge labels show throughput with units, and the legend says which',
    async run(ctx) {
      const page = await openPage(ctx, '/');
      const g = await waitForGraph(page, 'labelled edges', (x) => x.edges.some((e) => e.label));
      const labels = g.edges.map((e) => e.label).filter(Boolean);
      const bad = labels.filter((l) => !UNIT.test(l));
      assert(bad.length === 0, `labels without a unit: ${JSON.stringify(bad.slice(0, 5))}`);
      const measure = await page.getAttribute('[data-testid="legend"]', 'data-measure');
      const legend = await page.textContent('[data-testid="legend-measure"]');
      if (measure === 'bytes') {
        assert(
          labels.some((l) => /B\/s$/.test(l)),
          'bytes measured: labels in B/s, KB/s, MB/s',
        );
        assert(/bytes\/s/.test(legend), `legend says bytes/s: ${legend}`);
      } else {
        assert(
          labels.every((l) => /flows\/s$/.test(l)),
          'bytes not measured: labels in flows/s',
        );
        assert(/flows\/s/.test(legend) && /no byte counts/.test(legend), `legend says flows/s: ${legend}`);
      }
    },
  },
  {
    name: 'an idle edge is faded',
    async run(ctx) {
      const page = await openPage(ctx, '/', { inject: true });
      const g = await waitForGraph(
        page,
        'an idle and an active edge',
        (x) => x.edges.some((e) => !e.active) && x.edges.some((e) => e.active),
      );
      const idle = g.edges.filter((e) => !e.active);
      const active = g.edges.filter((e) => e.active);
      assert(
        idle.every((e) => e.opacity < 0.5),
        `idle edges faded: ${idle.map((e) => e.opacity)}`,
      );
      assert(
        active.every((e) => e.opacity === 1),
        'active edges opaque',
      );
      ctx.note(
        `idle edges: ${idle.length} (${idle.filter((e) => e.id !== INJECTED_IDLE).length} from the backend)`,
      );
    },
  },
  {
    name: 'an anomaly shows its badge, sits in the panel and focuses the graph when clicked',
    async run(ctx) {
      const page = await openPage(ctx, '/', { inject: true });
      await waitForGraph(page);
      const item = page.locator(`[data-testid="anomaly-item"][data-anomaly-id="${INJECTED_ANOMALY}"]`);
      await item.waitFor({ timeout: 15_000 });
      const g = await waitForGraph(page, 'badged nodes', (x) =>
        x.nodes.some((n) => n.anomaly === 'critical'),
      );
      const badged = g.nodes.filter((n) => n.anomaly === 'critical');
      assert(badged.length >= 2, `both ends badged: ${badged.length}`);
      assert(
        badged.every((n) => n.badge && n.badge !== 'none'),
        'badge image drawn',
      );
      assert(
        g.edges.some((e) => e.anomaly === 'critical' && e.label.startsWith('⚠')),
        'the edge is badged too',
      );
      await page.locator('[data-testid="alert-list"]').waitFor();
      await item.locator('button').click();
      await page.locator('[data-testid="anomaly-evidence"]').waitFor();
      const evidence = await page.textContent('[data-testid="anomaly-evidence"]');
      assert(/Threshold/.test(evidence) && /42/.test(evidence), `evidence shown: ${evidence}`);
      await until('focused elements', async () => (await drawn(page)).nodes.some((n) => n.focused));
      if (ctx.mode === 'mock') {
        const count = await page.locator('[data-testid="anomaly-item"]').count();
        assert(count >= 3, `the mock's own anomalies listed too: ${count}`);
      }
      await sleep(600);
      await shot(page, '02-anomaly-focused.png');
    },
  },
  {
    name: "an anomaly the backend detected (the simulator's injected one) badges the graph and shows its evidence",
    async run(ctx) {
      const page = await openPage(ctx, '/');
      await waitForGraph(page);
      // With the jar, the simulated cluster's compressed timeline (see pom.xml) injects a port scan about 80 s in.
      const item = page
        .locator('[data-testid="anomaly-item"]')
        .filter({ hasNot: page.locator(`[data-anomaly-id="${INJECTED_ANOMALY}"]`) })
        .first();
      await item.waitFor({ timeout: 150_000 });
      const g = await waitForGraph(page, 'a node badged by the detected anomaly', (x) =>
        x.nodes.some((n) => n.anomaly && n.anomaly !== 'none'),
      );
      assert(
        g.nodes.some((n) => n.anomaly && n.anomaly !== 'none' && n.badge && n.badge !== 'none'),
        'badge drawn on a node of the detected anomaly',
      );
      await item.locator('button').click();
      await page.locator('[data-testid="anomaly-evidence"]').waitFor();
      const evidence = await page.textContent('[data-testid="anomaly-evidence"]');
      assert(/Threshold/.test(evidence), `evidence shown: ${evidence}`);
      await sleep(600);
      await shot(page, '02b-detected-anomaly.png');
    },
  },
  {
    name: 'the namespace filter changes the graph and the URL',
    async run(ctx) {
      const page = await openPage(ctx, '/');
      const before = await waitForGraph(page);
      const counts = new Map();
      for (const n of before.nodes)
        if (n.namespace) counts.set(n.namespace, (counts.get(n.namespace) ?? 0) + 1);
      assert(counts.size >= 2, `need two namespaces to filter, have ${[...counts.keys()]}`);
      const chosen = [...counts.entries()].sort((a, b) => b[1] - a[1])[0][0];
      await page.click('[data-testid="namespace-filter-toggle"]');
      await page.locator(`[data-testid="namespace-option"][value="${chosen}"]`).check();
      const after = await waitForGraph(
        page,
        `only ${chosen}`,
        (x) => x.nodes.length > 0 && x.nodes.every((n) => !n.namespace || n.namespace === chosen),
      );
      assert(after.nodes.length < before.nodes.length, 'fewer nodes after filtering');
      assert(new URL(page.url()).searchParams.get('ns') === chosen, `URL holds ns: ${page.url()}`);
      await shot(page, '03-namespace-filter.png');
      await page.click('[data-testid="namespace-filter-all"]');
      await waitForGraph(
        page,
        'all namespaces again',
        (x) => new Set(x.nodes.map((n) => n.namespace).filter(Boolean)).size >= 2,
      );
    },
  },
  {
    name: 'hide system namespaces removes kube-system and friends',
    async run(ctx) {
      const page = await openPage(ctx, '/');
      await waitForGraph(page);
      await page.locator('[data-testid="hide-system"]').check();
      const g = await waitForGraph(
        page,
        'no system namespaces',
        (x) =>
          x.nodes.length > 0 && x.nodes.every((n) => !['kube-system', 'monitoring'].includes(n.namespace)),
      );
      assert(g.nodes.length > 0, 'something left');
      assert(new URL(page.url()).searchParams.get('hideSystem') === '1', 'URL holds hideSystem');
    },
  },
  {
    name: 'the level switch changes the graph (namespaces, then pods)',
    async run(ctx) {
      const page = await openPage(ctx, '/');
      await waitForGraph(page);
      await page.click('[data-testid="level-namespace"]');
      const ns = await waitForGraph(
        page,
        'namespace nodes',
        (x) =>
          x.nodes.some((n) => n.kind === 'namespace') &&
          x.nodes.every((n) => !['pod', 'workload', 'dns'].includes(n.kind)),
      );
      assert(ns.groups.length === 0, 'no namespace groups at namespace level');
      assert(new URL(page.url()).searchParams.get('level') === 'namespace', 'URL holds the level');
      await sleep(1000);
      await shot(page, '04-namespaces.png');
      await page.click('[data-testid="level-pod"]');
      await waitForGraph(
        page,
        'pod nodes',
        (x) => x.nodes.some((n) => n.kind === 'pod') && x.nodes.every((n) => n.kind !== 'workload'),
      );
      assert(new URL(page.url()).searchParams.get('level') === 'pod', 'URL holds level=pod');
      await sleep(1500);
      await shot(page, '05-pods.png');
    },
  },
  {
    name: 'a link reproduces the view (level, layout, hide-system)',
    async run(ctx) {
      const page = await openPage(ctx, '/?level=namespace&layout=force&hideSystem=1');
      await waitForGraph(page, 'namespace nodes', (x) => x.nodes.some((n) => n.kind === 'namespace'));
      assert(
        (await page.getAttribute('[data-testid="level-namespace"]', 'aria-pressed')) === 'true',
        'namespace level pressed',
      );
      assert((await page.inputValue('[data-testid="layout-switch"]')) === 'force', 'force layout chosen');
      assert(await page.isChecked('[data-testid="hide-system"]'), 'hide system checked');
      const g = await drawn(page);
      assert(!g.nodes.some((n) => n.id === 'namespace/kube-system'), 'kube-system hidden');
    },
  },
  {
    name: 'selecting an edge shows its details; search finds a node',
    async run(ctx) {
      const page = await openPage(ctx, '/');
      const g = await waitForGraph(page, 'an active edge', (x) => x.edges.some((e) => e.active));
      const edge = g.edges.find((e) => e.active);
      await page.evaluate((id) => void window.__nv.cy.getElementById(id).emit('tap'), edge.id);
      await page.locator('[data-testid="details-edge"]').waitFor();
      const text = await page.textContent('[data-testid="details-panel"]');
      assert(/Throughput/.test(text) && /Error rate/.test(text), `edge metrics shown: ${text.slice(0, 200)}`);
      assert(new URL(page.url()).searchParams.get('sel') === edge.id, 'URL holds the selection');
      const target = g.nodes.find((n) => n.label && !n.label.includes('<') && n.kind !== 'group');
      await page.fill('[data-testid="graph-search"]', target.label);
      await page.press('[data-testid="graph-search"]', 'Enter');
      await page.locator(`[data-testid="details-node"]`).waitFor();
      assert(
        (await page.getAttribute('[data-testid="details-node"]', 'data-id')) === target.id ||
          (await page.textContent('[data-testid="details-node"] h3')).includes(target.label),
        'search selected the node',
      );
      await sleep(500);
      await shot(page, '06-details.png');
    },
  },
  {
    name: 'the flow table fills, pauses and resumes',
    async run(ctx) {
      const page = await openPage(ctx, '/');
      const rows = page.locator('[data-testid="flow-table"] [data-testid="flow-row"]');
      await until('flow rows', async () => (await rows.count()) >= 5, 20_000);
      const cells = await rows.first().locator('td').allTextContents();
      assert(cells.length === 6, `six columns: ${cells}`);
      assert(/^\d\d:\d\d:\d\d\.\d{3}$/.test(cells[0]), `time column: ${cells[0]}`);
      await page.click('[data-testid="flow-pause"]');
      assert((await page.getAttribute('[data-testid="flow-pause"]', 'aria-pressed')) === 'true', 'paused');
      const first = await rows.first().getAttribute('data-flow-id');
      await sleep(2000);
      assert((await rows.first().getAttribute('data-flow-id')) === first, 'no new rows while paused');
      await shot(page, '07-flows-paused.png');
      await page.click('[data-testid="flow-pause"]');
      await until(
        'new rows after resuming',
        async () => (await rows.first().getAttribute('data-flow-id')) !== first,
        20_000,
      );
      assert((await rows.count()) <= 500, 'at most 500 rows');
    },
  },
  {
    name: 'hostile pod names, URLs and DNS names in flows run nothing',
    async run(ctx) {
      const page = await ctx.context.newPage();
      const errors = [];
      page.on('pageerror', (e) => errors.push(e.message));
      page.on('dialog', (d) => {
        errors.push(`dialog: ${d.message()}`);
        d.dismiss().catch(() => {});
      });
      await injectXssFlows(page);
      await page.goto(`${ctx.backend.url}/`);
      page.errors = errors;
      const row = page
        .locator('[data-testid="flow-table"] [data-testid="flow-row"][data-flow-id^="e2e-xss-"]')
        .first();
      await row.waitFor({ timeout: 20_000 });
      const text = await row.textContent();
      assert(text.includes('<img src=x onerror='), `payload shown as text: ${text}`);
      assert(text.includes('<script>window.__xss=2</script>'), 'URL payload shown as text');
      if (ctx.mode === 'mock') {
        // the mock's own graph has a workload named with a payload: show it in the details panel
        const g = await waitForGraph(page);
        const evil = g.nodes.find((n) => n.label?.includes('<img'));
        assert(evil, 'mock has a node named with a payload');
        await page.evaluate((id) => void window.__nv.cy.getElementById(id).emit('tap'), evil.id);
        await page.locator('[data-testid="details-node"]').waitFor();
        assert(
          (await page.textContent('[data-testid="details-node"] h3')).includes('<img src=x'),
          'node name as text',
        );
      }
      await sleep(1500);
      const result = await page.evaluate(() => ({
        xss: window.__xss,
        imgs: document.querySelectorAll('img[src="x"]').length,
        scripts: [...document.querySelectorAll('script')].filter((s) => s.textContent.includes('__xss'))
          .length,
      }));
      assert(result.xss === undefined, `payload ran: window.__xss = ${result.xss}`);
      assert(result.imgs === 0 && result.scripts === 0, `payload became markup: ${JSON.stringify(result)}`);
      await shot(page, '08-hostile-strings.png');
      return page;
    },
  },
  {
    name: 'killing and restarting the server shows reconnecting, then the graph comes back whole',
    async run(ctx) {
      const page = await openPage(ctx, '/');
      await waitForGraph(page);
      const status = page.locator('[data-testid="connection-status"]');
      await until('connected', async () => (await status.getAttribute('data-state')) === 'connected');
      await ctx.backend.stop();
      await until(
        'reconnecting',
        async () => (await status.getAttribute('data-state')) === 'reconnecting',
        15_000,
        100,
      );
      await shot(page, '09-reconnecting.png');
      await ctx.backend.start();
      await until(
        'connected again',
        async () => (await status.getAttribute('data-state')) === 'connected',
        40_000,
      );
      const g = await waitForGraph(page);
      assert(g.nodes.length > 0 && g.edges.length > 0, 'graph whole again');
      await sleep(1000);
      await shot(page, '10-reconnected.png');
    },
  },
];

// ------------------------------------------------------------------ runner
async function main() {
  const port = await freePort();
  const backend = new Backend({
    mode,
    jar: jarPath ? resolve(jarPath) : undefined,
    dist,
    extraArgs: backendArgs,
    port,
    logFile: resolve(artifacts, `backend-${mode}.log`),
  });
  console.log(
    `e2e: ${mode} backend on ${backend.url}${mode === 'mock' ? ` serving ${dist}` : ` (${jarPath})`}`,
  );
  await backend.start();
  const browser = await launchBrowser();
  const ctx = { backend, context: browser.context, mode, notes: [], note: (s) => ctx.notes.push(s) };
  let passed = 0;
  let failed = 0;
  const results = [];
  for (const t of tests) {
    if (only && !t.name.includes(only)) continue;
    const t0 = Date.now();
    ctx.notes = [];
    let page = null;
    try {
      if (!backend.proc) await backend.start();
      page = await t.run(ctx);
      const errs = [];
      for (const p of browser.context.pages()) errs.push(...(p.errors ?? []));
      assert(errs.length === 0, `errors in the page: ${errs.join(' | ')}`);
      passed++;
      console.log(
        `ok - ${t.name} (${Date.now() - t0} ms)${ctx.notes.length ? ` [${ctx.notes.join('; ')}]` : ''}`,
      );
      results.push({ name: t.name, ok: true, ms: Date.now() - t0 });
    } catch (e) {
      failed++;
      console.log(`not ok - ${t.name} (${Date.now() - t0} ms): ${e.message}`);
      results.push({ name: t.name, ok: false, ms: Date.now() - t0, error: e.message });
      const pages = browser.context.pages();
      const last = page ?? pages[pages.length - 1];
      if (last)
        await last.screenshot({ path: resolve(artifacts, `FAILED-${results.length}.png`) }).catch(() => {});
    } finally {
      for (const p of browser.context.pages()) await p.close().catch(() => {});
    }
  }
  await browser.close();
  await backend.stop();
  writeFileSync(resolve(artifacts, 'results.json'), JSON.stringify({ mode, results }, null, 2));
  console.log(`e2e: screenshots and logs in ${artifacts}`);
  console.log(`${passed} passed, ${failed} failed`);
  process.exit(failed === 0 && passed > 0 ? 0 : 1);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
