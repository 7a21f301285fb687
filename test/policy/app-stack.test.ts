import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningEmulator, startEmulator } from "../../emulator/scalingo";
import { catalogReader } from "../../policy/catalog";
import { TYPES } from "../../policy/resources";
import { stackSupported } from "../../policy/rules/app-stack";
import { declared, violations } from "./fixtures";

// stack-supported reads Scalingo's public catalog over real HTTP (the emulator's GET /v1/features/stacks:
// scalingo-22 deprecated on 2027-05-31, scalingo-24 and scalingo-26 supported), with no token anywhere.

let emulator: RunningEmulator;

beforeAll(async () => {
  emulator = await startEmulator();
});

afterAll(async () => {
  await emulator?.stop();
});

const app = (stack?: string) =>
  declared(TYPES.app, "paasenv-app", {
    name: "myapp-production",
    region: "osc-fr1",
    forceHttps: true,
    ...(stack === undefined ? {} : { stack }),
  });

/** The `scalingo:*` settings of a stack pointing at `url`. */
const pointingAt = (url: string) => ({
  "scalingo:authUrl": url,
  "scalingo:apiUrl": url,
  "scalingo:dbApiUrl": url,
  "scalingo:httpRetries": "0",
});

/** A reader of the emulator's catalog, given no token (an ambient one must not be read either). */
const reader = () =>
  catalogReader(pointingAt(emulator.url), { SCALINGO_API_TOKEN: "tk-us-must-not-be-sent" });

describe("stack-supported", () => {
  it("passes a supported stack and the platform's default, reading the catalog once per region", async () => {
    const rule = stackSupported(reader());
    const before = emulator.runtime.requests.length;
    expect(await violations(rule, [app("scalingo-24"), app(), app("scalingo-26")])).toEqual([]);
    const calls = emulator.runtime.requests.slice(before);
    expect(calls.filter((call) => call.path === "/v1/features/stacks")).toHaveLength(1);
    expect(calls.filter((call) => call.path.includes("token"))).toEqual([]);
  });

  it("fails a deprecated stack, naming the key, its date and the supported stacks", async () => {
    expect(await violations(stackSupported(reader()), [app("scalingo-22")])).toEqual([
      "the app runs on `scalingo-22`, which Scalingo deprecates (`deprecated_at` 2027-05-31): set " +
        "`paasenv:app.stack` to a supported stack (`scalingo-24`, `scalingo-26`), then deploy again",
    ]);
  });

  it("reports a catalog it cannot read instead of passing", async () => {
    const closed = catalogReader(
      {
        "scalingo:authUrl": "http://127.0.0.1:9",
        "scalingo:apiUrl": "http://127.0.0.1:9",
        "scalingo:httpRetries": "0",
      },
      {},
    );
    const [message] = await violations(stackSupported(closed), [app("scalingo-24")]);
    expect(message).toMatch(
      /^could not read Scalingo's stacks to check `scalingo-24` \(.+\); run the check again$/,
    );
  });
});
