import { stringify } from "csv-stringify/sync";

export interface CsvColumn {
  key: string;
  header: string;
}

/** The header line, as csv-stringify writes it. */
export function csvHeader(columns: readonly CsvColumn[]): Buffer {
  return Buffer.from(stringify([columns.map((c) => c.header)]));
}

/** Records as CSV lines (RFC 4180, csv-stringify), in one chunk of bytes. */
export function csvChunk(records: ReadonlyArray<Record<string, string>>, columns: readonly CsvColumn[]): Buffer {
  return Buffer.from(stringify(records as Record<string, string>[], { columns: columns.map((c) => c.key) }));
}
