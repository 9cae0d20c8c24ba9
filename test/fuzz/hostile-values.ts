/**
 * The hostile values the fuzz test mixes into requests: strings that have broken parsers, stores and templates
 * elsewhere (separators, traversal, control and unicode characters, markup, huge numbers, forged tokens), raw
 * percent-encodings a client can send but a browser never would, and JSON bodies of the wrong shape or depth.
 */
import fc from "fast-check";

/** A tag no page may ever echo unescaped: text/html answers are searched for `<x-fuzz`. */
export const markupProbe = "<x-fuzz onmouseover=alert(1)>";

export const hostileStrings: readonly string[] = [
  "",
  " ",
  "a/b",
  "a\\b",
  "a#b",
  "a?b",
  "..",
  "../..",
  "%2F",
  "%",
  "\u0000",
  "\u0007bell",
  "\r\nx-injected: 1",
  "\uFEFFbom",
  "\u202Eevil",
  "😀🏳️‍🌈",
  "ǅ̶̢̛̤",
  markupProbe,
  "\"'`;--",
  "${7*7}{{7*7}}",
  "' OR 1=1 --",
  "SELECT * FROM c",
  "__proto__",
  "constructor",
  "null",
  "undefined",
  "NaN",
  "-0",
  "-1",
  "1e309",
  "9".repeat(400),
  "x".repeat(5_000),
  "00000000-0000-0000-0000-000000000000",
  "7D5D9B52-4A0E-4B8E-9A53-1C2D3E4F5A01",
  "{7d5d9b52-4a0e-4b8e-9a53-1c2d3e4f5a01}",
  " 7d5d9b52-4a0e-4b8e-9a53-1c2d3e4f5a01",
  "eyJhIjoxfQ",
  "W10",
  "eyJ0b2tlbiI6IitSSUQ6fmFiYyIsInJhbmdlIjp7Im1pbiI6IiIsIm1heCI6IkZGIn19",
  "x.AAAAAAAAAAAAAAAAAAAAAA",
  'W"stale"',
  "*"
];

/** Percent-encodings sent as they are: invalid UTF-8, a lone `%`, encoded separators and dots. */
export const rawEncodings: readonly string[] = [
  "%FF",
  "%C0%AF",
  "%",
  "%zz",
  "%2e%2e",
  "%2F..%2F",
  "%00",
  "%5C",
  "%23",
  "%3F",
  "%20",
  "a%2Fb",
  "%ED%A0%80",
  "%E2%80%AE"
];

const shortHostileString: fc.Arbitrary<string> = fc.oneof(
  { weight: 5, arbitrary: fc.constantFrom(...hostileStrings) },
  { weight: 2, arbitrary: fc.string({ unit: "binary", maxLength: 40 }) },
  { weight: 2, arbitrary: fc.string({ unit: "grapheme", maxLength: 40 }) },
  { weight: 1, arbitrary: fc.uuid() }
);

/** Strings for bodies and forms, up to past the 64 KB body limit. */
export const hostileString: fc.Arbitrary<string> = fc.oneof(
  { weight: 10, arbitrary: shortHostileString },
  { weight: 1, arbitrary: fc.integer({ min: 300, max: 70_000 }).map((length) => "a".repeat(length)) }
);

/** Any JSON value, including the ones schemas do not expect: wrong types, huge numbers, odd keys. */
export const hostileJsonValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(null, true, false, 0, -1, 1e308, -1e308, Number.MAX_SAFE_INTEGER + 2, 0.1, "", [], {}),
  hostileString,
  fc.jsonValue({ maxDepth: 4 }),
  fc.dictionary(
    fc.constantFrom("__proto__", "constructor", "prototype", "toString", "$where", "id", "_etag"),
    fc.jsonValue({ maxDepth: 2 })
  )
);

/** A body text that is not the JSON asked for: not JSON, truncated, deeply nested, or a huge document. */
export const hostileBodyText: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    "",
    "{",
    "[",
    "}",
    "nul",
    '{"a":}',
    "'single'",
    '{"a":1,"a":2}',
    "\uFEFF{}",
    "1e99999",
    "[" + "1,".repeat(10_000) + "1]"
  ),
  fc.integer({ min: 100, max: 30_000 }).map((depth) => "[".repeat(depth) + "]".repeat(depth)),
  fc.integer({ min: 100, max: 10_000 }).map((depth) => '{"a":'.repeat(depth) + "1" + "}".repeat(depth)),
  fc.integer({ min: 65_000, max: 70_000 }).map((length) => JSON.stringify({ displayName: "x".repeat(length) })),
  hostileString
);

/** Text in the form a URL carries it: mostly our own encoding of a hostile string, sometimes raw bytes as sent. */
export const urlText: fc.Arbitrary<string> = fc.oneof(
  { weight: 400, arbitrary: shortHostileString.map((text) => encodeURIComponent(wellFormed(text))) },
  { weight: 100, arbitrary: fc.constantFrom(...rawEncodings) },
  // Long enough to pass any id or token bound; once in a while past what an HTTP server reads (431/414).
  { weight: 20, arbitrary: fc.integer({ min: 300, max: 4_000 }).map((length) => "a".repeat(length)) },
  { weight: 1, arbitrary: fc.constant("a".repeat(20_000)) }
);

/** Header values a client library can send (Latin-1 without controls): anything else never leaves the client. */
export const hostileHeaderValue: fc.Arbitrary<string> = fc.oneof(
  {
    weight: 10,
    arbitrary: fc.constantFrom(
      "",
      " ",
      "*",
      'W/"x"',
      '"stale"',
      '"',
      "Bearer",
      "Bearer ",
      "Basic YTpi",
      "Bearer a.b.c",
      "Bearer eyJhbGciOiJub25lIn0.eyJ0aWQiOiJ4In0."
    )
  },
  {
    weight: 10,
    arbitrary: fc.string({
      unit: fc.constantFrom(...Array.from({ length: 95 }, (_, i) => String.fromCharCode(32 + i))),
      maxLength: 80
    })
  },
  {
    weight: 2,
    arbitrary: fc.string({
      unit: fc.constantFrom(...Array.from({ length: 128 }, (_, i) => String.fromCharCode(128 + i))),
      minLength: 1,
      maxLength: 20
    })
  },
  { weight: 1, arbitrary: fc.constant("x".repeat(8_000)) }
);

/** Lone surrogates become U+FFFD, as a browser would send them (encodeURIComponent throws on them). */
export function wellFormed(text: string): string {
  return text.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, "\uFFFD");
}
