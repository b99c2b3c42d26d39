/**
 * A small subset of the Common Expression Language, enough for Confluent identity-pool filters.
 *
 * Supported: `claims.<name>` / `claims["<name>"]` paths (nested too), string / number / bool / null
 * literals, list literals, `==` `!=` `<` `<=` `>` `>=`, `in`, `&&`, `||`, `!`, parentheses, `has(path)`,
 * and the string methods `startsWith`, `endsWith`, `contains`, `matches`, plus `size()`.
 * Not supported: macros (`exists`, `all`, `map`, `filter`), arithmetic, ternaries, timestamps, other
 * variables. An expression outside the subset fails to parse; the fake refuses it when the pool is
 * created or changed so a test finds out at once rather than at token exchange.
 * Evaluation errors (a missing claim, comparing a string with a list) make the filter not match, as
 * an erroring CEL filter does not admit a token.
 */

type Token =
  | { kind: "string"; value: string }
  | { kind: "number"; value: number }
  | { kind: "ident"; value: string }
  | { kind: "op"; value: string };

type Node =
  | { type: "literal"; value: unknown }
  | { type: "list"; items: Node[] }
  | { type: "path"; root: string; keys: string[] }
  | { type: "not"; operand: Node }
  | { type: "binary"; op: string; left: Node; right: Node }
  | { type: "has"; path: Node & { type: "path" } }
  | { type: "call"; target: Node; method: string; args: Node[] };

export class CelSyntaxError extends Error {
  override name = "CelSyntaxError";
}

function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  let index = 0;
  while (index < source.length) {
    const char = source[index] as string;
    if (/\s/.test(char)) {
      index += 1;
      continue;
    }
    if (char === '"' || char === "'") {
      let value = "";
      index += 1;
      while (index < source.length && source[index] !== char) {
        if (source[index] === "\\" && index + 1 < source.length) {
          const escaped = source[index + 1] as string;
          value += escaped === "n" ? "\n" : escaped === "t" ? "\t" : escaped;
          index += 2;
        } else {
          value += source[index];
          index += 1;
        }
      }
      if (index >= source.length) throw new CelSyntaxError("unterminated string literal");
      index += 1;
      tokens.push({ kind: "string", value });
      continue;
    }
    const number = /^-?\d+(\.\d+)?/.exec(source.slice(index));
    if (number && (char !== "-" || tokens.length === 0 || tokens.at(-1)?.kind === "op")) {
      tokens.push({ kind: "number", value: Number(number[0]) });
      index += number[0].length;
      continue;
    }
    const ident = /^[A-Za-z_][A-Za-z0-9_]*/.exec(source.slice(index));
    if (ident) {
      tokens.push({ kind: "ident", value: ident[0] });
      index += ident[0].length;
      continue;
    }
    const op = ["==", "!=", "<=", ">=", "&&", "||", "<", ">", "!", "(", ")", "[", "]", ",", "."].find(
      (candidate) => source.startsWith(candidate, index),
    );
    if (!op) throw new CelSyntaxError(`unexpected character '${char}' at ${index}`);
    tokens.push({ kind: "op", value: op });
    index += op.length;
  }
  return tokens;
}

class Parser {
  #index = 0;
  constructor(private readonly tokens: Token[]) {}

