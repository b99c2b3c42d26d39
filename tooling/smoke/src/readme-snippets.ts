import { readdir, readFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { workspaceRoot } from "./workspace.js";

/**
 * A ```ts or ```typescript block of a README. Its fence info string says what the docs test does with it:
 *
 * - ```ts — compiled as a module of a user project against the packed packages;
 * - ```ts run — compiled, then run on Node against the fakes of @idclients/testing (127.0.0.1 only);
 * - ```ts no-compile: <reason> — neither; the reason is required.
 *
 * A block whose first line is a comment naming a `.ts` path (`// src/federation.ts — your code`) is
 * written to that path, so another block of the same README can import it (`./federation.js`); a
 * `.cts` path makes it a CommonJS module.
 */
export interface Snippet {
  /** The README, relative to the workspace root (`packages/auth/README.md`). */
  readme: string;
  /** 1-based line of the opening fence. */
  line: number;
  code: string;
  /** False for `no-compile`. */
  compile: boolean;
  /** True for `run`. */
  run: boolean;
  /** Why a `no-compile` block is not compiled. */
  reason?: string;
  /** Where the block is written, relative to the user project's snippets folder (posix). */
  module: string;
}

/** `README.md`, `packages/<name>/README.md` and `examples/<name>/README.md`, relative to the workspace root. */
export async function readmeFiles(root = workspaceRoot): Promise<string[]> {
  const found = ["README.md"];
  for (const parent of ["packages", "examples"]) {
    for (const entry of await readdir(join(root, parent), { withFileTypes: true })) {
      if (!entry.isDirectory()) continue;
      const readme = `${parent}/${entry.name}/README.md`;
      if (
        await readFile(join(root, readme)).then(
          () => true,
          () => false,
        )
      )
        found.push(readme);
    }
  }
  return found.sort();
}

/** Every TypeScript block of the READMEs, in file and line order. */
export async function readmeSnippets(root = workspaceRoot): Promise<Snippet[]> {
  const snippets: Snippet[] = [];
  for (const readme of await readmeFiles(root)) {
    snippets.push(...snippetsOf(readme, await readFile(join(root, readme), "utf8")));
  }
  return snippets;
}

const FENCE = /^( *)(`{3,}|~{3,})(.*)$/;
const TYPESCRIPT = /^(ts|typescript)(?:\s+(.*))?$/;
/**
 * A first-line comment naming the module's path: `// src/federation.ts`, or `// report.cts` for a
 * CommonJS module (anything may follow the path).
 */
const MODULE_COMMENT = /^\/\/\s*((?:[\w.-]+\/)*[\w-]+(?:\.[\w-]+)*\.[cm]?ts)(?:\s|$)/;

/** The TypeScript blocks of one README's text (CommonMark fences, indented ones included). */
export function snippetsOf(readme: string, text: string): Snippet[] {
  const lines = text.split(/\r?\n/);
  const folder = dirname(readme) === "." ? "root" : dirname(readme).replaceAll("/", "-");
  const snippets: Snippet[] = [];
  const modules = new Set<string>();
  for (let index = 0; index < lines.length; index++) {
    const open = FENCE.exec(lines[index] ?? "");
    if (!open) continue;
    const [, indent = "", fence = "", info = ""] = open;
    if (fence.startsWith("`") && info.includes("`")) continue; // not a fence: an inline code span
    const body: string[] = [];
    let end = index + 1;
    for (; end < lines.length; end++) {
      const line = lines[end] ?? "";
      const close = FENCE.exec(line);
      if (
        close &&
        close[2]?.[0] === fence[0] &&
        (close[2]?.length ?? 0) >= fence.length &&
        !close[3]?.trim()
      ) {
        break;
      }
      body.push(line.startsWith(indent) ? line.slice(indent.length) : line.trimStart());
    }
    if (end >= lines.length) throw new Error(`${readme}:${index + 1}: code block is never closed`);
    const kind = TYPESCRIPT.exec(info.trim());
    if (kind) {
      const line = index + 1;
      const code = `${body.join("\n")}\n`;
      const { compile, run, reason } = parseMarker(kind[2]?.trim() ?? "", `${readme}:${line}`);
      const named = MODULE_COMMENT.exec(body[0] ?? "")?.[1];
      if (named?.split("/").some((segment) => segment === "." || segment === "..")) {
        throw new Error(`${readme}:${line}: ${named} is outside the README's folder`);
      }
      const module = `${folder}/${named ?? `readme-L${line}.ts`}`;
      if (modules.has(module)) throw new Error(`${readme}:${line}: a second block for ${module}`);
      modules.add(module);
      snippets.push({ readme, line, code, compile, run, module, ...(reason ? { reason } : {}) });
    }
    index = end;
  }
  return snippets;
}

/** What the rest of the info string asks for: nothing, `run`, or `no-compile: <reason>`. */
export function parseMarker(
  marker: string,
  where: string,
): { compile: boolean; run: boolean; reason?: string } {
  if (marker === "") return { compile: true, run: false };
  if (marker === "run") return { compile: true, run: true };
  const optOut = /^no-compile(?::\s*(.*))?$/.exec(marker);
  if (optOut) {
    const reason = optOut[1]?.trim();
    if (!reason) throw new Error(`${where}: "no-compile" needs a reason: \`\`\`ts no-compile: <why>`);
    return { compile: false, run: false, reason };
  }
  throw new Error(`${where}: unknown marker "${marker}" (expected "run" or "no-compile: <reason>")`);
}

/**
 * The compiler settings of a strict user project: TypeScript's own Node settings (module nodenext,
 * skipLibCheck) and nothing declared on the snippets' behalf, so a name a block uses and neither
 * defines, imports nor declares in a line the README shows is an error.
 */
export const SNIPPET_TSCONFIG = {
  compilerOptions: {
    target: "ES2022",
    lib: ["ES2022", "DOM", "DOM.Iterable"],
    module: "nodenext",
    moduleResolution: "nodenext",
    // Every block is its own module, so blocks never share a top-level name.
    moduleDetection: "force",
    strict: true,
    skipLibCheck: true,
    types: ["node"],
    rootDir: "snippets",
    outDir: "snippets-out",
  },
  include: ["snippets/**/*.ts", "snippets/**/*.cts", "snippets/**/*.mts"],
};

/** Where tsc writes a block's JavaScript, relative to the user project. */
export function emittedPath(module: string): string {
  return `snippets-out/${module.replace(/\.([cm]?)ts$/, ".$1js")}`;
}

/** One compiler diagnostic, with the lines that continue it. */
export interface Diagnostic {
  file: string;
  text: string;
}

/** Splits `tsc --pretty false` output into diagnostics; those with no file have `file: ""`. */
export function parseDiagnostics(output: string): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  for (const line of output.split("\n")) {
    if (line.trim() === "") continue;
    const located = /^(.+?)\(\d+,\d+\): error TS\d+/.exec(line);
    const last = diagnostics.at(-1);
    if (located) diagnostics.push({ file: located[1] ?? "", text: line });
    else if (/^\s/.test(line) && last) last.text += `\n${line}`;
    else diagnostics.push({ file: "", text: line });
  }
  return diagnostics;
}
