/**
 * The pending operations a killed `pulumi up` leaves in its stack's state, and what `paasenv recover` does
 * with each, decided by pure functions. A pending create records the resource's URN and its inputs, so the
 * name it was creating: that record is what makes an object found under that name this stack's own
 * half-created one. It is then written into the state with an initialization error, which makes the next
 * `pulumi up` run the resource's `update` and finish what the create had left (settings, waiting).
 */
import { z } from "zod";
import type { ExportedStack, PendingOperation } from "../lib/stack-state";

export type { ExportedStack, PendingOperation } from "../lib/stack-state";

/** How the object of a pending create is found on Scalingo (the name it was being created under). */
export type NaturalKey =
  | { kind: "app"; region: string; name: string }
  | { kind: "addon"; region: string; appId: string; provider: string }
  | { kind: "domain"; region: string; appId: string; name: string };

/** What a lookup found: the object's ID and when Scalingo says it was created. */
export interface FoundObject {
  id: string;
  createdAt: Date | undefined;
}

/** What recover does with one pending operation. */
export interface Decision {
  urn: string;
  /** The resource's name (the URN's last part) and type (`scalingo:App`), for the report. */
  name: string;
  type: string;
  /** `imported`: written into the state; `cleared`: dropped; `needs-you`: dropped, and a person must look. */
  outcome: "imported" | "cleared" | "needs-you";
  /** The object's ID when imported (components have none). */
  id?: string;
  detail: string;
}

const appKey = z.object({ name: z.string(), region: z.string() });
const addonKey = z.object({ appId: z.string(), region: z.string(), provider: z.string() });
const domainKey = z.object({ appId: z.string(), region: z.string(), name: z.string() });

/** Types whose create sets the declared values whatever is already there, so running it again is safe. */
const UPSERTS = new Set(["scalingo:Variables", "scalingo:Formation"]);

/** The paasenv resource type (`scalingo:App`) of a dynamic resource, else Pulumi's type token. */
export function resourceTypeOf(resource: PendingOperation["resource"]): string {
  const declared = resource.inputs?.resourceType;
  return typeof declared === "string" ? declared : resource.type;
}

/** The natural key of a pending create, when its type has one and its inputs say it in clear. */
export function naturalKeyOf(resource: PendingOperation["resource"]): NaturalKey | undefined {
  const inputs = resource.inputs ?? {};
  switch (resourceTypeOf(resource)) {
    case "scalingo:App": {
      const key = appKey.safeParse(inputs).data;
      return key && { kind: "app", ...key };
    }
    case "scalingo:Addon": {
      const key = addonKey.safeParse(inputs).data;
      return key && { kind: "addon", ...key, provider: key.provider.replace(/^scalingo-/, "") };
    }
    case "scalingo:Domain": {
      const key = domainKey.safeParse(inputs).data;
      return key && { kind: "domain", ...key };
    }
    default:
      return undefined;
  }
}

/** `app "shop"`, `postgresql add-on of app 64f…`, `domain "www.example.com"`. */
export function describeKey(key: NaturalKey): string {
  if (key.kind === "app") return `app "${key.name}" (${key.region})`;
  if (key.kind === "addon") return `${key.provider} add-on of app ${key.appId}`;
  return `domain "${key.name}"`;
}

/** What recover may assume about the interrupted run. */
export interface RunFacts {
  /** When the interrupted run started (its lock), or a lower bound (the end of the update before it). */
  startedAfter: Date | undefined;
  /** Slack for the clocks of the runner and Scalingo. */
  clockSkewMs: number;
  /** URNs the state already holds (not being deleted). */
  liveUrns: ReadonlySet<string>;
}

const NEXT_UP = "the next `pulumi up`";

