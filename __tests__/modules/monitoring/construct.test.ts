import { Testing } from "cdktf";
import "cdktf/lib/testing/adapters/jest"; // the matchers' types (support/setup.ts registers them)
import { CloudwatchMetricAlarm } from "@cdktf/provider-aws/lib/cloudwatch-metric-alarm";
import { MedialiveChannel } from "@cdktf/provider-aws/lib/medialive-channel";
import { MedialiveInput } from "@cdktf/provider-aws/lib/medialive-input";
import type { AlarmsConfig } from "../../../config/alarms";
import type { ContributionType } from "../../../config/types";
import { Encoder } from "../../../modules/encoder";
import { PACKAGER_OUTPUT_GROUP } from "../../../modules/encoder/encoder-settings";
import { MonitoredFailover, PipelineMonitoring } from "../../../modules/monitoring";
import { Naming } from "../../../modules/naming";
import { Packager } from "../../../modules/packager";
import { check, defaultConfig } from "../../support/project";

// PipelineMonitoring on its own (no MediaConnect flows): which MediaLive alarms exist for an input
// type and failover setup, and which dimension sets they read.

interface Setup {
  readonly contributionType: ContributionType;
  readonly failover?: MonitoredFailover;
  readonly pipelines?: 1 | 2;
}

/** Synthesizes PipelineMonitoring for a channel with one output group pushing to MediaPackage. */
function synth(setup: Setup): { json: string; alarms: Record<string, any>; channelId: string; outputGroup: string } {
  const { config } = check(defaultConfig());
  let channelRef = "";
  let outputGroupRef = "";
  const json = Testing.synthScope((scope) => {
    const channel = new MedialiveChannel(scope, "Channel", {
      name: "ev-euw1-channel",
      channelClass: setup.pipelines === 1 ? "SINGLE_PIPELINE" : "STANDARD",
      destinations: [{ id: "mediapackage", settings: [{ url: "https://example.com/in/v1" }] }],
      encoderSettings: {
        timecodeConfig: { source: "EMBEDDED" },
        videoDescriptions: [],
        audioDescriptions: [],
        outputGroups: [{ name: PACKAGER_OUTPUT_GROUP, outputGroupSettings: { hlsGroupSettings: { destination: { destinationRefId: "mediapackage" } } }, outputs: [] }],
      },
      inputAttachments: [],
      inputSpecification: { codec: "AVC", inputResolution: "HD", maximumBitrate: "MAX_10_MBPS" },
    });
    const packager = new Packager(scope, "Packager", {
      channelGroupName: "ev",
      description: "test",
      packaging: config.packaging,
      mediaLiveRoleArn: "arn:aws:iam::123456789012:role/ev-euw1-medialive",
      awsccTags: [],
    });
    const outputGroupName = channel.encoderSettings.outputGroups.get(0).name;
    channelRef = channel.channelId;
    outputGroupRef = outputGroupName;
    new PipelineMonitoring(scope, "Monitoring", {
      naming: new Naming("ev", "eu-west-1"),
      region: "eu-west-1",
      alarms: { notifications: [], cdnAdditionalMetrics: false, families: {} },
      account: { accountId: "123456789012", partition: "aws" },
      flows: [],
      channel,
      pipelines: setup.pipelines ?? 2,
      contributionType: setup.contributionType,
      outputGroupName,
      automaticInputFailover: setup.failover,
      profileFrameRate: 30,
      packager,
    });
  });
  const parsed = JSON.parse(json);
  const alarms = Object.fromEntries(Object.values(parsed.resource.aws_cloudwatch_metric_alarm as Record<string, any>).map((a) => [a.alarm_name, a]));
  // Tokens in the synthesized JSON, by the same construct path.
  const channelName = Object.keys(parsed.resource.aws_medialive_channel)[0];
  return {
    json,
    alarms,
    channelId: channelRef && `\${aws_medialive_channel.${channelName}.channel_id}`,
    outputGroup: outputGroupRef && `\${aws_medialive_channel.${channelName}.encoder_settings[0].output_groups[0].name}`,
  };
}

const names = (alarms: Record<string, any>) => Object.keys(alarms).filter((n) => n.includes("-medialive-pipeline-0-")).sort();

