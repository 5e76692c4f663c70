import { deflateSync } from 'node:zlib';
import type { RawData, WebSocket } from 'ws';
import type { Json } from './types.js';

/** One WebSocket connection to the fake gateway. */
export interface GatewayConnection {
  readonly identified: boolean;
  send(payload: Json): void;
  close(code: number, reason: string): void;
}

/** Callbacks from a connection into the gateway. */
export interface ConnectionHooks {
  heartbeatIntervalMs: number;
  isValidToken(token: unknown): boolean;
  violation(message: string): void;
  onHeartbeat(conn: GatewayConnection): void;
  /** Returns a close code to refuse the identify, undefined when accepted. `shard`: [shard_id, num_shards]. */
  onIdentify(conn: GatewayConnection, intents: number, shard: readonly [number, number]): number | undefined;
  /** Returns false when the session cannot be resumed. */
  onResume(conn: GatewayConnection, sessionId: unknown, seq: unknown): boolean;
  onClose(conn: GatewayConnection, code: number, byServer: boolean): void;
}

function parse(data: RawData): Json | undefined {
  try {
    const text = Array.isArray(data)
      ? Buffer.concat(data).toString('utf8')
      : Buffer.from(data as ArrayBuffer).toString('utf8');
    const value: unknown = JSON.parse(text);
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as Json) : undefined;
  } catch {
    return undefined;
  }
}

/** Discord's answer to a bad connect URL: wrong version, encoding, or compression we do not implement. */
function queryProblem(url: URL): { code: number; reason: string } | undefined {
  const version = url.searchParams.get('v');
  if (version !== '10') return { code: 4012, reason: `Invalid API version (v=${String(version)})` };
  if (url.searchParams.get('encoding') !== 'json') return { code: 4002, reason: 'encoding must be json' };
  if (url.searchParams.has('compress'))
    return { code: 4012, reason: 'zlib-stream compression is not supported by fake-discord' };
  return undefined;
}

/** Identify's `shard` field: [shard_id, num_shards] with 0 <= shard_id < num_shards; [0, 1] when absent. */
function shardOf(value: unknown): [number, number] | undefined {
  if (value === undefined) return [0, 1];
  if (!Array.isArray(value) || value.length !== 2) return undefined;
  const [id, count] = value as unknown[];
  const whole = (n: unknown): n is number => typeof n === 'number' && Number.isInteger(n);
  return whole(id) && whole(count) && id >= 0 && count >= 1 && id < count ? [id, count] : undefined;
}

/** Speaks Discord's gateway protocol (Hello, Identify, Resume, Heartbeat) on one socket. */
export function createGatewayConnection(ws: WebSocket, url: URL, hooks: ConnectionHooks): GatewayConnection {
  let identified = false;
  let identifyCompress = false;
  let closedByServer = false;

  const conn: GatewayConnection = {
    get identified() {
      return identified;
    },
    send(payload) {
      if (ws.readyState !== ws.OPEN) return;
      const text = JSON.stringify(payload);
      ws.send(identifyCompress ? deflateSync(text) : text);
    },
    close(code, reason) {
      closedByServer = true;
      if (ws.readyState === ws.OPEN || ws.readyState === ws.CONNECTING) ws.close(code, reason);
    },
  };
  const refuse = (code: number, reason: string, violation?: string): void => {
    if (violation) hooks.violation(violation);
    conn.close(code, reason);
  };

  ws.on('close', (code) => hooks.onClose(conn, code, closedByServer));
  ws.on('error', () => undefined);

  const problem = queryProblem(url);
  if (problem) {
    refuse(problem.code, problem.reason, `gateway: ${problem.reason}`);
    return conn;
  }
  conn.send({
    op: 10,
    d: { heartbeat_interval: hooks.heartbeatIntervalMs, _trace: ['["gateway-prd-fake-1",{"micros":0}]'] },
    s: null,
    t: null,
  });

  ws.on('message', (raw) => {
    const payload = parse(raw);
    if (!payload) return refuse(4002, 'Error while decoding payload.', 'gateway: undecodable payload');
    const data = (payload.d ?? {}) as Json;
    switch (payload.op) {
      case 1:
        hooks.onHeartbeat(conn);
        return conn.send({ op: 11, d: null, s: null, t: null });
      case 2:
        if (identified)
          return refuse(4005, 'Already authenticated.', 'gateway: identified twice on one connection');
        if (!hooks.isValidToken(data.token)) return refuse(4004, 'Authentication failed.');
        if (typeof data.intents !== 'number')
          return refuse(4013, 'Invalid intent(s).', 'gateway: identify without intents');
        identifyCompress = data.compress === true;
        {
          const shard = shardOf(data.shard);
          if (!shard)
            return refuse(4010, 'Invalid shard.', `gateway: invalid shard ${JSON.stringify(data.shard)}`);
          identified = true;
          const failure = hooks.onIdentify(conn, data.intents, shard);
          if (failure !== undefined) refuse(failure, 'Authentication failed.');
        }
        return;
      case 6:
        if (!hooks.isValidToken(data.token)) return refuse(4004, 'Authentication failed.');
        identified = hooks.onResume(conn, data.session_id, data.seq);
        if (!identified) conn.send({ op: 9, d: false, s: null, t: null });
        return;
      case 3:
      case 4:
      case 8:
        if (!identified)
          return refuse(4003, 'Not authenticated.', `gateway: op ${String(payload.op)} before identify`);
        return;
      default:
        return refuse(4001, 'Unknown opcode.', `gateway: unknown opcode ${String(payload.op)}`);
    }
  });
  return conn;
}
