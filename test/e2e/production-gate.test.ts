import * as fs from "node:fs";
import * as path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ConfigJson, configEntry, configFromStackFile } from "../../cli/lib/stack-config";
import { type E2E, loggedRequests, openStack, pulumiCli, startE2E } from "./harness";

// The production gate under the real engine: `pulumi preview --policy-pack policy` with the CLI built here
// (its language host starts the pack: RunPlugin), against the emulator, on the committed example production
// stack with storage off and DNS `manual` (the Scaleway plugin cannot run here).

const REPO = path.resolve(__dirname, "..", "..");
let e2e: E2E;

/** `Pulumi.production.yaml` as committed, storage off, DNS `manual`, then `changes`. */
function exampleProduction(changes: Record<string, unknown> = {}): ConfigJson {
  const text = fs.readFileSync(path.join(REPO, "Pulumi.production.yaml"), "utf8");
  const config = configFromStackFile(text, "Pulumi.production.yaml");
  const values: Record<string, unknown> = {
    "paasenv:storage": { enabled: false },
    "paasenv:dns": { provider: "manual" },
    ...changes,
  };
  for (const [key, value] of Object.entries(values)) config[key] = configEntry(value);
  return config;
}

/** One web container, no autoscaler, monitoring, drains or error pages: the gaps a gate must find. */
const GAPS = {
  "paasenv:processes": { web: { amount: 1, size: "L" }, worker: { amount: 2, size: "M" } },
  "paasenv:autoscaler": {},
};

/** `pulumi preview --policy-pack policy` of `stack`: its exit status and what it printed. */
async function previewWithGate(stack: string, config: ConfigJson): Promise<{ ok: boolean; output: string }> {
  await openStack(e2e, stack, config);
  const args = [
    "preview",
    "--stack",
    stack,
    "--policy-pack",
    "policy",
    "--non-interactive",
    "--color",
    "never",
  ];
  try {
    return { ok: true, output: await pulumiCli(e2e, args) };
  } catch (error) {
    const stdout =
      error !== null && typeof error === "object" && "stdout" in error ? String(error.stdout) : "";
    return { ok: false, output: stdout };
  }
}

/** The policy lines of a preview's output: `[<level>]  <policy>` for each violation. */
const reported = (output: string) =>
  [...output.matchAll(/- \[(mandatory|advisory)\] {2}([a-z-]+) /g)].map((m) => `${m[1]} ${m[2]}`);

const WEB_MESSAGE =
  "`web` runs on 1 container, so a crash, a restart or a deployment takes the site down: set " +
  "`paasenv:processes.web.amount` to 2 or more, or autoscale web with `paasenv:autoscaler.web` (`min` 2 or more)";

beforeAll(async () => {
  e2e = await startE2E("gate");
});

afterAll(async () => {
  await e2e?.stop();
});

describe("pulumi preview --policy-pack policy", () => {
  it("passes the example production stack as committed (the pack reads the catalog of stacks)", async () => {
    const { ok, output } = await previewWithGate("production", exampleProduction());
    expect(reported(output)).toEqual([]);
    expect(output).toContain("✅ paasenv-production-gate@v0.1.0 (local: policy)");
    expect(ok).toBe(true);
    const stacks = (await loggedRequests(e2e)).filter((r) => r.path === "/v1/features/stacks");
    expect(stacks.length).toBeGreaterThan(0);
  });

  it("fails it with one web container, naming the key and the value", async () => {
    const { ok, output } = await previewWithGate("production", exampleProduction(GAPS));
    expect(reported(output)).toEqual(["mandatory web-redundancy"]);
    expect(output).toContain(WEB_MESSAGE);
    expect(ok).toBe(false);
  });

  it("passes a review stack with the same gaps, each an advisory", async () => {
    const review = exampleProduction({
      ...GAPS,
      "paasenv:environment": "review",
      "paasenv:reviewNumber": 7,
    });
    const { ok, output } = await previewWithGate("review-7", review);
    // A review runs one S web container on sandbox plans, without domains or production resources; its
    // variables wait for the app's URL, so the rules reading them cannot run during its preview (Pulumi says
    // so, as an advisory).
    expect(reported(output)).toEqual([
      "advisory container-size",
      "advisory custom-domain",
      "advisory data-protected",
      "advisory data-protected",
      "advisory database-backups",
      "advisory database-plan",
      "advisory debug-off",
      "advisory error-pages",
      "advisory log-drains",
      "advisory maintenance-window",
      "advisory maintenance-window",
      "advisory monitoring",
      "advisory monitoring",
      "advisory monitoring",
      "advisory web-redundancy",
    ]);
    expect(output).toContain(
      "`web` runs on 1 container, so a crash, a restart or a deployment takes the site down: set " +
        "`paasenv:processes.web.amount` to 2 or more, or autoscale web with `paasenv:autoscaler.web` " +
        "(`min` 2 or more) in production (review environments always run one)",
    );
    expect(output).toContain(
      "can't run policy 'debug-off' from policy pack 'paasenv-production-gate@v0.1.0' during preview",
    );
    expect(ok).toBe(true);
  });
});
