/** The shipped rate tables, read from disk once per process. */
import { loadRateTable, type RateTable, type RateTableName } from '../stats';

const tables = new Map<RateTableName, RateTable>();

export function rateTable(name: RateTableName): RateTable {
  let table = tables.get(name);
  if (!table) tables.set(name, (table = loadRateTable(name)));
  return table;
}
