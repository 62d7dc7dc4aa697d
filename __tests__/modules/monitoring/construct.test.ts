import * as fs from "fs";
import * as path from "path";
import { Testing } from "cdktf";
import "cdktf/lib/testing/adapters/jest"; // the matchers' types (support/setup.ts registers them)
import { CloudwatchMetricAlarm } from "@cdktf/provider-aws/lib/cloudwatch-metric-alarm";
import { SnsTopic } from "@cdktf/provider-aws/lib/sns-topic";
import { SnsTopicSubscription } from "@cdktf/provider-aws/lib/sns-topic-subscription";
import { MonitoredFlow, MonitoredPackager, PipelineMonitoring, PipelineMonitoringProps } from "../../../modules/monitoring";
import { Naming } from "../../../modules/naming";

// PipelineMonitoring on its own, with props built by hand: which alarms exist for a setup, what
// they read, their defaults and overrides, and what the construct refuses.

const CHANNEL = { channelId: "1234567", name: "ev-euw1-channel" };
const PACKAGER: MonitoredPackager = {
  channelGroup: { name: "ev" },
  channel: { channelName: "live" },
  endpoints: [
    { name: "cmaf", container: "CMAF", endpoint: { originEndpointName: "cmaf" } },
    { name: "ts", container: "TS", endpoint: { originEndpointName: "ts" } },
  ],
};
const arnOf = (key: string) => `arn:aws:mediaconnect:eu-west-1:123456789012:flow:1-${key}:ev-euw1-flow-${key}`;
function flow(role: "primary" | "backup", pipeline: 0 | 1, protocol: string): MonitoredFlow {
  const key = `${role}-${"ab"[pipeline]}`;
  return { key, role, pipeline, availabilityZone: `eu-west-1${"ab"[pipeline]}`, flow: { flowArn: arnOf(key), name: `ev-euw1-flow-${key}`, source: { protocolInput: protocol } } };
}
const srtFlows = (pipelines: (0 | 1)[] = [0, 1]) => (["primary", "backup"] as const).flatMap((role) => pipelines.map((p) => flow(role, p, "srt-listener")));

/** Only the required props: every default shows. */
const MINIMAL: PipelineMonitoringProps = {
  naming: new Naming("ev", "eu-west-1"),
  region: "eu-west-1",
  account: { accountId: "123456789012", partition: "aws" },
  channel: CHANNEL,
  contributionType: "URL_PULL",
  outputGroupName: "mediapackage",
  profileFrameRate: 30,
  packager: PACKAGER,
};

/** MediaConnect with SRT into a STANDARD channel preferring its primary input: every family that can exist, at its defaults. */
const FULL: PipelineMonitoringProps = {
  ...MINIMAL,
  contributionType: "MEDIACONNECT",
  flows: srtFlows(),
  pipelines: 2,
  ingest: "CMAF",
  automaticInputFailover: { preference: "PRIMARY_INPUT_PREFERRED" },
  alarms: { notifications: [{ protocol: "email", endpoint: "ops@example.com" }] },
};

function synth(props: PipelineMonitoringProps): { json: string; alarms: Record<string, any>; parsed: any } {
  const json = Testing.synthScope((scope) => {
    new PipelineMonitoring(scope, "Monitoring", props);
  });
  const parsed = JSON.parse(json);
  const alarms = Object.fromEntries(Object.values(parsed.resource.aws_cloudwatch_metric_alarm as Record<string, any>).map((a) => [a.alarm_name, a]));
  return { json, alarms, parsed };
}
const names = (alarms: Record<string, any>, part = "") => Object.keys(alarms).filter((n) => n.includes(part)).sort();
const PIPELINE_ALARMS = ["active-alerts", "dropped-frames", "input-frame-rate-low", "output-4xx-errors", "output-5xx-errors", "silent"];
const PACKAGING_ALARMS = [
  "ev-euw1-mediapackage-endpoint-cmaf-egress-5xx-errors",
  "ev-euw1-mediapackage-endpoint-cmaf-egress-slow",
  "ev-euw1-mediapackage-endpoint-ts-egress-5xx-errors",
  "ev-euw1-mediapackage-endpoint-ts-egress-slow",
  "ev-euw1-mediapackage-ingress-stopped",
];

