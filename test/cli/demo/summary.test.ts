import { describe, expect, it } from "vitest";
import {
  appNames,
  certificatesPending,
  emulatorStateSchema,
  fetchDnsRecords,
  findApp,
  summarizeApp,
  summarizeDnsRecords,
} from "../../../cli/demo/summary";
import { startAlwaysdataEmulator } from "../../../emulator/alwaysdata";

const state = emulatorStateSchema.parse({
  regions: {
    "osc-fr1": {
      apps: {
        "myapp-staging-review-1": {
          app: {
            id: "app-1",
            name: "myapp-staging-review-1",
            url: "https://myapp-staging-review-1.osc-fr1.scalingo.io",
            force_https: true,
            router_logs: true,
            sticky_session: false,
            extra: "ignored",
          },
          variables: [
            { id: "v1", name: "SECRET_KEY", value: "do-not-print" },
            { id: "v2", name: "DATABASE_URL", value: "postgres://u:p@h/db" },
          ],
          addons: [
            {
              id: "ad-1",
              status: "running",
              plan: { name: "postgresql-sandbox" },
              addon_provider: { id: "postgresql" },
            },
          ],
          containers: [
            { name: "web", amount: 1, size: "S" },
            { name: "worker", amount: 0, size: "S" },
          ],
          domains: [{ name: "review-1.staging.example.com", canonical: true, ssl_status: "pending" }],
        },
      },
    },
    "osc-secnum-fr1": { apps: {} },
  },
});

describe("emulator summary", () => {
  it("lists apps by region", () => {
    expect(appNames(state)).toEqual(["osc-fr1/myapp-staging-review-1"]);
  });

  it("finds an app by region and name", () => {
    expect(findApp(state, "osc-fr1", "myapp-staging-review-1")?.app.id).toBe("app-1");
    expect(findApp(state, "osc-secnum-fr1", "myapp-staging-review-1")).toBeUndefined();
    expect(findApp(state, "nowhere", "x")).toBeUndefined();
  });

  it("summarizes an app with variable names but never values", () => {
    const app = findApp(state, "osc-fr1", "myapp-staging-review-1");
    if (app === undefined) throw new Error("the fixture has no app myapp-staging-review-1");
    const lines = summarizeApp("osc-fr1", app);
    expect(lines).toEqual([
      "app        myapp-staging-review-1 in osc-fr1 (app-1) https://myapp-staging-review-1.osc-fr1.scalingo.io",
      "settings   force HTTPS on, router logs on, sticky sessions off",
      "formation  web 1×S, worker 0×S",
      "add-ons    postgresql postgresql-sandbox (running)",
      "variables  2 (DATABASE_URL, SECRET_KEY; values not shown)",
      "domains    review-1.staging.example.com (canonical), TLS pending",
    ]);
    expect(lines.join("\n")).not.toMatch(/do-not-print|postgres:\/\//);
  });

  it("shows a certificate's Let's Encrypt status and whether one is still pending", () => {
    const app = findApp(state, "osc-fr1", "myapp-staging-review-1");
    if (app === undefined) throw new Error("the fixture has no app myapp-staging-review-1");
    expect(certificatesPending(app)).toBe(true);
    const issued = {
      ...app,
      domains: [{ name: "staging.example.com", ssl_status: "success", letsencrypt_status: "created" }],
    };
    expect(certificatesPending(issued)).toBe(false);
    expect(summarizeApp("osc-fr1", issued).at(-1)).toBe(
      "domains    staging.example.com, TLS success (Let's Encrypt: created)",
    );
  });
});

describe("DNS summary", () => {
  it("reads the records of the Alwaysdata emulator, named with their zone", async () => {
    const dns = await startAlwaysdataEmulator({ apiKey: "k", domains: ["example.com", "example.org"] });
    try {
      dns.addRecord({
        zone: "example.com",
        type: "CNAME",
        name: "staging",
        value: "app.osc-fr1.scalingo.io.",
      });
      dns.addRecord({ zone: "example.org", type: "ALIAS", name: "", value: "app.osc-fr1.scalingo.io." });
      const records = await fetchDnsRecords(dns.url, "k");
      expect(summarizeDnsRecords(records)).toEqual([
        "dns        staging.example.com CNAME app.osc-fr1.scalingo.io.",
        "dns        example.org ALIAS app.osc-fr1.scalingo.io.",
      ]);
      await expect(fetchDnsRecords(dns.url, "wrong")).rejects.toThrow(`GET ${dns.url}/domain/ failed: 401`);
    } finally {
      await dns.stop();
    }
  });

  it("says when there is no record", () => {
    expect(summarizeDnsRecords([])).toEqual(["dns        no record"]);
  });
});