/** The decision for a pending create whose object was looked up (`found` is `undefined` when absent). */
export function decideLookedUp(
  op: PendingOperation,
  key: NaturalKey,
  found: FoundObject | undefined,
  facts: RunFacts,
): Decision {
  const base = { urn: op.resource.urn, name: lastPart(op.resource.urn), type: resourceTypeOf(op.resource) };
  const what = describeKey(key);
  if (found === undefined) {
    return { ...base, outcome: "cleared", detail: `no ${what} exists: ${NEXT_UP} creates it` };
  }
  const created = found.createdAt;
  const start = facts.startedAfter;
  if (created === undefined || start === undefined) {
    const missing =
      created === undefined ? "Scalingo gives no creation time for it" : "no lock dates the run";
    return {
      ...base,
      outcome: "needs-you",
      detail: `${what} exists (${found.id}) but nothing proves the interrupted run created it (${missing})`,
    };
  }
  if (created.getTime() < start.getTime() - facts.clockSkewMs) {
    return {
      ...base,
      outcome: "needs-you",
      detail:
        `${what} (${found.id}) was created at ${created.toISOString()}, before the interrupted run started ` +
        `(${start.toISOString()}): it is not this stack's, and ${NEXT_UP} refuses to take it over`,
    };
  }
  return {
    ...base,
    outcome: "imported",
    id: found.id,
    detail: `${what} (${found.id}) created at ${created.toISOString()} by the interrupted run: ${NEXT_UP} finishes it`,
  };
}

/** The decision for a pending operation that needs no lookup, or the key to look its object up by. */
export function firstDecision(op: PendingOperation, facts: RunFacts): Decision | { lookup: NaturalKey } {
  const { resource } = op;
  const base = { urn: resource.urn, name: lastPart(resource.urn), type: resourceTypeOf(resource) };
  if (op.type !== "creating") {
    const detail = `interrupted while ${op.type}: dropped, as \`pulumi refresh\` does; ${NEXT_UP} does it again`;
    return { ...base, outcome: "cleared", detail };
  }
  if (facts.liveUrns.has(resource.urn)) {
    const detail =
      "a replacement was interrupted (the old object is still in the state): look at both objects on Scalingo " +
      "before the next `pulumi up`; recover does not finish replacements";
    return { ...base, outcome: "needs-you", detail };
  }
  if (resource.custom === false) return { ...base, outcome: "imported", detail: "a component: recorded" };
  if (UPSERTS.has(base.type)) {
    return { ...base, outcome: "cleared", detail: `its create only sets values: ${NEXT_UP} runs it again` };
  }
  const key = naturalKeyOf(resource);
  if (key !== undefined) return { lookup: key };
  return {
    ...base,
    outcome: "needs-you",
    detail:
      "paasenv cannot look this resource up: check whether it was created, and import it (`pulumi import`) or " +
      `delete it before ${NEXT_UP}`,
  };
}

/** The decision for every pending operation, with the objects looked up by URN. */
export function decideAll(
  exported: ExportedStack,
  found: ReadonlyMap<string, FoundObject | undefined>,
  facts: Omit<RunFacts, "liveUrns">,
): Decision[] {
  const all = { ...facts, liveUrns: liveUrns(exported) };
  return pendingOperations(exported).map((op) => {
    const first = firstDecision(op, all);
    return "lookup" in first ? decideLookedUp(op, first.lookup, found.get(op.resource.urn), all) : first;
  });
}

const INIT_ERROR =
  "paasenv recover: created by a `pulumi up` that was interrupted; the next update finishes it";

/**
 * The state to import: every `imported` pending create becomes a resource (custom ones with their ID, their
 * inputs as outputs and an initialization error), and no pending operation is left (`pulumi stack import`
 * drops them anyway).
 */
export function repairedStack(exported: ExportedStack, decisions: readonly Decision[]): ExportedStack {
  const { deployment } = exported;
  const imported = (deployment.pending_operations ?? []).flatMap((op) => {
    const decision = decisions.find((d) => d.urn === op.resource.urn && d.outcome === "imported");
    if (decision === undefined || op.type !== "creating") return [];
    const { resource } = op;
    if (resource.custom === false) return [{ ...resource, outputs: resource.outputs ?? {} }];
    return [{ ...resource, id: decision.id, outputs: resource.inputs ?? {}, initErrors: [INIT_ERROR] }];
  });
  return {
    ...exported,
    deployment: {
      ...deployment,
      resources: [...(deployment.resources ?? []), ...imported],
      pending_operations: [],
    },
  };
}

/** The URNs of the state's resources that are not being deleted. */
export function liveUrns(exported: ExportedStack): Set<string> {
  return new Set(
    (exported.deployment.resources ?? []).filter((r) => r.delete !== true).map((resource) => resource.urn),
  );
}

/** The pending operations of an exported state. */
export function pendingOperations(exported: ExportedStack): PendingOperation[] {
  return exported.deployment.pending_operations ?? [];
}

/** The last part of a URN: the resource's name. */
function lastPart(urn: string): string {
  return urn.split("::").at(-1) ?? urn;
}
