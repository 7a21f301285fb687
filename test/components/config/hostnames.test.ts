/** Host names accepted as they are; the refusals and their messages are in safety-configs.ts. */
import { describe, expect, it } from "vitest";
import { customDomainProblem, hostNameProblem, MAX_HOST_NAME } from "../../../components/config/hostnames";

describe("host names", () => {
  const longest = `${"a".repeat(63)}.${"b".repeat(63)}.${"c".repeat(63)}.${"d".repeat(57)}.com`;

  it.each([
    "example.com",
    "www.example.co.uk",
    "xn--caf-dma.example.com",
    "a-b.c-d.example",
    "shop.xn--p1ai",
    "123.example.com",
    longest,
  ])("accepts %s", (name) => {
    expect(hostNameProblem(name)).toBeUndefined();
    expect(customDomainProblem(name)).toBeUndefined();
  });

  it("knows the longest name it accepts", () => {
    expect(longest).toHaveLength(MAX_HOST_NAME);
    expect(hostNameProblem(`a${longest}`)).toBe("must be at most 253 characters long (it has 254)");
  });

  it("allows scalingo.io as a DNS zone's name rule but never as a custom domain", () => {
    expect(hostNameProblem("app.osc-fr1.scalingo.io")).toBeUndefined();
    expect(customDomainProblem("app.osc-fr1.scalingo.io")).toMatch(/^is a Scalingo domain/);
    expect(customDomainProblem("notscalingo.io")).toBeUndefined();
  });

  it("hints at the host of a URL", () => {
    expect(hostNameProblem("https://www.example.com/shop")).toBe(
      'must be a host name without a scheme, port or path (write "www.example.com")',
    );
  });
});
