import { Testing } from "cdktf";
import "cdktf/lib/testing/adapters/jest"; // the matchers' types (support/setup.ts registers them)
import { CloudfrontMonitoringSubscription } from "@cdktf/provider-aws/lib/cloudfront-monitoring-subscription";
import { CloudwatchDashboard } from "@cdktf/provider-aws/lib/cloudwatch-dashboard";
import { CloudwatchMetricAlarm } from "@cdktf/provider-aws/lib/cloudwatch-metric-alarm";
import { DataAwsIamPolicyDocument } from "@cdktf/provider-aws/lib/data-aws-iam-policy-document";
import { KmsAlias } from "@cdktf/provider-aws/lib/kms-alias";
import { KmsKey } from "@cdktf/provider-aws/lib/kms-key";
import { SnsTopic } from "@cdktf/provider-aws/lib/sns-topic";
import { SnsTopicPolicy } from "@cdktf/provider-aws/lib/sns-topic-policy";
import { SnsTopicSubscription } from "@cdktf/provider-aws/lib/sns-topic-subscription";
import { AlarmTopic, CdnMonitoring, CdnMonitoringProps, DashboardRegion } from "../../../modules/monitoring";
import { GLOBAL_SCOPE, Naming } from "../../../modules/naming";

// CdnMonitoring (CloudFront's alarms, the event's dashboard) and AlarmTopic on their own, with
// props built by hand.

const ACCOUNT = { accountId: "123456789012", partition: "aws" };
const DISTRIBUTION = { id: "E2EXAMPLE", domainName: "d111111abcdef8.cloudfront.net" };
const MINIMAL: CdnMonitoringProps = { naming: new Naming("ev", GLOBAL_SCOPE), region: "us-east-1", account: ACCOUNT, distribution: DISTRIBUTION };

/** A STANDARD channel fed by SRT flows, preferring its primary input, pushing CMAF to MediaPackage. */
const REGION: DashboardRegion = {
  region: "eu-west-1",
  flows: ["primary-a", "primary-b", "backup-a", "backup-b"].map((key) => ({
    key,
    role: key.startsWith("primary") ? "primary" : "backup",
    pipeline: key.endsWith("a") ? 0 : 1,
    availabilityZone: `eu-west-1${key.slice(-1)}`,
    flow: { flowArn: `arn:aws:mediaconnect:eu-west-1:123456789012:flow:1-${key}:ev-euw1-flow-${key}`, name: `ev-euw1-flow-${key}`, source: { protocolInput: "srt-listener" } },
  })),
  channel: { channelId: "1234567", name: "ev-euw1-channel" },
  pipelines: 2,
  contributionType: "MEDIACONNECT",
  outputGroupName: "mediapackage",
  ingest: "CMAF",
  automaticInputFailover: { preference: "PRIMARY_INPUT_PREFERRED" },
  packager: {
    channelGroup: { name: "ev" },
    channel: { channelName: "live" },
    endpoints: [
      { name: "cmaf", container: "CMAF", endpoint: { originEndpointName: "cmaf" } },
      { name: "ts", container: "TS", endpoint: { originEndpointName: "ts" } },
    ],
  },
};

function synth(props: CdnMonitoringProps): { json: string; parsed: any; alarms: Record<string, any>; widgets: any[] } {
  const json = Testing.synthScope((scope) => {
    new CdnMonitoring(scope, "Monitoring", props);
  });
  const parsed = JSON.parse(json);
  const alarms = Object.fromEntries(Object.values(parsed.resource.aws_cloudwatch_metric_alarm as Record<string, any>).map((a) => [a.alarm_name, a]));
  const widgets = JSON.parse((Object.values(parsed.resource.aws_cloudwatch_dashboard)[0] as any).dashboard_body).widgets;
  return { json, parsed, alarms, widgets };
}
const titles = (widgets: any[]) => widgets.map((w) => [w.properties.title ?? w.properties.markdown, w.properties.region]);

