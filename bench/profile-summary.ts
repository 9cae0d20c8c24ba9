/**
 * `node dist/bench/profile-summary.js <file.cpuprofile> [top]`: sums a V8 CPU profile's self time by function and
 * by file (or package, for node_modules), and prints the largest shares. Enough to see where a process spends its
 * time without opening a profiler UI.
 */
import { readFileSync } from "node:fs";

interface ProfileNode {
  readonly id: number;
  readonly callFrame: { readonly functionName: string; readonly url: string; readonly lineNumber: number };
}

interface Profile {
  readonly nodes: readonly ProfileNode[];
  readonly samples: readonly number[];
  readonly timeDeltas: readonly number[];
}

/** node_modules paths collapse to their package; other files keep their last two path segments. */
function placeOf(url: string): string {
  if (url === "") return "(native / V8)";
  const packaged = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (packaged) return packaged[1] as string;
  if (url.startsWith("node:")) return url;
  return url.split("/").slice(-2).join("/");
}

function top(totals: Map<string, number>, all: number, count: number): string[] {
  return [...totals.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, count)
    .map(
      ([name, micros]) =>
        `${((micros / all) * 100).toFixed(1).padStart(5)}%  ${(micros / 1000).toFixed(0).padStart(7)} ms  ${name}`
    );
}

function main(file: string | undefined, count: number): void {
  if (file === undefined) throw new Error("usage: profile-summary.js <file.cpuprofile> [top]");
  const profile = JSON.parse(readFileSync(file, "utf8")) as Profile;
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const byFunction = new Map<string, number>();
  const byPlace = new Map<string, number>();
  let all = 0;
  let idle = 0;
  profile.samples.forEach((id, index) => {
    const micros = profile.timeDeltas[index] ?? 0;
    const frame = byId.get(id)?.callFrame;
    if (frame === undefined) return;
    all += micros;
    if (frame.functionName === "(idle)") idle += micros;
    const place = placeOf(frame.url);
    const name = `${frame.functionName || "(anonymous)"} ${place}${frame.url === "" ? "" : `:${frame.lineNumber + 1}`}`;
    byFunction.set(name, (byFunction.get(name) ?? 0) + micros);
    byPlace.set(place, (byPlace.get(place) ?? 0) + micros);
  });
  console.log(`${file}: ${(all / 1000).toFixed(0)} ms sampled, ${((idle / all) * 100).toFixed(1)}% idle`);
  console.log("self time by file / package:");
  for (const line of top(byPlace, all, count)) console.log(line);
  console.log("self time by function:");
  for (const line of top(byFunction, all, count)) console.log(line);
}

main(process.argv[2], Number(process.argv[3] ?? 25));