describe("PipelineMonitoring, minimal props", () => {
  const { json, alarms, parsed } = synth(MINIMAL);
  const topic = `\${aws_sns_topic.${Object.keys(parsed.resource.aws_sns_topic)[0]}.arn}`;

  test("two pipelines, HLS, no flows: MediaLive alarms on pipelines 0 and 1, MediaPackage alarms, no MediaConnect or quality alarm", () => {
    expect(names(alarms)).toEqual([...["0", "1"].flatMap((p) => PIPELINE_ALARMS.map((w) => `ev-euw1-medialive-pipeline-${p}-${w}`)), ...PACKAGING_ALARMS].sort());
  });

  test("every alarm notifies the topic when it fires and when it clears; a silent (stopped) service is not breaching", () => {
    for (const a of Object.values(alarms)) {
      expect(a).toMatchObject({ alarm_actions: [topic], ok_actions: [topic], treat_missing_data: "notBreaching" });
      expect(a.insufficient_data_actions).toBeUndefined();
    }
  });

  test("a topic without subscriptions", () => {
    expect(json).toHaveResourceWithProperties(SnsTopic, { name: "ev-euw1-alarms" });
    expect(json).not.toHaveResource(SnsTopicSubscription);
  });

  test("the input frame-rate threshold defaults to half the profile's frame rate, rounded down", () => {
    expect(alarms["ev-euw1-medialive-pipeline-0-input-frame-rate-low"]).toMatchObject({ threshold: 15, period: 60, evaluation_periods: 2 });
    expect(synth({ ...MINIMAL, profileFrameRate: 25 }).alarms["ev-euw1-medialive-pipeline-0-input-frame-rate-low"].threshold).toBe(12);
  });
});

