/**
 * The one line each benchmark prints per headline figure, so `npm run bench` (`bench/run-all.ts`) can gather every
 * figure into its summary table without reading each benchmark's own layout. A benchmark run on its own prints the
 * same lines; they start with a marker so nothing else is mistaken for one.
 */

export const figureMarker = "bench-figure ";

export interface BenchFigure {
  /** The npm script's short name: "host", "servicebus", "access"... */
  readonly bench: string;
  /** What was measured, e.g. "16 receivers, journal". */
  readonly figure: string;
  /** The unit of `product` and `floor`, e.g. "msg/s". */
  readonly unit: string;
  readonly product: number;
  readonly floor: number;
  /** product/floor when more is better, floor/product when less is better (say which in `figure`). */
  readonly ratio: number;
  /** The goal as text, e.g. ">= 0.50x"; omitted when there is none. */
  readonly goal?: string;
  /** Whether the goal is met; omitted when there is no goal. */
  readonly met?: boolean;
}

/** Prints one figure line; `goalAtLeast` turns into the goal text and `met`. */
export function reportFigure(figure: Omit<BenchFigure, "goal" | "met">, goalAtLeast?: number): void {
  const goal =
    goalAtLeast === undefined ? {} : { goal: `>= ${goalAtLeast.toFixed(2)}x`, met: figure.ratio >= goalAtLeast };
  process.stdout.write(`${figureMarker}${JSON.stringify({ ...figure, ...goal })}\n`);
}

/** The figure a line holds, or undefined when the line is not a figure line. */
export function parseFigure(line: string): BenchFigure | undefined {
  if (!line.startsWith(figureMarker)) return undefined;
  try {
    return JSON.parse(line.slice(figureMarker.length)) as BenchFigure;
  } catch {
    return undefined;
  }
}
