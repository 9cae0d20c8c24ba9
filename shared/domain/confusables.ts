/**
 * Our own table of letters that look like Latin letters, for the name skeleton (name-skeleton.ts). Unicode's
 * confusables list (UTS #39) has thousands of entries; this keeps the common ones a phisher reaches for when
 * imitating a Latin-script brand: Cyrillic, Greek, Armenian and Cherokee look-alikes, Latin small capitals and
 * IPA letters, and a few letters that do not decompose (ø, ł, ß). Each maps to the lower-case ASCII it passes for.
 * Upper- and lower-case forms are listed apart because some differ (Greek Η passes for H, η for n).
 *
 * NFKC has already folded fullwidth and mathematical letters (Ｍ, 𝐌 → M) and NFD has split accents off, so
 * neither needs an entry here. Digits and symbols that pass for letters are in `lookAlikeLatin`, applied last.
 */

/** Characters of other scripts → the Latin letters they pass for. */
const byPrototype: Readonly<Record<string, string>> = {
  a: "АаΑαɑᴀᎪ",
  b: "ВвЬьΒβʙᏴ",
  c: "СсϹϲςᴄᏟ",
  d: "ԀԁᴅđĐ",
  e: "ЕеЁёΕεᴇᎬ",
  g: "ɡɢցᏀ",
  h: "НнҺһΗʜհᎻħĦ",
  i: "ІіΙιɩɪıӀ",
  j: "ЈјȷᴊᎫ",
  k: "КкΚκᴋᏦ",
  l: "ӏʟᏞłŁ",
  m: "МмΜᴍᎷ",
  n: "ΝηпɴՈո",
  o: "ОоΟοσᴏՕօøØ",
  p: "РрΡρᴘᏢ",
  q: "Ԛԛզ",
  r: "гʀ",
  s: "ЅѕꜱՏᏚ",
  t: "ТтΤτᴛᎢ",
  u: "υμᴜՍս",
  v: "νᴠᏙ",
  w: "ԜԝωᴡᎳ",
  x: "ХхΧχ",
  y: "УуҮүΥγʏ",
  z: "ΖᴢᏃ",
  ss: "ß",
  ae: "æÆ",
  oe: "œŒ"
};

export const confusables: ReadonlyMap<string, string> = new Map(
  Object.entries(byPrototype).flatMap(([prototype, lookAlikes]) =>
    [...lookAlikes].map((character) => [character, prototype] as const)
  )
);

/**
 * After lower-casing: Latin letters, digits and symbols that pass for one another, folded to one form each.
 * `i`, `l`, `1` and `|` all become `l` (an upper-case I is a lower-case l in most sans-serif fonts), `0` becomes
 * `o`, and the `$` and `@` of "Micro$oft" and "P@rtner" become `s` and `a`.
 */
export const lookAlikeLatin: ReadonlyMap<string, string> = new Map([
  ["i", "l"],
  ["1", "l"],
  ["|", "l"],
  ["0", "o"],
  ["$", "s"],
  ["@", "a"]
]);

/** Letter pairs that read as one letter at a glance ("rn" for "m", "vv" for "w"), folded after the rest. */
export const lookAlikePairs: readonly (readonly [pair: string, letter: string])[] = [
  ["rn", "m"],
  ["vv", "w"]
];

/** Scripts whose letters pass for Latin ones; a word mixing two of them is refused (see partner-names.ts). */
export const lookAlikeScripts = ["Latin", "Cyrillic", "Greek", "Armenian", "Cherokee"] as const;
