import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { archiveFileName, archiveFolder, formatSize, isGzip, redactUrl } from "../../../cli/deploy/archive";
import { deployPolicy, releaseTagOf, shortRef } from "../../../cli/deploy/policy";
import { classifyStatus, failureHint, tailLines } from "../../../cli/deploy/status";
import { compareReleases, RELEASE_TAG } from "../../../cli/lib/versions";

const COMMIT = "0123456789abcdef0123456789abcdef01234567";

describe("RELEASE_TAG", () => {
  it.each([
    ["v1.2.3", true],
    ["v0.0.0", true],
    ["v10.20.30", true],
    ["1.2.3", false],
    ["v1.2", false],
    ["v1.2.3-rc.1", false],
    ["v01.2.3", false],
    ["release-1.2.3", false],
    ["v1.2.3\n", false],
  ])("%j → %s", (tag, expected) => {
    expect(RELEASE_TAG.test(tag)).toBe(expected);
  });
});

describe("releaseTagOf / compareReleases / shortRef", () => {
  it.each([
    [{ ref: "v1.2.3", tags: ["v1.2.3"] }, "v1.2.3"],
    [{ ref: "refs/tags/v1.2.3", tags: ["v1.2.3", "v1.3.0"] }, "v1.2.3"],
    [{ ref: "HEAD", tags: ["v1.9.3", "v1.10.0", "nightly"] }, "v1.10.0"],
    [{ ref: "v1.2.3", tags: [] }, undefined],
    [{ ref: "main", tags: ["nightly", "v2"] }, undefined],
  ])("%j → %s", (source, expected) => {
    expect(releaseTagOf(source)).toBe(expected);
  });

  it("orders versions numerically", () => {
    expect(["v1.10.0", "v1.9.3", "v2.0.0", "v1.9.10"].sort(compareReleases)).toEqual([
      "v1.9.3",
      "v1.9.10",
      "v1.10.0",
      "v2.0.0",
    ]);
  });

  it("strips refs/tags/ and refs/heads/", () => {
    expect([shortRef("refs/tags/v1.0.0"), shortRef("refs/heads/main"), shortRef("HEAD")]).toEqual([
      "v1.0.0",
      "main",
      "HEAD",
    ]);
  });
});

describe("deployPolicy", () => {
  const git = (ref: string, tags: string[] = []) => ({ kind: "git" as const, ref, commit: COMMIT, tags });

  it("lets any ref go to staging and review stacks", () => {
    for (const environment of ["staging", "review"]) {
      expect(deployPolicy({ stack: "s", environment, force: false, source: git("feature/x") })).toEqual({
        allowed: true,
        release: undefined,
      });
    }
  });

  it("lets a release tag, or a commit carrying one, go to production", () => {
    expect(
      deployPolicy({
        stack: "production",
        environment: "production",
        force: false,
        source: git("v1.2.3", ["v1.2.3"]),
      }),
    ).toEqual({
      allowed: true,
      release: "v1.2.3",
    });
    expect(
      deployPolicy({
        stack: "production",
        environment: "production",
        force: false,
        source: git("HEAD", ["v2.0.0"]),
      }),
    ).toEqual({
      allowed: true,
      release: "v2.0.0",
    });
  });

  it("refuses an untagged ref on production, naming the ref, the commit, the tags and the fixes", () => {
    expect(
      deployPolicy({
        stack: "production",
        environment: "production",
        force: false,
        source: git("main", ["nightly"]),
      }),
    ).toEqual({
      allowed: false,
      reason:
        'production is a production stack: it only deploys a commit tagged vX.Y.Z, and "main" (0123456789ab) is not ' +
        "one (its tags: nightly); deploy a release tag (git tag v1.2.3 && paasenv deploy … --ref v1.2.3) or pass --force",
    });
    expect(
      deployPolicy({ stack: "prod", environment: "production", force: false, source: git("HEAD") }),
    ).toMatchObject({
      allowed: false,
      reason: expect.stringContaining('"HEAD" (0123456789ab) is not one (it has no tag)'),
    });
  });

  it("refuses an archive or a source URL on production: there is no commit to check", () => {
    expect(
      deployPolicy({
        stack: "prod",
        environment: "production",
        force: false,
        source: { kind: "archive", ref: "v1.0.0" },
      }),
    ).toEqual({
      allowed: false,
      reason:
        "prod is a production stack and an --archive cannot be checked against a release tag; deploy a release tag " +
        "(git tag v1.2.3 && paasenv deploy … --ref v1.2.3) or pass --force",
    });
    expect(
      deployPolicy({
        stack: "prod",
        environment: "production",
        force: false,
        source: { kind: "source-url", ref: undefined },
      }),
    ).toMatchObject({ allowed: false, reason: expect.stringContaining("--source-url cannot be checked") });
  });

  it("lets --force through anything", () => {
    expect(deployPolicy({ stack: "p", environment: "production", force: true, source: git("main") })).toEqual(
      {
        allowed: true,
        release: undefined,
      },
    );
    expect(
      deployPolicy({
        stack: "p",
        environment: "production",
        force: true,
        source: { kind: "archive", ref: undefined },
      }),
    ).toEqual({ allowed: true, release: undefined });
  });

  it("never lets an untagged commit reach production without --force (property)", () => {
    const tag = fc.stringMatching(/^[a-z0-9.-]{1,12}$/).filter((t) => !RELEASE_TAG.test(t));
    fc.assert(
      fc.property(fc.string(), fc.array(tag), (ref, tags) => {
        const decision = deployPolicy({
          stack: "p",
          environment: "production",
          force: false,
          source: git(ref, tags),
        });
        expect(decision.allowed).toBe(false);
      }),
    );
  });
});

