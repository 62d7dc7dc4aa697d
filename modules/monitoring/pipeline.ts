import { Construct } from "constructs";
import { CloudwatchMetricAlarm } from "@cdktf/provider-aws/lib/cloudwatch-metric-alarm";
import { MedialiveChannel } from "@cdktf/provider-aws/lib/medialive-channel";
import type { AlarmsConfig } from "../../config/alarms";
import type { ChannelConfig, ContributionType, IngestType } from "../../config/types";
import { ContributionFlow, PIPELINE_LETTERS } from "../contribution";
import type { AccountContext } from "../identity";
import { Naming } from "../naming";
import { Packager } from "../packager";
import { AlarmSpec, InsightsSpec, MetricSpec, createAlarm } from "./alarm";
import { ALARM_FAMILIES, AlarmFamily, settingsFor } from "./families";
import { AlarmTopic } from "./topic";

/** MediaConnect reports a source's connection state (SourceConnected, SourceDisconnections) only for these. */
export const CONNECTION_PROTOCOLS: readonly string[] = ["srt-listener", "zixi-push"];

/**
 * Input types whose loss MediaLive counts in InputLossSeconds: "seconds without packets from the
 * source of an RTP or MediaConnect input" (metrics.json, InputLossSeconds). Other inputs never report it.
 */
export const UDP_INPUT_TYPES: readonly ContributionType[] = ["MEDIACONNECT", "RTP_PUSH", "UDP_PUSH"];

/** The channel's automatic input failover, as monitoring needs it. */
export interface MonitoredFailover {
  readonly preference: ChannelConfig["inputFailover"]["preference"];
}

/**
 * How an input metric of one pipeline is read. With automatic input failover AWS recommends the
 * dimension set with ActiveInputFailoverLabel, so that only the active input counts; its values
 * are not documented, so a Metrics Insights query selects that exact set (metrics.json). Without
 * failover the labelled set reports nothing, and ChannelId, Pipeline is the metric.
 */
export function inputMetric(
  channelId: string,
  pipeline: number,
  metricName: string,
  statistic: "Average" | "Sum",
  failover: MonitoredFailover | undefined,
): { readonly metric: MetricSpec } | { readonly insights: InsightsSpec } {
  const where = { ChannelId: channelId, Pipeline: String(pipeline) };
  if (!failover) return { metric: { namespace: NAMESPACES.medialive, metricName, dimensions: where, statistic } };
  const aggregate = statistic === "Average" ? "AVG" : "SUM";
  return { insights: { namespace: NAMESPACES.medialive, metricName, schema: ["ActiveInputFailoverLabel", "ChannelId", "Pipeline"], where, aggregate } };
}

/** The metrics each layer's alarms and dashboard widgets read. */
export const NAMESPACES = {
  mediaconnect: "AWS/MediaConnect",
  medialive: "AWS/MediaLive",
  mediapackage: "AWS/MediaPackage",
  cloudfront: "AWS/CloudFront",
} as const;

export interface PipelineMonitoringProps {
  /** Physical names in this region (`<event>-<region code>-...`). */
  readonly naming: Naming;
  readonly region: string;
  /** The validated `alarms` block. */
  readonly alarms: AlarmsConfig;
  /** The stack's account and partition (for the alarm topic's policies). */
  readonly account: AccountContext;
  /** This region's MediaConnect flows (none for other input types). */
  readonly flows: readonly ContributionFlow[];
  readonly channel: Pick<MedialiveChannel, "channelId" | "name">;
  /** 2 for a STANDARD channel, 1 for SINGLE_PIPELINE. */
  readonly pipelines: 1 | 2;
  /** The input type: which input metrics can report at all (UDP_INPUT_TYPES). */
  readonly contributionType: ContributionType;
  /** The name of the channel's output group that pushes to MediaPackage (a reference to the channel). */
  readonly outputGroupName: string;
  /**
   * How the channel pushes to MediaPackage. With CMAF ingest MediaLive scores its output (MQCS) and
   * the media-quality alarm exists; HLS outputs carry no score.
   * @default "HLS"
   */
  readonly ingest?: IngestType;
  /**
   * The channel's automatic input failover.
   * @default - none: no failover metrics (PrimaryInputActive), input metrics by ChannelId and Pipeline
   */
  readonly automaticInputFailover?: MonitoredFailover;
  /** The region the flows' feed is forwarded from, when it does not come from the encoders directly. */
  readonly forwardedFrom?: string;
  /** The encoding profile's frame rate; the input frame-rate alarm defaults to half of it. */
  readonly profileFrameRate: number;
  readonly packager: Packager;
}

