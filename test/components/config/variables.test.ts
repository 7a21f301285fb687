import * as pulumi from "@pulumi/pulumi";
import { describe, expect, it } from "vitest";
import { ConfigError } from "../../../components/config/errors";
import {
  appVariables,
  variableClashes,
  WIRED_VARIABLES,
  wiredVariableNames,
  wiredVariables,
} from "../../../components/config/variables";
import { promiseOf } from "../harness";

const storage = {
  bucketName: "shop-storage",
  endpoint: "https://s3.fr-par.scw.cloud",
  region: "fr-par",
  accessKey: "SCWKEY",
  secretKey: "secret",
};

describe("wiredVariables", () => {
  it("wires only APP_URL without storage", () => {
    expect(wiredVariables("https://example.com", undefined)).toEqual({ APP_URL: "https://example.com" });
  });

  it("wires the bucket under the django-storages / boto3 names", () => {
    expect(wiredVariables("https://example.com", storage)).toEqual({
      APP_URL: "https://example.com",
      AWS_STORAGE_BUCKET_NAME: "shop-storage",
      AWS_S3_ENDPOINT_URL: "https://s3.fr-par.scw.cloud",
      AWS_S3_REGION_NAME: "fr-par",
      AWS_ACCESS_KEY_ID: "SCWKEY",
      AWS_SECRET_ACCESS_KEY: "secret",
    });
  });

  it("names exactly what it wires, known before any resource exists", () => {
    expect(wiredVariableNames(true).sort()).toEqual(Object.keys(wiredVariables("u", storage)).sort());
    expect(wiredVariableNames(false)).toEqual([WIRED_VARIABLES.url]);
  });
});

describe("variableClashes", () => {
  it.each([
    [{ env: { A: "1" }, secretEnv: { B: "2" } }, [], []],
    [
      { env: { A: "1" }, secretEnv: { A: "2" } },
      [],
      ["`paasenv:env.A` is also set in `paasenv:secretEnv`; keep only one of the two"],
    ],
    [
      { env: { APP_URL: "x" }, secretEnv: {} },
      ["APP_URL"],
      ["`paasenv:env.APP_URL` is set by paasenv itself (the app's public URL); remove it from the config"],
    ],
    [
      { env: {}, secretEnv: { AWS_SECRET_ACCESS_KEY: "x" } },
      wiredVariableNames(true),
      [
        "`paasenv:secretEnv.AWS_SECRET_ACCESS_KEY` is set by paasenv itself (the object storage bucket); remove it from the config",
      ],
    ],
    [{ env: { AWS_ACCESS_KEY_ID: "x" }, secretEnv: {} }, wiredVariableNames(false), []],
  ])("%j with wired %j → %j", (config, wired, expected) => {
    expect(variableClashes(config, wired)).toEqual(expected);
  });
});

describe("appVariables", () => {
  it("merges env, secretEnv and wired values, every value a secret", async () => {
    const variables = appVariables(
      { env: { PLAIN: "p" }, secretEnv: { HIDDEN: "h" } },
      { APP_URL: pulumi.output("https://x") },
    );
    expect(Object.keys(variables).sort()).toEqual(["APP_URL", "HIDDEN", "PLAIN"]);
    for (const value of Object.values(variables)) {
      expect(await pulumi.isSecret(value)).toBe(true);
    }
    expect(await promiseOf(variables.PLAIN ?? pulumi.output(""))).toBe("p");
    expect(await promiseOf(variables.APP_URL ?? pulumi.output(""))).toBe("https://x");
  });

  it("throws a ConfigError listing every clash", () => {
    const call = () =>
      appVariables({ env: { A: "1", APP_URL: "u" }, secretEnv: { A: "2" } }, { APP_URL: "x" });
    expect(call).toThrow(ConfigError);
    expect(call).toThrow(/paasenv:env\.A` is also set[\s\S]*paasenv:env\.APP_URL` is set by paasenv/);
  });
});