describe("PipelineMonitoring, MediaLive alarms per setup", () => {
  test("RTP push with primary-preferred failover: input loss and frame rate of the active input (ActiveInputFailoverLabel), running-on-backup alarm", () => {
    const { json, alarms, channelId } = synth({ contributionType: "RTP_PUSH", failover: { preference: "PRIMARY_INPUT_PREFERRED" } });
    expect(names(alarms)).toEqual(
      ["active-alerts", "dropped-frames", "input-frame-rate-low", "input-loss", "output-4xx-errors", "output-5xx-errors", "running-on-backup-input", "silent"].map((w) => `ev-euw1-medialive-pipeline-0-${w}`),
    );
    expect(json).toHaveResourceWithProperties(CloudwatchMetricAlarm, {
      alarm_name: "ev-euw1-medialive-pipeline-1-input-loss",
      metric_query: [
        {
          id: "query",
          expression: `SELECT SUM(InputLossSeconds) FROM SCHEMA("AWS/MediaLive", ActiveInputFailoverLabel, ChannelId, Pipeline) WHERE ChannelId = '${channelId}' AND Pipeline = '1'`,
          label: "medialive-pipeline-1-input-loss",
          period: 60,
          return_data: true,
        },
      ],
    });
    expect(json).toHaveResourceWithProperties(CloudwatchMetricAlarm, {
      alarm_name: "ev-euw1-medialive-pipeline-0-running-on-backup-input",
      namespace: "AWS/MediaLive",
      metric_name: "PrimaryInputActive",
      dimensions: { ChannelId: channelId, Pipeline: "0" },
    });
  });

  test("every setup: output errors of the MediaPackage push group, by ChannelId, OutputGroupName and Pipeline (references, not names)", () => {
    const { alarms, channelId, outputGroup } = synth({ contributionType: "URL_PULL" });
    for (const p of ["0", "1"]) {
      for (const what of ["4xx", "5xx"]) {
        expect(alarms[`ev-euw1-medialive-pipeline-${p}-output-${what}-errors`]).toMatchObject({ metric_name: `Output${what}Errors`, statistic: "Sum" });
        expect(alarms[`ev-euw1-medialive-pipeline-${p}-output-${what}-errors`].dimensions).toEqual({ ChannelId: channelId, OutputGroupName: outputGroup, Pipeline: p });
      }
    }
  });

  test("HLS pull without automatic failover: no input loss (not UDP), no running-on-backup (no failover), frame rate by ChannelId and Pipeline", () => {
    const { json, alarms, channelId } = synth({ contributionType: "URL_PULL" });
    expect(names(alarms)).toEqual(["active-alerts", "dropped-frames", "input-frame-rate-low", "output-4xx-errors", "output-5xx-errors", "silent"].map((w) => `ev-euw1-medialive-pipeline-0-${w}`));
    expect(json).toHaveResourceWithProperties(CloudwatchMetricAlarm, {
      alarm_name: "ev-euw1-medialive-pipeline-0-input-frame-rate-low",
      namespace: "AWS/MediaLive",
      metric_name: "InputVideoFrameRate",
      statistic: "Average",
      dimensions: { ChannelId: channelId, Pipeline: "0" },
    });
  });

  test("UDP push (no automatic failover): input loss by ChannelId and Pipeline", () => {
    const { alarms, channelId } = synth({ contributionType: "UDP_PUSH" });
    expect(alarms["ev-euw1-medialive-pipeline-0-input-loss"]).toMatchObject({ metric_name: "InputLossSeconds", statistic: "Sum", dimensions: { ChannelId: channelId, Pipeline: "0" } });
    expect(Object.keys(alarms["ev-euw1-medialive-pipeline-0-input-loss"].dimensions)).toHaveLength(2);
    expect(alarms["ev-euw1-medialive-pipeline-0-running-on-backup-input"]).toBeUndefined();
  });

  test("equal input preference: failover, but no running-on-backup alarm (PrimaryInputActive means nothing then)", () => {
    const { alarms } = synth({ contributionType: "MEDIACONNECT", failover: { preference: "EQUAL_INPUT_PREFERENCE" } });
    expect(Object.keys(alarms).filter((n) => n.endsWith("-running-on-backup-input"))).toEqual([]);
    expect(alarms["ev-euw1-medialive-pipeline-0-input-loss"].metric_query[0].expression).toContain("ActiveInputFailoverLabel");
  });

  test("single pipeline: nothing on pipeline 1", () => {
    const { alarms } = synth({ contributionType: "RTP_PUSH", failover: { preference: "PRIMARY_INPUT_PREFERRED" }, pipelines: 1 });
    expect(Object.keys(alarms).filter((n) => n.includes("-pipeline-1-"))).toEqual([]);
  });
});

/**
 * PipelineMonitoring wired to a real Encoder as the regional stack wires it: with CMAF ingest the
 * channel lives in a CloudFormation stack and its id and push group come back as stack outputs.
 */
