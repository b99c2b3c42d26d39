import { mkdir, mkdtemp, rename, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ConfigurationError, TokenError } from "../errors.js";
import { readTokenSource } from "../token-source.js";
import { InvalidWorkloadJwtError, WorkloadIdentityMissingError, WorkloadTokenError } from "./errors.js";
import { jwtFromFile } from "./file.js";
import { kubernetesServiceAccountToken } from "./kubernetes.js";

function jwt(claims: Record<string, unknown>): string {
  const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");
  return `${part({ alg: "RS256", kid: "k" })}.${part(claims)}.c2lnbmF0dXJl`;
}
const nowSeconds = () => Math.floor(Date.now() / 1000);

let dir: string;
let n = 0;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "idclients-workload-"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});
const fresh = () => join(dir, `case-${++n}`);

/**
 * Writes a projected token the way the kubelet's atomic writer does: the token lives in a timestamped
 * directory, `..data` links to it, and `token` links to `..data/token`; an update writes a new directory
 * and swaps `..data` with one rename.
 */
async function projectToken(volume: string, token: string): Promise<string> {
  await mkdir(volume, { recursive: true });
  const version = join(volume, `..${Date.now()}_${++n}`);
  await mkdir(version);
  await writeFile(join(version, "token"), token);
  await symlink(version, join(volume, "..data_tmp"));
  await rename(join(volume, "..data_tmp"), join(volume, "..data"));
  await symlink(join("..data", "token"), join(volume, "token")).catch((error: { code?: string }) => {
    if (error.code !== "EEXIST") throw error;
  });
  return join(volume, "token");
}

const creators = [
  ["jwtFromFile", jwtFromFile, "file"],
  ["kubernetesServiceAccountToken", kubernetesServiceAccountToken, "kubernetes"],
] as const;

describe.each(creators)("%s", (_name, create, origin) => {
  it("reads the token, without the trailing newline, and is a token source", async () => {
    const path = fresh();
    const token = jwt({ sub: "system:serviceaccount:ci:deployer", exp: nowSeconds() + 3600 });
    await writeFile(path, `${token}\n`);
    const source = create({ path });
    expect(await source.getToken()).toBe(token);
    expect(await readTokenSource(source)).toBe(token);
    expect(source.fetches).toBe(1);
  });

  it("uses a replaced file at once (rename over the old one)", async () => {
    const path = fresh();
    const first = jwt({ n: 1, exp: nowSeconds() + 3600 });
    await writeFile(path, first);
    const source = create({ path });
    expect(await source.getToken()).toBe(first);
    expect(await source.getToken()).toBe(first);
    expect(source.fetches).toBe(1);

    const second = jwt({ n: 2, exp: nowSeconds() + 3600 });
    await writeFile(`${path}.new`, second);
    await rename(`${path}.new`, path);
    expect(await source.getToken()).toBe(second);
    expect(source.fetches).toBe(2);
    expect(await source.getToken()).toBe(second);
    expect(source.fetches).toBe(2);
  });

  it("uses a file rewritten in place", async () => {
    const path = fresh();
    await writeFile(path, jwt({ n: 1, exp: nowSeconds() + 3600 }));
    const source = create({ path });
    await source.getToken();
    const second = jwt({ n: 22, exp: nowSeconds() + 7200 });
    await writeFile(path, second);
    expect(await source.getToken()).toBe(second);
  });

  it("reads the file again when the cached token nears its exp, even if the file did not change", async () => {
    const path = fresh();
    let now = Date.now();
    const exp = nowSeconds() + 600;
    await writeFile(path, jwt({ exp }));
    const source = create({ path, now: () => now, refreshMarginSeconds: 60 });
    await source.getToken();
    now = (exp - 61) * 1000;
    await source.getToken();
    expect(source.fetches).toBe(1);
    now = (exp - 60) * 1000;
    await source.getToken();
    expect(source.fetches).toBe(2);
  });

  it("single flight: concurrent callers share one read, also after a change", async () => {
    const path = fresh();
    await writeFile(path, jwt({ n: 1, exp: nowSeconds() + 3600 }));
    const source = create({ path });
    await Promise.all(Array.from({ length: 30 }, () => source.getToken()));
    expect(source.fetches).toBe(1);
    await writeFile(path, jwt({ n: 2, exp: nowSeconds() + 3600 }));
    const tokens = await Promise.all(Array.from({ length: 30 }, () => source.getToken()));
    expect(new Set(tokens).size).toBe(1);
    expect(source.fetches).toBe(2);
  });

  it("a missing file is a WorkloadIdentityMissingError with the path", async () => {
    const path = join(fresh(), "token");
    const error = await create({ path })
      .getToken()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WorkloadIdentityMissingError);
    expect(error).toBeInstanceOf(TokenError);
    expect((error as WorkloadIdentityMissingError).path).toBe(path);
    expect((error as WorkloadIdentityMissingError).origin).toBe(origin);
    expect((error as Error).message).toContain(path);
  });

  it("a directory, a huge file or an unreadable file is a WorkloadTokenError", async () => {
    const directory = fresh();
    await mkdir(directory);
    await expect(create({ path: directory }).getToken()).rejects.toThrow(/not a regular file/);
    const huge = fresh();
    await writeFile(huge, "x".repeat(70 * 1024));
    await expect(create({ path: huge }).getToken()).rejects.toThrow(/larger than 65536 bytes/);
    await expect(create({ path: "/dev/zero" }).getToken()).rejects.toBeInstanceOf(WorkloadTokenError);
  });

  it("an expired token or a file that is not a JWT is an InvalidWorkloadJwtError", async () => {
    const path = fresh();
    await writeFile(path, jwt({ exp: nowSeconds() - 10 }));
    await expect(create({ path }).getToken()).rejects.toMatchObject({ reason: "expired", origin });
    await writeFile(path, "-----BEGIN PRIVATE KEY-----\n");
    await expect(create({ path }).getToken()).rejects.toBeInstanceOf(InvalidWorkloadJwtError);
  });

  it("keeps a valid cached token while the file is briefly gone", async () => {
    const path = fresh();
    const token = jwt({ exp: nowSeconds() + 3600 });
    await writeFile(path, token);
    const source = create({ path });
    await source.getToken();
    await rm(path);
    expect(await source.getToken()).toBe(token);
  });

  it("refuses an empty path when created", () => {
    expect(() => create({ path: "" })).toThrow(ConfigurationError);
    expect(() => create({ path: undefined as unknown as string })).toThrow(ConfigurationError);
  });
});

describe("kubernetesServiceAccountToken with the kubelet's projected volume", () => {
  it("follows the ..data symlink swap the kubelet does on rotation", async () => {
    const volume = fresh();
    const first = jwt({ aud: ["confluent"], n: 1, exp: nowSeconds() + 3600 });
    const path = await projectToken(volume, first);
    const source = kubernetesServiceAccountToken({ path });
    expect(await source.getToken()).toBe(first);

    const rotated = jwt({ aud: ["confluent"], n: 2, exp: nowSeconds() + 7200 });
    await projectToken(volume, rotated);
    expect(await source.getToken()).toBe(rotated);
    expect(source.fetches).toBe(2);
  });

  it("says how to mount the token when the file is missing", async () => {
    const error = await kubernetesServiceAccountToken({ path: join(fresh(), "token") })
      .getToken()
      .catch((e: unknown) => e);
    expect((error as Error).message).toMatch(/projected volume.*serviceAccountToken/);
  });
});
