/**
 * The `$filter` subset the /v1.0 lists understand: `property eq 'value'` and `startswith(property, 'value')`,
 * joined with `and`, in parentheses if the caller likes; strings in single quotes with `''` for a quote, GUIDs
 * quoted or bare. Each list says which properties it filters and how (FilterField). Anything else — `or`, `not`,
 * `ne`, another function, an unknown property, a value the property cannot take — is a 400 naming what is not
 * supported. The result is plain data: filterToSql turns it into parameterised SQL (values never enter the text),
 * and matchesFilter applies it to items already in memory (an embedded array).
 */
import { ValidationError } from "../errors";

export type FilterOperator = "eq" | "startswith";

export interface FilterField {
  readonly operators: readonly FilterOperator[];
  /** The only values `eq` may compare with (an enum such as `status`). */
  readonly values?: readonly string[];
  /** A GUID, compared in lower case. */
  readonly guid?: boolean;
}

export interface FilterCondition {
  readonly property: string;
  readonly operator: FilterOperator;
  readonly value: string;
}

const field = "$filter";
const maxLength = 2048;
const guidPattern = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;
const unsupportedOperators = new Set(["ne", "gt", "ge", "lt", "le", "in", "has", "add", "sub", "mul", "div", "mod"]);

type Token = { readonly kind: "name" | "string" | "guid" | "punct"; readonly text: string };

export function parseFilter(
  text: string | undefined,
  fields: Readonly<Record<string, FilterField>>
): FilterCondition[] {
  if (text === undefined || text.trim() === "") return [];
  if (text.length > maxLength) refuse(`is longer than ${maxLength} characters.`);
  const parser = new Parser(tokenize(text), fields);
  const conditions = parser.expression();
  parser.end();
  return conditions;
}

class Parser {
  private position = 0;
  constructor(
    private readonly tokens: readonly Token[],
    private readonly fields: Readonly<Record<string, FilterField>>
  ) {}

  expression(): FilterCondition[] {
    const conditions = this.primary();
    while (this.peekName("and")) {
      this.position += 1;
      conditions.push(...this.primary());
    }
    const next = this.peek();
    if (next?.kind === "name" && next.text.toLowerCase() === "or")
      refuse("uses or, which is not supported: combine conditions with and.");
    return conditions;
  }

  end(): void {
    const next = this.peek();
    if (next) refuse(`has ${quote(next.text)} where the expression should end.`);
  }

  private primary(): FilterCondition[] {
    const token = this.take("a condition");
    if (token.kind === "punct" && token.text === "(") {
      const inner = this.expression();
      this.expect(")");
      return inner;
    }
    if (token.kind !== "name") refuse(`has ${quote(token.text)} where a property or startswith(...) should be.`);
    const lower = token.text.toLowerCase();
    if (lower === "not") refuse("uses not, which is not supported.");
    if (this.peek()?.text === "(") return [this.startswith(token.text)];
    const operator = this.take("an operator after the property");
    const op = operator.text.toLowerCase();
    if (op !== "eq") {
      refuse(
        unsupportedOperators.has(op)
          ? `uses ${op}, which is not supported: only eq and startswith(...) are.`
          : `has ${quote(operator.text)} where eq should be.`
      );
    }
    return [this.condition(token.text, "eq", this.literal())];
  }

  private startswith(name: string): FilterCondition {
    if (name.toLowerCase() !== "startswith")
      refuse(`uses the function ${name}, which is not supported: only startswith(property, 'text') is.`);
    this.expect("(");
    const property = this.take("a property");
    if (property.kind !== "name") refuse(`has ${quote(property.text)} where startswith's property should be.`);
    this.expect(",");
    const value = this.literal();
    this.expect(")");
    return this.condition(property.text, "startswith", value);
  }

  private condition(property: string, operator: FilterOperator, literal: Token): FilterCondition {
    const known = this.fields[property];
    if (!known)
      refuse(
        `filters on ${property}, which this list cannot filter on; it can filter on ${Object.keys(this.fields).join(", ")}.`
      );
    if (!known.operators.includes(operator))
      refuse(`uses ${operator} on ${property}, which supports only ${known.operators.join(" and ")}.`);
    if (literal.kind === "guid" && !known.guid)
      refuse(`compares ${property} with an unquoted value; quote text as 'text'.`);
    if (known.guid) {
      if (!guidPattern.test(literal.text))
        refuse(`compares ${property} with ${quote(literal.text)}, which is not a GUID.`);
      return { property, operator, value: literal.text.toLowerCase() };
    }
    if (known.values && !known.values.includes(literal.text))
      refuse(`compares ${property} with ${quote(literal.text)}; it can be ${known.values.join(", ")}.`);
    return { property, operator, value: literal.text };
  }

