import { Testing } from "cdktf";
import type {} from "cdktf/lib/testing/adapters/jest"; // the matchers' types (support/setup.ts registers them)
import { DataAwsIamPolicyDocument } from "@cdktf/provider-aws/lib/data-aws-iam-policy-document";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicy } from "@cdktf/provider-aws/lib/iam-role-policy";
import { MediaLiveRole, MediaLiveRoleProps } from "../../../modules/encoder/role";
import { Naming } from "../../../modules/naming";

// MediaLiveRole on its own (Testing.synthScope), props by hand: which statements each feature adds,
// on which ARNs. What each permission is for, with its AWS page: modules/access/requirements.json.

const REQUIRED: MediaLiveRoleProps = {
  naming: new Naming("ev", "eu-west-1"),
  region: "eu-west-1",
  account: { accountId: "111122223333", partition: "aws" },
  packagerChannel: { group: "ev", channel: "live" },
};

function synth(props: MediaLiveRoleProps): { synthesized: string; statements: any[] } {
  const synthesized = Testing.synthScope((scope) => {
    new MediaLiveRole(scope, "Role", props);
  });
  const docs = Object.values<any>(JSON.parse(synthesized).data.aws_iam_policy_document);
  return { synthesized, statements: docs.flatMap((d) => d.statement).filter((s) => s.sid) };
}

const ALWAYS = [
  { sid: "PushToPackager", actions: ["mediapackagev2:PutObject"], resources: ["arn:aws:mediapackagev2:eu-west-1:111122223333:channelGroup/ev/channel/live"] },
  {
    sid: "WriteChannelLogs",
    actions: ["logs:CreateLogGroup", "logs:CreateLogStream", "logs:PutLogEvents", "logs:DescribeLogStreams"],
    resources: ["arn:aws:logs:eu-west-1:111122223333:log-group:ElementalMediaLive*"],
  },
];

describe("MediaLiveRole, only the required props", () => {
  const { synthesized, statements } = synth(REQUIRED);

  test("a role MediaLive assumes, named for the event and region, without a permissions boundary", () => {
    expect(synthesized).toHaveDataSourceWithProperties(DataAwsIamPolicyDocument, {
      statement: [{ actions: ["sts:AssumeRole"], principals: [{ type: "Service", identifiers: ["medialive.amazonaws.com"] }] }],
    });
    expect(synthesized).toHaveResourceWithProperties(IamRole, { name: "ev-euw1-medialive", assume_role_policy: expect.stringMatching(/^\$\{data\.aws_iam_policy_document\.Role_Trust_[0-9A-F]+\.json\}$/) });
    expect(Object.values<any>(JSON.parse(synthesized).resource.aws_iam_role)[0].permissions_boundary).toBeUndefined();
    expect(synthesized).toHaveResourceWithProperties(IamRolePolicy, { name: "medialive-access", role: expect.stringMatching(/^\$\{aws_iam_role\.Role_[0-9A-F]+\.id\}$/) });
  });

  test("may push to its one MediaPackage v2 channel and write its logs, nothing else", () => {
    expect(statements).toEqual(ALWAYS);
  });
});

describe("MediaLiveRole, every prop set", () => {
  const { synthesized, statements } = synth({
    ...REQUIRED,
    account: { accountId: "444455556666", partition: "aws-cn" },
    region: "cn-north-1",
    mediaConnectFlowPrefix: "ev-euw1-flow-",
    passwordParameter: "/ev/pull-password",
    sourceUrls: ["s3ssl://media-bucket/rehearsal/a.mp4", "s3ssl://other-bucket/b.ts", "https://cdn.example.com/c.ts"],
    permissionsBoundary: "arn:aws-cn:iam::444455556666:policy/ev-boundary",
  });

  test("bounded by the given policy", () => {
    expect(synthesized).toHaveResourceWithProperties(IamRole, { permissions_boundary: "arn:aws-cn:iam::444455556666:policy/ev-boundary" });
  });

  test("its flows by name prefix, its one password parameter, exactly the S3 source files and their buckets (not the HTTPS one), in the given account and partition", () => {
    expect(Object.fromEntries(statements.map((s) => [s.sid, s.resources]))).toEqual({
      PushToPackager: ["arn:aws-cn:mediapackagev2:cn-north-1:444455556666:channelGroup/ev/channel/live"],
      WriteChannelLogs: ["arn:aws-cn:logs:cn-north-1:444455556666:log-group:ElementalMediaLive*"],
      UseMediaConnectFlows: ["arn:aws-cn:mediaconnect:cn-north-1:444455556666:flow:*:ev-euw1-flow-*"],
      ReadPullPassword: ["arn:aws-cn:ssm:cn-north-1:444455556666:parameter/ev/pull-password"],
      ListSourceBuckets: ["arn:aws-cn:s3:::media-bucket", "arn:aws-cn:s3:::other-bucket"],
      ReadSourceFiles: ["arn:aws-cn:s3:::media-bucket/rehearsal/a.mp4", "arn:aws-cn:s3:::other-bucket/b.ts"],
    });
    for (const s of statements) for (const a of s.actions) expect(a).not.toContain("*");
  });
});

test("MediaLiveRole: source URLs that are not on S3 add no S3 access", () => {
  expect(synth({ ...REQUIRED, sourceUrls: ["https://cdn.example.com/a.ts", "rtmp://origin.example.com/live/a"] }).statements).toEqual(ALWAYS);
});
