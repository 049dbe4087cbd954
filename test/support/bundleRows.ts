/** Compare bundles as sets of rows: row order and column order do not matter, cell text does. */
import { parse } from 'csv-parse/sync';

/** A CSV file's data rows, each as its sorted `column=value` pairs, sorted. */
export function rowSet(text: string): string[] {
  const [header, ...rows] = parse(text) as string[][];
  return rows.map((row) => header.map((name, i) => `${name}=${row[i]}`).sort().join(',')).sort();
}