  private literal(): Token {
    const token = this.take("a value");
    if (token.kind === "string" || token.kind === "guid") return token;
    if (token.kind === "name" && token.text === "null") refuse("compares with null, which is not supported.");
    return refuse(`has ${quote(token.text)} where a value in single quotes should be.`);
  }

  private expect(text: string): void {
    const token = this.take(`"${text}"`);
    if (token.text !== text) refuse(`has ${quote(token.text)} where "${text}" should be.`);
  }

  private take(what: string): Token {
    const token = this.tokens[this.position];
    if (!token) refuse(`ends where ${what} should be.`);
    this.position += 1;
    return token;
  }

  private peek(): Token | undefined {
    return this.tokens[this.position];
  }

  private peekName(name: string): boolean {
    const token = this.peek();
    return token?.kind === "name" && token.text.toLowerCase() === name;
  }
}

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let n = 0;
  while (n < text.length) {
    const char = text[n] as string;
    if (/\s/.test(char)) {
      n += 1;
    } else if ("(),".includes(char)) {
      tokens.push({ kind: "punct", text: char });
      n += 1;
    } else if (char === "'") {
      let value = "";
      for (n += 1; ; n += 1) {
        if (n >= text.length) refuse("has a text value with no closing quote.");
        if (text[n] === "'" && text[n + 1] === "'") {
          value += "'";
          n += 1;
        } else if (text[n] === "'") break;
        else value += text[n];
      }
      n += 1;
      tokens.push({ kind: "string", text: value });
    } else {
      const match =
        /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\b|^[A-Za-z_][A-Za-z0-9_]*(?:\/[A-Za-z_][A-Za-z0-9_]*)*/.exec(
          text.slice(n)
        );
      if (!match) refuse(`has ${quote(char)}, which is not part of the supported syntax.`);
      tokens.push({ kind: guidPattern.test(match[0]) ? "guid" : "name", text: match[0] });
      n += match[0].length;
    }
  }
  return tokens;
}

export interface SqlColumn {
  /** Where the property is stored, relative to the document alias (`c.customer.tenantId`). */
  readonly path: string;
  /** When one value on the surface stands for several stored ones (Graph's `terminated`); empty matches nothing. */
  readonly storedValues?: (value: string) => readonly string[];
}

export interface SqlFilter {
  readonly clauses: readonly string[];
  readonly parameters: readonly { readonly name: string; readonly value: string }[];
}

/** Parameterised SQL for the conditions: the text holds only paths from `columns` and parameter names. */
export function filterToSql(
  conditions: readonly FilterCondition[],
  columns: Readonly<Record<string, SqlColumn>>,
  prefix = "@filter"
): SqlFilter {
  const clauses: string[] = [];
  const parameters: { name: string; value: string }[] = [];
  conditions.forEach((condition, n) => {
    const column = columns[condition.property];
    if (!column) throw new Error(`No column for the filterable property ${condition.property}.`);
    const name = `${prefix}${n}`;
    if (condition.operator === "startswith") {
      clauses.push(`STARTSWITH(${column.path}, ${name})`);
      parameters.push({ name, value: condition.value });
      return;
    }
    const values = column.storedValues ? column.storedValues(condition.value) : [condition.value];
    if (values.length === 0) {
      clauses.push("false");
      return;
    }
    const names = values.map((value, m) => {
      parameters.push({ name: `${name}_${m}`, value });
      return `${name}_${m}`;
    });
    clauses.push(names.length === 1 ? `${column.path} = ${names[0]}` : `${column.path} IN (${names.join(", ")})`);
  });
  return { clauses, parameters };
}

/** The same conditions on items in memory; `valueOf` reads a property as the surface shows it. */
export function matchesFilter<T>(
  item: T,
  conditions: readonly FilterCondition[],
  valueOf: (item: T, property: string) => string | undefined
): boolean {
  return conditions.every((condition) => {
    const actual = valueOf(item, condition.property);
    if (actual === undefined) return false;
    return condition.operator === "eq" ? actual === condition.value : actual.startsWith(condition.value);
  });
}

function quote(text: string): string {
  return JSON.stringify(text.length > 40 ? `${text.slice(0, 40)}…` : text);
}

function refuse(message: string): never {
  throw new ValidationError([{ field, message }]);
}
