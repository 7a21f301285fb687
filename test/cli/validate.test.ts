import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Io } from "../../cli/lib/pulumi";
import { main } from "../../cli/program";
import { configFromFile, SECRET_PLACEHOLDER } from "../../cli/validate";

const REPO_ROOT = path.resolve(__dirname, "..", "..");

/** Runs the CLI in-process with captured streams. */
async function run(...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const out = { stdout: "", stderr: "" };
  const io: Io = {
    stdout: (text) => {
      out.stdout += text;
    },
    stderr: (text) => {
      out.stderr += text;
    },
  };
  return { code: await main(argv, io), ...out };
}

let dir: string;

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "paasenv-validate-"));
  const production = fs.readFileSync(path.join(REPO_ROOT, "Pulumi.production.yaml"), "utf8");
  fs.writeFileSync(
    path.join(dir, "Pulumi.production.yaml"),
    production.replace("region: osc-fr1", "region: osc-nowhere").replace("size: L", "size: XS"),
  );
  fs.writeFileSync(
    path.join(dir, "Pulumi.encrypted.yaml"),
    [
      "config:",
      "  paasenv:environment: staging",
      "  paasenv:app:",
      "    name: myapp-encrypted",
      "  paasenv:secretEnv:",
      "    SECRET_KEY:",
      "      secure: v1:c2VjcmV0",
      "  paasenv:env:",
      "    secure: v1:d2hvbGU=",
      "  paasenv:dns:",
      "    provider: none",
      "  scalingo:apiToken:",
      "    secure: v1:dG9rZW4=",
      "",
    ].join("\n"),
  );
});

afterAll(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

describe("configFromFile", () => {
  it("gives the values a program sees, secret leaves as a placeholder, whole encrypted keys apart", () => {
    const text = fs.readFileSync(path.join(dir, "Pulumi.encrypted.yaml"), "utf8");
    expect(configFromFile(text, "Pulumi.encrypted.yaml")).toEqual({
      values: {
        "paasenv:environment": "staging",
        "paasenv:app": '{"name":"myapp-encrypted"}',
        "paasenv:secretEnv": `{"SECRET_KEY":"${SECRET_PLACEHOLDER}"}`,
        "paasenv:dns": '{"provider":"none"}',
      },
      encrypted: ["paasenv:env", "scalingo:apiToken"],
    });
  });
});

describe("paasenv validate", () => {
  it("accepts the committed example stacks, with no passphrase and no backend", async () => {
    const result = await run("--cwd", REPO_ROOT, "validate", "staging", "production");
    expect(result).toEqual({
      code: 0,
      stdout:
        "Pulumi.staging.yaml: valid (11 paasenv keys)\nPulumi.production.yaml: valid (13 paasenv keys)\n",
      stderr: "",
    });
  });

  it("accepts the stacks of examples/, the project other teams start from", async () => {
    const result = await run("--cwd", path.join(REPO_ROOT, "examples"), "validate", "staging", "production");
    expect(result).toEqual({
      code: 0,
      stdout: "Pulumi.staging.yaml: valid (8 paasenv keys)\nPulumi.production.yaml: valid (8 paasenv keys)\n",
      stderr: "",
    });
  });

  it("names what it could not check because it is encrypted as a whole", async () => {
    const result = await run("--cwd", dir, "validate", "encrypted");
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(
      "Pulumi.encrypted.yaml: valid (4 paasenv keys; not checked (encrypted as a whole): paasenv:env)\n",
    );
  });

  it("fails (exit 1) naming every bad key, its value and what is allowed, and a missing file", async () => {
    const result = await run("--cwd", dir, "validate", "production", "nope");
    expect(result.code).toBe(1);
    expect(result.stdout).toBe("");
    expect(result.stderr).toContain(
      "Pulumi.production.yaml: Invalid stack configuration:\n" +
        '  - `paasenv:app.region` must be one of "osc-fr1", "osc-secnum-fr1" (got "osc-nowhere")\n',
    );
    expect(result.stderr).toContain("`paasenv:processes.web.size` must be one of");
    expect(result.stderr).toContain(`validate: there is no Pulumi.nope.yaml in ${dir}`);
  });
});
