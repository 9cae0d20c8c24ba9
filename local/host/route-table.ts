/**
 * Matches request paths against Functions route templates (`relationships/{id}/terminate`, `files/{*path}`,
 * `items/{id?}`), the way ASP.NET routing does for the real host: case-insensitive, literal segments win over
 * parameters, and a route only answers the methods it declares.
 */
type Segment =
  | { kind: "literal"; text: string }
  | { kind: "param"; name: string; optional: boolean }
  | { kind: "catchAll"; name: string };

export interface RouteMatch<T> {
  readonly target: T;
  readonly params: Record<string, string>;
}

interface Route<T> {
  readonly template: string;
  readonly segments: Segment[];
  readonly methods: ReadonlySet<string>;
  readonly target: T;
}

export class RouteTable<T> {
  private readonly routes: Route<T>[] = [];
  /**
   * Routes by their first two literal segments ("api/relationships"), by their first alone when the second is not
   * a literal, and those starting with a parameter: a request only tries the routes that could match it, so the
   * cost of a match does not grow with the number of routes registered.
   */
  private byTwo = new Map<string, Route<T>[]>();
  private byOne = new Map<string, Route<T>[]>();
  private anyFirst: Route<T>[] = [];
  private readonly order = new Map<Route<T>, number>();

  add(template: string, methods: readonly string[], target: T): void {
    this.routes.push({
      template,
      segments: parseTemplate(template),
      methods: new Set(methods.map((m) => m.toUpperCase())),
      target
    });
    this.routes.sort((a, b) => specificity(b.segments) - specificity(a.segments));
    this.index();
  }

  /** `undefined` when no route has this path; `"method"` when one does but not for this method. */
  match(method: string, path: string): RouteMatch<T> | "method" | undefined {
    const parts = splitPath(path);
    let pathMatched = false;
    for (const route of this.candidates(parts)) {
      const params = matchSegments(route.segments, parts);
      if (!params) continue;
      if (!route.methods.has(method.toUpperCase())) {
        pathMatched = true;
        continue;
      }
      return { target: route.target, params };
    }
    return pathMatched ? "method" : undefined;
  }

  /** The routes that could match `parts`, in the same order as the whole sorted list. */
  private candidates(parts: readonly string[]): readonly Route<T>[] {
    const first = parts[0]?.toLowerCase();
    const second = parts[1]?.toLowerCase();
    const lists = [
      first !== undefined && second !== undefined ? this.byTwo.get(`${first}/${second}`) : undefined,
      first !== undefined ? this.byOne.get(first) : undefined,
      this.anyFirst
    ].filter((list): list is Route<T>[] => list !== undefined && list.length > 0);
    if (lists.length <= 1) return lists[0] ?? [];
    return lists.flat().sort((a, b) => (this.order.get(a) ?? 0) - (this.order.get(b) ?? 0));
  }

  private index(): void {
    this.byTwo = new Map();
    this.byOne = new Map();
    this.anyFirst = [];
    this.order.clear();
    this.routes.forEach((route, position) => {
      this.order.set(route, position);
      const [first, second] = route.segments;
      if (first?.kind === "literal" && second?.kind === "literal")
        push(this.byTwo, `${first.text}/${second.text}`, route);
      else if (first?.kind === "literal") push(this.byOne, first.text, route);
      else this.anyFirst.push(route);
    });
  }
}

function push<V>(map: Map<string, V[]>, key: string, value: V): void {
  const list = map.get(key);
  if (list === undefined) map.set(key, [value]);
  else list.push(value);
}

function splitPath(path: string): string[] {
  return path.split("/").filter((part) => part.length > 0);
}

function parseTemplate(template: string): Segment[] {
  return splitPath(template).map((part): Segment => {
    const param = /^\{(\*)?([A-Za-z_][A-Za-z0-9_]*)(\?)?(?::[^}]*)?\}$/.exec(part);
    if (!param) return { kind: "literal", text: part.toLowerCase() };
    const name = param[2] as string;
    if (param[1]) return { kind: "catchAll", name };
    return { kind: "param", name, optional: Boolean(param[3]) };
  });
}

function specificity(segments: Segment[]): number {
  // Literals weigh more than parameters; catch-alls weigh least so they only take what nothing else does.
  return (
    segments.reduce((sum, s) => sum + (s.kind === "literal" ? 3 : s.kind === "param" ? 2 : 0), 0) * 100 +
    segments.length
  );
}

function matchSegments(segments: Segment[], parts: string[]): Record<string, string> | undefined {
  const params: Record<string, string> = {};
  for (let i = 0; i < segments.length; i += 1) {
    const segment = segments[i] as Segment;
    const part = parts[i];
    if (segment.kind === "catchAll") {
      params[segment.name] = parts.slice(i).map(safeDecode).join("/");
      return params;
    }
    if (part === undefined) {
      if (segment.kind === "param" && segment.optional) continue;
      return undefined;
    }
    if (segment.kind === "literal") {
      if (part.toLowerCase() !== segment.text) return undefined;
    } else {
      params[segment.name] = safeDecode(part);
    }
  }
  return parts.length <= segments.length ? params : undefined;
}

function safeDecode(part: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    return part;
  }
}
