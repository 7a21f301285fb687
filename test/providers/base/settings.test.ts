/** Provider settings read strictly: kinds, unknown keys and typos, whole messages. */
import { describe, expect, it } from "vitest";
import { ALWAYSDATA_SETTINGS } from "../../../providers/alwaysdata/settings";
import { namespaceProblems, settingProblem, unknownSettingProblem } from "../../../providers/base/settings";
import { SCALINGO_SETTINGS } from "../../../providers/scalingo/settings";

const SCALINGO_KEYS =
  "scalingo:apiToken, scalingo:authUrl, scalingo:apiUrl, scalingo:dbApiUrl, scalingo:region, " +
  "scalingo:adoptExisting, scalingo:httpTimeoutMs, scalingo:httpRetries, scalingo:retryBaseMs, " +
  "scalingo:retryMaxDelayMs, scalingo:createAttempts, scalingo:operationTimeoutMs, scalingo:pollIntervalMs";

describe("settingProblem", () => {
  it.each([
    [{ type: "integer", min: 0 } as const, "10", undefined],
    [{ type: "integer", min: 0 } as const, " ", undefined],
    [{ type: "integer", min: 0 } as const, "1e3", '`k` must be a whole number from 0 (got "1e3")'],
    [
      { type: "integer", min: 0 } as const,
      "99999999999999999999",
      '`k` must be a whole number from 0 (got "99999999999999999999")',
    ],
    [{ type: "boolean" } as const, "false", undefined],
    [{ type: "boolean" } as const, "no", '`k` must be true or false (got "no")'],
    [{ type: "url" } as const, "https://api.example.com/v1", undefined],
    [{ type: "url" } as const, "ftp://x", '`k` must be an http:// or https:// URL (got "ftp://x")'],
    [{ type: "enum", values: ["a", "b"] } as const, "c", '`k` must be one of a, b (got "c")'],
    [{ type: "text" } as const, "anything", undefined],
  ])("%j, %j → %s", (kind, raw, expected) => {
    expect(settingProblem("`k`", kind, raw)).toBe(expected);
  });
});

describe("unknown keys", () => {
  it("names the setting a wrongly-cased key meant, and every allowed one", () => {
    expect(unknownSettingProblem("scalingo", "scalingo:apitoken", SCALINGO_SETTINGS)).toBe(
      `\`scalingo:apitoken\` is not a known \`scalingo:\` setting (a typo? did you mean \`scalingo:apiToken\`); allowed: ${SCALINGO_KEYS}`,
    );
    expect(unknownSettingProblem("scalingo", "scalingo:token", SCALINGO_SETTINGS)).toBe(
      `\`scalingo:token\` is not a known \`scalingo:\` setting (a typo?); allowed: ${SCALINGO_KEYS}`,
    );
  });
});

describe("namespaceProblems", () => {
  it("checks every key of the namespace and nothing else, never echoing unknown keys' values", () => {
    const all = {
      "scalingo:apitoken": "tk-us-secret-value",
      "scalingo:httpRetries": "many",
      "scalingo:apiToken": "tk-us-fine",
      "alwaysdata:apiUrl": "api.alwaysdata.com",
      "alwaysdata:account": "shop",
      "scaleway:region": "whatever",
      "paasenv:environment": "staging",
    };
    const problems = [
      ...namespaceProblems("scalingo", SCALINGO_SETTINGS, all),
      ...namespaceProblems("alwaysdata", ALWAYSDATA_SETTINGS, all),
    ];
    expect(problems).toEqual([
      `\`scalingo:apitoken\` is not a known \`scalingo:\` setting (a typo? did you mean \`scalingo:apiToken\`); allowed: ${SCALINGO_KEYS}`,
      '`scalingo:httpRetries` must be a whole number from 0 (got "many")',
      '`alwaysdata:apiUrl` must be an http:// or https:// URL (got "api.alwaysdata.com")',
    ]);
    expect(problems.join("\n")).not.toContain("tk-us-secret-value");
  });
});
