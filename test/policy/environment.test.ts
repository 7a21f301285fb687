import { describe, expect, it } from "vitest";
import { enforcementFor, environmentOf, stackConfigOf } from "../../policy/environment";

// How strict the pack is: it reads `paasenv:environment` from the stack's configuration, which the language
// host hands it in PULUMI_CONFIG; mandatory in production and when it cannot tell, advisory elsewhere.

describe("the pack's enforcement", () => {
  it("is mandatory in production, advisory in staging and review", () => {
    const level = (environment: string) =>
      enforcementFor(
        environmentOf(
          stackConfigOf({ PULUMI_CONFIG: JSON.stringify({ "paasenv:environment": environment }) }),
        ),
      );
    expect(level("production")).toBe("mandatory");
    expect(level("staging")).toBe("advisory");
    expect(level("review")).toBe("advisory");
  });

  it("fails closed (mandatory) when the configuration does not say or cannot be read", () => {
    expect(enforcementFor(environmentOf(stackConfigOf({})))).toBe("mandatory");
    expect(enforcementFor(environmentOf(stackConfigOf({ PULUMI_CONFIG: "{not json" })))).toBe("mandatory");
    const unknown = stackConfigOf({ PULUMI_CONFIG: JSON.stringify({ "paasenv:environment": "prod" }) });
    expect(enforcementFor(environmentOf(unknown))).toBe("mandatory");
  });
});
