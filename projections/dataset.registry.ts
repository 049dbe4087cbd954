/** The analysis datasets the service offers, by name, in the order GET /datasets lists them. */
import { followUpProjection } from './followUp.projection';
import { patientsProjection } from './patients.projection';
import type { Projection } from './projection';
import { survivalProjection } from './survival.projection';
import { survivalCountingProjection } from './survivalCounting.projection';
import { timeToOnsetProjection } from './timeToOnset.projection';
import { treatmentsProjection } from './treatments.projection';
import { treatmentSummaryProjection } from './treatmentSummary.projection';

export const DATASETS: readonly Projection[] = [
  patientsProjection,
  timeToOnsetProjection,
  followUpProjection,
  survivalProjection,
  survivalCountingProjection,
  treatmentsProjection,
  treatmentSummaryProjection,
];

export const DATASET_NAMES: readonly string[] = DATASETS.map((d) => d.name);

export function findDataset(name: string): Projection | undefined {
  return DATASETS.find((d) => d.name === name);
}
