/**
 * `dataset <name> --format r|stata|sas|parquet --out <folder>`: the analysis export folder of
 * GET /datasets/:name/export written into a folder (created when missing; files of the same names are
 * replaced), on the local data directory or (`--server`) unpacked from that very route's zip. The
 * file names go to stdout, one a line; the manifest goes to stderr as one JSON line, as for the CSV.
 */
import type { Command } from 'commander';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { CohortReadModel } from '../../datasets/cohort.readModel';
import type { DatasetAnswer } from '../../datasets/dataset.answer';
import { GetDatasetQuery } from '../../datasets/datasets.query';
import { analysisFolder, type AnalysisFolder } from '../../export/analysisFormats/analysis.folder';
import { analysisExportParams } from '../../export/analysisFormats/analysisExport.params';
import { ANALYSIS_FORMATS } from '../../export/analysisFormats/analysis.table';
import { DomainError } from '../../shared/domain.error';
import { findDataset } from '../../../projections/dataset.registry';
import { onTarget } from '../cliTarget';

export const isAnalysisFormat = (format: string): boolean => ANALYSIS_FORMATS.includes(format as never);

type CutOptions = { asOf?: string; knownAt?: string; atPosition?: string };

export async function writeAnalysisExport(name: string, format: string, cut: CutOptions, out: string | undefined, command: Command, catchUpMs: number): Promise<void> {
  const { format: analysisFormat, dataset } = analysisExportParams(name, { ...cut, format });
  if (out === undefined) throw DomainError.invalid([{ field: 'out', reason: `is required with --format ${format}: the folder to write the files into` }]);
  const folder = await onTarget<AnalysisFolder>(command, {
    local: async ({ app, store, queryBus }) => {
      await app.get(CohortReadModel).waitFor(await store.headPosition(), catchUpMs);
      const answer: DatasetAnswer = await queryBus.execute(new GetDatasetQuery(dataset));
      return analysisFolder(analysisFormat, findDataset(name)!, answer);
    },
    remote: async (server) => {
      const zip = await server.bytes(`/datasets/${name}/export`, { ...cut, format, minPosition: await server.headPosition() });
      // the zip holds one folder: its files are what the local way writes
      return Object.fromEntries(Object.entries(unzipSync(zip)).map(([path, content]) => [path.split('/').pop()!, content]));
    },
  });
  const target = resolve(out);
  mkdirSync(target, { recursive: true });
  for (const [file, content] of Object.entries(folder)) {
    writeFileSync(join(target, file), content);
    process.stdout.write(`${join(target, file)}\n`);
  }
  process.stderr.write(`${JSON.stringify(JSON.parse(strFromU8(folder['manifest.json'])))}\n`);
}
