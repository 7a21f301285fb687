import { describe, expect, it } from "vitest";
import {
  DEMO_PASSPHRASE,
  demoEnvironment,
  externalScalingo,
  pulumiTarget,
  type ScalingoTarget,
} from "../../../cli/demo/env";

describe("externalScalingo", () => {
  it("is undefined without SCALINGO_AUTH_URL (the demo starts its own emulator)", () => {
    expect(externalScalingo({})).toBeUndefined();
    expect(externalScalingo({ SCALINGO_AUTH_URL: "" })).toBeUndefined();
  });

  it("takes the URLs and the token from the environment", () => {
    expect(
      externalScalingo({
        SCALINGO_AUTH_URL: "http://127.0.0.1:9",
        SCALINGO_API_URL: "http://127.0.0.1:9",
        SCALINGO_API_TOKEN: "tk",
      }),
    ).toEqual({
      authUrl: "http://127.0.0.1:9",
      apiUrl: "http://127.0.0.1:9",
      token: "tk",
      ownEmulator: false,
    });
  });

  it("needs a token", () => {
    expect(() => externalScalingo({ SCALINGO_AUTH_URL: "https://auth.scalingo.com" })).toThrow(
      "SCALINGO_AUTH_URL is set (https://auth.scalingo.com) but SCALINGO_API_TOKEN is not",
    );
  });
});

describe("pulumiTarget", () => {
  it("defaults to a file backend in the demo folder and the demo passphrase", () => {
    expect(pulumiTarget({}, "/r/.paasenv-demo")).toEqual({
      backendUrl: "file:///r/.paasenv-demo/state",
      passphrase: DEMO_PASSPHRASE,
      ownBackend: true,
      demoPassphrase: true,
    });
  });

  it("honours PULUMI_BACKEND_URL and PULUMI_CONFIG_PASSPHRASE, even an empty one", () => {
    expect(pulumiTarget({ PULUMI_BACKEND_URL: "s3://b", PULUMI_CONFIG_PASSPHRASE: "" }, "/d")).toEqual({
      backendUrl: "s3://b",
      passphrase: "",
      ownBackend: false,
      demoPassphrase: false,
    });
  });

  it("leaves the passphrase to PULUMI_CONFIG_PASSPHRASE_FILE when only that is set", () => {
    expect(pulumiTarget({ PULUMI_CONFIG_PASSPHRASE_FILE: "/p" }, "/d")).toMatchObject({
      passphrase: undefined,
      demoPassphrase: false,
    });
  });
});

describe("demoEnvironment", () => {
  const base = {
    PATH: "/bin",
    PULUMI_HOME: "/d/state/pulumi-home",
    PULUMI_CONFIG_PASSPHRASE: "",
    SCALINGO_API_URL: "http://elsewhere",
  };
  const emulator: ScalingoTarget = { authUrl: "http://127.0.0.1:5", token: "t", ownEmulator: true };

  it("points the demo's own backend and the emulator, and drops forced API URLs", () => {
    const env = demoEnvironment(base, {}, "/d", pulumiTarget({}, "/d"), emulator);
    expect(env).toEqual({
      PATH: "/bin",
      PULUMI_HOME: "/d/pulumi-home",
      PULUMI_BACKEND_URL: "file:///d/state",
      PULUMI_CONFIG_PASSPHRASE: DEMO_PASSPHRASE,
      SCALINGO_AUTH_URL: "http://127.0.0.1:5",
      SCALINGO_API_TOKEN: "t",
    });
  });

  it("keeps the user's PULUMI_HOME (and its login) with a user backend, and passes forced URLs", () => {
    const external: ScalingoTarget = {
      authUrl: "https://auth",
      apiUrl: "https://api",
      dbApiUrl: "https://db",
      token: "tk",
      ownEmulator: false,
    };
    const target = pulumiTarget({ PULUMI_BACKEND_URL: "s3://b", PULUMI_CONFIG_PASSPHRASE_FILE: "/p" }, "/d");
    const env = demoEnvironment({ ...base, PULUMI_CONFIG_PASSPHRASE_FILE: "/p" }, {}, "/d", target, external);
    expect(env).toEqual({
      PATH: "/bin",
      PULUMI_BACKEND_URL: "s3://b",
      PULUMI_CONFIG_PASSPHRASE_FILE: "/p",
      SCALINGO_AUTH_URL: "https://auth",
      SCALINGO_API_URL: "https://api",
      SCALINGO_DB_API_URL: "https://db",
      SCALINGO_API_TOKEN: "tk",
    });
    const withHome = demoEnvironment(base, { PULUMI_HOME: "/home/u/.pulumi" }, "/d", target, external);
    expect(withHome.PULUMI_HOME).toBe("/home/u/.pulumi");
  });

  it("points Alwaysdata at the demo's emulator, never at a user's account", () => {
    const userAccount = { ...base, ALWAYSDATA_API_KEY: "real", ALWAYSDATA_ACCOUNT: "me" };
    const withDns: ScalingoTarget = {
      ...emulator,
      alwaysdata: { url: "http://127.0.0.1:6/v1", apiKey: "k" },
    };
    const env = demoEnvironment(userAccount, {}, "/d", pulumiTarget({}, "/d"), withDns);
    expect(env).toMatchObject({ ALWAYSDATA_API_URL: "http://127.0.0.1:6/v1", ALWAYSDATA_API_KEY: "k" });
    expect(env.ALWAYSDATA_ACCOUNT).toBeUndefined();
    const without = demoEnvironment(userAccount, {}, "/d", pulumiTarget({}, "/d"), emulator);
    expect(Object.keys(without).filter((name) => name.startsWith("ALWAYSDATA_"))).toEqual([]);
  });
});