describe("CdnMonitoring, minimal props", () => {
  const { json, parsed, alarms, widgets } = synth(MINIMAL);
  const topic = `\${aws_sns_topic.${Object.keys(parsed.resource.aws_sns_topic)[0]}.arn}`;

  test("CloudFront's error-rate alarms at their defaults, by DistributionId and the pseudo-region Global, notifying the topic", () => {
    expect(Object.keys(alarms).sort()).toEqual(["ev-global-cloudfront-5xx-error-rate", "ev-global-cloudfront-total-error-rate"]);
    const common = {
      namespace: "AWS/CloudFront",
      dimensions: { DistributionId: "E2EXAMPLE", Region: "Global" },
      statistic: "Average",
      comparison_operator: "GreaterThanThreshold",
      period: 60,
      evaluation_periods: 3,
      alarm_actions: [topic],
      ok_actions: [topic],
      treat_missing_data: "notBreaching",
    };
    expect(json).toHaveResourceWithProperties(CloudwatchMetricAlarm, { ...common, alarm_name: "ev-global-cloudfront-5xx-error-rate", metric_name: "5xxErrorRate", threshold: 1 });
    expect(json).toHaveResourceWithProperties(CloudwatchMetricAlarm, { ...common, alarm_name: "ev-global-cloudfront-total-error-rate", metric_name: "TotalErrorRate", threshold: 5 });
    for (const a of Object.values(alarms)) expect(a.alarm_description.startsWith("[ev | global | CloudFront] ")).toBe(true);
  });

  test("no additional metrics (billed), no origin-latency alarm, no subscriptions", () => {
    expect(json).not.toHaveResource(CloudfrontMonitoringSubscription);
    expect(json).not.toHaveResourceWithProperties(CloudwatchMetricAlarm, { metric_name: "OriginLatency" });
    expect(json).not.toHaveResource(SnsTopicSubscription);
  });

  test("a dashboard with the CDN's widgets only, in us-east-1", () => {
    expect(json).toHaveResourceWithProperties(CloudwatchDashboard, { dashboard_name: "ev-global-dashboard" });
    expect(titles(widgets)).toEqual([
      ["## ev: CDN (CloudFront)", undefined],
      ["CDN: requests", "us-east-1"],
      ["CDN: error rates (%)", "us-east-1"],
    ]);
    expect(widgets[2].properties.metrics).toEqual([
      ["AWS/CloudFront", "5xxErrorRate", "DistributionId", "E2EXAMPLE", "Region", "Global", { label: "5xxErrorRate" }],
      ["AWS/CloudFront", "4xxErrorRate", "DistributionId", "E2EXAMPLE", "Region", "Global", { label: "4xxErrorRate" }],
      ["AWS/CloudFront", "TotalErrorRate", "DistributionId", "E2EXAMPLE", "Region", "Global", { label: "TotalErrorRate" }],
    ]);
  });
});

