/**
 * The skeleton of a name: what it looks like to a hurried reader, so that two names that look alike have the same
 * skeleton. Used to keep partner display names unique across partners and away from reserved names
 * (partner-names.ts). Skeletons are compared, never shown. The steps, in order:
 * 1. NFKC: compatibility forms become plain ones (fullwidth `Ｍ`, mathematical `𝐌`, ligature `ﬁ`, circled `Ⓜ`).
 * 2. NFD, then every combining mark dropped: accents go (`é` → `e`, `İ` → `I`).
 * 3. Look-alike letters of other scripts become the Latin letter they pass for (confusables.ts); every other
 *    letter is lower-cased.
 * 4. Latin letters, digits and symbols that pass for one another fold to one form (`I`, `l`, `1`, `|` → `l`;
 *    `0` → `o`; `$` → `s`; `@` → `a`).
 * 5. Anything that is not a letter or digit separates words (spaces, punctuation, invisible characters); within
 *    a word `rn` → `m` and `vv` → `w`.
 * The compact skeleton is the words run together, so `Micro soft` and `Micr0-S0ft` both read `mlcrosoft`.
 */
import { confusables, lookAlikeLatin, lookAlikePairs, lookAlikeScripts } from "./confusables";

/** The skeleton as its words, in order: `["mlcrosoft", "support"]` for "MICROSOFT support". */
export function skeletonWords(name: string): string[] {
  const folded = [...name.normalize("NFKC").normalize("NFD").replace(/\p{M}/gu, "")]
    .map((character) => confusables.get(character) ?? character.toLowerCase())
    .join("");
  const latin = [...folded].map((character) => lookAlikeLatin.get(character) ?? character).join("");
  return latin
    .split(/[^\p{L}\p{N}]+/u)
    .filter((word) => word.length > 0)
    .map((word) => lookAlikePairs.reduce((text, [pair, letter]) => text.replaceAll(pair, letter), word));
}

/** The compact skeleton: equal for names that look alike, empty for a name without letters or digits. */
export function nameSkeleton(name: string): string {
  return skeletonWords(name).join("");
}

const scriptPatterns = lookAlikeScripts.map((script) => ({
  script,
  pattern: new RegExp(`\\p{Script=${script}}`, "u")
}));

/**
 * The first word that mixes letters of two scripts that pass for Latin (a Cyrillic `М` and `і` inside a Latin
 * "Місrosoft"), with the scripts it mixes; undefined when every word keeps to one script. Names written wholly in
 * Cyrillic, Greek or any other script are fine; only the mixture is how a look-alike is made.
 */
export function mixedScriptWord(name: string): { word: string; scripts: string[] } | undefined {
  for (const word of name.normalize("NFKC").split(/[^\p{L}\p{M}\p{N}]+/u)) {
    const scripts = new Set<string>();
    for (const character of word) {
      const found = scriptPatterns.find(({ pattern }) => pattern.test(character));
      if (found) scripts.add(found.script);
    }
    if (scripts.size > 1) return { word, scripts: [...scripts] };
  }
  return undefined;
}