  parse(): Node {
    const node = this.or();
    if (this.#index < this.tokens.length) throw new CelSyntaxError(`unexpected '${this.peek()?.value}'`);
    return node;
  }
  private peek(): Token | undefined {
    return this.tokens[this.#index];
  }
  private isOp(value: string): boolean {
    const token = this.peek();
    return token?.kind === "op" && token.value === value;
  }
  private expectOp(value: string): void {
    if (!this.isOp(value)) throw new CelSyntaxError(`expected '${value}'`);
    this.#index += 1;
  }
  private or(): Node {
    let left = this.and();
    while (this.isOp("||")) {
      this.#index += 1;
      left = { type: "binary", op: "||", left, right: this.and() };
    }
    return left;
  }
  private and(): Node {
    let left = this.unary();
    while (this.isOp("&&")) {
      this.#index += 1;
      left = { type: "binary", op: "&&", left, right: this.unary() };
    }
    return left;
  }
  private unary(): Node {
    if (this.isOp("!")) {
      this.#index += 1;
      return { type: "not", operand: this.unary() };
    }
    return this.comparison();
  }
  private comparison(): Node {
    const left = this.postfix();
    const token = this.peek();
    if (token?.kind === "op" && ["==", "!=", "<", "<=", ">", ">="].includes(token.value)) {
      this.#index += 1;
      return { type: "binary", op: token.value, left, right: this.postfix() };
    }
    if (token?.kind === "ident" && token.value === "in") {
      this.#index += 1;
      return { type: "binary", op: "in", left, right: this.postfix() };
    }
    return left;
  }
  private postfix(): Node {
    let node = this.primary();
    for (;;) {
      if (this.isOp(".")) {
        this.#index += 1;
        const name = this.peek();
        if (name?.kind !== "ident") throw new CelSyntaxError("expected a field or method name after '.'");
        this.#index += 1;
        if (this.isOp("(")) {
          this.#index += 1;
          const args: Node[] = [];
          while (!this.isOp(")")) {
            args.push(this.or());
            if (!this.isOp(")")) this.expectOp(",");
          }
          this.expectOp(")");
          if (!["startsWith", "endsWith", "contains", "matches", "size"].includes(name.value)) {
            throw new CelSyntaxError(`method ${name.value}() is not supported by this fake`);
          }
          node = { type: "call", target: node, method: name.value, args };
        } else if (node.type === "path") {
          node = { ...node, keys: [...node.keys, name.value] };
        } else {
          throw new CelSyntaxError("field access is only supported on claims paths");
        }
      } else if (this.isOp("[") && node.type === "path") {
        this.#index += 1;
        const key = this.peek();
        if (key?.kind !== "string") throw new CelSyntaxError("only string keys are supported in [...]");
        this.#index += 1;
        this.expectOp("]");
        node = { ...node, keys: [...node.keys, key.value] };
      } else return node;
    }
  }
  private primary(): Node {
    const token = this.peek();
    if (!token) throw new CelSyntaxError("unexpected end of expression");
    this.#index += 1;
    if (token.kind === "string" || token.kind === "number") return { type: "literal", value: token.value };
    if (token.kind === "op") {
      if (token.value === "(") {
        const inner = this.or();
        this.expectOp(")");
        return inner;
      }
      if (token.value === "[") {
        const items: Node[] = [];
        while (!this.isOp("]")) {
          items.push(this.or());
          if (!this.isOp("]")) this.expectOp(",");
        }
        this.expectOp("]");
        return { type: "list", items };
      }
      throw new CelSyntaxError(`unexpected '${token.value}'`);
    }
    switch (token.value) {
      case "true":
        return { type: "literal", value: true };
      case "false":
        return { type: "literal", value: false };
      case "null":
        return { type: "literal", value: null };
      case "claims":
        return { type: "path", root: "claims", keys: [] };
      case "has": {
        this.expectOp("(");
        const path = this.postfix();
        this.expectOp(")");
        if (path.type !== "path" || path.keys.length === 0)
          throw new CelSyntaxError("has() needs a claims field");
        return { type: "has", path };
      }
      case "size": {
        this.expectOp("(");
        const target = this.or();
        this.expectOp(")");
        return { type: "call", target, method: "size", args: [] };
      }
      default:
        throw new CelSyntaxError(`unknown identifier '${token.value}' (only 'claims' is available)`);
    }
  }
}

class CelEvalError extends Error {}

function lookup(claims: Record<string, unknown>, keys: string[]): { found: boolean; value: unknown } {
  let value: unknown = claims;
  for (const key of keys) {
    if (value === null || typeof value !== "object" || Array.isArray(value) || !(key in value)) {
      return { found: false, value: undefined };
    }
    value = (value as Record<string, unknown>)[key];
  }
  return { found: true, value };
}

function equal(left: unknown, right: unknown): boolean {
  if (Array.isArray(left) && Array.isArray(right)) {
    return left.length === right.length && left.every((item, index) => equal(item, right[index]));
  }
  return left === right;
}

function evaluate(node: Node, claims: Record<string, unknown>): unknown {
  switch (node.type) {
    case "literal":
      return node.value;
    case "list":
      return node.items.map((item) => evaluate(item, claims));
    case "path": {
      const { found, value } = lookup(claims, node.keys);
      if (!found) throw new CelEvalError(`no such key: ${node.keys.join(".")}`);
      return value;
    }
    case "has":
      return lookup(claims, node.path.keys).found;
    case "not": {
      const value = evaluate(node.operand, claims);
      if (typeof value !== "boolean") throw new CelEvalError("! needs a bool");
      return !value;
    }
    case "call": {
      const target = evaluate(node.target, claims);
      const args = node.args.map((arg) => evaluate(arg, claims));
      if (node.method === "size") {
        if (typeof target === "string" || Array.isArray(target)) return target.length;
        if (target !== null && typeof target === "object") return Object.keys(target).length;
        throw new CelEvalError("size() needs a string, list or map");
      }
      const [arg] = args;
      if (typeof target !== "string" || typeof arg !== "string")
        throw new CelEvalError(`${node.method} needs strings`);
      if (node.method === "startsWith") return target.startsWith(arg);
      if (node.method === "endsWith") return target.endsWith(arg);
      if (node.method === "contains") return target.includes(arg);
      return new RegExp(arg).test(target);
    }
    case "binary": {
      if (node.op === "&&" || node.op === "||") {
        const left = evaluate(node.left, claims);
        if (typeof left !== "boolean") throw new CelEvalError(`${node.op} needs bools`);
        if (node.op === "&&" && !left) return false;
        if (node.op === "||" && left) return true;
        const right = evaluate(node.right, claims);
        if (typeof right !== "boolean") throw new CelEvalError(`${node.op} needs bools`);
        return right;
      }
      const left = evaluate(node.left, claims);
      const right = evaluate(node.right, claims);
      switch (node.op) {
        case "==":
          return equal(left, right);
        case "!=":
          return !equal(left, right);
        case "in":
          if (Array.isArray(right)) return right.some((item) => equal(item, left));
          if (right !== null && typeof right === "object" && typeof left === "string") return left in right;
          throw new CelEvalError("'in' needs a list or map on the right");
        default: {
          const comparable =
            (typeof left === "number" && typeof right === "number") ||
            (typeof left === "string" && typeof right === "string");
          if (!comparable) throw new CelEvalError(`${node.op} needs two numbers or two strings`);
          const l = left as number | string;
          const r = right as number | string;
          if (node.op === "<") return l < r;
          if (node.op === "<=") return l <= r;
          if (node.op === ">") return l > r;
          return l >= r;
        }
      }
    }
  }
}

/** A parsed filter. `compileFilter` throws `CelSyntaxError` for expressions outside the subset. */
export interface CompiledFilter {
  /** True when the token's claims satisfy the filter; evaluation errors count as false. */
  matches(claims: Record<string, unknown>): boolean;
}

export function compileFilter(source: string): CompiledFilter {
  const tree = new Parser(tokenize(source)).parse();
  return {
    matches(claims) {
      try {
        return evaluate(tree, claims) === true;
      } catch (error) {
        if (error instanceof CelEvalError) return false;
        throw error;
      }
    },
  };
}
