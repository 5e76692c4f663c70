import { describe, expect, it } from 'vitest';
import { ALL_FAULTS } from './helpers/soak/faults.js';
import { MODEL_FAULTS } from './helpers/soak/model-faults.js';
import { renderSoakTable } from './helpers/soak/report.js';
import { runSoak } from './helpers/soak/run-soak.js';

const CONVERSATION_BOUND = 20;

describe('soak: users asking through model, Discord and gateway faults', () => {
  it('answers or tells every question exactly once, with no crash, no leak in the logs and no Discord rule broken', async ({
    annotate,
  }) => {
    const report = await runSoak({
      users: 10,
      questions: 150,
      cooldownSeconds: 0.5,
      thinkMs: [550, 750],
      modelTimeoutMs: 600,
      replyTimeoutMs: 8_000,
      faultEvery: 3,
      dmsClosedEvery: 4,
      maxConversations: CONVERSATION_BOUND,
    });
    await annotate(renderSoakTable(report));

    expect(report.totals.asked).toBe(150);
    expect(report.lostExamples).toEqual([]);
    expect(report.totals.lost).toBe(0);
    expect(report.totals.duplicates).toBe(0);
    expect(report.crashes).toBe(0);
    expect(report.unhandledRejections).toBe(0);
    expect(report.violations).toEqual([]);

    // Every fault was injected, and every model fault met a request.
    for (const fault of ALL_FAULTS) expect(report.faults.injected[fault], fault).toBeGreaterThan(0);
    for (const fault of MODEL_FAULTS) expect(report.faults.modelFaultsMet[fault], fault).toBeGreaterThan(0);
    expect(report.gateway.resumes).toBeGreaterThan(0);
    expect(report.gateway.identifies).toBeGreaterThan(1);

    // The run was not hollow: most questions were answered, model failures said so, and some were told why.
    expect(report.totals.answered).toBeGreaterThan(report.totals.asked / 2);
    expect(report.details['answered:extractive-with-note']).toBeGreaterThan(0);
    expect(report.totals.told).toBeGreaterThan(0);

    // A user with DMs closed cannot be answered: the bot logs it once per question and does not retry.
    expect(report.undeliverable.questions).toBeGreaterThan(0);
    expect(report.undeliverable.logged).toBe(report.undeliverable.questions);
    expect(report.undeliverable.maxRefusedSendsPerQuestion).toBe(1);

    // Logs: no bot token, OpenAI key, interaction token, nor any question or DM text (each carries a marker).
    expect(report.logs.lines).toBeGreaterThan(0);
    expect(report.logs.leaks).toEqual([]);

    // Conversation memory stays within its bound however many conversations there are.
    expect(report.memory.maxConversations).toBe(CONVERSATION_BOUND);
  });
});
