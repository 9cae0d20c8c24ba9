/**
 * A small, honest reader for the Bicep in infra/: a lexer (single-quoted strings with escapes and `${}`
 * interpolation, ''' multi-line strings, comments, identifiers, numbers, punctuation) and a parser for top-level
 * declarations and literal values (objects, arrays, strings, numbers, booleans, null). Anything else — a function
 * call, a ternary, a loop — is kept as an opaque expression of tokens. It is not a Bicep compiler: it knows no
 * resource types or property schemas, and it does not evaluate expressions.
 */
import { readFileSync } from "node:fs";

export type TokenKind = "identifier" | "number" | "string" | "punct" | "newline";

export interface Token {
  readonly kind: TokenKind;
  readonly text: string;
  readonly line: number;
  readonly column: number;
  /** For a string without interpolation: its value, escapes decoded. */
  readonly value?: string;
  /** For a string with `${...}`: the tokens of each interpolated expression. */
  readonly interpolations?: readonly (readonly Token[])[];
}

export class BicepSyntaxError extends Error {
  override readonly name = "BicepSyntaxError";
  constructor(message: string, readonly line: number, readonly column: number) {
    super(`${line}:${column}: ${message}`);
  }
}

const punctuation = ["==", "!=", "<=", ">=", "&&", "||", "??", "=>", ".?", "::", "{", "}", "[", "]", "(", ")", ",", ":", ".", "?", "=", "!", "<", ">", "+", "-", "*", "/", "%", "@", "|"];
const escapes: Record<string, string> = { "\\": "\\", "'": "'", n: "\n", r: "\r", t: "\t", $: "$" };
const openers: Record<string, string> = { "(": ")", "[": "]", "{": "}" };
const closers = new Set([")", "]", "}"]);

/** Lexes a whole file; throws BicepSyntaxError for a tab, an unterminated string or comment, or a stray character. */
export function lexBicep(source: string): Token[] {
  const lexer = new Lexer(source);
  const tokens = lexer.lex(false);
  if (lexer.position < source.length) lexer.fail("unmatched '}'");
  return tokens;
}

class Lexer {
  position = 0;
  private line = 1;
  private lineStart = 0;

  constructor(private readonly source: string) {}

  fail(message: string): never {
    throw new BicepSyntaxError(message, this.line, this.position - this.lineStart + 1);
  }

  /** Lexes until the end, or (inside an interpolation) until the `}` that closes it. */
  lex(insideInterpolation: boolean): Token[] {
    const tokens: Token[] = [];
    let braceDepth = 0;
    const src = this.source;
    while (this.position < src.length) {
      const char = src[this.position] as string;
      const line = this.line;
      const column = this.position - this.lineStart + 1;
      if (char === "\t") this.fail("tab character (Bicep files here indent with spaces)");
      if (char === " ") {
        this.position++;
      } else if (char === "\n" || (char === "\r" && src[this.position + 1] === "\n")) {
        if (insideInterpolation) this.fail("line break inside an interpolation");
        this.position += char === "\r" ? 2 : 1;
        tokens.push({ kind: "newline", text: "\n", line, column });
        this.newLine();
      } else if (src.startsWith("//", this.position)) {
        while (this.position < src.length && src[this.position] !== "\n") this.position++;
      } else if (src.startsWith("/*", this.position)) {
        const end = src.indexOf("*/", this.position + 2);
        if (end < 0) this.fail("unterminated /* comment");
        const text = src.slice(this.position, end + 2);
        for (let i = 0; i < text.length; i++) if (text[i] === "\n") this.newLineAt(this.position + i + 1);
        this.position = end + 2;
        if (text.includes("\n")) tokens.push({ kind: "newline", text: "\n", line, column });
      } else if (src.startsWith("'''", this.position)) {
        const end = src.indexOf("'''", this.position + 3);
        if (end < 0) this.fail("unterminated ''' string");
        const value = src.slice(this.position + 3, end);
        for (let i = 0; i < value.length; i++) if (value[i] === "\n") this.newLineAt(this.position + 3 + i + 1);
        tokens.push({ kind: "string", text: src.slice(this.position, end + 3), line, column, value });
        this.position = end + 3;
      } else if (char === "'") {
        tokens.push(this.string(line, column));
      } else if (char === '"') {
        this.fail('double-quoted string (Bicep strings use single quotes)');
      } else if (/[0-9]/.test(char)) {
        const start = this.position;
        while (/[0-9]/.test(src[this.position] ?? "")) this.position++;
        tokens.push({ kind: "number", text: src.slice(start, this.position), line, column });
      } else if (/[A-Za-z_]/.test(char)) {
        const start = this.position;
        while (/[A-Za-z0-9_]/.test(src[this.position] ?? "")) this.position++;
        tokens.push({ kind: "identifier", text: src.slice(start, this.position), line, column });
      } else {
        const match = punctuation.find((p) => src.startsWith(p, this.position));
        if (!match) this.fail(`unexpected character ${JSON.stringify(char)}`);
        if (insideInterpolation && match === "}" && braceDepth === 0) return tokens;
        if (match === "{") braceDepth++;
        if (match === "}") braceDepth--;
        this.position += match.length;
        tokens.push({ kind: "punct", text: match, line, column });
      }
    }
    if (insideInterpolation) this.fail("unterminated ${ interpolation");
    return tokens;
  }

