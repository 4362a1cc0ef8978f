import type { Summary } from './stats.ts';

/** One line of the results: a measure's median, min and max over its samples. */
export interface ResultRow extends Summary {
  section: 'cold start' | 'sync' | 'memory' | 'validation';
  measure: string;
  unit: string;
  note?: string;
}

/** One quality bar of SPEC §6 and whether the run met it. */
export interface BarResult {
  bar: string;
  /** The measured ratio (or growth) compared with the limit. */
  measured: number;
  limit: number;
  met: boolean;
  note: string;
}

/** A row built from a summary. */
export function resultRow(section: ResultRow['section'], measure: string, unit: string, summary: Summary, note?: string): ResultRow {
  return note === undefined ? { section, measure, unit, ...summary } : { section, measure, unit, ...summary, note };
}
