import * as fs from "fs";
import * as path from "path";
import { Testing } from "cdktf";
import { Mediapackagev2Channel } from "../../.gen/providers/awscc/mediapackagev2-channel";
import { Mediapackagev2OriginEndpoint } from "../../.gen/providers/awscc/mediapackagev2-origin-endpoint";
// example begin
import { TerraformStack } from "cdktf";
import { Construct } from "constructs";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { AwsccProvider } from "../../.gen/providers/awscc/provider";
import { Packager } from "../../modules/packager";

/** MediaPackage v2 for one region of your event, in a stack of your own. */
export class PackagingStack extends TerraformStack {
  readonly packager: Packager;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    new AwsProvider(this, "aws", { region: "eu-west-1" });
    new AwsccProvider(this, "awscc", { region: "eu-west-1" });
    this.packager = new Packager(this, "Packager", {
      channelGroupName: "final",
      mediaLiveRoleArn: "arn:aws:iam::111122223333:role/final-euw1-medialive",
    });
  }
}
// example end

// The README's example ("Use a module in your own stack") is the block above: `npm run typecheck`
// compiles this file, and this test checks that the README shows the same lines and that the
// stack builds what the README says (the construct's defaults: a TS and a CMAF endpoint, 4 s segments).
const README = fs.readFileSync(path.join(__dirname, "..", "..", "README.md"), "utf8");

test("the README shows the example as this file has it (imports relative to the project root)", () => {
  const example = /\/\/ example begin\n([\s\S]*?)\n\/\/ example end/.exec(fs.readFileSync(__filename, "utf8"))![1];
  const block = /## Use a module in your own stack\n[\s\S]*?```ts\n([\s\S]*?)\n```/.exec(README)?.[1];
  expect(block).toBe(example.replace(/"\.\.\/\.\.\//g, '"./'));
});

test("the example's stack builds the channel and the two default endpoints, with 4 s segments", () => {
  const json = Testing.synth(new PackagingStack(Testing.app(), "final-packaging"));
  expect(json).toHaveResourceWithProperties(Mediapackagev2Channel, {
    channel_group_name: expect.stringMatching(/^\$\{aws_media_packagev2_channel_group\.[A-Za-z0-9_]+\.name\}$/),
    channel_name: "live",
    input_type: "HLS",
  });
  const endpoints = Object.values<any>(JSON.parse(json).resource.awscc_mediapackagev2_origin_endpoint);
  expect(endpoints.map((e) => [e.origin_endpoint_name, e.container_type, e.segment.segment_duration_seconds]).sort()).toEqual([
    ["cmaf", "CMAF", 4],
    ["ts", "TS", 4],
  ]);
  expect(json).toHaveResource(Mediapackagev2OriginEndpoint);
});
