/**
 * Reads a file of one JSON record per line, as the journals and the mailbox keep them. Every line that cannot be
 * used is reported with the file and its line number and a short reason, never its content (records can hold
 * link tokens and email addresses). A last line without its newline is a write that never finished, so it was
 * never acknowledged and is dropped; a damaged line elsewhere is skipped and what follows it is still read.
 */

export interface RecordLines<T> {
  readonly records: T[];
  readonly skipped: number;
}

export function readRecordLines<T>(
  text: string,
  file: string,
  parse: (value: unknown) => T | undefined,
  warn: (message: string) => void
): RecordLines<T> {
  const lines = text.split("\n");
  const records: T[] = [];
  let skipped = 0;
  const skip = (index: number, reason: string) => {
    skipped++;
    warn(`${file} line ${index + 1}: skipped ${reason}`);
  };
  for (const [index, line] of lines.entries()) {
    const last = index === lines.length - 1;
    if (line.trim() === "") continue;
    if (last) {
      skip(index, "a record cut short (its write never finished, so it was never acknowledged)");
      continue;
    }
    const json = parseJson(line);
    if (json === undefined) {
      skip(index, "a damaged record (not valid JSON)");
      continue;
    }
    const record = parse(json);
    if (record === undefined) skip(index, "a damaged record (not a record this file can hold)");
    else records.push(record);
  }
  return { records, skipped };
}

function parseJson(line: string): unknown {
  try {
    return JSON.parse(line) as unknown;
  } catch {
    return undefined;
  }
}
