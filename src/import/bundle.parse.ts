/**
 * Reads a bundle's CSV texts into the facts each patient's rows state, and finds every problem a
 * bundle can have on its own (before any record is consulted): unknown files and columns, missing
 * columns, cells that are not a value of their column, rows of a patient who is not in patients.csv,
 * and two rows stating the same fact. Field checks are payloadProblems', the API's own.
 */
import { identifier, payloadProblems } from '../patients/patient.payloads';
import { importProblem, type ImportProblem } from './bundle.problem';
import { CsvSyntaxError, readCsv } from './csv.read';
import { BUNDLE_FILES, FACT_KEY, PATIENTS_FILE, columnOf, factKey, keyColumnOf, type BundleFile, type Column, type FactType } from './bundle.schema';

/** A bundle as files: name (e.g. `lesions.csv`) -> UTF-8 text. */
export type BundleFiles = Record<string, string>;

export interface RowRef {
  file: string;
  line: number;
}

export interface SourcedFact {
  type: FactType;
  data: Record<string, unknown>;
  source: RowRef;
}

export interface BundlePatient {
  patientId: string;
  /** in file order, then row order */
  facts: SourcedFact[];
  /** kinds of fact with a row that could not be read (reported already): planning must not echo them */
  unreadable: Set<FactType>;
}

export interface ParsedBundle {
  /** in the order of patients.csv */
  patients: BundlePatient[];
  /** data rows read (header lines not counted) */
  rows: number;
  problems: ImportProblem[];
}

interface Row {
  patientId: string;
  line: number;
  facts: SourcedFact[];
  readable: boolean;
}

export function parseBundle(files: BundleFiles): ParsedBundle {
  const problems: ImportProblem[] = [];
  const known = BUNDLE_FILES.map((f) => f.name);
  for (const name of Object.keys(files).filter((n) => !known.includes(n))) {
    problems.push(importProblem(name, null, null, `is not a file of a Cohort CSV bundle (${known.join(', ')})`));
  }
  if (files[PATIENTS_FILE] === undefined) problems.push(importProblem(PATIENTS_FILE, null, null, 'is missing: every bundle has one'));

  const patients = new Map<string, BundlePatient>();
  // the patients with many facts in the file being read, and the line where each was first stated
  const manyOf = new Map<BundlePatient, Map<string, number>>();
  let rows = 0;
  // patients.csv comes first in BUNDLE_FILES, so every patient is known before their facts are placed.
  for (const file of BUNDLE_FILES) {
    const text = files[file.name];
    if (text === undefined) continue;
    // each kind of fact comes from one file (SOURCE_OF_FACT): a duplicate is always in the same file
    manyOf.clear();
    // what placing the rows finds, reported after the file's own problems (readFile's), as it is found
    const placing: ImportProblem[] = [];
    let read = 0;
    const place = (row: Row | null) => {
      read += 1;
      if (row === null) return;
      let patient = patients.get(row.patientId);
      if (!patient && file.name === PATIENTS_FILE) patients.set(row.patientId, (patient = { patientId: row.patientId, facts: [], unreadable: new Set() }));
      // Without patients.csv every row would be "of an unknown patient": its absence is the one problem.
      if (!patient && files[PATIENTS_FILE] === undefined) return;
      if (!patient) {
        placing.push(importProblem(file.name, row.line, 'patient_id', `patient ${row.patientId} is not in ${PATIENTS_FILE}`));
        return;
      }
      if (!row.readable) {
        patient.unreadable.add(file.facts[0].type);
        return;
      }
      for (const fact of row.facts) {
        const first = firstLineOf(patient, fact, manyOf);
        if (first === undefined) {
          patient.facts.push(fact);
        } else {
          // one report per row: a course's start and stop share the row's treatment_id
          placing.push(duplicate(file, fact, row.patientId, first));
          break;
        }
      }
    };
    if (!readFile(file, text, problems, place)) {
      forget(file, patients);
      continue;
    }
    rows += read;
    for (const problem of placing) problems.push(problem);
  }
  return { patients: [...patients.values()], rows, problems };
}