describe("PipelineMonitoring, every family at its default (MediaConnect SRT, STANDARD, primary preferred, CMAF)", () => {
  const { json, alarms } = synth(FULL);

  test("one alarm set per flow, pipeline and endpoint", () => {
    const flows = ["backup-a", "backup-b", "primary-a", "primary-b"].flatMap((k) =>
      ["bitrate-zero", "continuity-errors", "packet-loss", "source-disconnections", "source-not-connected"].map((w) => `ev-euw1-mediaconnect-flow-${k}-${w}`),
    );
    const pipelines = ["0", "1"].flatMap((p) =>
      [...PIPELINE_ALARMS, "input-loss", "media-quality-low", "running-on-backup-input"].map((w) => `ev-euw1-medialive-pipeline-${p}-${w}`),
    );
    expect(names(alarms)).toEqual([...flows, ...pipelines, ...PACKAGING_ALARMS].sort());
  });

  test.each([
    ["source-not-connected", "SourceConnected", "Maximum", "LessThanThreshold", 1, 60, 1],
    ["source-disconnections", "SourceDisconnections", "Sum", "GreaterThanOrEqualToThreshold", 3, 300, 1],
    ["packet-loss", "SourcePacketLossPercent", "Average", "GreaterThanThreshold", 2, 60, 3],
    ["continuity-errors", "SourceContinuityCounter", "Sum", "GreaterThanOrEqualToThreshold", 10, 60, 2],
    ["bitrate-zero", "SourceBitRate", "Maximum", "LessThanOrEqualToThreshold", 0, 60, 2],
  ])("MediaConnect %s: AWS/MediaConnect %s by FlowARN, %s, %s %d over %d s x %d", (what, metric, statistic, comparison, threshold, period, evaluations) => {
    for (const key of ["primary-a", "primary-b", "backup-a", "backup-b"]) {
      expect(json).toHaveResourceWithProperties(CloudwatchMetricAlarm, {
        alarm_name: `ev-euw1-mediaconnect-flow-${key}-${what}`,
        namespace: "AWS/MediaConnect",
        metric_name: metric,
        dimensions: { FlowARN: arnOf(key) },
        statistic,
        comparison_operator: comparison,
        threshold,
        period,
        evaluation_periods: evaluations,
      });
    }
  });

  test.each([
    ["active-alerts", "ActiveAlerts", "Maximum", "GreaterThanOrEqualToThreshold", 1, 60, 3],
    ["running-on-backup-input", "PrimaryInputActive", "Maximum", "LessThanThreshold", 1, 60, 1],
    ["dropped-frames", "DroppedFrames", "Sum", "GreaterThanOrEqualToThreshold", 30, 60, 2],
  ])("MediaLive %s: AWS/MediaLive %s by ChannelId and Pipeline, %s, %s %d over %d s x %d", (what, metric, statistic, comparison, threshold, period, evaluations) => {
    for (const pipeline of ["0", "1"]) {
      const a = alarms[`ev-euw1-medialive-pipeline-${pipeline}-${what}`];
      expect(a).toMatchObject({ namespace: "AWS/MediaLive", metric_name: metric, statistic, comparison_operator: comparison, threshold, period, evaluation_periods: evaluations });
      expect(a.dimensions).toEqual({ ChannelId: "1234567", Pipeline: pipeline });
    }
  });

  test.each([
    ["output-4xx-errors", "Output4xxErrors", "Sum", "GreaterThanOrEqualToThreshold", 1, 2],
    ["output-5xx-errors", "Output5xxErrors", "Sum", "GreaterThanOrEqualToThreshold", 1, 2],
    ["media-quality-low", "MinMQCS", "Minimum", "LessThanThreshold", 50, 2],
  ])("MediaLive %s: AWS/MediaLive %s by ChannelId, OutputGroupName and Pipeline, %s, %s %d x %d", (what, metric, statistic, comparison, threshold, evaluations) => {
    for (const pipeline of ["0", "1"]) {
      const a = alarms[`ev-euw1-medialive-pipeline-${pipeline}-${what}`];
      expect(a).toMatchObject({ namespace: "AWS/MediaLive", metric_name: metric, statistic, comparison_operator: comparison, threshold, period: 60, evaluation_periods: evaluations });
      expect(a.dimensions).toEqual({ ChannelId: "1234567", OutputGroupName: "mediapackage", Pipeline: pipeline });
    }
  });

  test.each([
    ["input-loss", "SUM(InputLossSeconds)", "GreaterThanOrEqualToThreshold", 5, 1],
    ["input-frame-rate-low", "AVG(InputVideoFrameRate)", "LessThanThreshold", 15, 2],
  ])("MediaLive %s with automatic input failover: the active input only, through ActiveInputFailoverLabel (a Metrics Insights query)", (what, select, comparison, threshold, evaluations) => {
    for (const pipeline of ["0", "1"]) {
      const a = alarms[`ev-euw1-medialive-pipeline-${pipeline}-${what}`];
      expect(a).toMatchObject({ comparison_operator: comparison, threshold, evaluation_periods: evaluations });
      expect(a.metric_name).toBeUndefined();
      expect(a.metric_query).toEqual([
        {
          id: "query",
          expression: `SELECT ${select} FROM SCHEMA("AWS/MediaLive", ActiveInputFailoverLabel, ChannelId, Pipeline) WHERE ChannelId = '1234567' AND Pipeline = '${pipeline}'`,
          label: `medialive-pipeline-${pipeline}-${what}`,
          period: 60,
          return_data: true,
        },
      ]);
    }
  });

  test("a running pipeline that stops reporting pages: its heartbeat is compared with its flows' media and the other pipeline", () => {
    const silent = alarms["ev-euw1-medialive-pipeline-0-silent"];
    expect(silent).toMatchObject({ comparison_operator: "GreaterThanOrEqualToThreshold", threshold: 1, evaluation_periods: 3 });
    expect(silent.metric_name).toBeUndefined();
    const metric = (namespace: string, name: string, dimensions: object, stat: string) => ({ metric_name: name, namespace, dimensions, stat, period: 60 });
    expect(silent.metric_query).toEqual([
      {
        id: "condition",
        expression: "IF((FILL(feed_primary, 0) + FILL(feed_backup, 0) + FILL(pipeline1, 0)) > 0 AND FILL(heartbeat, 0) == 0, 1, 0)",
        label: "pipeline 0 silent while the event is live",
        return_data: true,
      },
      { id: "heartbeat", return_data: false, metric: metric("AWS/MediaLive", "ActiveAlerts", { ChannelId: "1234567", Pipeline: "0" }, "SampleCount") },
      { id: "feed_primary", return_data: false, metric: metric("AWS/MediaConnect", "SourceBitRate", { FlowARN: arnOf("primary-a") }, "Maximum") },
      { id: "feed_backup", return_data: false, metric: metric("AWS/MediaConnect", "SourceBitRate", { FlowARN: arnOf("backup-a") }, "Maximum") },
      { id: "pipeline1", return_data: false, metric: metric("AWS/MediaLive", "ActiveAlerts", { ChannelId: "1234567", Pipeline: "1" }, "SampleCount") },
    ]);
    expect(alarms["ev-euw1-medialive-pipeline-1-silent"].metric_query.map((q: any) => [q.id, q.metric?.dimensions])).toEqual([
      ["condition", undefined],
      ["heartbeat", { ChannelId: "1234567", Pipeline: "1" }],
      ["feed_primary", { FlowARN: arnOf("primary-b") }],
      ["feed_backup", { FlowARN: arnOf("backup-b") }],
      ["pipeline0", { ChannelId: "1234567", Pipeline: "0" }],
    ]);
  });

  test("MediaPackage ingress stops: no ingest requests while MediaLive reports", () => {
    expect(json).toHaveResourceWithProperties(CloudwatchMetricAlarm, {
      alarm_name: "ev-euw1-mediapackage-ingress-stopped",
      comparison_operator: "GreaterThanOrEqualToThreshold",
      threshold: 1,
      evaluation_periods: 2,
      metric_query: [
        { id: "condition", expression: "IF((FILL(pipeline0, 0) + FILL(pipeline1, 0)) > 0 AND FILL(ingress, 0) == 0, 1, 0)", label: "MediaLive running, MediaPackage ingest silent", return_data: true },
        { id: "ingress", return_data: false, metric: { namespace: "AWS/MediaPackage", metric_name: "IngressRequestCount", dimensions: { ChannelGroup: "ev", Channel: "live" }, stat: "Sum", period: 60 } },
        { id: "pipeline0", return_data: false, metric: { namespace: "AWS/MediaLive", metric_name: "ActiveAlerts", dimensions: { ChannelId: "1234567", Pipeline: "0" }, stat: "SampleCount", period: 60 } },
        { id: "pipeline1", return_data: false, metric: { namespace: "AWS/MediaLive", metric_name: "ActiveAlerts", dimensions: { ChannelId: "1234567", Pipeline: "1" }, stat: "SampleCount", period: 60 } },
      ],
    });
  });

  test.each(["ts", "cmaf"])("MediaPackage endpoint %s: egress 5xx count and response time, by group, channel and endpoint", (name) => {
    const dimensions = { ChannelGroup: "ev", Channel: "live", OriginEndpoint: name };
    expect(alarms[`ev-euw1-mediapackage-endpoint-${name}-egress-5xx-errors`]).toMatchObject({
      namespace: "AWS/MediaPackage",
      metric_name: "EgressRequestCount",
      dimensions: { ...dimensions, StatusCodeRange: "5xx" },
      statistic: "Sum",
      comparison_operator: "GreaterThanOrEqualToThreshold",
      threshold: 10,
      period: 60,
      evaluation_periods: 2,
    });
    expect(alarms[`ev-euw1-mediapackage-endpoint-${name}-egress-slow`]).toMatchObject({
      namespace: "AWS/MediaPackage",
      metric_name: "EgressResponseTime",
      dimensions,
      statistic: "Average",
      comparison_operator: "GreaterThanThreshold",
      threshold: 1000,
      period: 60,
      evaluation_periods: 3,
    });
  });

  test("descriptions say event, region, layer, what broke, which flow or pipeline, and what to check", () => {
    expect(alarms["ev-euw1-mediaconnect-flow-primary-b-source-not-connected"].alarm_description).toBe(
      `[ev | eu-west-1 | MediaConnect] No srt-listener connection from the primary encoder to flow ev-euw1-flow-primary-b (primary input, pipeline 1 "b", eu-west-1b) for a whole 60 s. Check the primary encoder and its network path to the flow's ingest address (terraform output ingest-primary-b). The channel keeps playing from the other input while that one is healthy.`,
    );
    expect(alarms["ev-euw1-medialive-pipeline-1-input-loss"].alarm_description).toBe(
      "[ev | eu-west-1 | MediaLive] Pipeline 1 of MediaLive channel ev-euw1-channel (id 1234567) had no input for 5 s or more within 60 s on its active input. Viewers of this pipeline see the input-loss picture. Check the source of the active input; automatic failover to the other input should follow.",
    );
    // The 3 a.m. operator is told what to do when a whole region goes black.
    expect(alarms["ev-euw1-medialive-pipeline-0-media-quality-low"].alarm_description).toContain(
      "stop this region's channel (npm run event -- stop --region eu-west-1, or the MediaLive console) so its manifests go stale and the CDN fails over",
    );
    const layers: Record<string, string> = { mediaconnect: "MediaConnect", medialive: "MediaLive", mediapackage: "MediaPackage" };
    for (const a of Object.values(alarms)) {
      expect(a.alarm_description.startsWith(`[ev | eu-west-1 | ${layers[a.alarm_name.split("-")[2]]}] `)).toBe(true);
      expect(a.alarm_description.length).toBeLessThanOrEqual(1024);
    }
  });

  test("the configured address is subscribed to the topic", () => {
    expect(json).toHaveResourceWithProperties(SnsTopicSubscription, { protocol: "email", endpoint: "ops@example.com" });
  });
});

