// `pnpm workshop`: the instructor's side of a workshop on one shared LiveKit server.
//   server: start one livekit-server on the room's network, print the learners' three lines.
//   status: one line a learner, from that server's API (--watch: again every 2 s).
import { isIP } from 'node:net';
import { parseArgs } from 'node:util';
import { repoRoot } from '../lesson/catalogue.js';
import { pc } from '../term/colors.js';
import { liveEnvironment, missingLiveVariables, readLiveUrl } from '../room/live-env.js';
import { StopRequest } from '../term/signals.js';
import { suggest } from '../term/suggest.js';
import { DEFAULT_PORTS, lanAddress, startWorkshopServer } from '../workshop/server.js';
import { formatStatus, readStatus } from '../workshop/status.js';

const COMMANDS = ['server', 'status'];

export function workshopUsage(): string {
  return [
    `${pc.bold('pnpm workshop')} <server|status> [options]`,
    '',
    "  server            start one livekit-server for the whole room, on this machine's network",
    '                    (on purpose: the one command of this project that listens beyond loopback),',
    '                    with a key and secret made for the day; prints the three lines each learner',
    '                    puts in .env.local. Whoever holds them is an administrator of the server:',
    '                    stop it (Ctrl+C) at the end of the day and they are worth nothing.',
    '    --bind <ip>     the address to listen on (default 0.0.0.0: every interface)',
    "    --node-ip <ip>  the address learners reach it at (default: this machine's first network",
    '                    address; set it when that is the wrong one, e.g. a laptop on two networks)',
    `    --port <n>      signalling, TCP (default ${DEFAULT_PORTS.port}); --tcp-port <n> media over TCP`,
    `                    (default ${DEFAULT_PORTS.tcpPort}); --udp-port <n> media over UDP (default ${DEFAULT_PORTS.udpPort})`,
    '  status            one line a learner: lesson, room, agent joined or not, last error; from the',
    '                    server in LIVEKIT_URL, LIVEKIT_API_KEY, LIVEKIT_API_SECRET (environment or .env.local)',
    '    --watch         again every 2 s until Ctrl+C',
    '  -h, --help        this help',
    '',
    'The guide: docs/workshop-server.md (before the day, on the day, firewalls, clean-up).',
  ].join('\n');
}

class Usage extends Error {}

const OPTIONS = {
  bind: { type: 'string' },
  'node-ip': { type: 'string' },
  port: { type: 'string' },
  'udp-port': { type: 'string' },
  'tcp-port': { type: 'string' },
  watch: { type: 'boolean', default: false },
  help: { type: 'boolean', short: 'h', default: false },
  color: { type: 'boolean' },
  'no-color': { type: 'boolean' },
} as const;

function parse(argv: string[]) {
  let parsed;
  try {
    parsed = parseArgs({ args: argv.filter((a) => a !== '--'), options: OPTIONS, allowPositionals: true });
  } catch (error) {
    const flag = /'(-{1,2}[^' ]+)/.exec((error as Error).message)?.[1]?.split('=')[0];
    const valid = Object.keys(OPTIONS).map((o) => `--${o}`);
    const close = flag && suggest(flag, valid);
    throw new Usage(
      flag
        ? `${flag}: ${(error as { code?: string }).code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' ? 'unknown option' : 'needs a value'}.${close ? ` Did you mean ${close}?` : ''} Valid: ${valid.join(', ')}.`
        : (error as Error).message.split('\n')[0]!,
    );
  }
  const { values, positionals } = parsed;
  const command = positionals[0];
  if (values.help) return { command: 'help' as const, values };
  if (!command)
    throw new Usage('which one? pnpm workshop server, or pnpm workshop status (--help says more).');
  if (!COMMANDS.includes(command) || positionals.length > 1) {
    const close = suggest(command, COMMANDS);
    throw new Usage(
      `unknown command "${positionals.join(' ')}".${close ? ` Did you mean ${close}?` : ''} Commands: ${COMMANDS.join(', ')}.`,
    );
  }
  const serverOnly = ['bind', 'node-ip', 'port', 'udp-port', 'tcp-port'].filter(
    (o) => values[o as 'bind'] !== undefined,
  );
  if (command === 'status' && serverOnly.length)
    throw new Usage(`--${serverOnly[0]} goes with pnpm workshop server.`);
  if (command === 'server' && values.watch) throw new Usage('--watch goes with pnpm workshop status.');
  return { command: command as 'server' | 'status', values };
}

function port(name: string, raw: string | undefined, fallback: number): number {
  if (raw === undefined) return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1 || n > 65535)
    throw new Usage(`--${name} must be a port number, 1 to 65535.`);
  return n;
}

function address(name: string, raw: string | undefined): string | undefined {
  if (raw !== undefined && !isIP(raw))
    throw new Usage(`--${name} must be an IP address, for example --${name} 192.168.1.20.`);
  return raw;
}

