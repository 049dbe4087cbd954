/**
 * A problem found in a bundle, placed where a data manager fixes it: file, line, column. It is a
 * FieldProblem too (field = "file:line:column"), so it travels in a DomainError and the one error
 * filter shows it like any other bad field.
 */
import type { FieldProblem } from '../shared/domain.error';

export interface ImportProblem extends FieldProblem {
  file: string;
  /** 1-based line of the CSV file (the header is line 1); null for a problem of the whole file */
  line: number | null;
  /** the column's header name; null for a problem of the whole row or file */
  column: string | null;
}

export function importProblem(file: string, line: number | null, column: string | null, reason: string): ImportProblem {
  const field = [file, line, column].filter((part) => part !== null && part !== '').join(':');
  return { field, file, line, column: column || null, reason };
}

/** Reading order: by file, then line, then column; whole-file problems first. */
export function compareProblems(a: ImportProblem, b: ImportProblem): number {
  return a.file.localeCompare(b.file) || (a.line ?? 0) - (b.line ?? 0) || (a.column ?? '').localeCompare(b.column ?? '');
}
