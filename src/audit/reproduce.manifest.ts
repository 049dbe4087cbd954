/**
 * What a manifest asks to recompute: a dataset manifest (GET /datasets/:name) or an analysis manifest
 * (GET /analyses/*) turned back into the request that made it, pinned to the same knowledge point.
 * A manifest without knownAt was "latest" when it was made: its `position` pins it (for an analysis,
 * the position of its survival dataset, at which the grouping rows were read too).
 */
import { ANALYSES, type AnalysisKind } from '../analyses/analyses.handler';
import { analysisParams, type AnalysisParams } from '../analyses/analysis.params';
import { SOFTWARE_VERSION } from '../datasets/dataset.answer';
import { datasetParams, type DatasetParams } from '../datasets/datasets.params';
import { DomainError } from '../shared/domain.error';

export type Reproduction =
  | { kind: 'dataset'; params: DatasetParams; position: number; sha256: string; softwareVersion: string }
  | { kind: 'analysis'; analysis: AnalysisKind; params: AnalysisParams; position: number; sha256: string; softwareVersion: string };

type Raw = Record<string, unknown>;

const invalid = (field: string, reason: string) => DomainError.invalid([{ field, reason }]);
const text = (value: unknown) => (value === null || value === undefined ? undefined : Array.isArray(value) ? value.join(',') : String(value));

/** Compares dotted versions numerically: 1.10.0 is newer than 1.9.3. */
export function isNewerVersion(version: string, than: string): boolean {
  const [a, b] = [version, than].map((v) => v.split(/[.+-]/).slice(0, 3).map(Number));
  for (let i = 0; i < 3; i++) if ((a[i] || 0) !== (b[i] || 0)) return (a[i] || 0) > (b[i] || 0);
  return false;
}

function common(manifest: Raw): { sha256: string; softwareVersion: string } {
  const { sha256, softwareVersion } = manifest;
  if (typeof sha256 !== 'string' || !/^[0-9a-f]{64}$/.test(sha256)) throw invalid('sha256', 'must be the 64 hex digits of the manifest');
  if (typeof softwareVersion !== 'string' || !/^\d+\.\d+\.\d+/.test(softwareVersion)) throw invalid('softwareVersion', 'must be a version such as 1.2.3');
  if (isNewerVersion(softwareVersion, SOFTWARE_VERSION)) {
    throw invalid('softwareVersion', `${softwareVersion} is newer than this software (${SOFTWARE_VERSION}): it cannot promise the same result`);
  }
  return { sha256, softwareVersion };
}

const wholePosition = (value: unknown, field: string): number => {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) throw invalid(field, 'must be a whole number >= 0 (a log position)');
  return value;
};

/** Accepts the manifest itself or a whole answer that holds it under `manifest`. */
export function reproduction(body: unknown): Reproduction {
  const outer = (body ?? {}) as Raw;
  const manifest = (typeof outer.manifest === 'object' && outer.manifest !== null ? outer.manifest : outer) as Raw;
  if (typeof manifest.dataset === 'string') {
    const { sha256, softwareVersion } = common(manifest);
    const position = wholePosition(manifest.position, 'position');
    const pinned = manifest.knownAt == null && manifest.atPosition == null ? position : manifest.atPosition;
    // a de-identified answer is made again de-identified, the same way (its pseudonyms and offsets are keyed by this installation);
    // manifests from before limited data sets say only deidentified: true, which was Safe Harbor
    const deidentify = text(manifest.deidentification) ?? (manifest.deidentified === true ? 'safe-harbor' : undefined);
    const params = datasetParams(manifest.dataset, { asOf: text(manifest.asOf), knownAt: text(manifest.knownAt), atPosition: text(pinned), deidentify });
    return { kind: 'dataset', params, position, sha256, softwareVersion };
  }
  if (typeof manifest.analysis === 'string') {
    if (!ANALYSES.includes(manifest.analysis as AnalysisKind)) throw invalid('analysis', `must be one of ${ANALYSES.join(', ')}`);
    const { sha256, softwareVersion } = common(manifest);
    const datasets = Array.isArray(manifest.datasets) ? (manifest.datasets as Raw[]) : [];
    const position = wholePosition(datasets[0]?.position, 'datasets[0].position');
    // waiting and the datasets' de-identification are no parameters of the analysis result itself
    const { minPosition: _wait, deidentified: _rows, ...given } = (manifest.parameters ?? {}) as Raw;
    const raw = Object.fromEntries(Object.entries(given).map(([k, v]) => [k, text(v)]));
    if (raw.knownAt === undefined && raw.atPosition === undefined) raw.atPosition = String(position);
    return { kind: 'analysis', analysis: manifest.analysis as AnalysisKind, params: analysisParams(raw), position, sha256, softwareVersion };
  }
  throw invalid('manifest', 'must be a dataset manifest (with `dataset`) or an analysis manifest (with `analysis`)');
}
