/** Where paasenv finds its own files, from the checkout's source and from the installed package's dist/. */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { PACKAGE_ROOT, packageRootFrom, RUNS_FROM_SOURCE } from "../../../cli/lib/package-root";
import { pulumiOnPath } from "../../../cli/lib/pulumi-cli";

describe("packageRootFrom", () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "paasenv-root-"));
  fs.writeFileSync(path.join(root, "package.json"), "{}");
  afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

  it.each([
    ["cli/lib", "the checkout's source"],
    ["dist/cli/lib", "the package's compiled code"],
  ])("is the folder holding package.json, from %s (%s)", (dir) => {
    expect(packageRootFrom(path.join(root, dir))).toBe(root);
  });

  it("is this checkout when the tests run its source", () => {
    expect(PACKAGE_ROOT).toBe(path.resolve(__dirname, "..", "..", ".."));
    expect(RUNS_FROM_SOURCE).toBe(true);
  });
});

describe("pulumiOnPath", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "paasenv-path-"));
  const [empty, notExecutable, bin] = ["empty", "plain", "bin"].map((name) => path.join(dir, name));
  for (const folder of [empty, notExecutable, bin]) fs.mkdirSync(folder ?? "");
  fs.writeFileSync(path.join(notExecutable ?? "", "pulumi"), "");
  fs.writeFileSync(path.join(bin ?? "", "pulumi"), "#!/bin/sh\n", { mode: 0o755 });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("is the first PATH folder with an executable pulumi", () => {
    expect(pulumiOnPath([empty, notExecutable, bin].join(path.delimiter))).toBe(bin);
  });

  it("says how to install the CLI when there is none", () => {
    expect(() => pulumiOnPath([empty, notExecutable].join(path.delimiter))).toThrow(
      "the Pulumi CLI is not on PATH: install it (https://www.pulumi.com/docs/iac/download-install/)",
    );
    expect(() => pulumiOnPath(undefined)).toThrow("the Pulumi CLI is not on PATH");
  });
});
