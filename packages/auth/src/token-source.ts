import type { TokenSource } from "./types.js";

/** Reads the current value of a token source (a string, or a function returning one). */
export async function readTokenSource(source: TokenSource): Promise<string> {
  const token = typeof source === "function" ? await source() : source;
  if (typeof token !== "string" || token === "") throw new TypeError("The token source returned no token");
  return token;
}