describe("PipelineMonitoring, maximal props (forwarded feed, every override kind, several subscribers)", () => {
  const { json, alarms } = synth({
    ...FULL,
    forwardedFrom: "eu-central-1",
    alarms: {
      notifications: [
        { protocol: "email", endpoint: "ops@example.com" },
        { protocol: "sms", endpoint: "+14155550100" },
        { protocol: "https", endpoint: "https://events.example.com/alarms" },
      ],
      cdnAdditionalMetrics: false,
      families: {
        sourcePacketLoss: { enabled: false },
        activeAlerts: { threshold: 2, periodSeconds: 10, evaluationPeriods: 3 },
        inputLoss: { threshold: 2, periodSeconds: 120 },
        pipelineSilent: { periodSeconds: 120 },
        mediaQualityLow: { threshold: 30, evaluationPeriods: 3 },
      },
    },
  });

  test("overrides change threshold, period and evaluation periods, and the descriptions say so", () => {
    expect(alarms["ev-euw1-medialive-pipeline-0-active-alerts"]).toMatchObject({ threshold: 2, period: 10, evaluation_periods: 3 });
    expect(alarms["ev-euw1-medialive-pipeline-0-active-alerts"].alarm_description).toContain("has had at least 2 active alert for 30 s");
    // A Metrics Insights alarm carries its period on the query.
    expect(alarms["ev-euw1-medialive-pipeline-0-input-loss"]).toMatchObject({ threshold: 2, metric_query: [expect.objectContaining({ period: 120 })] });
    expect(alarms["ev-euw1-medialive-pipeline-0-input-loss"].alarm_description).toContain("had no input for 2 s or more within 120 s");
    expect(alarms["ev-euw1-medialive-pipeline-1-silent"].metric_query.filter((q: any) => q.metric).map((q: any) => q.metric.period)).toEqual([120, 120, 120, 120]);
    expect(alarms["ev-euw1-medialive-pipeline-1-media-quality-low"]).toMatchObject({ threshold: 30, evaluation_periods: 3 });
    expect(alarms["ev-euw1-medialive-pipeline-1-media-quality-low"].alarm_description).toContain("scores under 30 of 100 (MinMQCS, 3 periods of 60 s)");
  });

  test("enabled: false leaves a family out, and only that family", () => {
    expect(names(alarms, "-packet-loss")).toEqual([]);
    expect(names(alarms, "-continuity-errors")).toHaveLength(4);
  });

  test("a forwarded feed: the flows' descriptions name the primary region's flow as the sender", () => {
    expect(alarms["ev-euw1-mediaconnect-flow-backup-a-bitrate-zero"].alarm_description).toContain("Nothing arrives from the backup flow in eu-central-1");
  });

  test("one subscription per notification", () => {
    const subscriptions = Object.values(JSON.parse(json).resource.aws_sns_topic_subscription).map((s: any) => [s.protocol, s.endpoint]);
    expect(subscriptions.sort()).toEqual([
      ["email", "ops@example.com"],
      ["https", "https://events.example.com/alarms"],
      ["sms", "+14155550100"],
    ]);
  });
});

