import { ApiError, unknownChannel, unknownMessage } from './api-error.js';
import type { Route } from './routes.js';
import type { FakeState } from './state.js';

/** PUT /channels/{id}/messages/{id}/reactions/{emoji}/@me: the bot reacts (204), recorded in `fake.reactions`. */
export function reactionRoutes(state: FakeState): Route[] {
  return [
    {
      method: 'PUT',
      template: '/channels/{channel_id}/messages/{message_id}/reactions/{emoji_name}/@me',
      auth: true,
      handle(ctx) {
        const channel = state.world.channels.get(ctx.params.channel_id ?? '');
        if (!channel) throw unknownChannel();
        const message = state.world.messages.get(ctx.params.message_id ?? '');
        if (!message || message.deleted || message.channel_id !== channel.id) throw unknownMessage();
        const emoji = ctx.params.emoji_name ?? '';
        if (emoji === '') throw new ApiError(400, 10014, 'Unknown Emoji', 'unknown-resource');
        state.reactions.push({ channelId: channel.id, messageId: message.id, emoji, at: ctx.at });
        return { status: 204 };
      },
    },
  ];
}
