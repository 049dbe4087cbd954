/**
 * Tables 3 and 4 of the seed study from the patients rows (their treatment summary columns): patients
 * by treatment category and best response, and patients by calcinosis agent and that agent's best
 * response. Table 4 counts patients, not courses.
 */
import type { Row } from '../../projections/projection';
import { CALCINOSIS_AGENTS, GRADES, type Grade } from '../patients/patient.vocabulary';

export type ResponseCounts = Record<Grade | 'total', number>;

export const TREATMENT_CATEGORIES = ['medical', 'surgical', 'medical_and_surgical', 'none', 'unknown'] as const;

const zero = (): ResponseCounts => ({ complete: 0, partial: 0, none: 0, unknown: 0, total: 0 });

function tally(counts: ResponseCounts, grade: unknown): void {
  if (!(GRADES as readonly unknown[]).includes(grade)) throw new RangeError(`not a response grade: ${String(grade)}`);
  counts[grade as Grade] += 1;
  counts.total += 1;
}

/** Every category, present or not, so a reader sees an empty one as 0. */
export function table3(patients: readonly Row[]): Record<(typeof TREATMENT_CATEGORIES)[number], ResponseCounts> {
  const table = Object.fromEntries(TREATMENT_CATEGORIES.map((c) => [c, zero()])) as Record<(typeof TREATMENT_CATEGORIES)[number], ResponseCounts>;
  for (const p of patients) tally(table[p.treatment_category as (typeof TREATMENT_CATEGORIES)[number]], p.best_response);
  return table;
}

/** The agents given to at least one patient, in the vocabulary's order (then any other agent by name). */
export function table4(patients: readonly Row[]): Record<string, ResponseCounts> {
  const table = new Map<string, ResponseCounts>();
  for (const p of patients) {
    // the cell lists `agent=best response` pairs
    for (const pair of p.calcinosis_agents ? String(p.calcinosis_agents).split(';') : []) {
      const [agent, grade] = pair.split('=');
      if (!table.has(agent)) table.set(agent, zero());
      tally(table.get(agent)!, grade);
    }
  }
  const order = (agent: string) => {
    const index = (CALCINOSIS_AGENTS as readonly string[]).indexOf(agent);
    return index === -1 ? CALCINOSIS_AGENTS.length : index;
  };
  return Object.fromEntries([...table].sort(([a], [b]) => order(a) - order(b) || (a < b ? -1 : a > b ? 1 : 0)));
}
