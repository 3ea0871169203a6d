#!/usr/bin/env node
// Render cost of the web UI with a big graph: opens the built page in headless Chromium against the mock backend
// streaming N workloads / M edges (every edge's metrics change every second, ~10% flip between active and idle),
// waits for the first layout, then for --seconds records requestAnimationFrame deltas (frame times) and the cost
// of applying each delta (fold into state + build the element view + diff/apply to Cytoscape in one batch).
//
//   node e2e/perf.mjs [--scale 1000x3000] [--seconds 20] [--curve auto|bezier|haystack] [--layout layered|force]
//                     [--dist ../target/classes/public] [--json out.json]
//
// Prints a Markdown table. Numbers depend on the machine and on its load: run it on an otherwise idle machine.
import { writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
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
const scale = opt('scale', '1000x3000');
const seconds = Number(opt('seconds', 20));
const curve = opt('curve', 'auto');
const layout = opt('layout', 'layered');
const dist = resolve(opt('dist', resolve(HERE, '../../target/classes/public')));
const jsonOut = opt('json', null);

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function stats(xs) {
  if (xs.length === 0) return { n: 0, p50: NaN, p95: NaN, max: NaN, mean: NaN };
  const s = [...xs].sort((a, b) => a - b);
  const q = (p) => s[Math.min(s.length - 1, Math.floor(p * s.length))];
  return {
    n: s.length,
    p50: q(0.5),
    p95: q(0.95),
    max: s[s.length - 1],
    mean: s.reduce((a, b) => a + b, 0) / s.length,
  };
}

const f1 = (x) => (Number.isFinite(x) ? x.toFixed(1) : '–');

async function main() {
  const port = await freePort();
  const backend = new Backend({
    mode: 'mock',
    dist,
    port,
    extraArgs: [
      '--scale',
      scale,
      '--interval',
      opt('interval', '1000'),
      '--flow-rate',
      opt('flow-rate', '50'),
    ],
    logFile: '/dev/null',
  });
  await backend.start();
  const browser = await launchBrowser();
  try {
    const page = await browser.context.newPage();
    if (curve !== 'auto') await page.addInitScript((c) => (window.__nvCurve = c), curve);
    if (args.includes('--no-pulse')) await page.addInitScript(() => (window.__nvNoPulse = true));
    const t0 = Date.now();
    await page.goto(`${backend.url}/${layout === 'force' ? '?layout=force' : ''}`);
    const wantEdges = Number(scale.split('x')[1]);
    for (;;) {
      const n = await page.evaluate(() => (window.__nv ? window.__nv.cy.edges().length : 0));
      if (n >= wantEdges * 0.95) break;
      if (Date.now() - t0 > 120_000) throw new Error('graph did not load within 120 s');
      await sleep(250);
    }
    const loadMs = Date.now() - t0;
    // let the first layout and the first few deltas settle
    await sleep(3000);
    const before = await page.evaluate(() => ({
      layouts: window.__nv.layouts.slice(),
      samples: window.__nv.samples.length,
      nodes: window.__nv.cy.nodes().length,
      edges: window.__nv.cy.edges().length,
      activeEdges: window.__nv.cy.edges('[?active]').length,
      curve: window.__nv.cy.edges().first().style('curve-style'),
    }));
    await page.evaluate(() => {
      window.__frames = [];
      let last = 0;
      const tick = (t) => {
        if (last) window.__frames.push(t - last);
        last = t;
        window.__frameRaf = requestAnimationFrame(tick);
      };
      window.__frameRaf = requestAnimationFrame(tick);
      window.__sampleStart = window.__nv.samples.length;
    });
    await sleep(seconds * 1000);
    const result = await page.evaluate(() => {
      cancelAnimationFrame(window.__frameRaf);
      return {
        frames: window.__frames,
        samples: window.__nv.samples
          .slice(-Math.min(window.__nv.samples.length, 300))
          .filter((s) => s.kind === 'delta'),
        activeEdges: window.__nv.cy.edges('[?active]').length,
      };
    });
    const frames = stats(result.frames);
    const recent = result.samples.slice(-Math.max(1, Math.round(seconds)));
    const total = stats(recent.map((s) => s.applyMs + s.buildMs + s.syncMs));
    const apply = stats(recent.map((s) => s.applyMs));
    const build = stats(recent.map((s) => s.buildMs));
    const sync = stats(recent.map((s) => s.syncMs));
    const firstLayout = before.layouts[0];
    const report = {
      scale,
      seconds,
      layout,
      curve: before.curve,
      machine: `${cpus().length} cores, ${cpus()[0]?.model ?? '?'}`,
      loadMs,
      nodes: before.nodes,
      edges: before.edges,
      activeEdges: result.activeEdges,
      firstLayout,
      frames,
      fps: (1000 * frames.n) / result.frames.reduce((a, b) => a + b, 0),
      deltaTotal: total,
      deltaApply: apply,
      deltaBuild: build,
      deltaSync: sync,
      updatedPerDelta: stats(recent.map((s) => s.updated)),
    };
    console.log(
      `## render cost: ${scale} (${before.nodes} elements incl. namespace groups, ${before.edges} edges), ` +
        `${layout} layout asked (${firstLayout?.name} ran), ${before.curve} edges, ${seconds} s, ${report.machine}`,
    );
    console.log('');
    console.log('| measure | p50 | p95 | max | n |');
    console.log('|---|---|---|---|---|');
    console.log(
      `| frame time (rAF delta), ms | ${f1(frames.p50)} | ${f1(frames.p95)} | ${f1(frames.max)} | ${frames.n} |`,
    );
    console.log(
      `| one delta, total (state + view + Cytoscape), ms | ${f1(total.p50)} | ${f1(total.p95)} | ${f1(total.max)} | ${total.n} |`,
    );
    console.log(
      `| — fold into state, ms | ${f1(apply.p50)} | ${f1(apply.p95)} | ${f1(apply.max)} | ${apply.n} |`,
    );
    console.log(
      `| — build element view, ms | ${f1(build.p50)} | ${f1(build.p95)} | ${f1(build.max)} | ${build.n} |`,
    );
    console.log(
      `| — diff + cy.batch apply, ms | ${f1(sync.p50)} | ${f1(sync.p95)} | ${f1(sync.max)} | ${sync.n} |`,
    );
    console.log('');
    console.log(
      `frames per second: ${f1(report.fps)}; elements updated per delta: p50 ${report.updatedPerDelta.p50}; ` +
        `active (pulsing) edges: ${result.activeEdges}; page load to full graph: ${loadMs} ms; ` +
        `first layout (${firstLayout?.name}, ${firstLayout?.nodes} nodes): ${f1(firstLayout?.ms)} ms`,
    );
    if (jsonOut) writeFileSync(jsonOut, JSON.stringify(report, null, 2));
  } finally {
    await browser.close();
    await backend.stop();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
