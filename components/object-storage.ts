import * as pulumi from "../providers/base/sdk";
import { nonBlank } from "../providers/base/settings";
import { Guard } from "../providers/paasenv/guard";
import { childName } from "./config/naming";
import { environmentHosts, expandEntry } from "./config/placeholders";
import type { StackConfig } from "./config/schema";
import { type Scaleway, scalewaySdk } from "./scaleway-sdk";
import { APP_PERMISSION_SETS, bucketPolicyDocument, principalOf } from "./storage-policies";

type StorageConfig = StackConfig["storage"];
type LifecycleRule = StorageConfig["lifecycleRules"][number];
type CorsRule = StorageConfig["corsRules"][number];

/** Arguments of an {@link ObjectStorage}; `storageArgsFor` derives them from the stack config. */
export interface ObjectStorageArgs {
  /**
   * The bucket name, globally unique on Scaleway (3–63 characters). A plain value: changing it replaces
   * the bucket, so derive it from something stable (`bucketNameFor(appName)`).
   * @example `"myapp-staging-storage"`
   */
  bucketName: string;
  /**
   * The Object Storage region; changing it replaces the bucket.
   * [Scaleway docs](https://www.scaleway.com/en/docs/object-storage/concepts/#region-and-availability-zone)
   * @default `"fr-par"`
   */
  region: "fr-par" | "nl-ams" | "pl-waw";
  /** The Scaleway project; the provider's default project when omitted. Changing it replaces the bucket. */
  projectId?: string;
  /** Keep every version of every object. @default `false` */
  versioning?: boolean;
  /** Delete every object when the bucket is deleted (review environments only). @default `false` */
  forceDestroy?: boolean;
  /** `protect` the bucket, so neither `destroy` nor a config change removes it. @default `false` */
  protect?: boolean;
  /** Lifecycle rules, keyed in config by their `id`. @example `[{ id: "expire-tmp", prefix: "tmp/", expirationDays: 7 }]` */
  lifecycleRules?: LifecycleRule[];
  /** CORS rules. @example `[{ allowedOrigins: ["https://example.com"], allowedMethods: ["GET"] }]` */
  corsRules?: CorsRule[];
  /** Tags on the bucket. @example `{ "paasenv-environment": "staging" }` */
  tags?: Record<string, string>;
  /**
   * The access key of the Scaleway API key that runs Pulumi (`scaleway:accessKey` or `SCW_ACCESS_KEY`): the
   * bucket policy admits its user or application beside the app, and nobody else.
   * @example `"SCWXXXXXXXXXXXXXXXXX"`
   */
  deployerAccessKey: string;
}

/** The access key of the Scaleway API key Pulumi uses: `scaleway:accessKey`, else `SCW_ACCESS_KEY`. */
export function deployerAccessKey(
  all: Record<string, string> = pulumi.runtime.allConfig(),
  env: Record<string, string | undefined> = process.env,
): string | undefined {
  return nonBlank(all["scaleway:accessKey"]) ?? nonBlank(env.SCW_ACCESS_KEY);
}

/** Why storage cannot be declared as configured: the bucket policy must admit whoever runs Pulumi. */
export function storageProblems(
  config: Pick<StackConfig, "storage">,
  deployerKey: string | undefined,
): string[] {
  if (!config.storage.enabled || deployerKey !== undefined) return [];
  return [
    "`paasenv:storage.enabled` is true, and the bucket policy admits only the app and whoever runs Pulumi: " +
      "set `scaleway:accessKey` (or SCW_ACCESS_KEY) to the access key of the Scaleway API key Pulumi uses",
  ];
}

/** The bucket name of an app: `<app>-storage` (at most 48 + 8 characters, within Scaleway's 63). */
export function bucketNameFor(appName: string): string {
  return `${appName}-storage`;
}

/**
 * The bucket's ID as `paasenv:permitDataLoss` names it: Scaleway's `<region>/<name>`, with `@<project>` when
 * the project is set (the bucket's import ID). Changing any of the three replaces the bucket.
 */
export function storageIdFor(args: Pick<ObjectStorageArgs, "bucketName" | "region" | "projectId">): string {
  const project = args.projectId === undefined ? "" : `@${args.projectId}`;
  return `${args.region}/${args.bucketName}${project}`;
}

