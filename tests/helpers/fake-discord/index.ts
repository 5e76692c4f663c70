import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { buildFakeDiscord, type FakeDiscord } from './fake-discord.js';
import { createFaults } from './faults.js';
import { createGateway } from './gateway.js';
import { createHttpHandler } from './http-handler.js';
import { callbackRoute } from './routes-callback.js';
import { appRoutes } from './routes-app.js';
import { channelRoutes } from './routes-channels.js';
import { reactionRoutes } from './routes-reactions.js';
import { threadRoutes } from './routes-threads.js';
import { webhookRoutes } from './routes-webhooks.js';
import { INTENTS, createState } from './state.js';
import type { FakeDiscordOptions, Json } from './types.js';
import { guildCreatePayload, guildsOfShard, readyPayload } from './world-payloads.js';

export type { FakeDiscord } from './fake-discord.js';
export type { FaultSpec } from './faults.js';
export type { InteractionHandle, ReplyState, WaitForReplyOptions } from './interaction-state.js';
export type { PressButtonInput, SendCommandInput } from './interactions.js';
export type * from './types.js';
export type { SendMessageInput } from './user-messages.js';

/** Starts the fake on 127.0.0.1 (random port). Always `await fake.close()` after the test. */
export async function startFakeDiscord(options: FakeDiscordOptions = {}): Promise<FakeDiscord> {
  const state = createState(options);
  const { world, waiters } = state;
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const gatewayUrl = `ws://127.0.0.1:${port}`;
  const gateway = createGateway(server, gatewayUrl, state.options.heartbeatIntervalMs, {
    isValidToken: (token) => token === world.botToken,
    readyDispatches: (sessionId, resumeUrl, intents, shard) => [
      ['READY', readyPayload(world, sessionId, resumeUrl, shard)],
      ...((intents & INTENTS.guilds) !== 0
        ? guildsOfShard(world, shard).map((id): [string, Json] => [
            'GUILD_CREATE',
            guildCreatePayload(world, id),
          ])
        : []),
    ],
    onChange: () => waiters.notify(),
    violation: (message) =>
      state.violations.push({ kind: 'gateway', method: 'WS', path: '/', message, at: Date.now() }),
  });
  state.gateway = gateway;
  const routes = [
    ...appRoutes(state, gatewayUrl, state.options.recommendedShards),
    ...channelRoutes(state),
    ...reactionRoutes(state),
    ...threadRoutes(state),
    callbackRoute(state),
    ...webhookRoutes(state),
  ];
  const faults = createFaults();
  const handler = createHttpHandler(state, routes, faults);
  server.on('request', (req, res) => void handler(req, res).catch(() => res.destroy()));

  return buildFakeDiscord({ state, gateway, faults, server, port });
}
