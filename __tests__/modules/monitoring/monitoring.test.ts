import * as fs from "fs";
import * as path from "path";
import { ALARM_FAMILIES } from "../../../config/alarms";
import { ROOT, StackJson, load, nameOf, resources, synthApp } from "../../support/project";

// What only the whole app shows: which alarms the stacks wire from a configuration, that every
// dimension is a reference to the stack's own resource (or, in the CDN stack, to a regional
// stack's output), the providers and regions, and the account from the stacks' data sources. What
// each alarm reads and how it is described is tested on the constructs (construct.test.ts,
// cdn.test.ts); the metric catalog check (catalog.test.ts) covers every shipped configuration.

const ref = (type: string, name: string, attr: string) => `\${${type}.${name}.${attr}}`;

/** The alarm with this physical name (fails the test when there is none). */
function alarm(stack: StackJson, name: string): any {
  const found = Object.values(resources(stack, "aws_cloudwatch_metric_alarm")).find((a: any) => a.alarm_name === name);
  if (!found) throw new Error(`no alarm named ${name}`);
  return found;
}

function alarmNames(stack: StackJson): string[] {
  return Object.values(resources(stack, "aws_cloudwatch_metric_alarm"))
    .map((a: any) => a.alarm_name)
    .sort();
}

/** The statements of the policy document a resource's policy attribute points at. */
function statementsOf(stack: StackJson, policy: string): any[] {
  const name = /^\$\{data\.aws_iam_policy_document\.(.+)\.json\}$/.exec(policy)![1];
  return stack.data.aws_iam_policy_document[name].statement;
}

/** The remote-state expression by which the CDN stack reads a value of a regional stack. */
function remoteOutput(cdn: StackJson, regional: StackJson, valueExpression: string): string {
  const [outputName] = Object.entries(regional.output).find(([, o]: [string, any]) => o.value === valueExpression)!;
  const source = Object.keys(cdn.data.terraform_remote_state).find((s) => s.endsWith(regional.terraform.backend.local.path.match(/terraform\.(.+)\.tfstate$/)[1]))!;
  return `\${data.terraform_remote_state.${source}.outputs.${outputName}}`;
}

