import { describe, expect, it } from "vitest";
import { drainBody, drainMatches } from "../../../providers/scalingo/log-drain-mappers";
import type { LogDrainInputs } from "../../../providers/scalingo/monitoring-schemas";

const base = { appId: "ap-1", region: "osc-fr1", providerVersion: "1" };
const inputs = (extra: Omit<LogDrainInputs, keyof typeof base>): LogDrainInputs => ({ ...base, ...extra });

describe("LogDrain mappers", () => {
  it("sends the declared parameters only", () => {
    expect(drainBody(inputs({ type: "syslog", host: "h.example", port: "514" }))).toEqual({
      drain: { type: "syslog", host: "h.example", port: "514" },
    });
  });

  it.each([
    [
      "syslog, same host and port",
      inputs({ type: "syslog", host: "h.example", port: "514" }),
      "syslog://h.example:514",
      true,
    ],
    [
      "syslog with its token",
      inputs({ type: "syslog", host: "h.example", port: "514", token: "t0k" }),
      "syslog://:t0k@h.example:514",
      true,
    ],
    [
      "syslog, another port",
      inputs({ type: "syslog", host: "h.example", port: "514" }),
      "syslog://h.example:515",
      false,
    ],
    [
      "another scheme",
      inputs({ type: "syslog", host: "h.example", port: "514" }),
      "papertrail://h.example:514",
      false,
    ],
    [
      "datadog by token and region",
      inputs({ type: "datadog", token: "abc", drainRegion: "eu-west-2" }),
      "datadog://abc?region=eu-west-2",
      true,
    ],
    [
      "datadog, another region",
      inputs({ type: "datadog", token: "abc", drainRegion: "eu-west-2" }),
      "datadog://abc?region=us",
      false,
    ],
    [
      "ovh with its fixed port",
      inputs({ type: "ovh-graylog", token: "k", host: "tag1.logs.ovh.com" }),
      "ovh://:k@tag1.logs.ovh.com:6514",
      true,
    ],
    [
      "elk by its URL",
      inputs({ type: "elk", url: "https://elk.example:9200" }),
      "https://elk.example:9200",
      true,
    ],
    ["not a URL", inputs({ type: "syslog", host: "h.example", port: "514" }), "::", false],
  ])("%s", (_what, declared, url, expected) => {
    expect(drainMatches(declared, url)).toBe(expected);
  });
});
