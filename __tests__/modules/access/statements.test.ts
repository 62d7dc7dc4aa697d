import { Testing } from "cdktf";
import "cdktf/lib/testing/adapters/jest"; // the matchers' types (support/setup.ts registers them)
import { DataAwsIamPolicyDocument } from "@cdktf/provider-aws/lib/data-aws-iam-policy-document";
import { AccessFeature, AccessPrincipal, AccessValues, accessStatements, requirementsFor, s3Location } from "../../../modules/access";

// The access catalog turned into policy statements, synthesized as the policy document a role
// gets: which requirements a feature set selects, and how their ARN templates are filled.

const BASE: AccessValues = { partition: "aws-us-gov", region: "us-gov-west-1", account: "111122223333" };

function policy(principal: AccessPrincipal, features: AccessFeature[], values: Partial<AccessValues> = {}): string {
  return Testing.synthScope((scope) => {
    new DataAwsIamPolicyDocument(scope, "Access", { statement: accessStatements(principal, new Set(features), { ...BASE, ...values }) });
  });
}

test("minimal: MediaLive always gets exactly the packager push and its channel logs, on this account's ARNs in its partition", () => {
  const json = policy("medialive", [], { channelGroup: "ev", channel: "live" });
  expect(json).toHaveDataSourceWithProperties(DataAwsIamPolicyDocument, {
    statement: [
      { sid: "PushToPackager", actions: ["mediapackagev2:PutObject"], resources: ["arn:aws-us-gov:mediapackagev2:us-gov-west-1:111122223333:channelGroup/ev/channel/live"] },
      {
        sid: "WriteChannelLogs",
        actions: ["logs:CreateLogGroup", "logs:CreateLogStream", "logs:PutLogEvents", "logs:DescribeLogStreams"],
        resources: ["arn:aws-us-gov:logs:us-gov-west-1:111122223333:log-group:ElementalMediaLive*"],
      },
    ],
  });
});

test("maximal: every MediaLive feature adds its statement in catalog order; a list placeholder gives one resource per value, without repeats", () => {
  const json = policy("medialive", ["s3Source", "pullPassword", "mediaconnectInput"], {
    channelGroup: "ev",
    channel: "live",
    flowPrefix: "ev-usgw1-flow-",
    parameter: "ev/pull",
    bucket: ["media-a", "media-b", "media-a"],
    object: ["media-a/one.mp4", "media-b/two.mp4"],
  });
  const statements = JSON.parse(json).data.aws_iam_policy_document.Access.statement;
  expect(statements.map((s: any) => s.sid)).toEqual(["PushToPackager", "WriteChannelLogs", "UseMediaConnectFlows", "ReadPullPassword", "ListSourceBuckets", "ReadSourceFiles"]);
  const bySid = Object.fromEntries(statements.map((s: any) => [s.sid, s.resources]));
  expect(bySid.UseMediaConnectFlows).toEqual(["arn:aws-us-gov:mediaconnect:us-gov-west-1:111122223333:flow:*:ev-usgw1-flow-*"]);
  expect(bySid.ReadPullPassword).toEqual(["arn:aws-us-gov:ssm:us-gov-west-1:111122223333:parameter/ev/pull"]);
  expect(bySid.ListSourceBuckets).toEqual(["arn:aws-us-gov:s3:::media-a", "arn:aws-us-gov:s3:::media-b"]);
  expect(bySid.ReadSourceFiles).toEqual(["arn:aws-us-gov:s3:::media-a/one.mp4", "arn:aws-us-gov:s3:::media-b/two.mp4"]);
  // No action is a wildcard, and no resource is "*".
  for (const s of statements) {
    for (const a of s.actions) expect(a).not.toContain("*");
    expect(s.resources).not.toContain("*");
  }
});

test("MediaConnect reads one secret, by its full ARN, only with the secret feature", () => {
  const secret = "arn:aws:secretsmanager:eu-west-1:111122223333:secret:ev/srt-Ab12Cd";
  expect(policy("mediaconnect", ["secret"], { secretArn: secret })).toHaveDataSourceWithProperties(DataAwsIamPolicyDocument, {
    statement: [{ sid: "ReadOneSecret", actions: ["secretsmanager:GetSecretValue", "secretsmanager:DescribeSecret", "secretsmanager:GetResourcePolicy", "secretsmanager:ListSecretVersionIds"], resources: [secret] }],
  });
  expect(requirementsFor("mediaconnect", new Set())).toEqual([]);
});

test("rejects a template placeholder without a value, naming the requirement", () => {
  expect(() => policy("medialive", ["pullPassword"], { channelGroup: "ev", channel: "live" })).toThrow("access requirement read-pull-password: no value for {parameter}");
});

test("rejects an empty list for a list placeholder", () => {
  expect(() => policy("medialive", ["s3Source"], { channelGroup: "ev", channel: "live", bucket: [], object: ["b/k"] })).toThrow("access requirement list-source-bucket: no value for {bucket}");
});

test("s3ssl:// URLs give a bucket and an object; other URLs give nothing", () => {
  expect(s3Location("s3ssl://media-a/live/one.mp4")).toEqual({ bucket: "media-a", object: "media-a/live/one.mp4" });
  expect(s3Location("https://media-a.example.com/one.mp4")).toBeUndefined();
  expect(s3Location("s3ssl://media-a")).toBeUndefined();
});
