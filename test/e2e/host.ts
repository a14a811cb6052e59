import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '../..');

/** The browser-mode host, run as users run it (node main/host/cli.ts), on a data folder of its own. */
export class BrowserHost {
  readonly dataDir: string;
  private child: ChildProcess | undefined;
  url = '';
  output = '';

  constructor(dataDir?: string) {
    this.dataDir = dataDir ?? mkdtempSync(path.join(os.tmpdir(), 'parcours-e2e-'));
  }

  async start(extraArgs: string[] = []): Promise<string> {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', 'main/host/cli.ts', '--data-dir', this.dataDir, '--port', '0', ...extraArgs],
      { cwd: root, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env } },
    );
    this.child = child;
    this.output = '';
    this.url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`Hôte non démarré en 60 s :\n${this.output}`)), 60_000);
      const onData = (chunk: Buffer) => {
        this.output += chunk.toString();
        const match = /PARCOURS_URL=(\S+)/.exec(this.output);
        if (match?.[1]) {
          clearTimeout(timer);
          resolve(match[1]);
        }
      };
      child.stdout?.on('data', onData);
      child.stderr?.on('data', (c: Buffer) => (this.output += c.toString()));
      child.on('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`Hôte arrêté (code ${code}) :\n${this.output}`));
      });
    });
    return this.url;
  }

  async stop(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null) return;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      child.once('exit', () => {
        clearTimeout(timer);
        resolve();
      });
      child.kill('SIGTERM');
    });
    this.child = undefined;
  }

  async restart(): Promise<string> {
    await this.stop();
    return this.start();
  }

  dispose(): void {
    rmSync(this.dataDir, { recursive: true, force: true });
  }
}
