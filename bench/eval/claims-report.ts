import type { ClaimSets } from './claim-sets.js';
import type { CaseOutcome } from './claims.js';

type Split = 'dev' | 'held-out';
const SPLITS: readonly Split[] = ['dev', 'held-out'];

/** Shown/total for one group of cases in one mode. */
export interface Share {
  readonly shown: number;
  readonly total: number;
}

/** The issue-20 figures for one split. */
export interface ClaimFigures {
  readonly unsupportedByKind: Readonly<Record<string, { code: Share; model: Share }>>;
  readonly unsupported: { code: Share; model: Share };
  readonly faithful: { code: Share; model: Share };
  readonly aliases: { code: Share; model: Share };
  readonly realistic: Readonly<Record<'code' | 'model', RealisticFigures>>;
}

export interface RealisticFigures {
  readonly balancedAccuracy: number;
  /** Share of consistent claims removed, and of inconsistent claims caught. */
  readonly consistentRemoved: Share;
  readonly inconsistentCaught: Share;
}

const share = (outcomes: readonly CaseOutcome[], mode: 'code' | 'model'): Share => ({
  shown: outcomes.filter((outcome) => outcome[mode]).length,
  total: outcomes.length,
});

function realistic(consistent: CaseOutcome[], inconsistent: CaseOutcome[], mode: 'code' | 'model') {
  const kept = share(consistent, mode);
  const shown = share(inconsistent, mode);
  const removed = { shown: kept.total - kept.shown, total: kept.total };
  const caught = { shown: shown.total - shown.shown, total: shown.total };
  const rate = (s: Share) => (s.total === 0 ? 0 : s.shown / s.total);
  return {
    balancedAccuracy: (rate(kept) + rate(caught)) / 2,
    consistentRemoved: removed,
    inconsistentCaught: caught,
  };
}

/** Aggregates the outcomes per split: per kind shown, faithful kept, aliases kept, balanced accuracy. */
export function claimFigures(
  sets: ClaimSets,
  outcomes: Map<string, CaseOutcome>,
): Record<Split, ClaimFigures> {
  const of = (ids: readonly { id: string }[]) => ids.map((item) => outcomes.get(item.id)).filter((o) => !!o);
  const figures = {} as Record<Split, ClaimFigures>;
  for (const split of SPLITS) {
    const injected = sets.injected.filter((item) => item.split === split);
    const byKind: Record<string, { code: Share; model: Share }> = {};
    for (const kind of [...new Set(injected.map((item) => item.kind))]) {
      const group = of(injected.filter((item) => item.kind === kind));
      byKind[kind] = { code: share(group, 'code'), model: share(group, 'model') };
    }
    const faithful = of(sets.faithful.filter((item) => item.split === split));
    const aliases = of(sets.faithful.filter((item) => item.split === split && item.kind === 'alias'));
    const real = sets.realistic.filter((item) => item.split === split);
    const consistent = of(real.filter((item) => item.label === 'consistent'));
    const inconsistent = of(real.filter((item) => item.label === 'inconsistent'));
    figures[split] = {
      unsupportedByKind: byKind,
      unsupported: { code: share(of(injected), 'code'), model: share(of(injected), 'model') },
      faithful: { code: share(faithful, 'code'), model: share(faithful, 'model') },
      aliases: { code: share(aliases, 'code'), model: share(aliases, 'model') },
      realistic: {
        code: realistic(consistent, inconsistent, 'code'),
        model: realistic(consistent, inconsistent, 'model'),
      },
    };
  }
  return figures;
}

const pct = (s: Share) => `${s.shown}/${s.total} (${s.total ? Math.round((100 * s.shown) / s.total) : 0}%)`;

/** The figures as text: one block per split, code check alone and with the model check. */
export function renderClaimFigures(figures: Record<Split, ClaimFigures>): string {
  const lines: string[] = [];
  for (const split of SPLITS) {
    const f = figures[split];
    lines.push(`${split}:`, `  unsupported claims shown    code alone    with model check`);
    for (const [kind, value] of Object.entries(f.unsupportedByKind))
      lines.push(`    ${kind.padEnd(24)} ${pct(value.code).padEnd(13)} ${pct(value.model)}`);
    lines.push(
      `    ${'all kinds'.padEnd(24)} ${pct(f.unsupported.code).padEnd(13)} ${pct(f.unsupported.model)}`,
    );
    lines.push(`  faithful kept              ${pct(f.faithful.code).padEnd(13)} ${pct(f.faithful.model)}`);
    lines.push(`  alias paraphrases kept     ${pct(f.aliases.code).padEnd(13)} ${pct(f.aliases.model)}`);
    for (const mode of ['code', 'model'] as const) {
      const r = f.realistic[mode];
      lines.push(
        `  realistic (${mode === 'code' ? 'code alone' : 'with model'}): balanced accuracy ${r.balancedAccuracy.toFixed(2)}; consistent removed ${pct(r.consistentRemoved)}; inconsistent caught ${pct(r.inconsistentCaught)}`,
      );
    }
  }
  return lines.join('\n');
}