/**
 * The {@link ObjectStorageArgs} of an environment: versioning on in production unless configured off,
 * `forceDestroy` in review environments (emptied and deleted with the stack), protection in production, and
 * the CORS origins' placeholders (`{{origins}}`, `{{url}}`) resolved to this environment's hosts.
 */
export function storageArgsFor(config: StackConfig, deployerAccessKey: string): ObjectStorageArgs {
  const { storage, environment } = config;
  return {
    bucketName: bucketNameFor(config.app.name),
    region: storage.region,
    ...(storage.projectId === undefined ? {} : { projectId: storage.projectId }),
    versioning: storage.versioning ?? environment === "production",
    forceDestroy: environment === "review",
    protect: environment === "production",
    lifecycleRules: storage.lifecycleRules,
    corsRules: storage.corsRules.map((rule) => ({
      ...rule,
      allowedOrigins: rule.allowedOrigins.flatMap((origin) => expandEntry(origin, environmentHosts(config))),
    })),
    tags: { "paasenv-app": config.app.name, "paasenv-environment": environment },
    deployerAccessKey,
  };
}

/** A config lifecycle rule in the Scaleway provider's shape. */
export function toBucketLifecycleRule(rule: LifecycleRule): Scaleway.types.input.object.BucketLifecycleRule {
  return {
    id: rule.id,
    enabled: true,
    ...(rule.prefix === undefined ? {} : { prefix: rule.prefix }),
    ...(rule.expirationDays === undefined ? {} : { expiration: { days: rule.expirationDays } }),
    ...(rule.noncurrentVersionExpirationDays === undefined
      ? {}
      : { noncurrentVersionExpiration: { noncurrentDays: rule.noncurrentVersionExpirationDays } }),
    ...(rule.abortIncompleteMultipartUploadDays === undefined
      ? {}
      : { abortIncompleteMultipartUploadDays: rule.abortIncompleteMultipartUploadDays }),
  };
}

/** A config CORS rule in the Scaleway provider's shape. */
export function toBucketCorsRule(rule: CorsRule): Scaleway.types.input.object.BucketCorsRule {
  return {
    allowedOrigins: rule.allowedOrigins,
    allowedMethods: rule.allowedMethods,
    ...(rule.allowedHeaders === undefined ? {} : { allowedHeaders: rule.allowedHeaders }),
    ...(rule.maxAgeSeconds === undefined ? {} : { maxAgeSeconds: rule.maxAgeSeconds }),
  };
}

/**
 * A Scaleway Object Storage bucket for one app, reachable by that app alone: an IAM application whose policy
 * allows object reads, writes and deletes in the bucket's project, a bucket policy admitting only that
 * application and the deployer (so no other key of the project reaches the bucket), and an API key for the
 * app (access and secret keys as secret outputs). See `storage-policies.ts`.
 *
 * The bucket depends on a `Guard` recording its ID ({@link storageIdFor}): a change of its name, region or
 * project, which would replace it and delete its objects, is refused before the bucket is touched unless
 * `paasenv:permitDataLoss` names the bucket's current ID.
 *
 * @example
 * ```ts
 * const storage = new ObjectStorage("shop-storage", storageArgsFor(config, "SCWXXXXXXXXXXXXXXXXX"), { parent: this });
 * // storage.accessKey, storage.secretKey → the app's variables
 * ```
 */
export class ObjectStorage extends pulumi.ComponentResource {
  /** The bucket's name. */
  readonly bucketName: pulumi.Output<string>;
  /** The bucket's own URL (`https://<bucket>.s3.<region>.scw.cloud`). */
  readonly endpoint: pulumi.Output<string>;
  /** The S3 API endpoint for SDKs (`https://s3.<region>.scw.cloud`). */
  readonly apiEndpoint: pulumi.Output<string>;
  /** The bucket's region. */
  readonly region: string;
  /** The bucket's ID as the data-loss permission names it ({@link storageIdFor}). */
  readonly storageId: string;
  /** The app's access key ID (secret). */
  readonly accessKey: pulumi.Output<string>;
  /** The app's secret key (secret). */
  readonly secretKey: pulumi.Output<string>;