  private string(line: number, column: number): Token {
    const src = this.source;
    const start = this.position;
    this.position++;
    let value = "";
    const interpolations: Token[][] = [];
    for (;;) {
      const char = src[this.position];
      if (char === undefined || char === "\n" || char === "\r") this.fail("unterminated string");
      if (char === "'") {
        this.position++;
        break;
      }
      if (char === "\\") {
        const next = src[this.position + 1] ?? "";
        if (next === "u") {
          const match = /^\\u\{([0-9A-Fa-f]{1,6})\}/.exec(src.slice(this.position));
          if (!match) this.fail("bad \\u{...} escape");
          value += String.fromCodePoint(parseInt(match[1] as string, 16));
          this.position += match[0].length;
        } else {
          const decoded = escapes[next];
          if (decoded === undefined) this.fail(`unknown escape \\${next}`);
          value += decoded;
          this.position += 2;
        }
      } else if (char === "$" && src[this.position + 1] === "{") {
        this.position += 2;
        const inner = this.lex(true);
        if (inner.length === 0) this.fail("empty ${} interpolation");
        interpolations.push(inner);
        this.position++; // the closing }
        value += "${...}";
      } else {
        value += char;
        this.position++;
      }
    }
    const text = src.slice(start, this.position);
    return interpolations.length > 0 ? { kind: "string", text, line, column, interpolations } : { kind: "string", text, line, column, value };
  }

  private newLine(): void {
    this.line++;
    this.lineStart = this.position;
  }

  private newLineAt(lineStart: number): void {
    this.line++;
    this.lineStart = lineStart;
  }
}

/** Throws unless every (, [ and { closes in order, here and inside every interpolation. */
export function checkBrackets(tokens: readonly Token[]): void {
  const stack: Token[] = [];
  for (const token of tokens) {
    if (token.kind === "string") token.interpolations?.forEach(checkBrackets);
    if (token.kind !== "punct") continue;
    if (openers[token.text]) stack.push(token);
    else if (closers.has(token.text)) {
      const open = stack.pop();
      if (!open || openers[open.text] !== token.text) throw new BicepSyntaxError(`'${token.text}' closes nothing open`, token.line, token.column);
    }
  }
  const unclosed = stack.pop();
  if (unclosed) throw new BicepSyntaxError(`'${unclosed.text}' is never closed`, unclosed.line, unclosed.column);
}

export type BicepValue =
  | { readonly kind: "string"; readonly value: string }
  | { readonly kind: "number"; readonly value: number }
  | { readonly kind: "bool"; readonly value: boolean }
  | { readonly kind: "null" }
  | { readonly kind: "array"; readonly items: readonly BicepValue[] }
  | { readonly kind: "object"; readonly entries: readonly ObjectEntry[] }
  | { readonly kind: "expression"; readonly tokens: readonly Token[] };

