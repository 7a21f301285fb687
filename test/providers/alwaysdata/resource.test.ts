/**
 * The AlwaysdataRecord resource class under Pulumi mocks: type token, inputs and outputs. (Under vitest the
 * serialized provider proves nothing; `serialization.test.ts` checks it on the tsc output.)
 */
import * as pulumi from "@pulumi/pulumi";
import { beforeAll, describe, expect, it } from "vitest";
import { ALWAYSDATA_PROVIDER_VERSION, AlwaysdataRecord } from "../../../providers/alwaysdata";

const created: pulumi.runtime.MockResourceArgs[] = [];

beforeAll(() => {
  pulumi.runtime.setMocks(
    {
      newResource: (args) => {
        created.push(args);
        return {
          id: "1001",
          state: { ...args.inputs, recordId: 1001, domainId: 100, fqdn: "www.example.com" },
        };
      },
      call: (args) => args.inputs,
    },
    "project",
    "stack",
    false,
  );
});

const promiseOf = <T>(output: pulumi.Output<T>) => new Promise<T>((resolve) => output.apply(resolve));

describe("AlwaysdataRecord", () => {
  it("registers pulumi-nodejs:dynamic/alwaysdata:Record with providerVersion and its outputs", async () => {
    const record = new AlwaysdataRecord("shop-www", {
      zone: "example.com",
      name: "www",
      type: "CNAME",
      value: pulumi.output("myapp.osc-fr1.scalingo.io."),
    });
    expect(await promiseOf(record.fqdn)).toBe("www.example.com");
    expect(await promiseOf(record.recordId)).toBe(1001);
    const [args] = created;
    expect(args?.type).toBe("pulumi-nodejs:dynamic/alwaysdata:Record");
    expect(args?.name).toBe("shop-www");
    expect(args?.inputs).toMatchObject({
      zone: "example.com",
      name: "www",
      type: "CNAME",
      value: "myapp.osc-fr1.scalingo.io.",
      providerVersion: ALWAYSDATA_PROVIDER_VERSION,
    });
    expect(args?.inputs).not.toHaveProperty("apiKey");
  });
});
