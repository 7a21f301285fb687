import * as fs from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import {
  configEntry,
  configFromStackFile,
  configFromValues,
  configValues,
  parseConfigJson,
  stackFileHasSecrets,
  toSetAllJson,
} from "../../../cli/lib/stack-config";

describe("configEntry", () => {
  it.each([
    ["text", false, { value: "text", secret: false }],
    ["s", true, { value: "s", secret: true }],
    [12, false, { value: "12", objectValue: 12, secret: false }],
    [true, false, { value: "true", objectValue: true, secret: false }],
    [{ a: [1] }, false, { value: '{"a":[1]}', objectValue: { a: [1] }, secret: false }],
  ])("%j (secret %s)", (value, secret, entry) => {
    expect(configEntry(value, secret)).toEqual(entry);
  });
});

describe("parseConfigJson", () => {
  it("keeps value, objectValue and secret, defaulting the rest", () => {
    expect(
      parseConfigJson(
        {
          "paasenv:app": { value: '{"name":"x"}', objectValue: { name: "x" }, secret: false },
          "scalingo:apiToken": { value: "tk", secret: true },
          "paasenv:allowDataLoss": { value: "false" },
          "paasenv:odd": { objectValue: [1, 2] },
        },
        "staging",
      ),
    ).toEqual({
      "paasenv:app": { value: '{"name":"x"}', objectValue: { name: "x" }, secret: false },
      "scalingo:apiToken": { value: "tk", secret: true },
      "paasenv:allowDataLoss": { value: "false", secret: false },
      "paasenv:odd": { value: "[1,2]", objectValue: [1, 2], secret: false },
    });
  });

  it("names the stack when the output is not a config map", () => {
    expect(() => parseConfigJson({ key: { value: 3 } }, "staging")).toThrow(
      'read config of stack "staging": unexpected `pulumi config --json` output',
    );
  });
});

describe("configFromStackFile", () => {
  it("reads the config block, keeping structure", () => {
    const text = [
      "config:",
      "  paasenv:environment: staging",
      "  paasenv:app:",
      "    name: myapp-staging",
      "  paasenv:allowDataLoss: true",
      "  paasenv:domains:",
      "    - name: a.example.com",
    ].join("\n");
    expect(configFromStackFile(text, "Pulumi.staging.yaml")).toEqual({
      "paasenv:environment": { value: "staging", secret: false },
      "paasenv:app": {
        value: '{"name":"myapp-staging"}',
        objectValue: { name: "myapp-staging" },
        secret: false,
      },
      "paasenv:allowDataLoss": { value: "true", objectValue: true, secret: false },
      "paasenv:domains": {
        value: '[{"name":"a.example.com"}]',
        objectValue: [{ name: "a.example.com" }],
        secret: false,
      },
    });
  });

  it("reads a file without config as empty", () => {
    expect(configFromStackFile("encryptionsalt: x\n", "Pulumi.x.yaml")).toEqual({});
  });

  it("refuses encrypted values, naming the key", () => {
    const text = "config:\n  paasenv:secretEnv:\n    KEY:\n      secure: v1:abc\n";
    expect(() => configFromStackFile(text, "Pulumi.staging.yaml")).toThrow(
      "Pulumi.staging.yaml: `paasenv:secretEnv` is encrypted (secure:); read it through its stack",
    );
  });

  it("refuses a config block that is not a map", () => {
    expect(() => configFromStackFile("config: [1]\n", "Pulumi.x.yaml")).toThrow(
      "Pulumi.x.yaml: `config` must be a map of keys to values",
    );
  });
});

describe("stackFileHasSecrets", () => {
  it.each([
    ["config:\n  a:b:\n    secure: v1:x\n", true],
    ["config:\n  a:b:\n    - k:\n        secure: v1:x\n", true],
    ["# not even `secure:` ciphertext\nconfig:\n  a:b: secure\n", false],
    ["encryptionsalt: v1:x\n", false],
  ])("%j → %s", (text, expected) => {
    expect(stackFileHasSecrets(text, "Pulumi.x.yaml")).toBe(expected);
  });

  it("is false for the committed example stacks", () => {
    for (const stack of ["staging", "production"]) {
      const file = path.join(__dirname, "..", "..", "..", `Pulumi.${stack}.yaml`);
      expect(stackFileHasSecrets(fs.readFileSync(file, "utf8"), file)).toBe(false);
    }
  });
});

describe("toSetAllJson", () => {
  it("keeps the structure of plain objects and writes secret objects as one secret JSON string", () => {
    const config = {
      ...configFromValues({ "paasenv:app": { name: "x" }, "paasenv:environment": "review" }),
      ...configFromValues({ "paasenv:secretEnv": { K: "v" }, "scalingo:apiToken": "tk" }, [
        "paasenv:secretEnv",
        "scalingo:apiToken",
      ]),
    };
    expect(JSON.parse(toSetAllJson(config))).toEqual({
      "paasenv:app": { value: '{"name":"x"}', objectValue: { name: "x" }, secret: false },
      "paasenv:environment": { value: "review", secret: false },
      "paasenv:secretEnv": { value: '{"K":"v"}', secret: true },
      "scalingo:apiToken": { value: "tk", secret: true },
    });
  });
});

describe("configValues", () => {
  it("gives the strings a program sees", () => {
    expect(configValues(configFromValues({ "paasenv:app": { name: "x" }, "paasenv:e": "s" }))).toEqual({
      "paasenv:app": '{"name":"x"}',
      "paasenv:e": "s",
    });
  });
});