/**
 * The alarms of one region's pipeline and the encrypted topic they notify: per MediaConnect flow,
 * per MediaLive pipeline, per MediaPackage channel and endpoint. Every dimension is a reference to
 * the resource it watches, so an alarm can never point at a name that does not exist.
 */
export class PipelineMonitoring extends Construct {
  public readonly topic: AlarmTopic;
  /** Every alarm, by construct id. */
  public readonly alarms: Readonly<Record<string, CloudwatchMetricAlarm>>;

  constructor(scope: Construct, id: string, props: PipelineMonitoringProps) {
    super(scope, id);
    const { naming, region, alarms, channel, packager } = props;
    this.topic = new AlarmTopic(this, "Topic", { naming, region, account: props.account, notifications: alarms.notifications });
    const s = (family: AlarmFamily) => settingsFor(alarms, family, props.profileFrameRate);
    const specs: AlarmSpec[] = [];
    // Every description starts with the event, the region and the layer, then says what broke.
    const add = (family: AlarmFamily, spec: Omit<AlarmSpec, "settings">) => {
      const settings = s(family);
      const layer = ALARM_FAMILIES[family].layer;
      const text = spec.description.charAt(0).toUpperCase() + spec.description.slice(1);
      if (settings.enabled) specs.push({ ...spec, description: `[${naming.event} | ${region} | ${layer}] ${text}`, settings });
    };

    // MediaConnect: one set per flow, dimensioned by the flow's ARN.
    const sourceMetric = (f: ContributionFlow, metricName: string, statistic: MetricSpec["statistic"]): MetricSpec => ({
      namespace: NAMESPACES.mediaconnect,
      metricName,
      dimensions: { FlowARN: f.flow.flowArn },
      statistic,
    });
    for (const f of props.flows) {
      const where = `flow ${f.flow.name} (${f.role} input, pipeline ${f.pipeline} "${PIPELINE_LETTERS[f.pipeline]}", ${f.availabilityZone})`;
      // Who sends to this flow: the encoder, or the primary region's flow when the feed is forwarded.
      const who = props.forwardedFrom ? `the ${f.role} flow in ${props.forwardedFrom}` : `the ${f.role} encoder`;
      // The protocol as configured on the flow (a plain value, unlike the `protocol` attribute reference).
      const protocol = f.flow.source.protocolInput ?? "";
      if (CONNECTION_PROTOCOLS.includes(protocol)) {
        add("sourceNotConnected", {
          id: `SourceNotConnected-${f.key}`,
          component: `mediaconnect-flow-${f.key}-source-not-connected`,
          description: `No ${protocol} connection from ${who} to ${where} for a whole ${s("sourceNotConnected").periodSeconds} s. Check ${who} and its network path to the flow's ingest address (terraform output ingest-${f.key}). The channel keeps playing from the other input while that one is healthy.`,
          comparison: "LessThanThreshold",
          metric: sourceMetric(f, "SourceConnected", "Maximum"),
        });
        add("sourceDisconnections", {
          id: `SourceDisconnections-${f.key}`,
          component: `mediaconnect-flow-${f.key}-source-disconnections`,
          description: `The connection from ${who} to ${where} dropped ${s("sourceDisconnections").threshold} or more times within ${s("sourceDisconnections").periodSeconds} s: the link is flapping. Check ${who}'s uplink (loss, firewall, ${protocol} latency setting).`,
          comparison: "GreaterThanOrEqualToThreshold",
          metric: sourceMetric(f, "SourceDisconnections", "Sum"),
        });
      }
      add("sourcePacketLoss", {
        id: `SourcePacketLoss-${f.key}`,
        component: `mediaconnect-flow-${f.key}-packet-loss`,
        description: `More than ${s("sourcePacketLoss").threshold}% of the packets from ${who} to ${where} are lost in transit (average over ${s("sourcePacketLoss").periodSeconds} s, ${s("sourcePacketLoss").evaluationPeriods} periods in a row), counted before error correction. Picture damage follows if it grows. Check ${who}'s uplink.`,
        comparison: "GreaterThanThreshold",
        metric: sourceMetric(f, "SourcePacketLossPercent", "Average"),
      });
      add("sourceContinuityErrors", {
        id: `SourceContinuityErrors-${f.key}`,
        component: `mediaconnect-flow-${f.key}-continuity-errors`,
        description: `The feed from ${who} into ${where} has ${s("sourceContinuityErrors").threshold} or more transport-stream continuity errors per ${s("sourceContinuityErrors").periodSeconds} s: packets are missing after recovery and viewers see artefacts. Check ${who} and its uplink.`,
        comparison: "GreaterThanOrEqualToThreshold",
        metric: sourceMetric(f, "SourceContinuityCounter", "Sum"),
      });
      add("sourceBitrateZero", {
        id: `SourceBitrateZero-${f.key}`,
        component: `mediaconnect-flow-${f.key}-bitrate-zero`,
        description: `${where} is running but receives no media: source bitrate at or below ${s("sourceBitrateZero").threshold} b/s for ${s("sourceBitrateZero").periodSeconds * s("sourceBitrateZero").evaluationPeriods} s. Nothing arrives from ${who}: check that it is sending, to the right address (terraform output ingest-${f.key}).`,
        comparison: "LessThanOrEqualToThreshold",
        metric: sourceMetric(f, "SourceBitRate", "Maximum"),
      });
    }

    // MediaLive: one set per pipeline, dimensioned by the channel id and the pipeline number.
    const liveMetric = (pipeline: number, metricName: string, statistic: MetricSpec["statistic"]): MetricSpec => ({
      namespace: NAMESPACES.medialive,
      metricName,
      dimensions: { ChannelId: channel.channelId, Pipeline: String(pipeline) },
      statistic,
    });
    // The push to MediaPackage: MediaLive publishes its HTTP errors per output group.
    const outputMetric = (pipeline: number, metricName: string): MetricSpec => ({
      namespace: NAMESPACES.medialive,
      metricName,
      dimensions: { ChannelId: channel.channelId, OutputGroupName: props.outputGroupName, Pipeline: String(pipeline) },
      statistic: "Sum",
    });
    const failover = props.automaticInputFailover;
    const pipelines = Array.from({ length: props.pipelines }, (_, p) => p);
    for (const p of pipelines) {
      const where = `pipeline ${p} of MediaLive channel ${channel.name} (id ${channel.channelId})`;
      // Only UDP-based inputs report input loss (RTMP, pulls, files and devices never do).
      if (UDP_INPUT_TYPES.includes(props.contributionType)) {
        add("inputLoss", {
          id: `InputLoss-pipeline-${p}`,
          component: `medialive-pipeline-${p}-input-loss`,
          description: `${where} had no input for ${s("inputLoss").threshold} s or more within ${s("inputLoss").periodSeconds} s${failover ? " on its active input" : ""}. Viewers of this pipeline see the input-loss picture. Check the source of the active input${failover ? "; automatic failover to the other input should follow" : ""}.`,
          comparison: "GreaterThanOrEqualToThreshold",
          ...inputMetric(channel.channelId, p, "InputLossSeconds", "Sum", failover),
        });
      }
      add("activeAlerts", {
        id: `ActiveAlerts-pipeline-${p}`,
        component: `medialive-pipeline-${p}-active-alerts`,
        description: `${where} has had at least ${s("activeAlerts").threshold} active alert for ${s("activeAlerts").periodSeconds * s("activeAlerts").evaluationPeriods} s. The channel's Alerts tab in the MediaLive console says which.`,
        comparison: "GreaterThanOrEqualToThreshold",
        metric: liveMetric(p, "ActiveAlerts", "Maximum"),
      });
      add("inputFrameRate", {
        id: `InputFrameRate-pipeline-${p}`,
        component: `medialive-pipeline-${p}-input-frame-rate-low`,
        description: `The ${failover ? "active " : ""}input of ${where} arrives at under ${s("inputFrameRate").threshold} frames per second (average over ${s("inputFrameRate").periodSeconds} s). The source encoder or the contribution link is struggling: check the encoder's frame rate and load, and packet loss on the flows.`,
        comparison: "LessThanThreshold",
        ...inputMetric(channel.channelId, p, "InputVideoFrameRate", "Average", failover),
      });
      // PrimaryInputActive exists only with automatic failover, and means something only when the
      // channel prefers its primary input (metrics.json).
      if (failover?.preference === "PRIMARY_INPUT_PREFERRED") add("primaryInputInactive", {
        id: `PrimaryInputInactive-pipeline-${p}`,
        component: `medialive-pipeline-${p}-running-on-backup-input`,
        description: `${where} has run on its backup input for a whole ${s("primaryInputInactive").periodSeconds} s: the primary input failed over. Viewers are fine while the backup is healthy, but there is no redundancy left: fix the primary feed. The channel prefers the primary and returns to it by itself.`,
        comparison: "LessThanThreshold",
        metric: liveMetric(p, "PrimaryInputActive", "Maximum"),
      });
      add("output4xxErrors", {
        id: `Output4xxErrors-pipeline-${p}`,
        component: `medialive-pipeline-${p}-output-4xx-errors`,
        description: `MediaPackage refuses what ${where} pushes: ${s("output4xxErrors").threshold} or more 4xx errors per ${s("output4xxErrors").periodSeconds} s. Segments from this pipeline are lost. Check the MediaPackage channel policy (it must admit the MediaLive role) and the ingest endpoints.`,
        comparison: "GreaterThanOrEqualToThreshold",
        metric: outputMetric(p, "Output4xxErrors"),
      });
      add("output5xxErrors", {
        id: `Output5xxErrors-pipeline-${p}`,
        component: `medialive-pipeline-${p}-output-5xx-errors`,
        description: `MediaPackage fails to accept what ${where} pushes: ${s("output5xxErrors").threshold} or more 5xx errors per ${s("output5xxErrors").periodSeconds} s. Segments from this pipeline are lost. Check MediaPackage in ${region} (AWS Health dashboard).`,
        comparison: "GreaterThanOrEqualToThreshold",
        metric: outputMetric(p, "Output5xxErrors"),
      });
      add("droppedFrames", {
        id: `DroppedFrames-pipeline-${p}`,
        component: `medialive-pipeline-${p}-dropped-frames`,
        description: `${where} dropped ${s("droppedFrames").threshold} or more frames per ${s("droppedFrames").periodSeconds} s: the encoder cannot keep up in real time and viewers see stutter. Check that the input stays within the channel's input specification.`,
        comparison: "GreaterThanOrEqualToThreshold",
        metric: liveMetric(p, "DroppedFrames", "Sum"),
      });

      // CMAF ingest: the output keeps flowing when its content fails (the CMAF Ingest group has no
      // input loss action), so only the quality score says that viewers see black or fill frames.
      // MinMQCS has no datapoints without a CMAF Ingest group (metrics.json).
      if (props.ingest === "CMAF") {
        const q = s("mediaQualityLow");
        add("mediaQualityLow", {
          id: `MediaQualityLow-pipeline-${p}`,
          component: `medialive-pipeline-${p}-media-quality-low`,
          description: `The CMAF output of ${where} scores under ${q.threshold} of 100 (MinMQCS, ${q.evaluationPeriods} periods of ${q.periodSeconds} s): black, frozen or input-loss frames, and no HTTP error fires. Only this pipeline low: MediaPackage already serves the other one; fix this pipeline's input. Both pipelines of ${region} low while other regions are fine: stop this region's channel (npm run event -- stop --region ${region}, or the MediaLive console) so its manifests go stale and the CDN fails over; start it again when the feeds are back. Every region low, or a single region: the source itself is bad; check the encoders.`,
          comparison: "LessThanThreshold",
          metric: {
            namespace: NAMESPACES.medialive,
            metricName: "MinMQCS",
            dimensions: { ChannelId: channel.channelId, OutputGroupName: props.outputGroupName, Pipeline: String(p) },
            statistic: "Minimum",
          },
        });
      }

      // A running pipeline that stops reporting. Its own silence cannot page (a stopped channel is
      // silent too), so it is compared with what proves the event is live: the flows feeding this
      // pipeline receive media, or the other pipeline reports. Without either (a single-pipeline
      // channel on a non-MediaConnect input) there is nothing to compare with and no alarm.
      const feeds = props.flows.filter((f) => f.pipeline === p);
      const references: Record<string, MetricSpec> = {};
      feeds.forEach((f) => (references[`feed_${f.role}`] = sourceMetric(f, "SourceBitRate", "Maximum")));
      for (const other of pipelines.filter((o) => o !== p)) references[`pipeline${other}`] = liveMetric(other, "ActiveAlerts", "SampleCount");
      if (Object.keys(references).length > 0) {
        const evidence = [feeds.length > 0 ? `its flows receive media` : "", pipelines.length > 1 ? `pipeline ${1 - p} reports` : ""].filter(Boolean).join(" or ");
        add("pipelineSilent", {
          id: `PipelineSilent-pipeline-${p}`,
          component: `medialive-pipeline-${p}-silent`,
          description: `${where} reports nothing while ${evidence}: the channel is stopped or this pipeline failed. If the event is live, check the channel state in the MediaLive console and start it. (Expected while encoders are line-checked with the channel deliberately stopped.)`,
          comparison: "GreaterThanOrEqualToThreshold",
          math: {
            // FILL turns an absent series into zeros so that absence can be compared at all.
            expression: `IF((${Object.keys(references).map((r) => `FILL(${r}, 0)`).join(" + ")}) > 0 AND FILL(heartbeat, 0) == 0, 1, 0)`,
            label: `pipeline ${p} silent while the event is live`,
            metrics: { heartbeat: liveMetric(p, "ActiveAlerts", "SampleCount"), ...references },
          },
        });
      }
    }

    // MediaPackage v2: ingest per channel, egress per endpoint.
    const group = packager.channelGroup.name;
    const mpChannel = packager.channel.channelName;
    const live: Record<string, MetricSpec> = {};
    for (const p of pipelines) live[`pipeline${p}`] = liveMetric(p, "ActiveAlerts", "SampleCount");
    add("ingressStopped", {
      id: "IngressStopped",
      component: "mediapackage-ingress-stopped",
      description: `MediaPackage channel ${group}/${mpChannel} receives nothing although MediaLive channel ${channel.name} is running: manifests go stale and players stall. Check the MediaLive output-error and input-loss alarms (on input loss MediaLive pauses its output).`,
      comparison: "GreaterThanOrEqualToThreshold",
      math: {
        expression: `IF((${Object.keys(live).map((r) => `FILL(${r}, 0)`).join(" + ")}) > 0 AND FILL(ingress, 0) == 0, 1, 0)`,
        label: "MediaLive running, MediaPackage ingest silent",
        metrics: {
          ingress: { namespace: NAMESPACES.mediapackage, metricName: "IngressRequestCount", dimensions: { ChannelGroup: group, Channel: mpChannel }, statistic: "Sum" },
          ...live,
        },
      },
    });
    for (const ep of packager.endpoints) {
      const dims = { ChannelGroup: group, Channel: mpChannel, OriginEndpoint: ep.endpoint.originEndpointName };
      add("egress5xxErrors", {
        id: `Egress5xxErrors-${ep.name}`,
        component: `mediapackage-endpoint-${ep.name}-egress-5xx-errors`,
        description: `Origin endpoint ${ep.name} (${ep.container}) answered ${s("egress5xxErrors").threshold} or more requests with 5xx within ${s("egress5xxErrors").periodSeconds} s: the CDN gets errors from ${region} (it fails over when another region is configured). Check MediaPackage in ${region}.`,
        comparison: "GreaterThanOrEqualToThreshold",
        metric: { namespace: NAMESPACES.mediapackage, metricName: "EgressRequestCount", dimensions: { ...dims, StatusCodeRange: "5xx" }, statistic: "Sum" },
      });
      add("egressResponseTime", {
        id: `EgressResponseTime-${ep.name}`,
        component: `mediapackage-endpoint-${ep.name}-egress-slow`,
        description: `Origin endpoint ${ep.name} (${ep.container}) takes over ${s("egressResponseTime").threshold} ms on average to answer (${s("egressResponseTime").evaluationPeriods} periods of ${s("egressResponseTime").periodSeconds} s). Players may rebuffer on cache misses.`,
        comparison: "GreaterThanThreshold",
        metric: { namespace: NAMESPACES.mediapackage, metricName: "EgressResponseTime", dimensions: dims, statistic: "Average" },
      });
    }

    this.alarms = Object.fromEntries(specs.map((spec) => [spec.id, createAlarm(this, naming, this.topic.topic.arn, spec)]));
  }
}