  constructor(name: string, args: ObjectStorageArgs, opts?: pulumi.ComponentResourceOptions) {
    super("paasenv:index:ObjectStorage", name, {}, opts);
    this.storageId = storageIdFor(args);
    const guard = new Guard(
      childName(name, "guard"),
      { held: ["storage"], ids: { storage: this.storageId } },
      {
        parent: this,
      },
    );
    const bucket = createBucket(name, args, guard, this);
    const projectId = args.projectId ?? bucket.projectId;
    const application = new (scalewaySdk().iam.Application)(
      childName(name, "app"),
      { name: args.bucketName, description: `paasenv: access to the bucket ${args.bucketName}` },
      { parent: this },
    );
    const policy = createPolicy(name, args.bucketName, application.id, projectId, this);
    const bucketPolicy = createBucketPolicy(name, args, bucket, application.id, this);
    const key = new (scalewaySdk().iam.ApiKey)(
      childName(name, "key"),
      {
        applicationId: application.id,
        defaultProjectId: projectId,
        description: `paasenv: ${args.bucketName}`,
      },
      { parent: this, dependsOn: [policy, bucketPolicy] },
    );
    this.bucketName = bucket.name;
    this.endpoint = bucket.endpoint;
    this.apiEndpoint = bucket.apiEndpoint;
    this.region = args.region;
    this.accessKey = pulumi.secret(key.accessKey);
    this.secretKey = pulumi.secret(key.secretKey);
    this.registerOutputs({
      bucketName: this.bucketName,
      endpoint: this.endpoint,
      apiEndpoint: this.apiEndpoint,
    });
  }
}

function createBucket(
  name: string,
  args: ObjectStorageArgs,
  guard: Guard,
  parent: pulumi.Resource,
): Scaleway.object.Bucket {
  return new (scalewaySdk().object.Bucket)(
    childName(name, "bucket"),
    {
      name: args.bucketName,
      region: args.region,
      ...(args.projectId === undefined ? {} : { projectId: args.projectId }),
      versioning: { enabled: args.versioning ?? false },
      forceDestroy: args.forceDestroy ?? false,
      lifecycleRules: (args.lifecycleRules ?? []).map(toBucketLifecycleRule),
      corsRules: (args.corsRules ?? []).map(toBucketCorsRule),
      tags: args.tags ?? {},
    },
    // The guard's step (which refuses a change of the bucket's ID) completes before the bucket registers.
    { parent, protect: args.protect ?? false, dependsOn: [guard] },
  );
}

function createPolicy(
  name: string,
  bucketName: string,
  applicationId: pulumi.Input<string>,
  projectId: pulumi.Input<string>,
  parent: pulumi.Resource,
): Scaleway.iam.Policy {
  return new (scalewaySdk().iam.Policy)(
    childName(name, "policy"),
    {
      name: `${bucketName}-object-storage`,
      description: `paasenv: objects in the project of ${bucketName}; its bucket policy admits this app alone`,
      applicationId,
      rules: [{ permissionSetNames: [...APP_PERMISSION_SETS], projectIds: [projectId] }],
    },
    { parent },
  );
}

/**
 * The bucket policy: the app (objects only) and the deployer, looked up from its access key; no other key of
 * the project reaches the bucket, whatever its IAM permissions.
 */
function createBucketPolicy(
  name: string,
  args: ObjectStorageArgs,
  bucket: Scaleway.object.Bucket,
  applicationId: pulumi.Output<string>,
  parent: pulumi.Resource,
): Scaleway.object.BucketPolicy {
  const deployer = scalewaySdk().iam.getApiKeyOutput({ accessKey: args.deployerAccessKey }, { parent });
  const policy = pulumi
    .all([applicationId, deployer])
    .apply(([app, key]) =>
      JSON.stringify(bucketPolicyDocument(args.bucketName, `application_id:${app}`, principalOf(key))),
    );
  return new (scalewaySdk().object.BucketPolicy)(
    childName(name, "bucket-policy"),
    {
      bucket: bucket.name,
      policy,
      region: args.region,
      ...(args.projectId === undefined ? {} : { projectId: args.projectId }),
    },
    { parent },
  );
}