export interface ObjectEntry {
  /** The key, or undefined for an interpolated key such as '${identityId}'. */
  readonly key: string | undefined;
  readonly keyToken: Token;
  readonly value: BicepValue;
}

/** Splits a token run on newlines and commas that are not inside brackets; empty pieces are dropped. */
function splitTopLevel(tokens: readonly Token[]): Token[][] {
  const pieces: Token[][] = [];
  let current: Token[] = [];
  let depth = 0;
  for (const token of tokens) {
    if (token.kind === "punct" && openers[token.text]) depth++;
    if (token.kind === "punct" && closers.has(token.text)) depth--;
    if (depth === 0 && (token.kind === "newline" || (token.kind === "punct" && token.text === ","))) {
      if (current.length > 0) pieces.push(current);
      current = [];
    } else {
      current.push(token);
    }
  }
  if (current.length > 0) pieces.push(current);
  return pieces;
}

/** Index of the bracket closing the one at `open`, in the same run. */
function matching(tokens: readonly Token[], open: number): number {
  let depth = 0;
  for (let i = open; i < tokens.length; i++) {
    const token = tokens[i] as Token;
    if (token.kind === "punct" && openers[token.text]) depth++;
    if (token.kind === "punct" && closers.has(token.text)) depth--;
    if (depth === 0) return i;
  }
  return -1;
}

function trimNewlines(tokens: readonly Token[]): readonly Token[] {
  let start = 0;
  let end = tokens.length;
  while (start < end && tokens[start]?.kind === "newline") start++;
  while (end > start && tokens[end - 1]?.kind === "newline") end--;
  return tokens.slice(start, end);
}

/** A value: a literal when the tokens are one, otherwise an expression. */
export function parseValue(run: readonly Token[]): BicepValue {
  const tokens = trimNewlines(run);
  const first = tokens[0];
  if (!first) throw new Error("empty value");
  if (tokens.length === 1) {
    if (first.kind === "string" && first.value !== undefined) return { kind: "string", value: first.value };
    if (first.kind === "number") return { kind: "number", value: Number(first.text) };
    if (first.kind === "identifier" && (first.text === "true" || first.text === "false")) return { kind: "bool", value: first.text === "true" };
    if (first.kind === "identifier" && first.text === "null") return { kind: "null" };
  }
  if (first.kind === "punct" && first.text === "-" && tokens.length === 2 && tokens[1]?.kind === "number") {
    return { kind: "number", value: -Number(tokens[1].text) };
  }
  const isWholeBracket = first.kind === "punct" && (first.text === "{" || first.text === "[") && matching(tokens, 0) === tokens.length - 1;
  if (isWholeBracket && first.text === "{") return parseObject(tokens.slice(1, -1));
  if (isWholeBracket && first.text === "[" && tokens.find((t, i) => i > 0 && t.kind !== "newline")?.text !== "for") {
    return { kind: "array", items: splitTopLevel(tokens.slice(1, -1)).map(parseValue) };
  }
  return { kind: "expression", tokens };
}

function parseObject(inner: readonly Token[]): BicepValue {
  const entries: ObjectEntry[] = [];
  for (const piece of splitTopLevel(inner)) {
    const [keyToken, colon, ...rest] = piece;
    if (!keyToken || colon?.text !== ":" || rest.length === 0) {
      const at = piece[0] as Token;
      throw new BicepSyntaxError("expected 'key: value' in an object", at.line, at.column);
    }
    if (keyToken.kind !== "identifier" && keyToken.kind !== "string") throw new BicepSyntaxError("bad object key", keyToken.line, keyToken.column);
    const key = keyToken.kind === "identifier" ? keyToken.text : keyToken.value;
    entries.push({ key, keyToken, value: parseValue(rest) });
  }
  return { kind: "object", entries };
}

export interface Decorator {
  readonly name: string;
  readonly tokens: readonly Token[];
}

interface DeclarationBase {
  readonly name: string;
  readonly line: number;
  readonly decorators: readonly Decorator[];
  readonly tokens: readonly Token[];
}

