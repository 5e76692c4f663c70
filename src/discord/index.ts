export {
  createDiscordBot,
  createClient,
  type DiscordBot,
  type DiscordBotDeps,
  type DiscordBotOptions,
} from './runtime/bot.js';
export { buildCommands, type CommandOptions } from './commands/index.js';
export { deployCommands, type DeployCommandsOptions, type DeployResult } from './runtime/deploy-commands.js';
export { DiscordLoginError } from './runtime/login-error.js';
export { describeDeployError, runDeploy, type RunDeployDeps } from './runtime/run-deploy.js';
export { runBot, type RunBotDeps } from './runtime/run-bot.js';
export { createLiveStoryAdmin, type LiveStories } from './runtime/live-stories.js';
export { recommendedShards, runShards, type ShardRunOptions } from './runtime/run-shards.js';