describe("PipelineMonitoring, MediaLive alarms per setup", () => {
  test("RTP push with primary-preferred failover: input loss and frame rate of the active input (ActiveInputFailoverLabel), running-on-backup alarm", () => {
    const { alarms } = synth({ ...MINIMAL, contributionType: "RTP_PUSH", automaticInputFailover: { preference: "PRIMARY_INPUT_PREFERRED" } });
    expect(names(alarms, "-medialive-pipeline-0-")).toEqual(
      [...PIPELINE_ALARMS, "input-loss", "running-on-backup-input"].sort().map((w) => `ev-euw1-medialive-pipeline-0-${w}`),
    );
  });

  test("HLS pull without automatic failover: no input loss (not UDP), no running-on-backup (no failover), frame rate by ChannelId and Pipeline", () => {
    const { json, alarms } = synth(MINIMAL);
    expect(names(alarms, "-medialive-pipeline-0-")).toEqual(PIPELINE_ALARMS.map((w) => `ev-euw1-medialive-pipeline-0-${w}`));
    expect(json).toHaveResourceWithProperties(CloudwatchMetricAlarm, {
      alarm_name: "ev-euw1-medialive-pipeline-0-input-frame-rate-low",
      namespace: "AWS/MediaLive",
      metric_name: "InputVideoFrameRate",
      statistic: "Average",
      dimensions: { ChannelId: "1234567", Pipeline: "0" },
    });
  });

  test("UDP push (no automatic failover): input loss by ChannelId and Pipeline", () => {
    const { alarms } = synth({ ...MINIMAL, contributionType: "UDP_PUSH" });
    expect(alarms["ev-euw1-medialive-pipeline-0-input-loss"]).toMatchObject({ metric_name: "InputLossSeconds", statistic: "Sum" });
    expect(alarms["ev-euw1-medialive-pipeline-0-input-loss"].dimensions).toEqual({ ChannelId: "1234567", Pipeline: "0" });
  });

  test("RTMP push with equal input preference: frame rate of the active input, but no input-loss (RTMP does not report it) or running-on-backup alarm (no preferred input)", () => {
    const { alarms } = synth({ ...MINIMAL, contributionType: "RTMP_PUSH", automaticInputFailover: { preference: "EQUAL_INPUT_PREFERENCE" } });
    expect(names(alarms).filter((n) => /-(input-loss|running-on-backup-input)$/.test(n))).toEqual([]);
    expect(alarms["ev-euw1-medialive-pipeline-0-input-frame-rate-low"].metric_query[0].expression).toContain('FROM SCHEMA("AWS/MediaLive", ActiveInputFailoverLabel, ChannelId, Pipeline)');
  });

  test("HLS ingest: no quality alarm (MediaLive scores only CMAF Ingest outputs)", () => {
    const { json } = synth({ ...FULL, ingest: "HLS" });
    expect(json).not.toHaveResourceWithProperties(CloudwatchMetricAlarm, { metric_name: "MinMQCS" });
  });

  test("a single-pipeline channel on files: nothing on pipeline 1, no silence alarm (nothing to compare its silence with), no input loss", () => {
    const { alarms } = synth({ ...MINIMAL, contributionType: "MP4_FILE", pipelines: 1 });
    expect(names(alarms, "-medialive-")).toEqual(PIPELINE_ALARMS.filter((w) => w !== "silent").map((w) => `ev-euw1-medialive-pipeline-0-${w}`));
    expect(alarms["ev-euw1-mediapackage-ingress-stopped"].metric_query[0].expression).toBe("IF((FILL(pipeline0, 0)) > 0 AND FILL(ingress, 0) == 0, 1, 0)");
  });

  test("RTP-FEC flows into a single pipeline: no connection alarms (RTP has no connection state), the pipeline's silence compared with its flows only", () => {
    const { alarms } = synth({ ...MINIMAL, contributionType: "MEDIACONNECT", pipelines: 1, flows: [flow("primary", 0, "rtp-fec"), flow("backup", 0, "rtp-fec")] });
    expect(names(alarms, "-mediaconnect-")).toEqual(
      ["backup-a", "primary-a"].flatMap((k) => ["bitrate-zero", "continuity-errors", "packet-loss"].map((w) => `ev-euw1-mediaconnect-flow-${k}-${w}`)),
    );
    expect(alarms["ev-euw1-medialive-pipeline-0-silent"].metric_query[0].expression).toBe("IF((FILL(feed_primary, 0) + FILL(feed_backup, 0)) > 0 AND FILL(heartbeat, 0) == 0, 1, 0)");
  });

  test("Zixi push reports its connection: connection alarms per flow", () => {
    const { alarms } = synth({ ...MINIMAL, contributionType: "MEDIACONNECT", flows: [flow("primary", 0, "zixi-push")] });
    expect(names(alarms, "-mediaconnect-")).toContain("ev-euw1-mediaconnect-flow-primary-a-source-not-connected");
    expect(alarms["ev-euw1-mediaconnect-flow-primary-a-source-not-connected"].metric_name).toBe("SourceConnected");
  });
});

