import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { fqdnOf, hostOf, normaliseRecordName, normaliseZone } from "../../../providers/alwaysdata/names";

describe("normaliseRecordName", () => {
  it.each([
    ["www", "www"],
    ["www.example.com", "www"],
    ["www.example.com.", "www"],
    ["WWW.Example.COM.", "www"],
    ["  www  ", "www"],
    ["", ""],
    ["@", ""],
    ["example.com", ""],
    ["example.com.", ""],
    ["a.b", "a.b"],
    ["a.b.example.com.", "a.b"],
    ["_acme-challenge.www", "_acme-challenge.www"],
    ["_acme-challenge.www.example.com.", "_acme-challenge.www"],
    ["*", "*"],
    ["*.example.com.", "*"],
    ["*.review", "*.review"],
  ])("in zone example.com, %j is host %j", (name, host) => {
    expect(normaliseRecordName("example.com", name)).toEqual({ ok: true, host });
  });

  it("accepts the zone in any case and with a trailing dot", () => {
    expect(normaliseRecordName("Example.COM.", "www.example.com.")).toEqual({ ok: true, host: "www" });
  });

  it.each([
    [
      "www.other.org.",
      '"www.other.org." ends with a dot, so it is a fully qualified name, but it is not inside zone "example.com"',
    ],
    ["-www", '"-www": label "-www" is not a valid DNS label'],
    ["www-", '"www-": label "www-" is not a valid DNS label'],
    ["a..b", '"a..b": label "" is not a valid DNS label'],
    ["a.*", '"a.*": label "*" is not a valid DNS label'],
    ["sp ace", '"sp ace": label "sp ace" is not a valid DNS label'],
    [`${"a".repeat(64)}`, `label "${"a".repeat(64)}" is not a valid DNS label`],
  ])("refuses %j", (name, reason) => {
    const result = normaliseRecordName("example.com", name);
    expect(result.ok).toBe(false);
    expect(result.ok ? "" : result.reason).toContain(reason);
  });

  it("refuses names longer than 253 characters in total", () => {
    const name = Array.from({ length: 5 }, () => "a".repeat(60)).join(".");
    expect(normaliseRecordName("example.com", name)).toEqual({
      ok: false,
      reason: `"${name}": "${name}.example.com" is longer than 253 characters`,
    });
  });

  const label = fc.stringMatching(/^[a-z0-9_](?:[a-z0-9_-]{0,10}[a-z0-9_])?$/);
  const host = fc.array(label, { minLength: 1, maxLength: 4 }).map((labels) => labels.join("."));

  it("gives the same host for the relative, FQDN and dotted-FQDN forms (property)", () => {
    fc.assert(
      fc.property(host, (h) => {
        const forms = [h, `${h}.example.com`, `${h}.example.com.`, h.toUpperCase()];
        return forms.every((form) => hostOf("example.com", form) === h);
      }),
    );
  });

  it("round-trips through fqdnOf (property)", () => {
    fc.assert(
      fc.property(host, (h) => {
        const fqdn = fqdnOf("example.com", h);
        return hostOf("example.com", fqdn) === h && hostOf("example.com", `${fqdn}.`) === h;
      }),
    );
  });
});

describe("zone and fqdn helpers", () => {
  it.each([
    [" Example.COM. ", "example.com"],
    ["example.com", "example.com"],
  ])("normaliseZone(%j) is %j", (zone, expected) => {
    expect(normaliseZone(zone)).toBe(expected);
  });

  it("builds fully qualified names without trailing dot", () => {
    expect(fqdnOf("Example.com.", "www")).toBe("www.example.com");
    expect(fqdnOf("example.com", "")).toBe("example.com");
  });

  it("reads null and unusable API names as no host", () => {
    expect(hostOf("example.com", null)).toBe("");
    expect(hostOf("example.com", "www.other.org.")).toBeUndefined();
  });
});
