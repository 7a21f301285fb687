/**
 * The threat model of docs/safety.md as a check over parsed workflows: which job runs on which events, in
 * which GitHub environment, with which secrets, and the rules no job may break.
 */
import { parse } from "yaml";

/** The GitHub environments that hold production credentials. */
const PRODUCTION_ENVIRONMENTS = new Set(["production", "preview-production", "drift-production"]);

/** Production's secrets are named so that no other environment (nor the repository) can hold them by accident. */
const isProductionSecret = (name: string) => name.startsWith("PRODUCTION_");

/** Events that run a pull request's code (and its version of the workflow). */
const PULL_REQUEST_EVENTS = ["pull_request", "pull_request_target"];

/** What one job holds. */
export interface JobView {
  workflow: string;
  job: string;
  triggers: string[];
  /** The GitHub environment, or `undefined` when the job has none. */
  environment: string | undefined;
  /** The secrets its steps can see, its workflow's `env:` included. */
  secrets: string[];
  /** Its `if:` condition. */
  condition: string | undefined;
  /** Its token's permissions (its own, else its workflow's), as `contents: read, id-token: write`. */
  permissions: string;
  /** What it runs of the production gate: `check`, the policy `pack`, or `-` (docs/production-gate.md). */
  gate: "check" | "pack" | "-";
  /** Whether it runs a real (not refreshed) preview or an `up`, which must run the pack. */
  deploys: boolean;
}

type Node = Record<string, unknown>;

const asNode = (value: unknown): Node =>
  value !== null && typeof value === "object" && !Array.isArray(value) ? (value as Node) : {};

function triggersOf(on: unknown): string[] {
  if (typeof on === "string") return [on];
  if (Array.isArray(on)) return on.map(String);
  return Object.keys(asNode(on));
}

/** Every `secrets.<NAME>` (and `secrets[…]`, reported as `[dynamic]`) in the strings of `node`. */
function secretsIn(node: unknown): string[] {
  if (typeof node === "string") {
    const named = [...node.matchAll(/secrets\.([A-Za-z_][A-Za-z0-9_]*)/g)].map((m) => m[1] ?? "");
    return /secrets\s*\[/.test(node) ? [...named, "[dynamic]"] : named;
  }
  if (Array.isArray(node)) return node.flatMap(secretsIn);
  if (node !== null && typeof node === "object") return Object.values(node).flatMap(secretsIn);
  return [];
}

function environmentOf(job: Node): string | undefined {
  const environment = job.environment;
  if (environment === undefined) return undefined;
  return typeof environment === "string" ? environment : String(asNode(environment).name);
}

/** `permissions:` as one line, scopes sorted; `read-all`/`write-all` as they are; none given: `default`. */
function permissionsOf(value: unknown): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value === "string") return value;
  return Object.entries(asNode(value))
    .map(([scope, access]) => `${scope}: ${String(access)}`)
    .sort()
    .join(", ");
}

/** A step's `run:` script and its `with:` inputs. */
function stepsOf(job: Node): { run: string; uses: string; with: Node }[] {
  const steps = Array.isArray(job.steps) ? job.steps : [];
  return steps.map((step) => {
    const node = asNode(step);
    const text = (value: unknown) => (typeof value === "string" ? value : "");
    return { run: text(node.run), uses: text(node.uses), with: asNode(node.with) };
  });
}

/** What the job runs of the gate, and whether it runs a preview or an `up` that must run the pack. */
function gateOf(job: Node): Pick<JobView, "gate" | "deploys"> {
  const steps = stepsOf(job);
  const action = steps.filter((s) => s.uses.startsWith("pulumi/actions@") && s.with.command !== undefined);
  // `npm run paasenv -- <command>` here, `npx paasenv <command>` in examples/.
  const cli = steps.filter((s) => /paasenv (?:-- )?(?:preview (?![^\n]*--refresh)|review up)/.test(s.run));
  const pack =
    action.some((s) => s.with.policyPacks === "policy") ||
    cli.some((s) => s.run.includes("--policy-pack policy"));
  const check = steps.some((s) => /paasenv (?:-- )?check/.test(s.run));
  return { gate: pack ? "pack" : check ? "check" : "-", deploys: action.length + cli.length > 0 };
}

/** The jobs of one workflow file. */
export function jobsOf(workflow: string, text: string): JobView[] {
  const document = asNode(parse(text));
  const triggers = triggersOf(document.on);
  const shared = secretsIn(document.env);
  return Object.entries(asNode(document.jobs)).map(([name, value]) => {
    const job = asNode(value);
    return {
      workflow,
      job: name,
      triggers,
      environment: environmentOf(job),
      secrets: [...new Set([...shared, ...secretsIn(job)])].sort(),
      condition: typeof job.if === "string" ? job.if : undefined,
      permissions: permissionsOf(job.permissions) ?? permissionsOf(document.permissions) ?? "default",
      ...gateOf(job),
    };
  });
}

/** Where `jobs` break the threat model, one sentence each. */
export function violations(jobs: readonly JobView[]): string[] {
  return jobs.flatMap((j) => {
    const where = `${j.workflow} › ${j.job}`;
    const production = j.environment !== undefined && PRODUCTION_ENVIRONMENTS.has(j.environment);
    const productionSecrets = j.secrets.filter(isProductionSecret);
    const problems: string[] = [];
    if (j.triggers.includes("pull_request_target")) problems.push(`${where} runs on pull_request_target`);
    if (j.triggers.some((t) => PULL_REQUEST_EVENTS.includes(t))) {
      if (production)
        problems.push(`${where} runs on pull requests in production environment ${j.environment}`);
      if (productionSecrets.length > 0)
        problems.push(`${where} runs on pull requests with ${productionSecrets.join(", ")}`);
    }
    if (productionSecrets.length > 0 && !production)
      problems.push(`${where} references ${productionSecrets.join(", ")} outside a production environment`);
    if (j.environment?.includes("${{")) problems.push(`${where} computes its environment: name it literally`);
    if (j.environment === undefined && j.secrets.length > 0)
      problems.push(`${where} references ${j.secrets.join(", ")} with no environment (repository secrets)`);
    if (j.secrets.includes("[dynamic]")) problems.push(`${where} looks a secret up by a computed name`);
    const pinned = /github\.ref == 'refs\/heads\/main'|startsWith\(github\.ref, 'refs\/tags\/v'\)/;
    if (production && !pinned.test(j.condition ?? ""))
      problems.push(`${where} may run production credentials on a ref other than main or a release tag`);
    if (j.deploys && j.gate !== "pack")
      problems.push(`${where} runs a preview or an up without the production gate (--policy-pack policy)`);
    return problems;
  });
}
