import type { Server } from 'node:http';
import { WebSocketServer, type WebSocket } from 'ws';
import {
  createGatewayConnection,
  type ConnectionHooks,
  type GatewayConnection,
} from './gateway-connection.js';
import { createSessionStore, type SessionStore } from './gateway-session.js';
import { shardOfGuild } from './ids.js';
import type { Json } from './types.js';

/** What the gateway needs from the rest of the fake. */
export interface GatewayHooks {
  readonly isValidToken: (token: unknown) => boolean;
  /** Dispatches sent right after a successful Identify (READY first) on `shard` = [shard_id, num_shards]. */
  readyDispatches(
    sessionId: string,
    resumeUrl: string,
    intents: number,
    shard: readonly [number, number],
  ): [string, Json][];
  /** Called on every state change so waiters can re-check. */
  onChange(): void;
  readonly violation: (message: string) => void;
}

/**
 * The fake gateway: one session per shard, JSON encoding, no transport compression. Dispatches
 * about a guild go to shard (guild_id >> 22) % num_shards, everything else (DMs) to shard 0.
 */
export interface Gateway {
  readonly url: string;
  /** Every shard of the current count has a live connection. */
  readonly live: boolean;
  readonly intents: number;
  /** num_shards of the latest identify (0 before any). */
  readonly shardCount: number;
  /** Shards with a live connection right now. */
  readonly liveShards: number[];
  readonly identifyCount: number;
  readonly resumeCount: number;
  readonly heartbeatCount: number;
  hasSession(): boolean;
  /** Sends to the shard owning `guildId` (shard 0 without one); returns that shard, undefined if it has no session. */
  dispatch(type: string, data: Json, guildId?: string): number | undefined;
  /** Intents of the session that would receive an event about `guildId`. */
  intentsFor(guildId?: string): number;
  disconnect(code: number, shard?: number): void;
  invalidateSession(shard?: number): void;
  failNextIdentify(code: number): void;
  duplicateNextDispatch(): void;
  close(): void;
}

/** Attaches the gateway to the HTTP server (WebSocket upgrades on `/`, and `/resume` = resume_gateway_url). */
export function createGateway(
  server: Server,
  baseUrl: string,
  heartbeatIntervalMs: number,
  hooks: GatewayHooks,
): Gateway {
  const wss = new WebSocketServer({ noServer: true });
  const sockets = new Set<WebSocket>();
  const shards = new Map<number, SessionStore>();
  const storeOf = new WeakMap<GatewayConnection, SessionStore>();
  const retired = { identify: 0, resume: 0, heartbeat: 0 };
  let shardCount = 0;
  let identifyFailure: number | undefined;
  const changed = <T>(value: T): T => {
    hooks.onChange();
    return value;
  };
  const storeFor = (guildId?: string) =>
    shards.get(guildId === undefined || shardCount === 0 ? 0 : shardOfGuild(guildId, shardCount));
  const total = (key: keyof typeof retired) =>
    [...shards.values()].reduce((sum, store) => sum + store.counts[key], retired[key]);

  const connectionHooks: ConnectionHooks = {
    heartbeatIntervalMs,
    isValidToken: (token) => hooks.isValidToken(token),
    violation: (message) => hooks.violation(message),
    onHeartbeat: (conn) => changed(void ((storeOf.get(conn)?.counts ?? retired).heartbeat += 1)),
    onIdentify(conn, intents, shard) {
      const failure = identifyFailure;
      identifyFailure = undefined;
      if (failure !== undefined) return failure;
      const [id, count] = shard;
      if (count !== shardCount) {
        // A new shard count: the old sessions cannot be resumed, as on Discord after resharding.
        for (const store of shards.values()) {
          retired.identify += store.counts.identify;
          retired.resume += store.counts.resume;
          retired.heartbeat += store.counts.heartbeat;
        }
        shards.clear();
        shardCount = count;
      }
      let store = shards.get(id);
      if (!store) shards.set(id, (store = createSessionStore()));
      storeOf.set(conn, store);
      store.identify(conn, intents, (sessionId) =>
        hooks.readyDispatches(sessionId, `${baseUrl}/resume`, intents, shard),
      );
      return changed(undefined);
    },
    onResume(conn, sessionId, seq) {
      const store = [...shards.values()].find((candidate) => candidate.sessionId === sessionId);
      if (store) storeOf.set(conn, store);
      return changed(store ? store.resume(conn, sessionId, seq) : false);
    },
    onClose: (conn, code, byServer) => changed(storeOf.get(conn)?.closed(conn, code, byServer)),
  };

  server.on('upgrade', (req, socket, head) => {
    const url = new URL(req.url ?? '/', 'ws://127.0.0.1');
    if (url.pathname !== '/' && url.pathname !== '/resume') return void socket.destroy();
    wss.handleUpgrade(req, socket, head, (ws) => {
      sockets.add(ws);
      ws.on('close', () => sockets.delete(ws));
      createGatewayConnection(ws, url, connectionHooks);
    });
  });

  const each = (shard: number | undefined, action: (store: SessionStore) => void) => {
    for (const [id, store] of shards) if (shard === undefined || shard === id) action(store);
  };

  return {
    url: baseUrl,
    get live() {
      if (shardCount === 0) return false;
      for (let id = 0; id < shardCount; id += 1) if (!shards.get(id)?.live) return false;
      return true;
    },
    get intents() {
      return shards.get(0)?.intents ?? 0;
    },
    get shardCount() {
      return shardCount;
    },
    get liveShards() {
      return [...shards]
        .filter(([, store]) => store.live)
        .map(([id]) => id)
        .sort((a, b) => a - b);
    },
    get identifyCount() {
      return total('identify');
    },
    get resumeCount() {
      return total('resume');
    },
    get heartbeatCount() {
      return total('heartbeat');
    },
    hasSession: () => [...shards.values()].some((store) => store.hasSession()),
    dispatch(type, data, guildId) {
      const shard = guildId === undefined || shardCount === 0 ? 0 : shardOfGuild(guildId, shardCount);
      const store = shards.get(shard);
      // No session on that shard (its process is down and has not identified yet): the event is lost, as on Discord.
      if (!store?.hasSession()) return undefined;
      store.dispatch(type, data);
      return shard;
    },
    intentsFor: (guildId) => storeFor(guildId)?.intents ?? 0,
    disconnect: (code, shard) => changed(each(shard, (store) => store.disconnect(code))),
    invalidateSession: (shard) => changed(each(shard, (store) => store.invalidate())),
    failNextIdentify(code) {
      identifyFailure = code;
    },
    duplicateNextDispatch: () => each(undefined, (store) => store.duplicateNext()),
    close() {
      for (const ws of sockets) ws.terminate();
      wss.close();
    },
  };
}
