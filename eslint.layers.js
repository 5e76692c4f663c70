// The layer rule for src/, as an ESLint config block (eslint.config.js uses it; tests/layers.test.ts proves it fires).
import boundaries from 'eslint-plugin-boundaries';

// The layer rule (README, "Layout"): each folder of src/ may import only the folders listed for it, so the
// folders form no cycle (import-x/no-cycle covers files); discord.js only in src/discord, openai only in src/llm.
// `errors` is src/errors.ts; src/index.ts, the composition root, may import anything.
export const LAYERS = {
  logging: [],
  config: [],
  storage: ['logging'],
  // Stories from web pages and files, into the data folder.
  ingest: ['articles', 'storage', 'logging', 'errors'],
  // What readers asked: summaries of the records database.
  report: ['storage', 'text'],
  text: [],
  articles: ['logging', 'storage', 'errors', 'text'],
  // Types only (and NO_USAGE); the asker's type comes from the questions log.
  domain: ['articles', 'storage'],
  feedback: ['storage', 'logging'],
  retrieval: ['domain', 'articles', 'text', 'storage', 'logging', 'errors'],
  answering: ['domain', 'articles', 'text', 'storage', 'logging', 'errors'],
  // The model adapters implement the domain's ports; their friendly failure texts are in src/errors.ts.
  llm: ['domain', 'logging', 'errors'],
  render: ['domain', 'articles'],
  cli: ['domain', 'answering', 'render', 'articles', 'ingest', 'report', 'storage', 'logging', 'errors'],
  console: ['domain', 'answering', 'render', 'articles', 'logging', 'errors'],
  // State shared between processes (Redis) or kept in this one; wraps answering's budget and limiter.
  'shared-state': ['domain', 'answering', 'logging', 'errors'],
  discord: [
    // The runtime's type: the bot is handed the one object `createRuntime` builds.
    'engine',
    'domain',
    'shared-state',
    'answering',
    'render',
    'articles',
    'config',
    'feedback',
    'ingest',
    'storage',
    'logging',
    'errors',
  ],
  engine: [
    'domain',
    'shared-state',
    'answering',
    'retrieval',
    'llm',
    'text',
    'articles',
    'config',
    'storage',
    'logging',
    'errors',
  ],
  // One module per command (src/index.ts loads only the one asked for): each wires the runtime to its front end.
  launch: [
    'engine',
    'cli',
    'console',
    'discord',
    'shared-state',
    'articles',
    'config',
    'storage',
    'logging',
    'errors',
  ],
};
// Rooms inside a folder, in the order of the flow: each room may import the rooms listed for it (and
// whatever its folder may import); the folder's own top-level files compose the rooms and may import them all.
export const ROOMS = {
  answering: {
    // Reading the model's reply: the claims contract, markers, JSON repair, streamed replies.
    reply: [],
    prompt: ['reply'],
    // Quote and claim checks, the model check.
    grounding: ['prompt', 'reply'],
    extractive: ['reply'],
    intents: ['extractive', 'reply'],
  },
  discord: {
    render: [],
    // Delivering an answer: the bot's context, streaming into a message, stops, the stories a place sees.
    deliver: ['render'],
    // The ask pipeline: from a question (slash command, message, button) to a delivered answer.
    ask: ['deliver', 'render'],
    commands: ['ask', 'deliver', 'render'],
    // The client, its events, shards, deployment.
    runtime: ['commands', 'ask', 'deliver', 'render'],
  },
};

const roomTypes = (folder) => Object.keys(ROOMS[folder] ?? {}).map((room) => `${folder}/${room}`);
// A folder named in a layer's list stands for its top-level files and all its rooms.
const withRooms = (folders) => folders.flatMap((folder) => [folder, ...roomTypes(folder)]);
const ALL_TYPES = [...withRooms(Object.keys(LAYERS)), 'root'];
const ROOT_FILE = (name) => ({ element: { type: 'root', fileInternalPath: name } });
const allowing = (types, allowed) => ({
  to: [
    { element: { type: [...types, ...withRooms(allowed.filter((name) => name !== 'errors'))] } },
    ...(allowed.includes('errors') ? [ROOT_FILE('errors.ts')] : []),
  ],
});
const LAYER_POLICIES = [
  ...Object.entries(LAYERS).map(([type, allowed]) => ({
    from: { element: { type } },
    allow: allowing([type, ...roomTypes(type)], allowed),
  })),
  ...Object.entries(ROOMS).flatMap(([folder, rooms]) =>
    Object.entries(rooms).map(([room, inner]) => ({
      from: { element: { type: `${folder}/${room}` } },
      allow: allowing([`${folder}/${room}`, ...inner.map((name) => `${folder}/${name}`)], LAYERS[folder]),
    })),
  ),
  { from: ROOT_FILE('index.ts'), allow: { to: { element: { type: '*' } } } },
  { allow: { to: { module: { origin: ['external', 'core'] } } } },
  {
    from: { element: { type: ALL_TYPES.filter((type) => !type.startsWith('discord')) } },
    disallow: { to: { module: { source: 'discord.js' } } },
  },
  {
    from: { element: { type: ALL_TYPES.filter((type) => type !== 'llm') } },
    disallow: { to: { module: { source: 'openai' } } },
  },
];

/** eslint-plugin-boundaries over src/: a layer violation, or discord.js/openai outside their folder, is an error. */
export const layerRule = {
  files: ['src/**/*.ts'],
  plugins: { boundaries },
  settings: {
    // boundaries resolves imports through eslint-plugin-import's resolver setting.
    'import/resolver': { typescript: { project: './tsconfig.json' } },
    'boundaries/elements': [
      // Rooms first: a file in src/answering/grounding/ is of type answering/grounding, not answering.
      ...Object.keys(ROOMS).flatMap((folder) =>
        roomTypes(folder).map((type) => ({ type, pattern: `src/${type}`, partialMatch: false })),
      ),
      ...Object.keys(LAYERS).map((type) => ({ type, pattern: `src/${type}`, partialMatch: false })),
      // src/index.ts and src/errors.ts.
      { type: 'root', pattern: 'src', partialMatch: false },
    ],
  },
  rules: {
    'boundaries/dependencies': [
      'error',
      { default: 'disallow', checkAllOrigins: true, checkUnknownLocals: true, policies: LAYER_POLICIES },
    ],
  },
};
