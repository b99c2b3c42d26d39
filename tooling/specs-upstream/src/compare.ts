import { type Fact, type FactSet, factKey } from "./facts.ts";

/**
 * One difference between the provider's document and ours. `added` means the provider states a fact
 * our spec lacks (for example a new response field), `removed` that our spec states a fact the
 * provider does not (a field it dropped, or one we describe beyond its document), `changed` that both
 * state it differently.
 */
export interface Drift {
  /** `METHOD /path` as our spec writes it (the provider's, for an operation only it has); "" for document-wide facts. */
  readonly operation: string;
  readonly subject: string;
  readonly change: "added" | "removed" | "changed";
  /** The attribute that differs (`required`, `type`, `enum`, ...); empty for added and removed facts. */
  readonly aspect: string;
  /** The provider's value (or its attributes, for an added fact); empty when it has none. */
  readonly upstream: string;
  /** Our value (or attributes, for a removed fact); empty when we have none. */
  readonly ours: string;
}

const SUBJECT_ORDER = ["operation", "security", "parameter", "request", "response"];

function subjectRank(subject: string): number {
  const index = SUBJECT_ORDER.indexOf(subject.split(" ")[0] ?? "");
  return index === -1 ? SUBJECT_ORDER.length : index;
}

function compareSubjects(a: string, b: string): number {
  return subjectRank(a) - subjectRank(b) || (a < b ? -1 : a > b ? 1 : 0);
}

function describe(fact: Fact): string {
  return Object.entries(fact.attributes)
    .map(([name, value]) => `${name} ${value}`)
    .join(", ");
}

/** Lists every drift between the provider's facts and ours, operation by operation. */
export function compareFacts(upstream: FactSet, ours: FactSet): Drift[] {
  const labels = new Map<string, string>();
  const order: string[] = [];
  for (const op of ours.operations) {
    labels.set(op.key, op.label);
    order.push(op.key);
  }
  for (const op of upstream.operations) {
    if (!labels.has(op.key)) {
      labels.set(op.key, op.label);
      order.push(op.key);
    }
  }
  order.push("");
  labels.set("", "");

  const byOperation = new Map<string, Drift[]>(order.map((key) => [key, []]));
  const push = (operationKey: string, drift: Omit<Drift, "operation">) =>
    byOperation.get(operationKey)?.push({ operation: labels.get(operationKey) ?? operationKey, ...drift });

  const keys = new Set([...ours.facts.keys(), ...upstream.facts.keys()]);
  for (const key of keys) {
    const theirs = upstream.facts.get(key);
    const mine = ours.facts.get(key);
    if (theirs && !mine) {
      // Only the outermost new fact: a new response needs no list of its fields as well.
      const parent = theirs.parent && factKey(theirs.operationKey, theirs.parent);
      if (parent && upstream.facts.has(parent) && !ours.facts.has(parent)) continue;
      push(theirs.operationKey, {
        subject: theirs.subject,
        change: "added",
        aspect: "",
        upstream: describe(theirs),
        ours: "",
      });
    } else if (mine && !theirs) {
      const parent = mine.parent && factKey(mine.operationKey, mine.parent);
      if (parent && ours.facts.has(parent) && !upstream.facts.has(parent)) continue;
      push(mine.operationKey, {
        subject: mine.subject,
        change: "removed",
        aspect: "",
        upstream: "",
        ours: describe(mine),
      });
    } else if (mine && theirs) {
      const attributes = new Set([...Object.keys(theirs.attributes), ...Object.keys(mine.attributes)]);
      for (const aspect of attributes) {
        const upstreamValue = theirs.attributes[aspect] ?? "";
        const ourValue = mine.attributes[aspect] ?? "";
        if (upstreamValue !== ourValue) {
          push(mine.operationKey, {
            subject: mine.subject,
            change: "changed",
            aspect,
            upstream: upstreamValue,
            ours: ourValue,
          });
        }
      }
    }
  }

  return order.flatMap((key) =>
    (byOperation.get(key) ?? []).sort(
      (a, b) =>
        compareSubjects(a.subject, b.subject) || (a.aspect < b.aspect ? -1 : a.aspect > b.aspect ? 1 : 0),
    ),
  );
}
