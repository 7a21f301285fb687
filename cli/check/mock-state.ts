/**
 * What Pulumi's mocks answer for paasenv's resources: plausible outputs per resource type, so every output the
 * components read resolves, and plausible results of the invokes the program makes.
 */
/** Plausible outputs per resource type, so every output the component reads resolves. */
export function mockState(
  type: string,
  name: string,
  inputs: Record<string, unknown>,
): Record<string, unknown> {
  const text = (key: string) => String(inputs[key] ?? "");
  switch (type) {
    case "pulumi-nodejs:dynamic/scalingo:App": {
      const host = `${text("name")}.${text("region")}.scalingo.io`;
      return {
        ...inputs,
        appId: `app-id-${text("name")}`,
        url: `https://${host}`,
        baseUrl: `https://${host}`,
        gitUrl: `git@ssh.${text("region")}.scalingo.com:${text("name")}.git`,
        cnameTarget: `${host}.`,
      };
    }
    case "pulumi-nodejs:dynamic/scalingo:Addon":
      return {
        ...inputs,
        addonId: `addon-id-${text("provider")}`,
        resourceId: `res-${name}`,
        status: "running",
      };
    case "pulumi-nodejs:dynamic/scalingo:Domain":
      return { ...inputs, domainId: `domain-id-${text("name")}` };
    case "pulumi-nodejs:dynamic/scalingo:Notifier":
      return { ...inputs, notifierId: `no-${text("name")}` };
    case "pulumi-nodejs:dynamic/scalingo:DatabaseSettings": {
      const backups = (inputs.backups ?? {}) as { enabled?: boolean; hour?: number };
      return { ...inputs, periodicBackups: { enabled: backups.enabled ?? true, hours: [backups.hour ?? 0] } };
    }
    case "pulumi-nodejs:dynamic/scalingo:DatabaseUser":
      return { ...inputs, connectionUrl: `postgresql://${text("name")}:generated@db.example:30000/db` };
    case "scaleway:object/bucket:Bucket":
      return {
        ...inputs,
        projectId: inputs.projectId ?? "default-project-id",
        endpoint: `https://${text("name")}.s3.${text("region")}.scw.cloud`,
        apiEndpoint: `https://s3.${text("region")}.scw.cloud`,
      };
    case "scaleway:iam/apiKey:ApiKey":
      return { ...inputs, accessKey: "SCWMOCKACCESSKEY", secretKey: "mock-secret-key" };
    default:
      return inputs;
  }
}

/** Plausible results of the invokes the program makes: the deployer's API key belongs to a user. */
export function mockCall(token: string, inputs: Record<string, unknown>): Record<string, unknown> {
  if (token === "scaleway:iam/getApiKey:getApiKey") {
    return { ...inputs, userId: `user-of-${String(inputs.accessKey)}`, applicationId: "" };
  }
  return inputs;
}
