/** Secrets in the stack config: what looks like one, clear `secretEnv` values, the stack-file check. */
import { describe, expect, it, vi } from "vitest";
import { checkedConfig, loadConfig } from "../../../components/config/load";
import {
  plainSecretEnvInFile,
  plainSecretWarnings,
  secretEnvProblem,
  secretLooking,
} from "../../../components/config/secrets";

describe("secretLooking", () => {
  it.each([
    ["DJANGO_SECRET_KEY", "x", "its name says it is a secret"],
    ["AWS_SECRET_ACCESS_KEY", "x", "its name says it is a secret"],
    ["GITHUB_TOKEN", "x", "its name says it is a secret"],
    ["DB_PASSWORD", "x", "its name says it is a secret"],
    ["LDAP_PASSWD", "x", "its name says it is a secret"],
    ["STRIPE_API_KEY", "x", "its name says it is a secret"],
    ["SENTRY_DSN", "x", "its name says it is a secret"],
    ["UPSTREAM", "https://user:pw@api.example.com", "its value is a URL with credentials"],
    ["SENTRY", "https://public-key@o1.ingest.sentry.io/1", "its value is a URL with credentials"],
    ["CELERY_BROKER_URL", "$REDIS_URL", undefined],
    ["SENTRY_DSN", "$SCALINGO_SENTRY_DSN", undefined],
    ["DJANGO_SECRET_KEY", "", undefined],
    ["DJANGO_SETTINGS_MODULE", "myapp.settings", undefined],
    ["WEB_CONCURRENCY", "2", undefined],
    ["AWS_ACCESS_KEY_ID", "SCW", undefined],
    ["KEYBOARD_LAYOUT", "fr", undefined],
    ["PUBLIC_URL", "https://example.com/path@2x.png", undefined],
  ])("%s=%j → %s", (name, value, reason) => {
    expect(secretLooking(name, value)).toBe(reason);
  });

  it("warns outside production, naming the fix, never the value", () => {
    expect(plainSecretWarnings({ DJANGO_SECRET_KEY: "s3cr3t", DEBUG: "0" })).toEqual([
      "`paasenv:env.DJANGO_SECRET_KEY` looks like a secret (its name says it is a secret), but `paasenv:env` is " +
        "kept in clear in the stack file and in Pulumi's state; move it to `paasenv:secretEnv`: `pulumi config rm " +
        "--path 'paasenv:env.DJANGO_SECRET_KEY'`, then `pulumi config set --secret --path " +
        "'paasenv:secretEnv.DJANGO_SECRET_KEY' <value>` (production refuses it)",
    ]);
  });
});

describe("secretEnvProblem", () => {
  it("accepts an empty or encrypted secretEnv, refuses a clear one, and the clear names found in the file", () => {
    expect(secretEnvProblem({}, false)).toBeUndefined();
    expect(secretEnvProblem({ A: "1" }, true)).toBeUndefined();
    expect(secretEnvProblem({ A: "1" }, false)).toContain("holds values written in clear (`A`)");
    expect(secretEnvProblem({ A: "1", B: "2" }, true, ["B"])).toContain(
      "holds values written in clear (`B`)",
    );
  });
});

describe("plainSecretEnvInFile", () => {
  const file = [
    "config:",
    "  paasenv:environment: staging",
    "  paasenv:secretEnv:",
    "    DJANGO_SECRET_KEY:",
    "      secure: v1:AAAA:BBBB",
    "    SENTRY_DSN: https://key@sentry.example.com/1",
    "    STALE: old-value",
  ].join("\n");

  it("finds the values written in clear beside secure ones, when the program received them", () => {
    const received = {
      DJANGO_SECRET_KEY: "decrypted",
      SENTRY_DSN: "https://key@sentry.example.com/1",
      STALE: "new",
    };
    expect(plainSecretEnvInFile(file, received)).toEqual(["SENTRY_DSN"]);
  });

  it("accuses nothing in a file without secretEnv, a whole-key secure value, or no file at all", () => {
    expect(plainSecretEnvInFile("config:\n  paasenv:environment: staging\n", { A: "1" })).toEqual([]);
    expect(
      plainSecretEnvInFile("config:\n  paasenv:secretEnv:\n    secure: v1:x\n", { secure: "v1:x" }),
    ).toEqual([]);
    expect(plainSecretEnvInFile(": not yaml [", { A: "1" })).toEqual([]);
  });
});

describe("loadConfig", () => {
  const all = {
    "paasenv:environment": "staging",
    "paasenv:app": JSON.stringify({ name: "myapp-staging" }),
    "paasenv:env": JSON.stringify({ GITHUB_TOKEN: "ghp-value" }),
    "paasenv:secretEnv": JSON.stringify({ A: "1", B: "2" }),
  };

  it("warns about a secret-looking env variable outside production, through the source's warn", () => {
    const warn = vi.fn();
    loadConfig({ all, isSecret: (key) => key === "paasenv:secretEnv", warn });
    expect(warn.mock.calls.map(([message]) => String(message).split(" looks like")[0])).toEqual([
      "`paasenv:env.GITHUB_TOKEN`",
    ]);
  });

  it("reports a clear secretEnv and a bad setting beside a schema error, all at once", () => {
    const broken = { ...all, "paasenv:app": JSON.stringify({ name: "x" }), "scalingo:httpRetries": "many" };
    expect(() => checkedConfig({ all: broken, isSecret: () => false, warn: vi.fn() })).toThrow(
      [
        "Invalid stack configuration:",
        '  - `paasenv:app.name` must be 6–48 characters long (it has 1) (got "x")',
        '  - `scalingo:httpRetries` must be a whole number from 0 (got "many")',
        "  - `paasenv:secretEnv` holds values written in clear (`A`, `B`), not encrypted with `secure:`; set each " +
          "with `pulumi config set --secret --path 'paasenv:secretEnv.<NAME>' <value>` (and rotate any value " +
          "that was committed in clear)",
      ].join("\n"),
    );
  });

  it("refuses a secretEnv value in clear in the stack file, even when another one is secure", () => {
    const stackFile = "config:\n  paasenv:secretEnv:\n    A:\n      secure: v1:x\n    B: '2'\n";
    const source = { all, isSecret: () => true, stackFile, warn: vi.fn() };
    expect(() => checkedConfig(source)).toThrow("holds values written in clear (`B`)");
  });
});
