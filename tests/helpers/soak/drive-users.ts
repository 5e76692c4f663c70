import type { LabelledQuestion } from '../questions.js';
import { loadQuestions } from '../questions.js';
import type { ActionResult, SoakUser } from './actions.js';
import { createFaultSchedule, type FaultSchedule } from './faults.js';
import { createRandom, type Random } from './random.js';
import { chooseAction, performAction } from './soak-user.js';
import type { SoakWorld } from './soak-world.js';

/** What driving the users needs from the run's options. */
export interface DriveOptions {
  readonly users: number;
  readonly questions: number;
  readonly faultEvery: number;
  readonly dmsClosedEvery: number;
  readonly replyTimeoutMs: number;
  readonly onProgress?: (done: number, total: number) => void;
}

/** An action's result with its late counts taken: extra replies and refused sends. */
export type SettledResult = Omit<ActionResult, 'duplicates' | 'refusedSends'> & {
  readonly duplicates: number;
  readonly refusedSends: number;
  /** When it was sent (ms since the epoch). */
  readonly at: number;
};

function settle({
  duplicates,
  refusedSends,
  ...rest
}: ActionResult & { readonly at: number }): SettledResult {
  return { ...rest, duplicates: duplicates(), refusedSends: refusedSends() };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
/** Records older than this are dropped from the fakes as the run goes (their exchanges are long over). */
const FORGET_AFTER_MS = 30_000;

function createUsers(world: SoakWorld, count: number, dmsClosedEvery: number): SoakUser[] {
  return Array.from({ length: count }, (_, i) => {
    const user = world.fake.createUser(`soaker${i}`);
    const dmsClosed = dmsClosedEvery > 0 && i % dmsClosedEvery === dmsClosedEvery - 1;
    if (dmsClosed) world.fake.blockDms(user);
    return {
      user,
      channelId: world.fake.createChannel(`soak-${i}`),
      dmChannelId: world.fake.dmChannelFor(user),
      dmsClosed,
    };
  });
}

/** A question from the labelled set, carrying a marker the logs are checked for (`soakdm…` in DMs). */
function questionText(pool: readonly LabelledQuestion[], random: Random, n: number, dm: boolean): string {
  return `${random.pick(pool).question} (ref ${dm ? 'soakdm' : 'soakq'}${n}z)`;
}

/** Every user asks its share, one after another with think time, while faults are injected. */
export async function driveUsers(
  world: SoakWorld,
  o: DriveOptions,
  thinkMs: readonly [number, number],
  seed: number,
) {
  const { fake } = world;
  const users = createUsers(world, o.users, o.dmsClosedEvery);
  const faults: FaultSchedule = createFaultSchedule(fake, world.model);
  const pool = loadQuestions();
  const paragraphs = world.articles[0]?.paragraphs.length ?? 1;
  const settled: SettledResult[] = [];
  let done = 0;
  let dispatched = 0;
  const forgetting = setInterval(() => {
    const keep = new Set(
      users
        .flatMap((u) => [u.lastAnswer?.id, u.lastGuildAnswer?.id])
        .filter((id): id is string => id !== undefined),
    );
    fake.forget(Date.now() - FORGET_AFTER_MS, keep);
    world.openai.forget();
  }, 5_000);

  const runUser = async (who: SoakUser, share: number, index: number) => {
    // One random source per user: what each user does does not depend on how the others were scheduled.
    const random = createRandom(seed + index * 7_919);
    let previous: (ActionResult & { readonly at: number }) | undefined;
    for (let i = 0; i < share; i += 1) {
      const kind = chooseAction(random, who);
      // A real user reads the answer first; the impatient one asks again at once (the cooldown answers).
      if (kind !== 'ask-impatient' && i > 0) await sleep(random.int(thinkMs[0], thinkMs[1]));
      // Counted once the previous exchange had time to settle, before its records are forgotten.
      if (previous) settled.push(settle(previous));
      dispatched += 1;
      if (o.faultEvery > 0 && dispatched % o.faultEvery === 0) faults.injectNext();
      // No await between this check and the dispatch (performAction dispatches synchronously).
      while (faults.blocked()) await faults.gate();
      const dm = kind === 'dm' || kind === 'ask-dm';
      const at = Date.now();
      const result = await performAction(
        {
          fake,
          random,
          who,
          question: questionText(pool, random, dispatched, dm),
          paragraphs,
          timeoutMs: o.replyTimeoutMs,
          onToken: (token) => world.logs.forbidToken(token),
        },
        kind,
      );
      previous = { ...result, at };
      done += 1;
      o.onProgress?.(done, o.questions);
    }
    return previous;
  };

  try {
    const base = Math.floor(o.questions / o.users);
    const last = await Promise.all(
      users.map((who, i) => runUser(who, base + (i < o.questions % o.users ? 1 : 0), i)),
    );
    return {
      users,
      faults,
      /** Call once the bot has settled: counts the last exchanges too and returns every result. */
      finish: (): SettledResult[] => {
        for (const result of last) if (result) settled.push(settle(result));
        return settled;
      },
    };
  } finally {
    clearInterval(forgetting);
  }
}