describe("regional alarms, default configuration (SRT over MediaConnect, STANDARD channel, eu-west-1)", () => {
  const stacks = synthApp(load("config/default.json"));
  const stack = stacks["demo-live-eu-west-1"];
  const topic = ref("aws_sns_topic", nameOf(stack, "aws_sns_topic"), "arn");
  const flow = (key: string) => ref("awscc_mediaconnect_flow", nameOf(stack, "awscc_mediaconnect_flow", (f) => f.name === `demo-live-euw1-flow-${key}`), "flow_arn");
  const channel = nameOf(stack, "aws_medialive_channel");
  const channelId = ref("aws_medialive_channel", channel, "channel_id");
  const group = ref("aws_media_packagev2_channel_group", nameOf(stack, "aws_media_packagev2_channel_group"), "name");
  const mpChannel = ref("awscc_mediapackagev2_channel", nameOf(stack, "awscc_mediapackagev2_channel"), "channel_name");
  const endpoint = (name: string) =>
    ref("awscc_mediapackagev2_origin_endpoint", nameOf(stack, "awscc_mediapackagev2_origin_endpoint", (e) => e.origin_endpoint_name === name), "origin_endpoint_name");

  test("one alarm per flow, pipeline and endpoint, named <event>-<region>-<layer>-<what>-<what broke>", () => {
    const flows = ["backup-a", "backup-b", "primary-a", "primary-b"].flatMap((k) =>
      ["bitrate-zero", "continuity-errors", "packet-loss", "source-disconnections", "source-not-connected"].map((w) => `demo-live-euw1-mediaconnect-flow-${k}-${w}`),
    );
    const pipelines = ["0", "1"].flatMap((p) =>
      [
        "active-alerts",
        "dropped-frames",
        "input-frame-rate-low",
        "input-loss",
        "output-4xx-errors",
        "output-5xx-errors",
        "running-on-backup-input",
        "silent",
      ].map((w) => `demo-live-euw1-medialive-pipeline-${p}-${w}`),
    );
    const packaging = [
      "demo-live-euw1-mediapackage-endpoint-cmaf-egress-5xx-errors",
      "demo-live-euw1-mediapackage-endpoint-cmaf-egress-slow",
      "demo-live-euw1-mediapackage-endpoint-ts-egress-5xx-errors",
      "demo-live-euw1-mediapackage-endpoint-ts-egress-slow",
      "demo-live-euw1-mediapackage-ingress-stopped",
    ];
    expect(alarmNames(stack)).toEqual([...flows, ...pipelines, ...packaging].sort());
  });

  test("every alarm notifies the region's topic and uses the stack's default provider, in the region whose metrics it reads", () => {
    for (const a of Object.values(resources(stack, "aws_cloudwatch_metric_alarm")) as any[]) {
      expect(a.alarm_actions).toEqual([topic]);
      expect(a.provider).toBeUndefined();
    }
    expect(stack.provider.aws.find((p: any) => !p.alias).region).toBe("eu-west-1");
  });

  test("dimensions are references to the stack's flows, channel, push output group, channel group, channel and endpoints", () => {
    expect(alarm(stack, "demo-live-euw1-mediaconnect-flow-backup-b-packet-loss").dimensions).toEqual({ FlowARN: flow("backup-b") });
    expect(alarm(stack, "demo-live-euw1-medialive-pipeline-1-active-alerts").dimensions).toEqual({ ChannelId: channelId, Pipeline: "1" });
    // The push group reference points at the group that PUTs HLS to MediaPackage.
    const outputGroup = `\${aws_medialive_channel.${channel}.encoder_settings[0].output_groups[0].name}`;
    const pushGroup = resources(stack, "aws_medialive_channel")[channel].encoder_settings.output_groups[0];
    expect(pushGroup.name).toBe("mediapackage");
    expect(pushGroup.output_group_settings.hls_group_settings.hls_cdn_settings[0].hls_basic_put_settings).toBeDefined();
    expect(alarm(stack, "demo-live-euw1-medialive-pipeline-0-output-5xx-errors").dimensions).toEqual({ ChannelId: channelId, OutputGroupName: outputGroup, Pipeline: "0" });
    expect(alarm(stack, "demo-live-euw1-medialive-pipeline-0-input-loss").metric_query[0].expression).toBe(
      `SELECT SUM(InputLossSeconds) FROM SCHEMA("AWS/MediaLive", ActiveInputFailoverLabel, ChannelId, Pipeline) WHERE ChannelId = '${channelId}' AND Pipeline = '0'`,
    );
    expect(alarm(stack, "demo-live-euw1-mediapackage-endpoint-ts-egress-slow").dimensions).toEqual({ ChannelGroup: group, Channel: mpChannel, OriginEndpoint: endpoint("ts") });
    expect(alarm(stack, "demo-live-euw1-mediapackage-ingress-stopped").metric_query[1].metric.dimensions).toEqual({ ChannelGroup: group, Channel: mpChannel });
  });

  test("the topic's key and publish policies name the account and partition from the stack's own data sources", () => {
    const account = `\${data.aws_caller_identity.${Object.keys(stack.data.aws_caller_identity)[0]}.account_id}`;
    const partition = `\${data.aws_partition.${Object.keys(stack.data.aws_partition)[0]}.partition}`;
    const key = Object.values(resources(stack, "aws_kms_key"))[0] as any;
    expect(statementsOf(stack, key.policy)[0].principals).toEqual([{ type: "AWS", identifiers: [`arn:${partition}:iam::${account}:root`] }]);
    const topicPolicy = Object.values(resources(stack, "aws_sns_topic_policy"))[0] as any;
    expect(topicPolicy.arn).toBe(topic);
    expect(statementsOf(stack, topicPolicy.policy)[0].condition).toEqual([
      { test: "StringEquals", variable: "aws:SourceAccount", values: [account] },
      { test: "ArnLike", variable: "aws:SourceArn", values: [`arn:${partition}:cloudwatch:eu-west-1:${account}:alarm:demo-live-euw1-*`] },
    ]);
  });

  test("the configured address is subscribed", () => {
    expect(Object.values(resources(stack, "aws_sns_topic_subscription"))).toEqual([
      expect.objectContaining({ topic_arn: topic, protocol: "email", endpoint: "ops@example.com" }),
    ]);
  });
});

