/**
 * Where a bundle comes from (a folder, a zip, uploaded files) and its fingerprint. Shell code: it
 * reads the disk and hashes; everything after it works on BundleFiles.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { DomainError } from '../shared/domain.error';
import type { BundleFiles } from './bundle.parse';

const isCsv = (name: string) => name.toLowerCase().endsWith('.csv');

/** The CSV files of a folder (other files, such as a README, are not part of the bundle). */
export function readBundleFolder(folder: string): BundleFiles {
  const names = readdirSync(folder, { withFileTypes: true }).filter((entry) => entry.isFile() && isCsv(entry.name));
  return Object.fromEntries(names.map((entry) => [entry.name, readFileSync(join(folder, entry.name), 'utf8')]));
}

/** The CSV files of a zip, wherever they sit in it (a zipped folder keeps its folder name). */
export function unzipBundle(zip: Uint8Array): BundleFiles {
  let entries: Record<string, Uint8Array>;
  try {
    entries = unzipSync(zip, { filter: (file) => isCsv(file.name) && !file.name.startsWith('__MACOSX/') });
  } catch (error) {
    throw DomainError.invalid([{ field: 'file', reason: `is not a readable zip archive (${(error as Error).message})` }]);
  }
  const files: BundleFiles = {};
  for (const [path, bytes] of Object.entries(entries)) {
    const name = basename(path);
    if (name in files) throw DomainError.invalid([{ field: 'file', reason: `holds two files named ${name}` }]);
    files[name] = strFromU8(bytes);
  }
  return files;
}

/**
 * The bundle's SHA-256: over its files in name order, each as `name NUL length NUL text` (UTF-8), so
 * a folder and a zip of the same files have the same fingerprint, whatever the zip's file order.
 */
export function bundleSha256(files: BundleFiles): string {
  const hash = createHash('sha256');
  for (const name of Object.keys(files).sort()) {
    const text = Buffer.from(files[name], 'utf8');
    hash.update(`${name}\0${text.length}\0`).update(text);
  }
  return hash.digest('hex');
}

/** The shipped synthetic cohort (demo/mayo-2012-synthetic), from the sources or from the build in dist/. */
export function demoBundleFolder(): string {
  const candidates = [join(__dirname, '..', '..', 'demo', 'mayo-2012-synthetic'), join(__dirname, '..', '..', '..', 'demo', 'mayo-2012-synthetic')];
  const found = candidates.find((folder) => existsSync(join(folder, 'patients.csv')));
  if (!found) throw new Error(`the demo cohort is missing: looked in ${candidates.join(' and ')}`);
  return found;
}