export interface ParamDeclaration extends DeclarationBase {
  readonly type: string;
  readonly defaultValue?: BicepValue;
}
export interface VarDeclaration extends DeclarationBase {
  readonly value: BicepValue;
}
export interface OutputDeclaration extends DeclarationBase {
  readonly type: string;
  readonly value: BicepValue;
}
export interface ResourceDeclaration extends DeclarationBase {
  /** `Microsoft.Web/sites@2024-04-01` as written. */
  readonly typeReference: string;
  readonly existing: boolean;
  readonly form: "plain" | "conditional" | "loop";
  /** The resource's own object (inside `if (...)` or `[for ...: ...]`). */
  readonly body: Extract<BicepValue, { kind: "object" }>;
}
export interface ModuleDeclaration extends DeclarationBase {
  readonly path: string;
  readonly body: Extract<BicepValue, { kind: "object" }>;
}

export interface BicepFile {
  readonly tokens: readonly Token[];
  readonly targetScope?: string;
  readonly params: readonly ParamDeclaration[];
  readonly vars: readonly VarDeclaration[];
  readonly resources: readonly ResourceDeclaration[];
  readonly modules: readonly ModuleDeclaration[];
  readonly outputs: readonly OutputDeclaration[];
}

/** Parses the top-level declarations of a Bicep source; throws BicepSyntaxError on anything it cannot read. */
export function parseBicep(source: string): BicepFile {
  const tokens = lexBicep(source);
  checkBrackets(tokens);
  const file = { tokens, params: [] as ParamDeclaration[], vars: [] as VarDeclaration[], resources: [] as ResourceDeclaration[], modules: [] as ModuleDeclaration[], outputs: [] as OutputDeclaration[] };
  let targetScope: string | undefined;
  let decorators: Decorator[] = [];
  for (const statement of splitStatements(tokens)) {
    const [keyword, name] = statement;
    if (!keyword) continue;
    const fail = (message: string): never => {
      throw new BicepSyntaxError(message, keyword.line, keyword.column);
    };
    if (keyword.text === "@") {
      const decoratorName = name?.text === "sys" ? statement[3]?.text : name?.text;
      if (!decoratorName || statement[statement.length - 1]?.text !== ")") fail("a decorator is @name(...) on its own line");
      decorators.push({ name: decoratorName as string, tokens: statement });
      continue;
    }
    if (keyword.kind !== "identifier") fail(`unexpected '${keyword.text}' at the start of a statement`);
    const base = { name: name?.text ?? "", line: keyword.line, decorators, tokens: statement };
    const equals = statement.findIndex((token) => token.kind === "punct" && token.text === "=");
    const afterEquals = equals >= 0 ? statement.slice(equals + 1) : [];
    switch (keyword.text) {
      case "targetScope":
        if (statement[1]?.text !== "=" || statement.length !== 3 || statement[2]?.value === undefined) fail("targetScope = '<scope>'");
        targetScope = statement[2]?.value;
        break;
      case "param": {
        if (name?.kind !== "identifier" || statement[2]?.kind !== "identifier") fail("param <name> <type> [= default]");
        if (equals >= 0 && equals !== 3) fail("param <name> <type> [= default]");
        if (equals < 0 && statement.length !== 3) fail("param <name> <type> [= default]");
        file.params.push({ ...base, type: statement[2]?.text as string, defaultValue: equals >= 0 ? parseValue(afterEquals) : undefined });
        break;
      }
      case "var":
        if (name?.kind !== "identifier" || equals !== 2 || afterEquals.length === 0) fail("var <name> = <value>");
        file.vars.push({ ...base, value: parseValue(afterEquals) });
        break;
      case "output":
        if (name?.kind !== "identifier" || statement[2]?.kind !== "identifier" || equals !== 3 || afterEquals.length === 0) fail("output <name> <type> = <value>");
        file.outputs.push({ ...base, type: statement[2]?.text as string, value: parseValue(afterEquals) });
        break;
      case "resource": {
        const typeToken = statement[2];
        const existing = statement[3]?.text === "existing";
        if (name?.kind !== "identifier" || typeToken?.value === undefined || equals !== (existing ? 4 : 3)) fail("resource <symbol> '<type>@<api-version>' [existing] = <body>");
        file.resources.push({ ...base, typeReference: typeToken?.value as string, existing, ...readBody(afterEquals, fail) });
        break;
      }
      case "module": {
        const pathToken = statement[2];
        if (name?.kind !== "identifier" || pathToken?.value === undefined || equals !== 3) fail("module <symbol> '<path>' = <body>");
        const body = readBody(afterEquals, fail);
        if (body.form === "loop") fail("module loops are not used here");
        file.modules.push({ ...base, path: pathToken?.value as string, body: body.body });
        break;
      }
      default:
        fail(`unexpected statement '${keyword.text}'`);
    }
    decorators = [];
  }
  if (decorators.length > 0) {
    const last = decorators[decorators.length - 1]?.tokens[0] as Token;
    throw new BicepSyntaxError("decorator before nothing", last.line, last.column);
  }
  return { ...file, targetScope };
}

