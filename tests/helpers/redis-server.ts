import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { connect, createServer } from 'node:net';

/** A redis-server this test started on 127.0.0.1 (no persistence), stoppable and restartable on its port. */
export interface RedisServer {
  readonly url: string;
  readonly port: number;
  stop(): Promise<void>;
  /** Starts it again on the same port (empty: nothing is persisted). */
  start(): Promise<void>;
}

const BINARY = process.env.REDIS_SERVER_BIN ?? 'redis-server';

/** Whether a redis-server binary is available (tests needing Redis skip, saying so, when it is not). */
export const redisAvailable: boolean = spawnSync(BINARY, ['--version'], { stdio: 'ignore' }).status === 0;

/**
 * Whether the Redis suites skip: only outside CI. In CI (CI=true) a missing redis-server fails them,
 * so a run that silently tested nothing on Redis cannot pass.
 */
export const redisSkipped: boolean = !redisAvailable && process.env.CI !== 'true';

/** Why Redis tests are skipped, for `describe.skipIf(...)` titles. */
export const REDIS_SKIP_REASON = `redis-server not found (install Debian's redis-server, or set REDIS_SERVER_BIN): Redis tests skipped`;

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

const canConnect = (port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });

async function launch(port: number): Promise<ChildProcess> {
  const args = ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'];
  const child = spawn(BINARY, args, { stdio: 'ignore' });
  // A test that times out never reaches its stop(): the server still goes when the test process does.
  const orphan = () => child.kill('SIGKILL');
  process.once('exit', orphan);
  child.once('exit', () => process.off('exit', orphan));
  let exited = false;
  child.once('exit', () => (exited = true));
  for (let waited = 0; waited < 5000; waited += 10) {
    if (exited) throw new Error(`redis-server exited at once (is port ${port} taken?)`);
    if (await canConnect(port)) return child;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  child.kill('SIGKILL');
  throw new Error('redis-server did not start within 5 s');
}

/**
 * A Redis for tests that only need one (never stop it): .ci/run's (STORYBOT_TEST_REDIS_URL) when
 * set, else a private server. Pair it with a unique key prefix.
 */
export async function sharedRedis(): Promise<{ readonly url: string; close(): Promise<void> }> {
  const url = process.env.STORYBOT_TEST_REDIS_URL;
  if (url) return { url, close: () => Promise.resolve() };
  const server = await startRedisServer();
  return { url: server.url, close: () => server.stop() };
}

/** Starts a private redis-server on a random free port. */
export async function startRedisServer(): Promise<RedisServer> {
  if (!redisAvailable)
    throw new Error(`CI=true needs a redis-server: ${REDIS_SKIP_REASON.replace(/: .*$/, '')}`);
  const port = await freePort();
  let child: ChildProcess | undefined = await launch(port);
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    async stop() {
      const running = child;
      child = undefined;
      if (running?.exitCode !== null) return;
      await new Promise<void>((resolve) => {
        running.once('exit', () => resolve());
        running.kill('SIGKILL');
      });
    },
    async start() {
      child ??= await launch(port);
    },
  };
}