describe("CdnMonitoring, maximal props (additional metrics, overrides, subscribers, two regions)", () => {
  const { json, alarms, widgets } = synth({
    ...MINIMAL,
    alarms: {
      notifications: [{ protocol: "email", endpoint: "ops@example.com" }],
      cdnAdditionalMetrics: true,
      families: { cdn5xxErrorRate: { threshold: 0.5 }, cdnTotalErrorRate: { enabled: false } },
    },
    regions: [REGION, { ...REGION, region: "us-east-1", flows: [], contributionType: "URL_PULL", ingest: "HLS", automaticInputFailover: undefined, pipelines: 1 }],
  });

  test("CloudFront's additional metrics: a realtime metrics subscription, the origin-latency alarm", () => {
    expect(json).toHaveResourceWithProperties(CloudfrontMonitoringSubscription, {
      distribution_id: "E2EXAMPLE",
      monitoring_subscription: { realtime_metrics_subscription_config: { realtime_metrics_subscription_status: "Enabled" } },
    });
    expect(alarms["ev-global-cloudfront-origin-latency"]).toMatchObject({
      namespace: "AWS/CloudFront",
      metric_name: "OriginLatency",
      dimensions: { DistributionId: "E2EXAMPLE", Region: "Global" },
      statistic: "Average",
      comparison_operator: "GreaterThanThreshold",
      threshold: 1000,
    });
  });

  test("overrides apply; a disabled family is left out", () => {
    expect(alarms["ev-global-cloudfront-5xx-error-rate"].threshold).toBe(0.5);
    expect(alarms["ev-global-cloudfront-total-error-rate"]).toBeUndefined();
    expect(json).toHaveResourceWithProperties(SnsTopicSubscription, { protocol: "email", endpoint: "ops@example.com" });
  });

  test("one dashboard: input, pipeline, packaging per region, then the CDN, each widget in its metrics' region", () => {
    expect(titles(widgets)).toEqual([
      ["## ev in eu-west-1", undefined],
      ["Input: MediaConnect source bitrate (b/s)", "eu-west-1"],
      ["Input: MediaConnect source connected (1 = yes)", "eu-west-1"],
      ["Input: MediaLive input loss (s) and input frame rate", "eu-west-1"],
      ["Pipeline: active alerts, primary input active (1 = yes)", "eu-west-1"],
      ["Pipeline: dropped frames, output 4xx/5xx to MediaPackage", "eu-west-1"],
      ["Pipeline: media quality score MinMQCS (100 = best)", "eu-west-1"],
      ["Packaging ingress: requests and bytes from MediaLive", "eu-west-1"],
      ["Packaging egress: requests by status", "eu-west-1"],
      ["Packaging egress: response time (ms)", "eu-west-1"],
      ["## ev in us-east-1", undefined],
      ["Input: MediaLive input frame rate", "us-east-1"],
      ["Pipeline: active alerts", "us-east-1"],
      ["Pipeline: dropped frames, output 4xx/5xx to MediaPackage", "us-east-1"],
      ["Packaging ingress: requests and bytes from MediaLive", "us-east-1"],
      ["Packaging egress: requests by status", "us-east-1"],
      ["Packaging egress: response time (ms)", "us-east-1"],
      ["## ev: CDN (CloudFront)", undefined],
      ["CDN: requests", "us-east-1"],
      ["CDN: error rates (%)", "us-east-1"],
      ["CDN: origin latency (ms)", "us-east-1"],
    ]);
  });

  test("widgets tile the 24-column grid left to right, top to bottom", () => {
    for (const w of widgets) expect(w.x + w.width).toBeLessThanOrEqual(24);
    expect(widgets.slice(0, 5).map((w: any) => [w.x, w.y])).toEqual([
      [0, 0],
      [0, 1],
      [8, 1],
      [16, 1],
      [0, 7],
    ]);
  });

  test("the widgets read the metrics the alarms read: flows by FlowARN, pipelines by ChannelId and Pipeline, endpoints by status range", () => {
    const byTitle = (title: string, region = "eu-west-1") => widgets.find((w: any) => w.properties.title === title && w.properties.region === region).properties;
    expect(byTitle("Input: MediaConnect source bitrate (b/s)").metrics).toEqual(
      ["primary-a", "primary-b", "backup-a", "backup-b"].map((k) => ["AWS/MediaConnect", "SourceBitRate", "FlowARN", `arn:aws:mediaconnect:eu-west-1:123456789012:flow:1-${k}:ev-euw1-flow-${k}`, { label: `flow ${k}` }]),
    );
    expect(byTitle("Pipeline: active alerts, primary input active (1 = yes)").metrics).toEqual([
      ["AWS/MediaLive", "ActiveAlerts", "ChannelId", "1234567", "Pipeline", "0", { label: "ActiveAlerts pipeline 0" }],
      ["AWS/MediaLive", "ActiveAlerts", "ChannelId", "1234567", "Pipeline", "1", { label: "ActiveAlerts pipeline 1" }],
      ["AWS/MediaLive", "PrimaryInputActive", "ChannelId", "1234567", "Pipeline", "0", { label: "PrimaryInputActive pipeline 0" }],
      ["AWS/MediaLive", "PrimaryInputActive", "ChannelId", "1234567", "Pipeline", "1", { label: "PrimaryInputActive pipeline 1" }],
    ]);
    // With failover the input metrics are the active input's, as the alarms read them (Metrics Insights).
    expect(byTitle("Input: MediaLive input loss (s) and input frame rate").metrics[0]).toEqual([
      {
        expression: `SELECT SUM(InputLossSeconds) FROM SCHEMA("AWS/MediaLive", ActiveInputFailoverLabel, ChannelId, Pipeline) WHERE ChannelId = '1234567' AND Pipeline = '0'`,
        label: "InputLossSeconds pipeline 0",
        id: "r0_inputlossseconds_0",
      },
    ]);
    // Without failover, by ChannelId and Pipeline; one pipeline only.
    expect(byTitle("Input: MediaLive input frame rate", "us-east-1").metrics).toEqual([
      ["AWS/MediaLive", "InputVideoFrameRate", "ChannelId", "1234567", "Pipeline", "0", { label: "InputVideoFrameRate pipeline 0", stat: "Average", yAxis: "right" }],
    ]);
    expect(byTitle("Pipeline: media quality score MinMQCS (100 = best)")).toMatchObject({ stat: "Minimum" });
    expect(byTitle("Pipeline: media quality score MinMQCS (100 = best)").metrics.map((m: any[]) => m.slice(0, 8))).toEqual([
      ["AWS/MediaLive", "MinMQCS", "ChannelId", "1234567", "OutputGroupName", "mediapackage", "Pipeline", "0"],
      ["AWS/MediaLive", "MinMQCS", "ChannelId", "1234567", "OutputGroupName", "mediapackage", "Pipeline", "1"],
    ]);
    const egress = byTitle("Packaging egress: requests by status").metrics;
    expect(egress[0].slice(0, 10)).toEqual(["AWS/MediaPackage", "EgressRequestCount", "ChannelGroup", "ev", "Channel", "live", "OriginEndpoint", "cmaf", "StatusCodeRange", "2xx"]);
    expect(egress.map((m: any[]) => m[m.length - 1].label)).toEqual(["cmaf 2xx", "cmaf 4xx", "cmaf 5xx", "ts 2xx", "ts 4xx", "ts 5xx"]);
  });
});

