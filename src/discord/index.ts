export {
  createDiscordBot,
  createClient,
  type DiscordBot,
  type DiscordBotDeps,
  type DiscordBotOptions,
} from './bot.js';
export { buildCommands, type CommandOptions } from './commands/index.js';
export { deployCommands, type DeployCommandsOptions, type DeployResult } from './deploy-commands.js';
export { DiscordLoginError } from './login-error.js';
export { describeDeployError, runDeploy, type RunDeployDeps } from './run-deploy.js';
export { createBotFor, runBot, type BotRuntime, type RunBotOptions } from './run-bot.js';
export { createLiveStoryAdmin, type LiveStories } from './live-stories.js';
export { recommendedShards, runShards, type ShardRunOptions } from './run-shards.js';