/**
 * Reads a file's data rows, handing each to `place` as it is read (null: not even its patient can be
 * told), so that neither the cells nor the rows of a whole file (a big bundle's contacts.csv has a
 * million) are held at once; the rows' problems go to `problems` once the file is read. False when
 * the file is not CSV: that is then its one problem, and what its rows placed is to be forgotten.
 */
function readFile(file: BundleFile, text: string, problems: ImportProblem[], place: (row: Row | null) => void): boolean {
  // the file's own problems, kept back until it has been read: a file that is not CSV reports that alone
  const found: ImportProblem[] = [];
  // undefined until the header is read; null when the header has problems (every row is then in doubt)
  let columns: Column[] | null | undefined;
  // the file's columns the header leaves out: each row's payloads have them blank
  let absent: readonly Column[] = [];
  const read = (record: string[], line: number) => {
    if (columns === undefined) {
      columns = headerColumns(file, record, found);
      absent = file.columns.filter((c) => !columns?.includes(c));
    } else if (columns !== null) place(readRow(file, columns, absent, record, line, found));
  };
  try {
    readCsv(text, read);
  } catch (error) {
    if (!(error instanceof CsvSyntaxError)) throw error;
    problems.push(importProblem(file.name, error.line, null, `is not valid CSV: ${error.message}`));
    return false;
  }
  if (columns === undefined) problems.push(importProblem(file.name, 1, null, 'has no header line'));
  for (const problem of found) problems.push(problem); // a spread of a million problems would overflow the stack
  return true;
}

/**
 * Takes back what the rows of a file placed before it turned out not to be CSV: the patients of
 * patients.csv, or the facts it gave (the last of each patient's, files being read one after another)
 * and the kind it marked unreadable (each kind comes from one file).
 */
function forget(file: BundleFile, patients: Map<string, BundlePatient>): void {
  if (file.name === PATIENTS_FILE) return patients.clear();
  for (const { facts, unreadable } of patients.values()) {
    while (facts.length > 0 && facts[facts.length - 1].source.file === file.name) facts.pop();
    unreadable.delete(file.facts[0].type);
  }
}

function headerColumns(file: BundleFile, header: string[], problems: ImportProblem[]): Column[] | null {
  const before = problems.length;
  const names = file.columns.map((c) => c.name);
  header.forEach((name, index) => {
    if (!names.includes(name)) problems.push(importProblem(file.name, 1, name, `unknown column (${file.name} has ${names.join(', ')})`));
    else if (header.indexOf(name) !== index) problems.push(importProblem(file.name, 1, name, 'appears twice in the header'));
  });
  for (const column of file.columns.filter((c) => !c.optional && !header.includes(c.name))) {
    problems.push(importProblem(file.name, 1, column.name, 'missing required column'));
  }
  // A header with problems leaves every row in doubt: report the header alone rather than a cascade.
  return problems.length > before ? null : header.map((name) => file.columns.find((c) => c.name === name)!);
}