describe("CdnMonitoring refuses props it cannot turn into working alarms", () => {
  test("rejects a region other than us-east-1 (CloudFront publishes its metrics there only)", () => {
    expect(() => synth({ ...MINIMAL, region: "eu-west-1" })).toThrow(
      "CdnMonitoring: CloudFront alarms must be created in us-east-1, where CloudFront publishes its metrics (got eu-west-1)",
    );
  });

  test("rejects the origin-latency alarm without CloudFront's additional metrics", () => {
    expect(() => synth({ ...MINIMAL, alarms: { families: { cdnOriginLatency: { enabled: true } } } })).toThrow(
      "CdnMonitoring: alarms.families.cdnOriginLatency.enabled needs alarms.cdnAdditionalMetrics set to true: CloudFront publishes OriginLatency only with additional metrics",
    );
  });

  test("reports every problem at once, one line each", () => {
    expect(() => synth({ ...MINIMAL, region: "eu-west-1", alarms: { families: { cdn5xxErrorRate: { periodSeconds: 30 } } } })).toThrow(
      [
        "CdnMonitoring: CloudFront alarms must be created in us-east-1, where CloudFront publishes its metrics (got eu-west-1)",
        "CdnMonitoring: alarms.families.cdn5xxErrorRate.periodSeconds must be a multiple of 60: CloudFront publishes one datapoint a minute (got 30)",
      ].join("\n"),
    );
  });

  test("rejects a percentage over 100", () => {
    expect(() => synth({ ...MINIMAL, alarms: { families: { cdnTotalErrorRate: { threshold: 101 } } } })).toThrow(
      "CdnMonitoring: alarms.families.cdnTotalErrorRate.threshold is a percentage and must be at most 100 (got 101)",
    );
  });
});

