import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import type { EngineEvent, PulumiCommand, Stack } from "@pulumi/pulumi/automation";
import { LocalWorkspace } from "@pulumi/pulumi/automation";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensurePulumiCli, pulumiCommand, pulumiEnv } from "../helpers/pulumi";

// The real Pulumi engine (CLI built from the pinned Go modules, our language host, Pulumi's
// dynamic-provider host) runs test/fixtures/pulumi-smoke through the Automation API against a file://
// backend: preview, up, outputs, a no-change preview, stack export and destroy.

const repoRoot = path.resolve(__dirname, "..", "..");
const fixture = path.join(repoRoot, "test", "fixtures", "pulumi-smoke");

let tmpRoot: string;
let workDir: string;
let backendDir: string;
let markerDir: string;
let command: PulumiCommand;

/** Opens (creating it if needed) a stack of the copied fixture with the offline environment. */
function openStack(stackName: string): Promise<Stack> {
  return LocalWorkspace.createOrSelectStack(
    { stackName, workDir },
    { pulumiCommand: command, envVars: pulumiEnv(backendDir) },
  );
}

/** Collects the `op` and resource type of each step event the engine reports. */
function stepRecorder(): { steps: string[]; onEvent: (event: EngineEvent) => void } {
  const steps: string[] = [];
  return {
    steps,
    onEvent: (event) => {
      const metadata = event.resourcePreEvent?.metadata;
      if (metadata !== undefined) steps.push(`${metadata.op} ${metadata.type}`);
    },
  };
}

beforeAll(async () => {
  ensurePulumiCli();
  command = await pulumiCommand();
  tmpRoot = fs.mkdtempSync(path.join(os.tmpdir(), "paasenv-engine-smoke-"));
  workDir = path.join(tmpRoot, "project");
  backendDir = path.join(tmpRoot, "backend");
  markerDir = path.join(tmpRoot, "markers");
  fs.cpSync(fixture, workDir, { recursive: true });
  fs.symlinkSync(path.join(repoRoot, "node_modules"), path.join(workDir, "node_modules"), "dir");
  fs.mkdirSync(backendDir);
  fs.mkdirSync(markerDir);
});

afterAll(() => {
  if (tmpRoot !== undefined) fs.rmSync(tmpRoot, { recursive: true, force: true });
});

describe("the real Pulumi engine", () => {
  it("reports a program error with the program's own message", async () => {
    const stack = await openStack("broken"); // no pulumi-smoke:markerDir set
    await expect(stack.preview()).rejects.toThrow(
      /Missing required configuration variable 'pulumi-smoke:markerDir'/,
    );
  });

  it("previews, creates, reports no drift, exports and destroys a dynamic resource", async () => {
    const stack = await openStack("smoke");
    await stack.setConfig("markerDir", { value: markerDir });

    const firstPreview = stepRecorder();
    const preview = await stack.preview({ onEvent: firstPreview.onEvent });
    // The summary counts the stack and the marker; the steps also show the default dynamic provider.
    expect(preview.changeSummary).toEqual({ create: 2 });
    expect(firstPreview.steps).toEqual([
      "create pulumi:pulumi:Stack",
      "create pulumi:providers:pulumi-nodejs",
      "create pulumi-nodejs:dynamic:Resource",
    ]);
    expect(fs.readdirSync(markerDir)).toEqual([]);

    const up = await stack.up();
    expect(up.summary.result).toBe("succeeded");
    expect(up.summary.resourceChanges).toEqual({ create: 2 });
    const markerId = up.outputs.markerId?.value;
    expect(markerId).toMatch(/^marker-\d+$/);
    expect(up.outputs.markerText?.value).toBe("hello from pulumi-smoke");
    expect(fs.readFileSync(path.join(markerDir, `${String(markerId)}.txt`), "utf8")).toBe(
      "hello from pulumi-smoke",
    );

    const secondPreview = await stack.preview();
    expect(secondPreview.changeSummary).toEqual({ same: 2 });

    const exported = await stack.exportStack();
    const types = (exported.deployment.resources ?? []).map((r: { type: string }) => r.type);
    expect(types).toEqual(expect.arrayContaining(["pulumi:pulumi:Stack", "pulumi-nodejs:dynamic:Resource"]));

    const destroy = await stack.destroy();
    expect(destroy.summary.result).toBe("succeeded");
    expect(destroy.summary.resourceChanges).toEqual({ delete: 2 });
    expect(fs.readdirSync(markerDir)).toEqual([]);
  });
});
