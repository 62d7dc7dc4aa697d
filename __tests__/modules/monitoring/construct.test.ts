import { Testing } from "cdktf";
import "cdktf/lib/testing/adapters/jest"; // the matchers' types (support/setup.ts registers them)
import { CloudwatchMetricAlarm } from "@cdktf/provider-aws/lib/cloudwatch-metric-alarm";
import { MedialiveChannel } from "@cdktf/provider-aws/lib/medialive-channel";
import type { ContributionType } from "../../../config/types";
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