describe("CDN alarms and the event dashboard, default configuration", () => {
  const stacks = synthApp(load("config/default.json"));
  const cdn = stacks["demo-live-cdn"];
  const regional = stacks["demo-live-eu-west-1"];
  const topic = ref("aws_sns_topic", nameOf(cdn, "aws_sns_topic"), "arn");
  const distribution = nameOf(cdn, "aws_cloudfront_distribution");
  const distributionId = ref("aws_cloudfront_distribution", distribution, "id");

  test("CloudFront alarms live in us-east-1, where CloudFront's metrics are, read the distribution and notify a topic there", () => {
    expect(cdn.provider.aws.find((p: any) => !p.alias).region).toBe("us-east-1");
    expect(alarmNames(cdn)).toEqual(["demo-live-global-cloudfront-5xx-error-rate", "demo-live-global-cloudfront-total-error-rate"]);
    for (const a of Object.values(resources(cdn, "aws_cloudwatch_metric_alarm")) as any[]) {
      expect(a).toMatchObject({ alarm_actions: [topic], dimensions: { DistributionId: distributionId, Region: "Global" } });
      expect(a.provider).toBeUndefined();
    }
  });

  test("every alarm is created in the region its metrics live in", () => {
    const namespaces = (stack: StackJson) =>
      new Set(
        (Object.values(resources(stack, "aws_cloudwatch_metric_alarm")) as any[]).flatMap((a) => (a.namespace ? [a.namespace] : a.metric_query.filter((q: any) => q.metric).map((q: any) => q.metric.namespace))),
      );
    expect([...namespaces(regional)].sort()).toEqual(["AWS/MediaConnect", "AWS/MediaLive", "AWS/MediaPackage"]);
    expect([...namespaces(cdn)]).toEqual(["AWS/CloudFront"]);
  });

  test("the CDN topic's account id and partition come from the stack's own data sources, not from the distribution", () => {
    const account = `\${data.aws_caller_identity.${Object.keys(cdn.data.aws_caller_identity)[0]}.account_id}`;
    const partition = `\${data.aws_partition.${Object.keys(cdn.data.aws_partition)[0]}.partition}`;
    const policy = Object.values(resources(cdn, "aws_sns_topic_policy"))[0] as any;
    expect(statementsOf(cdn, policy.policy)[0].condition).toEqual([
      { test: "StringEquals", variable: "aws:SourceAccount", values: [account] },
      { test: "ArnLike", variable: "aws:SourceArn", values: [`arn:${partition}:cloudwatch:us-east-1:${account}:alarm:demo-live-global-*`] },
    ]);
    expect(JSON.stringify(cdn)).not.toContain(`aws_cloudfront_distribution.${distribution}.arn), 4)`);
  });

  test("the dashboard reads the regional stack's flows, channel and channel group through its outputs", () => {
    const dashboard = Object.values(resources(cdn, "aws_cloudwatch_dashboard"))[0] as any;
    expect(dashboard.dashboard_name).toBe("demo-live-global-dashboard");
    const widgets = JSON.parse(dashboard.dashboard_body).widgets;
    const byTitle = (title: string) => widgets.find((w: any) => w.properties.title === title).properties;
    const flowArn = (key: string) =>
      remoteOutput(cdn, regional, ref("awscc_mediaconnect_flow", nameOf(regional, "awscc_mediaconnect_flow", (f) => f.name === `demo-live-euw1-flow-${key}`), "flow_arn"));
    expect(byTitle("Input: MediaConnect source bitrate (b/s)").metrics.map((m: any[]) => m[3])).toEqual(["primary-a", "primary-b", "backup-a", "backup-b"].map(flowArn));
    const channelId = remoteOutput(cdn, regional, ref("aws_medialive_channel", nameOf(regional, "aws_medialive_channel"), "channel_id"));
    expect(byTitle("Pipeline: active alerts, primary input active (1 = yes)").metrics.map((m: any[]) => m[3])).toEqual([channelId, channelId, channelId, channelId]);
    const group = remoteOutput(cdn, regional, ref("aws_media_packagev2_channel_group", nameOf(regional, "aws_media_packagev2_channel_group"), "name"));
    expect(byTitle("Packaging egress: requests by status").metrics[0].slice(0, 4)).toEqual(["AWS/MediaPackage", "EgressRequestCount", "ChannelGroup", group]);
    expect(byTitle("CDN: requests").metrics[0].slice(0, 4)).toEqual(["AWS/CloudFront", "Requests", "DistributionId", distributionId]);
  });
});

