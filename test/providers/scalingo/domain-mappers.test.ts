/** What a `Domain` PATCH must change, as a table. */
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { domainChanges, domainCreateBody, domainOutputs } from "../../../providers/scalingo/domain-mappers";
import { domainInputsSchema } from "../../../providers/scalingo/schemas";

describe("domainChanges", () => {
  const inputs = domainInputsSchema(z).parse({ appId: "ap-1", region: "osc-fr1", name: "www.example.com" });
  const remote = { id: "d-1", name: "www.example.com", canonical: false, letsencrypt_enabled: true };

  it.each([
    ["nothing differs", inputs, inputs, remote, {}],
    ["canonical set", { ...inputs, canonical: true }, inputs, remote, { canonical: true }],
    [
      "certificate added",
      { ...inputs, tlsCert: "c", tlsKey: "k" },
      inputs,
      remote,
      { tlscert: "c", tlskey: "k" },
    ],
    [
      "certificate removed",
      inputs,
      { ...inputs, tlsCert: "c", tlsKey: "k" },
      remote,
      { tlscert: "", tlskey: "" },
    ],
    [
      "Let's Encrypt drifted off",
      inputs,
      inputs,
      { ...remote, letsencrypt_enabled: false },
      { letsencrypt_enabled: true },
    ],
  ])("%s", (_label, wanted, previous, current, expected) => {
    expect(domainChanges(wanted, previous, current)).toEqual(expected);
  });
});

describe("domain bodies and outputs", () => {
  const inputs = domainInputsSchema(z).parse({ appId: "ap-1", region: "osc-fr1", name: "www.example.com" });

  it("sends the certificate only when one is declared", () => {
    expect(domainCreateBody(inputs)).toEqual({
      name: "www.example.com",
      canonical: false,
      letsencrypt_enabled: true,
    });
    expect(domainCreateBody({ ...inputs, tlsCert: "c", tlsKey: "k" })).toMatchObject({
      tlscert: "c",
      tlskey: "k",
    });
  });

  it("fills the statuses the API leaves out", () => {
    const domain = { id: "d-1", name: "www.example.com", canonical: false, letsencrypt_enabled: false };
    expect(domainOutputs(inputs, domain, "t.")).toMatchObject({
      domainId: "d-1",
      cnameTarget: "t.",
      sslStatus: "pending",
      letsencryptStatus: "disabled",
    });
  });
});