describe("classifyStatus / failureHint", () => {
  it.each([
    ["queued", "in-progress"],
    ["building", "in-progress"],
    ["pushing", "in-progress"],
    ["starting", "in-progress"],
    ["success", "success"],
    ["build-error", "failure"],
    ["crashed-error", "failure"],
    ["timeout-error", "failure"],
    ["hook-error", "failure"],
    ["aborted", "failure"],
    ["some-new-error", "failure"],
    ["some-new-step", "in-progress"],
  ])("%s → %s", (status, expected) => {
    expect(classifyStatus(status)).toBe(expected);
  });

  it("explains known failures and falls back for the others", () => {
    expect(failureHint("hook-error")).toBe(
      "the postdeploy hook (Procfile `postdeploy:` or scalingo.json `first-deploy`) failed",
    );
    expect(failureHint("weird-error")).toBe("the deployment failed");
  });
});

describe("tailLines", () => {
  it.each([
    ["a\nb\nc\n\n", 2, ["b", "c"]],
    ["a\nb\n", 10, ["a", "b"]],
    ["", 3, []],
    ["a\r\nb\r\n", 5, ["a", "b"]],
    ["step 10%\rstep 50%\rstep 100%\ndone", 5, ["step 100%", "done"]],
    ["a\n\nb", 3, ["a", "", "b"]],
    ["a\nb", 0, []],
  ])("%j, %i → %j", (text, count, expected) => {
    expect(tailLines(text, count)).toEqual(expected);
  });

  it("prefixes each line", () => {
    expect(tailLines("x\ny", 5, "  | ")).toEqual(["  | x", "  | y"]);
  });
});

describe("archive naming", () => {
  it.each([
    ["/home/me/sample-app", "sample-app-0123456789ab"],
    ["/home/me/My App/", "My-App-0123456789ab"],
    ["/srv/.hidden", "hidden-0123456789ab"],
    ["/", "app-0123456789ab"],
    ["C:\\work\\shop", "shop-0123456789ab"],
  ])("archiveFolder(%j) → %s", (dir, expected) => {
    expect(archiveFolder(dir, COMMIT)).toBe(expected);
  });

  it("always yields one safe path segment (property)", () => {
    fc.assert(
      fc.property(fc.string(), (dir) => {
        expect(archiveFolder(dir, COMMIT)).toMatch(/^[A-Za-z0-9][A-Za-z0-9._-]*-0123456789ab$/);
      }),
    );
  });

  it("names the file, checks gzip, formats sizes and drops signatures from URLs", () => {
    expect(archiveFileName("app-0123")).toBe("app-0123.tar.gz");
    expect([
      isGzip(Uint8Array.from([0x1f, 0x8b, 8])),
      isGzip(Uint8Array.from([0x50, 0x4b])),
      isGzip(new Uint8Array()),
    ]).toEqual([true, false, false]);
    expect([formatSize(512), formatSize(12_600), formatSize(4 * 1024 * 1024)]).toEqual([
      "512 B",
      "12.3 KiB",
      "4.0 MiB",
    ]);
    expect(redactUrl("https://s3.example/bucket/key?X-Amz-Signature=secret#x")).toBe(
      "https://s3.example/bucket/key",
    );
  });
});