function readRow(file: BundleFile, columns: Column[], absent: readonly Column[], cells: string[], line: number, problems: ImportProblem[]): Row | null {
  if (cells.length !== columns.length) {
    problems.push(importProblem(file.name, line, null, `has ${cells.length} cells; the header has ${columns.length}`));
    return null;
  }
  // A row's problems, each once, in the order found. Made only for a row that has one: most have none,
  // and a bundle has millions of rows.
  // (typed by assertion: a `null` start would narrow them to null for the code after the closure that sets them)
  let rowProblems = null as Map<string, ImportProblem> | null;
  let unreadableColumns = null as Set<string> | null;
  const report = (column: string, reason: string) => (rowProblems ??= new Map()).set(`${column}|${reason}`, importProblem(file.name, line, column, reason));
  const values: Record<string, unknown> = {};
  for (const column of absent) values[column.field] = (column.codec.read('') as { value: unknown }).value;
  for (let index = 0; index < columns.length; index++) {
    const column = columns[index];
    const read = column.codec.read(cells[index]);
    if ('problem' in read) {
      report(column.name, read.problem);
      (unreadableColumns ??= new Set()).add(column.name);
    } else values[column.field] = read.value;
  }
  const patientProblem = identifier(values.patientId);
  if (patientProblem) report('patient_id', patientProblem);
  const facts: SourcedFact[] = [];
  // one source for the row's facts (a course's start and stop): it is read, never changed
  const source: RowRef = { file: file.name, line };
  for (const mapping of file.facts) {
    if (mapping.whenFilled && values[mapping.whenFilled] === null) continue;
    const data: Record<string, unknown> = mapping.fixed ? { ...mapping.fixed } : {};
    for (const field of mapping.fields) data[field] = values[field];
    // a cell that could not be read has been reported already; its field is missing from the payload
    for (const p of payloadProblems(mapping.type, data)) {
      const column = columnOf(file, p.field);
      if (!unreadableColumns?.has(column)) report(column, p.reason);
    }
    facts.push({ type: mapping.type, data, source });
  }
  if (rowProblems !== null) for (const problem of rowProblems.values()) problems.push(problem);
  return patientProblem ? null : { patientId: values.patientId as string, line, facts, readable: rowProblems === null };
}

/** Past this many facts of one file, a patient's are looked up in a map rather than compared one by one. */
const FEW_FACTS = 32;

/**
 * The line of the fact of the file being read that `fact` states again (same kind, same key), or
 * undefined. Files are read one after another, so a patient's facts of this file are the last of
 * their facts: the few most patients have are compared one by one, which made no map per patient and
 * no key string per fact (a third of parseBundle's time); a patient with many gets a map of them.
 */
function firstLineOf(patient: BundlePatient, fact: SourcedFact, manyOf: Map<BundlePatient, Map<string, number>>): number | undefined {
  const { facts } = patient;
  const { file } = fact.source;
  const key = factKey(fact.type, fact.data);
  const many = manyOf.get(patient);
  if (many !== undefined) return remember(many, fact, key);
  let from = facts.length;
  while (from > 0 && facts[from - 1].source.file === file) from -= 1;
  if (facts.length - from < FEW_FACTS) {
    for (let i = from; i < facts.length; i++) if (facts[i].type === fact.type && factKey(facts[i].type, facts[i].data) === key) return facts[i].source.line;
    return undefined;
  }
  const made = new Map<string, number>();
  for (let i = from; i < facts.length; i++) made.set(`${facts[i].type}|${factKey(facts[i].type, facts[i].data)}`, facts[i].source.line);
  manyOf.set(patient, made);
  return remember(made, fact, key);
}

/** The line `many` has for the fact's kind and key; a fact not there yet is remembered at its own line. */
function remember(many: Map<string, number>, fact: SourcedFact, key: string): number | undefined {
  const kindAndKey = `${fact.type}|${key}`;
  const first = many.get(kindAndKey);
  if (first === undefined) many.set(kindAndKey, fact.source.line);
  return first;
}

/** A second row stating a fact already stated, reported on the column that names the fact. */
function duplicate(file: BundleFile, fact: SourcedFact, patientId: string, firstLine: number): ImportProblem {
  const keyFields = FACT_KEY[fact.type];
  const { line } = fact.source;
  if (keyFields.length === 0) return importProblem(file.name, line, 'patient_id', `duplicate: patient ${patientId} already has a row on line ${firstLine}`);
  const named = keyFields.map((field) => `${columnOf(file, field)} ${String(fact.data[field])}`).join(', ');
  return importProblem(file.name, line, keyColumnOf(file, fact.type), `duplicate: ${named} of patient ${patientId} is already on line ${firstLine}`);
}