describe("PipelineMonitoring refuses props it cannot turn into working alarms", () => {
  const withFamilies = (families: NonNullable<PipelineMonitoringProps["alarms"]>["families"]) => () => synth({ ...MINIMAL, alarms: { families } });

  test("rejects a threshold on a family that watches a state", () => {
    expect(withFamilies({ sourceNotConnected: { threshold: 0.5 } })).toThrow(
      "PipelineMonitoring: alarms.families.sourceNotConnected.threshold does not apply: sourceNotConnected watches a state, not a level; remove it (got 0.5)",
    );
  });

  test("rejects a percentage over 100", () => {
    expect(withFamilies({ sourcePacketLoss: { threshold: 150 } })).toThrow("PipelineMonitoring: alarms.families.sourcePacketLoss.threshold is a percentage and must be at most 100 (got 150)");
  });

  test.each(["pipelineSilent", "ingressStopped"] as const)("rejects a single evaluation period for the silence alarm %s (a late heartbeat would page), accepts two", (family) => {
    expect(withFamilies({ [family]: { evaluationPeriods: 1 } })).toThrow(
      `PipelineMonitoring: alarms.families.${family}.evaluationPeriods must be at least 2: ${family} reads a missing heartbeat as silence, and the newest datapoint of a metric can arrive after the alarm evaluates it (got 1)`,
    );
    expect(withFamilies({ [family]: { evaluationPeriods: 2 } })).not.toThrow();
  });

  test.each([
    ["egress5xxErrors", "MediaPackage publishes one datapoint a minute"],
    ["cdnTotalErrorRate", "CloudFront publishes one datapoint a minute"],
    ["inputLoss", "on a channel with automatic input failover it is read through a Metrics Insights query, which has one-minute resolution"],
    ["inputFrameRate", "on a channel with automatic input failover it is read through a Metrics Insights query, which has one-minute resolution"],
    ["mediaQualityLow", "AWS does not document that MediaLive publishes MinMQCS more than once a minute"],
  ] as const)("rejects a sub-minute period for %s, whose metric is read once a minute", (family, why) => {
    expect(withFamilies({ [family]: { periodSeconds: 30 } })).toThrow(`PipelineMonitoring: alarms.families.${family}.periodSeconds must be a multiple of 60: ${why} (got 30)`);
  });

  test("rejects a period CloudWatch does not offer for high-resolution metrics", () => {
    expect(withFamilies({ droppedFrames: { periodSeconds: 45 } })).toThrow("PipelineMonitoring: alarms.families.droppedFrames.periodSeconds must be 10, 20, 30 or a multiple of 60 (got 45)");
    expect(withFamilies({ droppedFrames: { periodSeconds: 20 }, sourceBitrateZero: { periodSeconds: 30 }, egress5xxErrors: { periodSeconds: 120 } })).not.toThrow();
  });

  test("rejects the origin-latency alarm without CloudFront's additional metrics", () => {
    expect(withFamilies({ cdnOriginLatency: { enabled: true } })).toThrow(
      "PipelineMonitoring: alarms.families.cdnOriginLatency.enabled needs alarms.cdnAdditionalMetrics set to true: CloudFront publishes OriginLatency only with additional metrics",
    );
  });

  test("rejects an alarm description over CloudWatch's 1024 characters", () => {
    expect(() => synth({ ...MINIMAL, channel: { ...CHANNEL, name: "c".repeat(1000) } })).toThrow(/^alarm medialive-pipeline-0-active-alerts: description is \d+ characters, over CloudWatch's 1024$/);
  });

  test("rejects a flow feeding a pipeline the channel does not have", () => {
    expect(() => synth({ ...MINIMAL, pipelines: 1, flows: srtFlows([0, 1]) })).toThrow(
      ["primary-b", "backup-b"].map((key) => `PipelineMonitoring: flow ${key} must feed a pipeline below 1, the channel's number of pipelines (got 1)`).join("\n"),
    );
  });

  test("reports every problem at once, one line each", () => {
    expect(withFamilies({ sourceNotConnected: { threshold: 1 }, droppedFrames: { periodSeconds: 45 } })).toThrow(
      [
        "PipelineMonitoring: alarms.families.sourceNotConnected.threshold does not apply: sourceNotConnected watches a state, not a level; remove it (got 1)",
        "PipelineMonitoring: alarms.families.droppedFrames.periodSeconds must be 10, 20, 30 or a multiple of 60 (got 45)",
      ].join("\n"),
    );
  });
});

/** The project root (support/project would load the whole app for it). */
const ROOT = path.resolve(__dirname, "..", "..", "..");

// The example of docs/monitoring-constructs.md: this test runs it, and checks that the page shows
// it verbatim (the lines between the markers).

test("the documented example synthesizes the alarms it describes", () => {
  // example start
  const json = Testing.synthScope((scope) => {
    new PipelineMonitoring(scope, "Monitoring", {
      naming: new Naming("concert", "eu-west-1"),
      region: "eu-west-1",
      account: { accountId: "123456789012", partition: "aws" },
      // In a stack: your MedialiveChannel, its push group's name and your Packager (references).
      channel: { channelId: "1234567", name: "concert-euw1-channel" },
      contributionType: "RTP_PUSH",
      outputGroupName: "mediapackage",
      profileFrameRate: 50,
      packager: {
        channelGroup: { name: "concert" },
        channel: { channelName: "live" },
        endpoints: [{ name: "cmaf", container: "CMAF", endpoint: { originEndpointName: "cmaf" } }],
      },
      alarms: {
        notifications: [{ protocol: "email", endpoint: "ops@example.com" }],
        families: { droppedFrames: { threshold: 10 } },
      },
    });
  });
  expect(json).toHaveResourceWithProperties(CloudwatchMetricAlarm, {
    alarm_name: "concert-euw1-medialive-pipeline-1-input-frame-rate-low",
    threshold: 25, // half the profile's frame rate
  });
  expect(json).toHaveResourceWithProperties(CloudwatchMetricAlarm, {
    alarm_name: "concert-euw1-medialive-pipeline-0-dropped-frames",
    threshold: 10,
  });
  // example end

  const source = fs.readFileSync(__filename, "utf8");
  const example = source.slice(source.indexOf("// example start\n") + "// example start\n".length, source.indexOf("  // example end"));
  const page = fs.readFileSync(path.join(ROOT, "docs", "monitoring-constructs.md"), "utf8");
  const unindented = example
    .split("\n")
    .map((line) => line.replace(/^ {2}/, ""))
    .join("\n");
  expect(page).toContain("```ts\n" + unindented + "```");
});
