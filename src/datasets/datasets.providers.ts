/** What the datasets feature registers in the application module. */
import { CohortReadModel } from './cohort.readModel';
import { DatasetsController } from './datasets.controller';
import { GetDatasetHandler } from './datasets.query';

export const datasetsControllers = [DatasetsController];
export const datasetsProviders = [CohortReadModel, GetDatasetHandler];