function synthWithEncoder(ingest: "CMAF" | "HLS", families: AlarmsConfig["families"] = {}): { json: string; alarms: Record<string, any>; stackAddress?: string } {
  const loaded = check(defaultConfig());
  const { config } = loaded;
  const json = Testing.synthScope((scope) => {
    const inputs = {
      primary: new MedialiveInput(scope, "Primary", { name: "in-primary", type: "RTP_PUSH" }),
      backup: new MedialiveInput(scope, "Backup", { name: "in-backup", type: "RTP_PUSH" }),
    };
    const packager = new Packager(scope, "Packager", {
      channelGroupName: "ev",
      description: "test",
      packaging: config.packaging,
      mediaLiveRoleArn: "arn:aws:iam::123456789012:role/ev-euw1-medialive",
      awsccTags: [],
      inputType: ingest,
    });
    const encoder = new Encoder(scope, "Encoder", {
      naming: new Naming("ev", "eu-west-1"),
      channel: config.channel,
      profile: loaded.profile,
      ingest,
      contributionType: "RTP_PUSH",
      inputs,
      ingestEndpointUrls: packager.channel.ingestEndpointUrls,
      roleArn: "arn:aws:iam::123456789012:role/ev-euw1-medialive",
      tags: {},
      dependsOn: [],
    });
    new PipelineMonitoring(scope, "Monitoring", {
      naming: new Naming("ev", "eu-west-1"),
      region: "eu-west-1",
      alarms: { notifications: [], cdnAdditionalMetrics: false, families },
      account: { accountId: "123456789012", partition: "aws" },
      flows: [],
      channel: encoder.channel,
      pipelines: 2,
      contributionType: "RTP_PUSH",
      outputGroupName: encoder.packagerOutputGroupName,
      ingest: encoder.ingest,
      automaticInputFailover: encoder.automaticInputFailover,
      profileFrameRate: 30,
      packager,
    });
  });
  const parsed = JSON.parse(json);
  const alarms = Object.fromEntries(Object.values(parsed.resource.aws_cloudwatch_metric_alarm as Record<string, any>).map((a) => [a.alarm_name, a]));
  const stacks = Object.keys(parsed.resource.aws_cloudformation_stack ?? {});
  return { json, alarms, stackAddress: stacks[0] && `aws_cloudformation_stack.${stacks[0]}` };
}

describe("PipelineMonitoring, media quality (MQCS) of CMAF ingest", () => {
  test("CMAF ingest: one MinMQCS alarm per pipeline, by ChannelId, OutputGroupName and Pipeline read from the CloudFormation stack's outputs", () => {
    const { json, alarms, stackAddress } = synthWithEncoder("CMAF");
    expect(stackAddress).toBeDefined();
    expect(Object.keys(alarms).filter((n) => n.endsWith("-media-quality-low")).sort()).toEqual([
      "ev-euw1-medialive-pipeline-0-media-quality-low",
      "ev-euw1-medialive-pipeline-1-media-quality-low",
    ]);
    for (const p of ["0", "1"]) {
      expect(json).toHaveResourceWithProperties(CloudwatchMetricAlarm, {
        alarm_name: `ev-euw1-medialive-pipeline-${p}-media-quality-low`,
        namespace: "AWS/MediaLive",
        metric_name: "MinMQCS",
        statistic: "Minimum",
        comparison_operator: "LessThanThreshold",
        threshold: 50,
        period: 60,
        evaluation_periods: 2,
        treat_missing_data: "notBreaching",
        dimensions: {
          ChannelId: `\${${stackAddress}.outputs["ChannelId"]}`,
          OutputGroupName: `\${${stackAddress}.outputs["PackagerOutputGroupName"]}`,
          Pipeline: p,
        },
      });
    }
    // The 3 a.m. operator is told what to do when a whole region goes black.
    expect(alarms["ev-euw1-medialive-pipeline-0-media-quality-low"].alarm_description).toContain(
      "stop this region's channel (npm run event -- stop --region eu-west-1, or the MediaLive console) so its manifests go stale and the CDN fails over",
    );
  });

  test("HLS ingest: no quality alarm (MediaLive scores only CMAF Ingest outputs)", () => {
    const { json, alarms } = synthWithEncoder("HLS");
    expect(Object.keys(alarms).filter((n) => n.includes("-medialive-pipeline-0-")).length).toBeGreaterThan(0);
    expect(Object.keys(alarms).filter((n) => n.endsWith("-media-quality-low"))).toEqual([]);
    expect(json).not.toHaveResourceWithProperties(CloudwatchMetricAlarm, { metric_name: "MinMQCS" });
  });

  test("overrides apply; a disabled family leaves the CMAF channel without it", () => {
    const tuned = synthWithEncoder("CMAF", { mediaQualityLow: { threshold: 30, evaluationPeriods: 3 } }).alarms["ev-euw1-medialive-pipeline-1-media-quality-low"];
    expect(tuned).toMatchObject({ threshold: 30, evaluation_periods: 3 });
    expect(tuned.alarm_description).toContain("scores under 30 of 100 (MinMQCS, 3 periods of 60 s)");
    const { alarms } = synthWithEncoder("CMAF", { mediaQualityLow: { enabled: false } });
    expect(Object.keys(alarms).filter((n) => n.endsWith("-media-quality-low"))).toEqual([]);
    expect(alarms["ev-euw1-medialive-pipeline-1-output-5xx-errors"]).toBeDefined();
  });
});
