import { type DynamicModule, Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import type { AppConfig } from './config';
import type { EventStore } from './eventStore/eventStore.port';
import { EVENT_STORE, openEventStore } from './eventStore/openEventStore';
import { PatientCommandHandler } from './http/patientCommand.handler';
import { GetPatientEventsHandler, GetPatientHandler, GetPatientHistoryHandler } from './http/patientQueries.handler';
import { ListPatientsHandler, PatientListReadModel } from './http/patientList.readModel';
import { PatientsController } from './http/patients.controller';
import { HealthController } from './http/health.controller';
import { AuditController } from './http/audit.controller';
import { ImportBundleHandler } from './import/importBundle.handler';
import { ImportsController } from './import/imports.controller';
import { ExportBundleHandler } from './export/exportBundle.handler';
import { ExportsController } from './export/exports.controller';
import { CohortReportHandler } from './reports/cohortReport.handler';
import { ReportsController } from './reports/reports.controller';
import { CLOCK, type Clock, systemClock } from './shared/clock';
import { authControllers, authImports, authProviders } from './auth/auth.providers';
import { datasetsControllers, datasetsProviders } from './datasets/datasets.providers';
import { AnalysesController } from './http/analyses.controller';
import { AnalysisHandler } from './analyses/analyses.handler';
import { QualityController } from './http/quality.controller';
import { QualityHandler } from './audit/quality.handler';
import { DatasetDiffController } from './audit/datasetDiff.controller';
import { DatasetDiffHandler } from './audit/datasetDiff.handler';
import { ReproduceController } from './audit/reproduce.controller';
import { ReproduceHandler } from './audit/reproduce.handler';
import { AuditTrailController } from './audit/trail.controller';
import { ErasureController } from './erasure/erasure.controller';
import { erasureProviders } from './erasure/erasure.providers';
import { fhirControllers, fhirProviders } from './fhir/fhir.providers';
import { AnalysisExportController } from './export/analysisFormats/analysisExport.controller';
import { EventStreamController } from './subscriptions/eventStream.controller';
import { EventStreams } from './subscriptions/eventStreams.service';
import { logAccessOn } from './auth/accessLog.routes';

export interface AppOptions {
  config: AppConfig;
  /** tests inject a store (to inspect it) and a clock (to control record time) */
  store?: EventStore;
  clock?: Clock;
}

@Module({})
export class AppModule implements OnApplicationShutdown {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  static forRoot({ config, store, clock }: AppOptions): DynamicModule {
    return {
      module: AppModule,
      imports: [CqrsModule.forRoot(), ...authImports],
      controllers: logAccessOn([...authControllers, PatientsController, HealthController, AuditController, ImportsController, ExportsController, ReportsController, AnalysesController, QualityController, DatasetDiffController, ReproduceController, AuditTrailController, ErasureController, ...datasetsControllers, ...fhirControllers, AnalysisExportController, EventStreamController]),
      providers: [
        { provide: 'CONFIG', useValue: config },
        ...erasureProviders(config, () => store ?? openEventStore(config, { writerThread: true })),
        { provide: CLOCK, useValue: clock ?? systemClock },
        ...authProviders(config),
        ...datasetsProviders,
        ...fhirProviders,
        PatientCommandHandler,
        GetPatientHandler,
        GetPatientEventsHandler,
        GetPatientHistoryHandler,
        PatientListReadModel,
        ListPatientsHandler,
        ImportBundleHandler,
        ExportBundleHandler,
        CohortReportHandler,
        AnalysisHandler,
        QualityHandler,
        DatasetDiffHandler,
        ReproduceHandler,
        EventStreams,
      ],
    };
  }

  async onApplicationShutdown(): Promise<void> {
    await this.store.close();
  }
}
