import { readFile } from "node:fs/promises";
import { describe, expect, test } from "vitest";
import { compareFacts } from "./compare.ts";
import { parseDocument } from "./document.ts";
import { collectFacts, type FactSet, mergeFactSets } from "./facts.ts";

const fixture = async (name: string) =>
  parseDocument(await readFile(new URL(`../fixtures/${name}`, import.meta.url), "utf8"), name);

function coveredPaths(ours: FactSet): Set<string> {
  return new Set(ours.operations.map((op) => op.key.slice(op.key.indexOf(" ") + 1)));
}

async function widgetsDrift() {
  const ours = collectFacts(await fixture("widgets-ours.yaml"));
  const upstream = collectFacts(await fixture("widgets-upstream.yaml"), { paths: coveredPaths(ours) });
  return compareFacts(upstream, ours).map((d) => [
    d.operation,
    d.subject,
    d.change,
    d.aspect,
    d.upstream,
    d.ours,
  ]);
}

describe("compareFacts", () => {
  test("reports each kind of drift between the widgets fixtures, and nothing else", async () => {
    // [operation, subject, change, aspect, upstream, ours]
    expect(await widgetsDrift()).toEqual([
      ["GET /widgets", "parameter query filter", "added", "", "required no, type string, enum none", ""],
      ["GET /widgets", "parameter query page_size", "changed", "required", "yes", "no"],
      [
        "GET /widgets",
        "parameter query state",
        "changed",
        "enum",
        "closed: active, archived, retired",
        "closed: active, retired",
      ],
      ["GET /widgets", "response 200 application/json field data[].id", "changed", "required", "no", "yes"],
      ["GET /widgets", "response 200 header x-ratelimit-limit", "added", "", "required no, type integer", ""],
      ["GET /widgets", "response 200 header x-request-id", "changed", "type", "integer", "string"],
      ["GET /widgets", "response 400", "added", "", "", ""],
      ["GET /widgets", "response 429", "removed", "", "", ""],
      [
        "POST /widgets",
        "request application/json field color",
        "changed",
        "enum",
        "closed: blue, red",
        "open: blue, red",
      ],
      ["POST /widgets", "request application/json field labels.*", "changed", "type", "integer", "string"],
      [
        "POST /widgets",
        "request application/json field secret",
        "removed",
        "",
        "",
        "required no, type string, enum none",
      ],
      ["POST /widgets", "request application/json field size", "changed", "type", "number", "integer"],
      [
        "POST /widgets",
        "request application/json field weight",
        "added",
        "",
        "required no, type number, enum none",
        "",
      ],
      [
        "POST /widgets",
        "request application/x-www-form-urlencoded",
        "added",
        "",
        "type object, enum none",
        "",
      ],
      ["POST /widgets", "request body", "changed", "required", "no", "yes"],
      [
        "POST /widgets",
        "response 201 application/json field color",
        "changed",
        "enum",
        "closed: blue, red",
        "open: blue, red",
      ],
      [
        "POST /widgets",
        "response 201 application/json field labels.*",
        "changed",
        "type",
        "integer",
        "string",
      ],
      ["POST /widgets", "response 201 application/json field size", "changed", "type", "number", "integer"],
      [
        "POST /widgets",
        "response 201 application/json field weight",
        "added",
        "",
        "required no, type number, enum none",
        "",
      ],
      ["GET /widgets/{id}", "operation", "changed", "deprecated", "yes", "no"],
      ["GET /widgets/{id}", "operation", "changed", "operationId", "fetchWidget", "getWidget"],
      ["GET /widgets/{id}", "parameter path id", "removed", "", "", "required yes, type string, enum none"],
      [
        "GET /widgets/{id}",
        "parameter path widget_id",
        "added",
        "",
        "required yes, type string, enum none",
        "",
      ],
      [
        "GET /widgets/{id}",
        "response 200 application/json field color",
        "changed",
        "enum",
        "closed: blue, red",
        "open: blue, red",
      ],
      [
        "GET /widgets/{id}",
        "response 200 application/json field labels.*",
        "changed",
        "type",
        "integer",
        "string",
      ],
      [
        "GET /widgets/{id}",
        "response 200 application/json field size",
        "changed",
        "type",
        "number",
        "integer",
      ],
      [
        "GET /widgets/{id}",
        "response 200 application/json field weight",
        "added",
        "",
        "required no, type number, enum none",
        "",
      ],
      [
        "GET /widgets/{id}",
        "response 404 application/json field status",
        "added",
        "",
        "required no, type integer, enum none",
        "",
      ],
      ["GET /widgets/{id}", "response 404 application/json field title", "changed", "required", "no", "yes"],
      ["DELETE /widgets/{id}", "operation", "removed", "", "", "operationId deleteWidget, deprecated no"],
      ["GET /widgets/{id}/parts", "security", "changed", "alternatives", "bearer", "apiKey"],
      [
        "GET /widgets/{id}/parts",
        "response 200 application/json field [].kind",
        "changed",
        "enum",
        "closed: bolt, nut, washer",
        "closed: bolt, nut",
      ],
      ["PUT /widgets/{widget_id}", "operation", "added", "", "operationId replaceWidget, deprecated no", ""],
      [
        "",
        "security scheme bearer",
        "changed",
        "flows",
        "clientCredentials https://widgets.example/oauth/token",
        "",
      ],
      ["", "security scheme bearer", "changed", "scheme", "", "bearer"],
      ["", "security scheme bearer", "changed", "type", "oauth2", "http"],
    ]);
  });

  test("a document compared with itself has no drift", async () => {
    for (const name of ["widgets-ours.yaml", "widgets-upstream.yaml"]) {
      const document = await fixture(name);
      expect(compareFacts(collectFacts(document), collectFacts(document))).toEqual([]);
    }
  });

  test("an operation the provider added on a path we do not cover is not compared", async () => {
    const ours = collectFacts(await fixture("widgets-ours.yaml"));
    const upstream = collectFacts(await fixture("widgets-upstream.yaml"), { paths: coveredPaths(ours) });
    expect(upstream.operations.map((op) => op.label)).not.toContain("GET /gadgets");
    expect(upstream.operations.map((op) => op.label)).toContain("PUT /widgets/{widget_id}");
  });

  test("several upstream documents are merged; an operation in two of them is taken from the first", async () => {
    const ours = collectFacts(await fixture("widgets-ours.yaml"));
    const paths = coveredPaths(ours);
    const merged = mergeFactSets([
      collectFacts(await fixture("widgets-ours.yaml"), { paths }),
      collectFacts(await fixture("widgets-upstream.yaml"), { paths }),
    ]);
    expect(merged.sources).toEqual(["widgets-ours.yaml", "widgets-upstream.yaml"]);
    // Everything of ours matches; only the operation the second document adds is new.
    expect(compareFacts(merged, ours).map((d) => [d.operation, d.subject, d.change])).toEqual([
      ["PUT /widgets/{widget_id}", "operation", "added"],
    ]);
  });
});
