/**
 * `npm run cli -- <command>`: imports, exports, datasets, rebuilds and the other use cases of the API,
 * on the local data directory (EVENT_STORE, DATA_DIR as for the server), or with `--server URL` through a
 * server's HTTP API (cliTarget.ts). Each command lives in its
 * own file under commands/ and registers itself here.
 */
import { Command } from 'commander';
import { registerEventsCommand } from './commands/events.command';
import { registerHistoryCommand } from './commands/history.command';
import { registerVerifyCommand } from './commands/verify.command';
import { registerUserCommand } from './commands/user.command';
import { registerImportCommand } from './commands/import.command';
import { registerExportCommand } from './commands/export.command';
import { registerReportCommand } from './commands/report.command';
import { registerDemoCommand } from './commands/demo.command';
import { registerDatasetCommand } from './commands/dataset.command';
import { registerRebuildCommand } from './commands/rebuild.command';
import { registerAnalysisCommand } from './commands/analysis.command';
import { registerQualityCommand } from './commands/quality.command';
import { registerDiffCommand } from './commands/diff.command';
import { registerReproduceCommand } from './commands/reproduce.command';
import { registerAuditTrailCommand } from './commands/auditTrail.command';
import { registerCopyCommand } from './commands/copy.command';
import { registerExportFhirCommand } from './commands/exportFhir.command';
import { registerImportFhirCommand } from './commands/importFhir.command';
import { registerGenerateCommand } from './commands/generate.command';
import { registerEraseCommand } from './commands/erase.command';
import { targetOptions } from './cliTarget';

const program = targetOptions(
  new Command('cohort-chronicle').description('Cohort Chronicle: event-sourced longitudinal patient tracker').showHelpAfterError(),
);

registerEventsCommand(program);
registerHistoryCommand(program);
registerVerifyCommand(program);
registerUserCommand(program);
registerImportCommand(program);
registerExportCommand(program);
registerReportCommand(program);
registerDemoCommand(program);
registerDatasetCommand(program);
registerRebuildCommand(program);
registerAnalysisCommand(program);
registerQualityCommand(program);
registerDiffCommand(program);
registerReproduceCommand(program);
registerAuditTrailCommand(program);
registerCopyCommand(program);
registerExportFhirCommand(program);
registerImportFhirCommand(program);
registerGenerateCommand(program);
registerEraseCommand(program);

program.parseAsync(process.argv).catch((error: unknown) => {
  process.stderr.write(`error: ${error instanceof Error ? error.message : String(error)}\n`);
  // refusals say their own code (cliTarget: 2 before any request; remote 401/403: 3)
  const code = (error as { exitCode?: unknown }).exitCode;
  process.exitCode = typeof code === 'number' ? code : 1;
});