export async function main(argv: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parse(argv);
    if (parsed.command === 'help') {
      process.stdout.write(workshopUsage() + '\n');
      return 0;
    }
    if (parsed.command === 'status') return await status(parsed.values.watch);
    const v = parsed.values;
    const bind = address('bind', v.bind) ?? '0.0.0.0';
    const nodeIp = address('node-ip', v['node-ip']) ?? (bind !== '0.0.0.0' ? bind : lanAddress());
    if (!nodeIp)
      throw new Usage(
        "this machine has no network address learners could reach: join the room's network, or give --node-ip.",
      );
    return await serve({
      bind,
      nodeIp,
      port: port('port', v.port, DEFAULT_PORTS.port),
      udpPort: port('udp-port', v['udp-port'], DEFAULT_PORTS.udpPort),
      tcpPort: port('tcp-port', v['tcp-port'], DEFAULT_PORTS.tcpPort),
    });
  } catch (error) {
    if (!(error instanceof Usage)) throw error;
    process.stderr.write(`${pc.red('error:')} ${error.message}\n`);
    return 2;
  }
}

async function serve(options: Parameters<typeof startWorkshopServer>[1]): Promise<number> {
  const { findServer, NO_SERVER_HELP } = await import('../room/server.js');
  const binary = findServer();
  if (!binary) {
    process.stderr.write(`${pc.red('error:')} ${NO_SERVER_HELP.replace(/\n/g, '\n  ')}\n`);
    return 1;
  }
  const stop = new StopRequest();
  let server;
  try {
    server = await startWorkshopServer(binary, options);
  } catch (error) {
    stop.dispose();
    process.stderr.write(`${pc.red('error:')} ${(error as Error).message}\n`);
    return 1;
  }
  const loopback = options.bind.startsWith('127.');
  const say = (line = '') => process.stdout.write(line + '\n');
  say(pc.bold(`Workshop server: livekit-server (${binary})`));
  say(
    loopback
      ? `  Listening on ${options.bind} only (loopback): learners on other machines cannot reach it.`
      : pc.yellow(
          `  Listening on ${options.bind}:${options.port} on purpose, for the room's network: the one exception to this\n` +
            '  project\'s "loopback only". Media: UDP ' +
            `${options.udpPort}, TCP ${options.tcpPort}; learners reach it at ${options.nodeIp}.`,
        ),
  );
  say('');
  say("Each learner puts these three lines in .env.local (at the repository's root):");
  say('');
  say(`LIVEKIT_URL=${server.url}`);
  say(`LIVEKIT_API_KEY=${server.apiKey}`);
  say(`LIVEKIT_API_SECRET=${server.apiSecret}`);
  say('');
  say(pc.yellow('Whoever holds this key and secret is an administrator of this server (every room, every'));
  say(
    pc.yellow(
      'participant). They are made for today: stop the server at the end (Ctrl+C) and they are void.',
    ),
  );
  say('Learners: pnpm lesson greeting --mode live --model stand-in --learner <their id>');
  say(
    'You: pnpm workshop status --watch (with the same three lines in your .env.local). Ctrl+C stops the server.',
  );
  const died = new Promise<number>((resolve) =>
    server.process.once('exit', (code, signal) => {
      if (!stop.isRequested)
        process.stderr.write(`${pc.red('error:')} livekit-server stopped (${signal ?? `exit ${code}`}).\n`);
      resolve(1);
    }),
  );
  const why = await Promise.race([stop.requested, died]);
  if (typeof why === 'number') return why;
  say(`\n${why}: stopping livekit-server…`);
  await server.stop();
  stop.dispose();
  say("Stopped: nothing is left running, and the day's key and secret are void.");
  return 0;
}

async function status(watch: boolean): Promise<number> {
  const env = liveEnvironment(repoRoot()).values;
  const missing = missingLiveVariables(env, false);
  const url = readLiveUrl(env.LIVEKIT_URL);
  if (missing.length || !url.ok) {
    process.stderr.write(
      `${pc.red('error:')} ${missing.length ? `pnpm workshop status needs ${missing.join(', ')}` : `${(url as { problem: string }).problem}`}: ` +
        'set them to the lines pnpm workshop server printed (environment or .env.local).\n',
    );
    return 1;
  }
  const keys = {
    httpUrl: url.httpUrl,
    apiKey: env.LIVEKIT_API_KEY!.trim(),
    apiSecret: env.LIVEKIT_API_SECRET!.trim(),
  };
  const stop = watch ? new StopRequest() : undefined;
  try {
    for (;;) {
      let text: string;
      try {
        text = formatStatus(await readStatus(keys));
      } catch (error) {
        const why = /401|unauthorized|permission/i.test(String(error))
          ? 'refused the key pair'
          : 'did not answer';
        text = `${pc.red('error:')} the server at ${url.host} ${why}: check LIVEKIT_URL, LIVEKIT_API_KEY, LIVEKIT_API_SECRET.`;
        if (!watch) {
          process.stderr.write(text + '\n');
          return 1;
        }
      }
      if (!watch) {
        process.stdout.write(text + '\n');
        return 0;
      }
      if (process.stdout.isTTY) process.stdout.write('\x1b[2J\x1b[H');
      process.stdout.write(text + '\n');
      const next = await Promise.race([stop!.requested, new Promise((r) => setTimeout(r, 2000))]);
      if (typeof next === 'string') return 0;
    }
  } finally {
    stop?.dispose();
  }
}
