/**
 * Comma-separated text as RFC 4180 writes it, as Excel and PowerShell's Export-Csv produce it: fields in double
 * quotes may hold commas, quotes (doubled) and line breaks; lines end in CRLF, LF or CR; a UTF-8 byte order mark
 * is dropped. Each record keeps the line it starts on, so a problem can be named where a person will look for it.
 */
export interface CsvRecord {
  /** 1-based line of the file on which the record starts. */
  readonly line: number;
  readonly cells: readonly string[];
}

export type CsvParse =
  | { readonly ok: true; readonly records: readonly CsvRecord[] }
  | { readonly ok: false; readonly line: number; readonly message: string };

export function parseCsv(text: string): CsvParse {
  const source = text.startsWith("\uFEFF") ? text.slice(1) : text;
  const records: CsvRecord[] = [];
  let cells: string[] = [];
  let cell = "";
  let line = 1;
  let recordLine = 1;
  let quoted = false;
  let quoteLine = 0;
  let afterQuote = false;

  const endCell = () => {
    cells.push(cell);
    cell = "";
    afterQuote = false;
  };
  const endRecord = () => {
    endCell();
    records.push({ line: recordLine, cells });
    cells = [];
  };

  for (let i = 0; i < source.length; i += 1) {
    const char = source[i] as string;
    if (quoted) {
      if (char === '"') {
        if (source[i + 1] === '"') {
          cell += '"';
          i += 1;
        } else {
          quoted = false;
          afterQuote = true;
        }
      } else {
        if (char === "\n" || (char === "\r" && source[i + 1] !== "\n")) line += 1;
        cell += char;
      }
      continue;
    }
    if (char === ",") endCell();
    else if (char === "\r" || char === "\n") {
      if (char === "\r" && source[i + 1] === "\n") i += 1;
      endRecord();
      line += 1;
      recordLine = line;
    } else if (char === '"' && cell.trim() === "" && !afterQuote) {
      quoted = true;
      quoteLine = line;
      cell = "";
    } else if (afterQuote && char.trim() !== "") {
      return {
        ok: false,
        line,
        message: 'has text after a closing quote; a quote inside a quoted field is written twice ("").'
      };
    } else if (!afterQuote) cell += char;
  }
  if (quoted) return { ok: false, line: quoteLine, message: "opens a quoted field that is never closed." };
  if (cell !== "" || cells.length > 0 || afterQuote) endRecord();
  return { ok: true, records: records.filter((record) => record.cells.some((value) => value.trim() !== "")) };
}
