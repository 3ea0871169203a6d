// Starts and stops the backend the browser tests run against: the mock (node e2e/mock-server.mjs) or the real jar.
import { spawn } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = dirname(fileURLToPath(import.meta.url));

/** A free TCP port on loopback (the same port is reused across a restart). */
export function freePort() {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.unref();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

export class Backend {
  /**
   * @param {{mode: 'mock'|'jar', jar?: string, dist?: string, java?: string, extraArgs?: string[], logFile: string,
   *          port: number, readyTimeoutMs?: number}} opts
   */
  constructor(opts) {
    this.opts = opts;
    this.port = opts.port;
    this.proc = null;
    this.log = createWriteStream(opts.logFile, { flags: 'a' });
  }

  get url() {
    return `http://127.0.0.1:${this.port}`;
  }

  command() {
    const { mode, jar, dist, java, extraArgs = [] } = this.opts;
    if (mode === 'jar') {
      return [java ?? 'java', ['-jar', jar, `--port=${this.port}`, '--host=127.0.0.1', ...extraArgs]];
    }
    const args = [join(HERE, 'mock-server.mjs'), '--port', String(this.port)];
    if (dist) args.push('--dist', dist);
    return [process.execPath, [...args, ...extraArgs]];
  }

  async start() {
    const [cmd, args] = this.command();
    this.log.write(`\n--- start: ${cmd} ${args.join(' ')}\n`);
    const proc = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    this.proc = proc;
    proc.stdout.pipe(this.log, { end: false });
    proc.stderr.pipe(this.log, { end: false });
    let exited = null;
    proc.once('exit', (code, signal) => {
      exited = { code, signal };
      this.log.write(`--- exited: code ${code} signal ${signal}\n`);
    });
    const deadline = Date.now() + (this.opts.readyTimeoutMs ?? (this.opts.mode === 'jar' ? 90_000 : 15_000));
    while (Date.now() < deadline) {
      if (exited)
        throw new Error(
          `backend exited before it was ready (${JSON.stringify(exited)}); see ${this.opts.logFile}`,
        );
      try {
        const res = await fetch(`${this.url}/api/status`, { signal: AbortSignal.timeout(2000) });
        if (res.ok) return;
      } catch {
        // not up yet
      }
      await sleep(250);
    }
    throw new Error(`backend not ready within the timeout; see ${this.opts.logFile}`);
  }

  async stop() {
    const proc = this.proc;
    this.proc = null;
    if (!proc || proc.exitCode !== null || proc.signalCode !== null) return;
    const gone = new Promise((r) => proc.once('exit', r));
    proc.kill('SIGTERM');
    const timeout = sleep(10_000).then(() => 'timeout');
    if ((await Promise.race([gone, timeout])) === 'timeout') {
      proc.kill('SIGKILL');
      await gone;
    }
  }
}
