import type { Server } from 'node:http';
import { WebSocketServer, type WebSocket } from 'ws';
import { createGatewayConnection, type ConnectionHooks } from './gateway-connection.js';
import { createSessionStore } from './gateway-session.js';
import type { Json } from './types.js';

/** What the gateway needs from the rest of the fake. */
export interface GatewayHooks {
  readonly isValidToken: (token: unknown) => boolean;
  /** Dispatches sent right after a successful Identify (READY first). */
  readyDispatches(sessionId: string, resumeUrl: string, intents: number): [string, Json][];
  /** Called on every state change so waiters can re-check. */
  onChange(): void;
  readonly violation: (message: string) => void;
}

/** The fake gateway: one shard, JSON encoding, no transport compression. */
export interface Gateway {
  readonly url: string;
  readonly live: boolean;
  readonly intents: number;
  readonly identifyCount: number;
  readonly resumeCount: number;
  readonly heartbeatCount: number;
  hasSession(): boolean;
  dispatch(type: string, data: Json): void;
  disconnect(code: number): void;
  invalidateSession(): void;
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
  const sessions = createSessionStore();
  let identifyFailure: number | undefined;
  const changed = <T>(value: T): T => {
    hooks.onChange();
    return value;
  };

  const connectionHooks: ConnectionHooks = {
    heartbeatIntervalMs,
    isValidToken: hooks.isValidToken,
    violation: hooks.violation,
    onHeartbeat: () => changed(void (sessions.counts.heartbeat += 1)),
    onIdentify(conn, intents) {
      const failure = identifyFailure;
      identifyFailure = undefined;
      if (failure !== undefined) return failure;
      sessions.identify(conn, intents, (id) => hooks.readyDispatches(id, `${baseUrl}/resume`, intents));
      return changed(undefined);
    },
    onResume: (conn, sessionId, seq) => changed(sessions.resume(conn, sessionId, seq)),
    onClose: (conn, code, byServer) => changed(sessions.closed(conn, code, byServer)),
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

  return {
    url: baseUrl,
    get live() {
      return sessions.live;
    },
    get intents() {
      return sessions.intents;
    },
    get identifyCount() {
      return sessions.counts.identify;
    },
    get resumeCount() {
      return sessions.counts.resume;
    },
    get heartbeatCount() {
      return sessions.counts.heartbeat;
    },
    hasSession: () => sessions.hasSession(),
    dispatch: (type, data) => sessions.dispatch(type, data),
    disconnect: (code) => changed(sessions.disconnect(code)),
    invalidateSession: () => changed(sessions.invalidate()),
    failNextIdentify(code) {
      identifyFailure = code;
    },
    duplicateNextDispatch: () => sessions.duplicateNext(),
    close() {
      for (const ws of sockets) ws.terminate();
      wss.close();
    },
  };
}