export function readBicepFile(path: string): BicepFile {
  try {
    return parseBicep(readFileSync(path, "utf8"));
  } catch (error) {
    if (error instanceof BicepSyntaxError) throw new Error(`${path}:${error.message}`);
    throw error;
  }
}

/** Statements are the token runs between newlines that are not inside brackets. */
function splitStatements(tokens: readonly Token[]): Token[][] {
  return splitTopLevel(tokens);
}

/** `{...}`, `if (cond) {...}` or `[for ... in ...: [if (cond)] {...}]`. */
function readBody(tokens: readonly Token[], fail: (message: string) => never): { form: ResourceDeclaration["form"]; body: Extract<BicepValue, { kind: "object" }> } {
  const asObject = (run: readonly Token[]): Extract<BicepValue, { kind: "object" }> => {
    const value = parseValue(run);
    if (value.kind !== "object") fail("the body must be an object");
    return value as Extract<BicepValue, { kind: "object" }>;
  };
  const first = tokens[0];
  if (first?.text === "{") return { form: "plain", body: asObject(tokens) };
  if (first?.text === "if") {
    if (tokens[1]?.text !== "(") fail("if (<condition>) { ... }");
    const close = matching(tokens, 1);
    return { form: "conditional", body: asObject(tokens.slice(close + 1)) };
  }
  const afterBracket = tokens.findIndex((t, i) => i > 0 && t.kind !== "newline");
  if (first?.text === "[" && tokens[afterBracket]?.text === "for" && matching(tokens, 0) === tokens.length - 1) {
    const inner = tokens.slice(afterBracket + 1, -1).filter((token) => token.kind !== "newline");
    const colon = inner.findIndex((token, i) => token.text === ":" && inner.slice(0, i).some((t) => t.text === "in"));
    if (colon < 0) fail("[for <item> in <array>: { ... }]");
    let rest = inner.slice(colon + 1);
    if (rest[0]?.text === "if") rest = rest.slice(matching(rest, 1) + 1);
    return { form: "loop", body: asObject(tokens.slice(tokens.indexOf(rest[0] as Token), -1)) };
  }
  return fail("a resource or module body is {...}, if (...) {...} or [for ...: {...}]");
}

/** The entry of an object by key, or undefined. */
export function entry(value: BicepValue | undefined, key: string): BicepValue | undefined {
  return value?.kind === "object" ? value.entries.find((e) => e.key === key)?.value : undefined;
}

/** The literal a value holds; throws for an expression, so callers never mistake one for data. */
export function literal(value: BicepValue | undefined, what: string): string | number | boolean | null | unknown[] {
  if (!value) throw new Error(`${what}: missing`);
  switch (value.kind) {
    case "string":
    case "number":
    case "bool":
      return value.value;
    case "null":
      return null;
    case "array":
      return value.items.map((item, i) => literal(item, `${what}[${i}]`));
    default:
      throw new Error(`${what}: not a literal the reader can compare (${value.kind})`);
  }
}