describe("shipped configurations", () => {
  test("the input frame-rate threshold is half the profile's frame rate (mp4-file: HD-720p at 25 fps, 12)", () => {
    const stack = synthApp(load("config/examples/mp4-file.json"))["rehearsal-eu-west-3"];
    expect(alarm(stack, "rehearsal-euw3-medialive-pipeline-0-input-frame-rate-low").threshold).toBe(12);
  });

  test("two regions: one topic and alarm set per region, the CDN's apart, one dashboard over both reading each region's CMAF push group", () => {
    const stacks = synthApp(load("config/examples/two-regions.json"));
    expect(Object.values(resources(stacks["euro-final-eu-west-1"], "aws_sns_topic")).map((t: any) => t.name)).toEqual(["euro-final-euw1-alarms"]);
    expect(Object.values(resources(stacks["euro-final-eu-central-1"], "aws_sns_topic")).map((t: any) => t.name)).toEqual(["euro-final-euc1-alarms"]);
    expect(Object.values(resources(stacks["euro-final-cdn"], "aws_sns_topic")).map((t: any) => t.name)).toEqual(["euro-final-global-alarms"]);
    expect(alarmNames(stacks["euro-final-eu-central-1"])).toContain("euro-final-euc1-medialive-pipeline-1-media-quality-low");
    const widgets = JSON.parse((Object.values(resources(stacks["euro-final-cdn"], "aws_cloudwatch_dashboard"))[0] as any).dashboard_body).widgets;
    expect(widgets.filter((w: any) => w.type === "text").map((w: any) => w.properties.markdown)).toEqual([
      "## euro-final in eu-west-1",
      "## euro-final in eu-central-1",
      "## euro-final: CDN (CloudFront)",
    ]);
    const quality = widgets.filter((w: any) => w.properties.title === "Pipeline: media quality score MinMQCS (100 = best)");
    expect(quality.map((w: any) => w.properties.region)).toEqual(["eu-west-1", "eu-central-1"]);
    for (const w of quality) {
      for (const m of w.properties.metrics) expect([m[3], m[5]]).toEqual([expect.stringMatching(/^\$\{data\.terraform_remote_state\./), expect.stringMatching(/^\$\{data\.terraform_remote_state\./)]);
    }
  });

  test("no policy statement grants a wildcard action", () => {
    for (const stack of Object.values(synthApp(load("config/default.json")))) {
      for (const doc of Object.values(stack.data?.aws_iam_policy_document ?? {}) as any[]) {
        for (const s of doc.statement) for (const a of s.actions ?? []) expect(a).not.toContain("*");
      }
    }
  });
});

describe("docs/alarms.md", () => {
  const readme = fs.readFileSync(path.join(ROOT, "docs", "alarms.md"), "utf8");

  test.each(Object.keys(ALARM_FAMILIES))("lists the alarm family %s in the alarm table", (family) => {
    expect(readme).toMatch(new RegExp(`^\\| \`${family}\` \\|`, "m"));
  });
});