describe("AlarmTopic", () => {
  const json = Testing.synthScope((scope) => {
    new AlarmTopic(scope, "Topic", { naming: new Naming("ev", "eu-west-1"), region: "eu-west-1", account: ACCOUNT });
  });
  const parsed = JSON.parse(json);
  const key = Object.keys(parsed.resource.aws_kms_key)[0];
  const topic = `\${aws_sns_topic.${Object.keys(parsed.resource.aws_sns_topic)[0]}.arn}`;
  const root = [{ type: "AWS", identifiers: ["arn:aws:iam::123456789012:root"] }];
  const cloudwatch = [{ type: "Service", identifiers: ["cloudwatch.amazonaws.com"] }];

  test("the topic is encrypted with its own rotating key, named after the event and region", () => {
    expect(json).toHaveResourceWithProperties(KmsKey, { enable_key_rotation: true, deletion_window_in_days: 7 });
    expect(json).toHaveResourceWithProperties(SnsTopic, { name: "ev-euw1-alarms", kms_master_key_id: `\${aws_kms_key.${key}.arn}` });
    expect(json).toHaveResourceWithProperties(KmsAlias, { name: "alias/ev-euw1-alarms", target_key_id: `\${aws_kms_key.${key}.key_id}` });
    expect(json).not.toHaveResource(SnsTopicSubscription);
  });

  test("CloudWatch may use the key, the account only administers it (no wildcard action) and uses it through SNS", () => {
    expect(json).toHaveDataSourceWithProperties(DataAwsIamPolicyDocument, {
      statement: [
        {
          actions: [
            "kms:DescribeKey",
            "kms:GetKeyPolicy",
            "kms:PutKeyPolicy",
            "kms:GetKeyRotationStatus",
            "kms:EnableKeyRotation",
            "kms:DisableKeyRotation",
            "kms:ListResourceTags",
            "kms:TagResource",
            "kms:UntagResource",
            "kms:UpdateKeyDescription",
            "kms:EnableKey",
            "kms:DisableKey",
            "kms:ListGrants",
            "kms:RevokeGrant",
            "kms:CreateAlias",
            "kms:UpdateAlias",
            "kms:DeleteAlias",
            "kms:ScheduleKeyDeletion",
            "kms:CancelKeyDeletion",
          ],
          principals: root,
          resources: ["*"],
        },
        { actions: ["kms:GenerateDataKey", "kms:Decrypt"], principals: cloudwatch, resources: ["*"] },
        {
          actions: ["kms:GenerateDataKey", "kms:Decrypt"],
          principals: root,
          resources: ["*"],
          condition: [{ test: "StringEquals", variable: "kms:ViaService", values: ["sns.eu-west-1.amazonaws.com"] }],
        },
      ],
    });
  });

  test("only this event's alarms in this region and account may publish to the topic", () => {
    expect(json).toHaveDataSourceWithProperties(DataAwsIamPolicyDocument, {
      statement: [
        {
          actions: ["sns:Publish"],
          principals: cloudwatch,
          resources: [topic],
          condition: [
            { test: "StringEquals", variable: "aws:SourceAccount", values: ["123456789012"] },
            { test: "ArnLike", variable: "aws:SourceArn", values: ["arn:aws:cloudwatch:eu-west-1:123456789012:alarm:ev-euw1-*"] },
          ],
        },
      ],
    });
    expect(json).toHaveResourceWithProperties(SnsTopicPolicy, { arn: topic });
  });

  test("subscription ids are keyed by protocol and endpoint, so reordering the list replaces nothing", () => {
    const subscriptions = (notifications: { protocol: "email" | "sms"; endpoint: string }[]) =>
      Object.keys(
        JSON.parse(
          Testing.synthScope((scope) => {
            new AlarmTopic(scope, "Topic", { naming: new Naming("ev", "eu-west-1"), region: "eu-west-1", account: ACCOUNT, notifications });
          }),
        ).resource.aws_sns_topic_subscription,
      ).sort();
    const a = { protocol: "email" as const, endpoint: "ops@example.com" };
    const b = { protocol: "sms" as const, endpoint: "+14155550100" };
    expect(subscriptions([a, b])).toHaveLength(2);
    expect(subscriptions([b, a])).toEqual(subscriptions([a, b]));
  });
});
