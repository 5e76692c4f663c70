import { randomBytes } from 'node:crypto';
import type { GatewayConnection } from './gateway-connection.js';
import type { Json } from './types.js';

/** Codes after which Discord does not allow a resume. */
const NON_RESUMABLE = new Set([4004, 4007, 4009, 4010, 4011, 4012, 4013, 4014]);
const BUFFER_LIMIT = 1000;

interface Session {
  id: string;
  seq: number;
  /** Every dispatch of the session, so a resume can replay what the client missed. */
  buffer: Json[];
  resumable: boolean;
  intents: number;
}

/** One shard's gateway session and the connection currently attached to it. */
export interface SessionStore {
  readonly live: boolean;
  readonly sessionId: string | undefined;
  readonly intents: number;
  readonly counts: { identify: number; resume: number; heartbeat: number };
  hasSession(): boolean;
  dispatch(type: string, data: Json): void;
  /** Starts a fresh session on `conn` (the previous one can no longer be resumed). */
  identify(conn: GatewayConnection, intents: number, ready: (sessionId: string) => [string, Json][]): void;
  /** Attaches `conn` to the session and replays dispatches after `seq`; false when not resumable. */
  resume(conn: GatewayConnection, sessionId: unknown, seq: unknown): boolean;
  closed(conn: GatewayConnection, code: number, byServer: boolean): void;
  disconnect(code: number): void;
  invalidate(): void;
  duplicateNext(): void;
}

/** Creates the session store. */
export function createSessionStore(): SessionStore {
  const counts = { identify: 0, resume: 0, heartbeat: 0 };
  let session: Session | undefined;
  let current: GatewayConnection | undefined;
  let duplicate = false;

  const send = (active: Session, payload: Json): void => {
    active.buffer.push(payload);
    if (active.buffer.length > BUFFER_LIMIT) active.buffer.shift();
    current?.send(payload);
  };
  const dispatch = (type: string, data: Json): void => {
    if (!session)
      throw new Error(
        `fake-discord: no gateway session to dispatch ${type}; await fake.waitForReady() first`,
      );
    const copies = duplicate ? 2 : 1;
    duplicate = false;
    for (let i = 0; i < copies; i += 1) {
      session.seq += 1;
      send(session, { op: 0, t: type, s: session.seq, d: data });
    }
  };

  return {
    get live() {
      return current !== undefined;
    },
    get intents() {
      return session?.intents ?? 0;
    },
    get sessionId() {
      return session?.id;
    },
    counts,
    hasSession: () => session !== undefined,
    dispatch,
    identify(conn, intents, ready) {
      if (session) session.resumable = false;
      session = { id: randomBytes(16).toString('hex'), seq: 0, buffer: [], resumable: true, intents };
      current = conn;
      counts.identify += 1;
      for (const [type, data] of ready(session.id)) dispatch(type, data);
    },
    resume(conn, sessionId, seq) {
      if (!session || session.id !== sessionId || !session.resumable || typeof seq !== 'number') return false;
      current = conn;
      for (const payload of session.buffer)
        if (typeof payload.s === 'number' && payload.s > seq) conn.send(payload);
      counts.resume += 1;
      dispatch('RESUMED', {});
      return true;
    },
    closed(conn, code, byServer) {
      if (conn === current) current = undefined;
      // A client closing with 1000/1001 ends its session on Discord; other codes keep it resumable.
      if (!byServer && (code === 1000 || code === 1001) && session && conn.identified)
        session.resumable = false;
    },
    disconnect(code) {
      if (session && NON_RESUMABLE.has(code)) session.resumable = false;
      const conn = current;
      current = undefined;
      conn?.close(code, 'fake-discord disconnect');
    },
    invalidate() {
      if (session) session.resumable = false;
      current?.send({ op: 9, d: false, s: null, t: null });
      current = undefined;
    },
    duplicateNext() {
      duplicate = true;
    },
  };
}
