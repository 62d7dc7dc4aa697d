import { Construct } from "constructs";
import { CloudwatchMetricAlarm } from "@cdktf/provider-aws/lib/cloudwatch-metric-alarm";
import { PIPELINE_LETTERS } from "../contribution";
import type { AccountContext } from "../identity";
import { Naming } from "../naming";
import { AlarmSpec, InsightsSpec, MetricSpec, createAlarm } from "./alarm";
import { ALARM_FAMILIES, AlarmFamily, AlarmSettings, AlarmsProps, alarmsPropsProblems, refuse, resolveAlarms, settingsFor } from "./families";
import { AlarmTopic } from "./topic";

/** The MediaLive input type of the channel's inputs (the values this project configures). */
export type MonitoredInputType = "MEDIACONNECT" | "RTP_PUSH" | "UDP_PUSH" | "RTMP_PUSH" | "RTMP_PULL" | "URL_PULL" | "MP4_FILE" | "TS_FILE" | "INPUT_DEVICE";

/** How the channel pushes to MediaPackage v2: HLS outputs, or a CMAF Ingest output group. */
export type MonitoredIngest = "HLS" | "CMAF";

/** One MediaConnect flow feeding the channel, as monitoring reads it (a ContributionFlow fits). */
export interface MonitoredFlow {
  /** `primary-a`, `backup-b`, ...: stable, used in construct ids and alarm names. */
  readonly key: string;
  /** Which of the channel's inputs the flow feeds. */
  readonly role: "primary" | "backup";
  /** The MediaLive pipeline the flow feeds (0 or 1). */
  readonly pipeline: number;
  readonly availabilityZone: string;
  /** The flow: its ARN (the FlowARN dimension), name, and source protocol as configured. */
  readonly flow: {
    readonly flowArn: string;
    readonly name: string;
    readonly source: { readonly protocolInput?: string };
  };
}

/** The MediaLive channel, as monitoring reads it (a MedialiveChannel fits). */
export interface MonitoredChannel {
  /** The ChannelId dimension (a reference to the channel). */
  readonly channelId: string;
  readonly name: string;
}

/** The MediaPackage v2 channel and its endpoints, as monitoring reads them (a Packager fits). */
export interface MonitoredPackager {
  readonly channelGroup: { readonly name: string };
  readonly channel: { readonly channelName: string };
  readonly endpoints: readonly {
    /** The endpoint's key (construct ids and alarm names). */
    readonly name: string;
    /** Its container, for the alarm descriptions. */
    readonly container: string;
    readonly endpoint: { readonly originEndpointName: string };
  }[];
}

/** MediaConnect reports a source's connection state (SourceConnected, SourceDisconnections) only for these. */
export const CONNECTION_PROTOCOLS: readonly string[] = ["srt-listener", "zixi-push"];

/**
 * Input types whose loss MediaLive counts in InputLossSeconds: "seconds without packets from the
 * source of an RTP or MediaConnect input" (metrics.json, InputLossSeconds). Other inputs never report it.
 */
export const UDP_INPUT_TYPES: readonly MonitoredInputType[] = ["MEDIACONNECT", "RTP_PUSH", "UDP_PUSH"];

/** The channel's automatic input failover, as monitoring needs it. */
export interface MonitoredFailover {
  /** Whether the channel returns to its primary input (PRIMARY_INPUT_PREFERRED) or stays on the active one. */
  readonly preference: "EQUAL_INPUT_PREFERENCE" | "PRIMARY_INPUT_PREFERRED";
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
  /** The region the alarms and their topic live in (the region of the resources they watch). */
  readonly region: string;
  /**
   * Who is notified, and the overrides of the alarm families' defaults.
   * @default - no subscribers, every family enabled with its default settings
   */
  readonly alarms?: AlarmsProps;
  /** The stack's account and partition (for the alarm topic's policies). */
  readonly account: AccountContext;
  /**
   * This region's MediaConnect flows.
   * @default [] - no MediaConnect alarms (inputs other than MediaConnect)
   */
  readonly flows?: readonly MonitoredFlow[];
  /** The MediaLive channel the pipeline alarms watch. */
  readonly channel: MonitoredChannel;
  /**
   * The channel's pipelines: 2 for a STANDARD channel, 1 for SINGLE_PIPELINE.
   * @default 2
   */
  readonly pipelines?: 1 | 2;
  /** The input type: which input metrics can report at all (UDP_INPUT_TYPES). */
  readonly contributionType: MonitoredInputType;
  /** The name of the channel's output group that pushes to MediaPackage (a reference to the channel). */
  readonly outputGroupName: string;
  /**
   * How the channel pushes to MediaPackage. With CMAF ingest MediaLive scores its output (MQCS) and
   * the media-quality alarm exists; HLS outputs carry no score.
   * @default "HLS"
   */
  readonly ingest?: MonitoredIngest;
  /**
   * The channel's automatic input failover.
   * @default - none: no failover metrics (PrimaryInputActive), input metrics by ChannelId and Pipeline
   */
  readonly automaticInputFailover?: MonitoredFailover;
  /**
   * The region the flows' feed is forwarded from, when it does not come from the encoders directly.
   * @default - none: the encoders send to the flows
   */
  readonly forwardedFrom?: string;
  /** The encoding profile's frame rate; the input frame-rate alarm defaults to half of it. */
  readonly profileFrameRate: number;
  /** The MediaPackage v2 channel the channel pushes to, and its origin endpoints. */
  readonly packager: MonitoredPackager;
}

/** PipelineMonitoringProps with the defaults applied. */
interface Resolved extends Required<Omit<PipelineMonitoringProps, "automaticInputFailover" | "forwardedFrom" | "alarms">> {
  readonly automaticInputFailover?: MonitoredFailover;
  readonly forwardedFrom?: string;
  /** The pipeline numbers, 0 first. */
  readonly pipelineNumbers: readonly number[];
}

/** Collects the alarm specs of one region in order, with the settings and description prefix of their family. */
class RegionalAlarms {
  public readonly specs: AlarmSpec[] = [];

  constructor(
    private readonly props: Resolved,
    private readonly families: AlarmsProps["families"],
  ) {}

  /** The settings of a family, after the overrides. */
  s(family: AlarmFamily): AlarmSettings {
    return settingsFor({ families: this.families }, family, this.props.profileFrameRate);
  }

  /** Adds an alarm of an enabled family. Every description starts with the event, the region and the layer, then says what broke. */
  add(family: AlarmFamily, spec: Omit<AlarmSpec, "settings">): void {
    const settings = this.s(family);
    const layer = ALARM_FAMILIES[family].layer;
    const text = spec.description.charAt(0).toUpperCase() + spec.description.slice(1);
    if (settings.enabled) this.specs.push({ ...spec, description: `[${this.props.naming.event} | ${this.props.region} | ${layer}] ${text}`, settings });
  }
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
    const alarms = resolveAlarms(props.alarms);
    const pipelines = props.pipelines ?? 2;
    const flows = props.flows ?? [];
    const resolved: Resolved = { ...props, flows, pipelines, ingest: props.ingest ?? "HLS", pipelineNumbers: Array.from({ length: pipelines }, (_, p) => p) };
    refuse([
      ...alarmsPropsProblems("PipelineMonitoring", alarms),
      // A flow feeding a pipeline the channel does not have would be compared with a pipeline that never reports.
      ...flows.filter((f) => f.pipeline >= pipelines).map((f) => `PipelineMonitoring: flow ${f.key} must feed a pipeline below ${pipelines}, the channel's number of pipelines (got ${f.pipeline})`),
    ]);
    this.topic = new AlarmTopic(this, "Topic", { naming: props.naming, region: props.region, account: props.account, notifications: alarms.notifications });

    const set = new RegionalAlarms(resolved, alarms.families);
    for (const f of resolved.flows) flowAlarms(set, resolved, f);
    for (const p of resolved.pipelineNumbers) pipelineAlarms(set, resolved, p);
    packagingAlarms(set, resolved);
    this.alarms = Object.fromEntries(set.specs.map((spec) => [spec.id, createAlarm(this, props.naming, this.topic.topic.arn, spec)]));
  }
}

/** A MediaConnect metric of one flow, dimensioned by the flow's ARN. */
function sourceMetric(f: MonitoredFlow, metricName: string, statistic: MetricSpec["statistic"]): MetricSpec {
  return { namespace: NAMESPACES.mediaconnect, metricName, dimensions: { FlowARN: f.flow.flowArn }, statistic };
}

/** A MediaLive metric of one pipeline, dimensioned by the channel id and the pipeline number. */
function liveMetric(props: Resolved, pipeline: number, metricName: string, statistic: MetricSpec["statistic"]): MetricSpec {
  return { namespace: NAMESPACES.medialive, metricName, dimensions: { ChannelId: props.channel.channelId, Pipeline: String(pipeline) }, statistic };
}

/** The push to MediaPackage: MediaLive publishes its HTTP errors (and MQCS) per output group. */
function outputMetric(props: Resolved, pipeline: number, metricName: string, statistic: MetricSpec["statistic"] = "Sum"): MetricSpec {
  return {
    namespace: NAMESPACES.medialive,
    metricName,
    dimensions: { ChannelId: props.channel.channelId, OutputGroupName: props.outputGroupName, Pipeline: String(pipeline) },
    statistic,
  };
}

/** MediaConnect: one set per flow, dimensioned by the flow's ARN. */
function flowAlarms(set: RegionalAlarms, props: Resolved, f: MonitoredFlow): void {
  const s = (family: AlarmFamily) => set.s(family);
  const where = `flow ${f.flow.name} (${f.role} input, pipeline ${f.pipeline} "${PIPELINE_LETTERS[f.pipeline]}", ${f.availabilityZone})`;
  // Who sends to this flow: the encoder, or the primary region's flow when the feed is forwarded.
  const who = props.forwardedFrom ? `the ${f.role} flow in ${props.forwardedFrom}` : `the ${f.role} encoder`;
  // The protocol as configured on the flow (a plain value, unlike the `protocol` attribute reference).
  const protocol = f.flow.source.protocolInput ?? "";
  if (CONNECTION_PROTOCOLS.includes(protocol)) {
    set.add("sourceNotConnected", {
      id: `SourceNotConnected-${f.key}`,
      component: `mediaconnect-flow-${f.key}-source-not-connected`,
      description: `No ${protocol} connection from ${who} to ${where} for a whole ${s("sourceNotConnected").periodSeconds} s. Check ${who} and its network path to the flow's ingest address (terraform output ingest-${f.key}). The channel keeps playing from the other input while that one is healthy.`,
      comparison: "LessThanThreshold",
      metric: sourceMetric(f, "SourceConnected", "Maximum"),
    });
    set.add("sourceDisconnections", {
      id: `SourceDisconnections-${f.key}`,
      component: `mediaconnect-flow-${f.key}-source-disconnections`,
      description: `The connection from ${who} to ${where} dropped ${s("sourceDisconnections").threshold} or more times within ${s("sourceDisconnections").periodSeconds} s: the link is flapping. Check ${who}'s uplink (loss, firewall, ${protocol} latency setting).`,
      comparison: "GreaterThanOrEqualToThreshold",
      metric: sourceMetric(f, "SourceDisconnections", "Sum"),
    });
  }
  set.add("sourcePacketLoss", {
    id: `SourcePacketLoss-${f.key}`,
    component: `mediaconnect-flow-${f.key}-packet-loss`,
    description: `More than ${s("sourcePacketLoss").threshold}% of the packets from ${who} to ${where} are lost in transit (average over ${s("sourcePacketLoss").periodSeconds} s, ${s("sourcePacketLoss").evaluationPeriods} periods in a row), counted before error correction. Picture damage follows if it grows. Check ${who}'s uplink.`,
    comparison: "GreaterThanThreshold",
    metric: sourceMetric(f, "SourcePacketLossPercent", "Average"),
  });
  set.add("sourceContinuityErrors", {
    id: `SourceContinuityErrors-${f.key}`,
    component: `mediaconnect-flow-${f.key}-continuity-errors`,
    description: `The feed from ${who} into ${where} has ${s("sourceContinuityErrors").threshold} or more transport-stream continuity errors per ${s("sourceContinuityErrors").periodSeconds} s: packets are missing after recovery and viewers see artefacts. Check ${who} and its uplink.`,
    comparison: "GreaterThanOrEqualToThreshold",
    metric: sourceMetric(f, "SourceContinuityCounter", "Sum"),
  });
  set.add("sourceBitrateZero", {
    id: `SourceBitrateZero-${f.key}`,
    component: `mediaconnect-flow-${f.key}-bitrate-zero`,
    description: `${where} is running but receives no media: source bitrate at or below ${s("sourceBitrateZero").threshold} b/s for ${s("sourceBitrateZero").periodSeconds * s("sourceBitrateZero").evaluationPeriods} s. Nothing arrives from ${who}: check that it is sending, to the right address (terraform output ingest-${f.key}).`,
    comparison: "LessThanOrEqualToThreshold",
    metric: sourceMetric(f, "SourceBitRate", "Maximum"),
  });
}

/** MediaLive: one set per pipeline, dimensioned by the channel id and the pipeline number. */
function pipelineAlarms(set: RegionalAlarms, props: Resolved, p: number): void {
  const s = (family: AlarmFamily) => set.s(family);
  const { channel } = props;
  const failover = props.automaticInputFailover;
  const where = pipelineWhere(props, p);
  // Only UDP-based inputs report input loss (RTMP, pulls, files and devices never do).
  if (UDP_INPUT_TYPES.includes(props.contributionType)) {
    set.add("inputLoss", {
      id: `InputLoss-pipeline-${p}`,
      component: `medialive-pipeline-${p}-input-loss`,
      description: `${where} had no input for ${s("inputLoss").threshold} s or more within ${s("inputLoss").periodSeconds} s${failover ? " on its active input" : ""}. Viewers of this pipeline see the input-loss picture. Check the source of the active input${failover ? "; automatic failover to the other input should follow" : ""}.`,
      comparison: "GreaterThanOrEqualToThreshold",
      ...inputMetric(channel.channelId, p, "InputLossSeconds", "Sum", failover),
    });
  }
  set.add("activeAlerts", {
    id: `ActiveAlerts-pipeline-${p}`,
    component: `medialive-pipeline-${p}-active-alerts`,
    description: `${where} has had at least ${s("activeAlerts").threshold} active alert for ${s("activeAlerts").periodSeconds * s("activeAlerts").evaluationPeriods} s. The channel's Alerts tab in the MediaLive console says which.`,
    comparison: "GreaterThanOrEqualToThreshold",
    metric: liveMetric(props, p, "ActiveAlerts", "Maximum"),
  });
  set.add("inputFrameRate", {
    id: `InputFrameRate-pipeline-${p}`,
    component: `medialive-pipeline-${p}-input-frame-rate-low`,
    description: `The ${failover ? "active " : ""}input of ${where} arrives at under ${s("inputFrameRate").threshold} frames per second (average over ${s("inputFrameRate").periodSeconds} s). The source encoder or the contribution link is struggling: check the encoder's frame rate and load, and packet loss on the flows.`,
    comparison: "LessThanThreshold",
    ...inputMetric(channel.channelId, p, "InputVideoFrameRate", "Average", failover),
  });
  // PrimaryInputActive exists only with automatic failover, and means something only when the
  // channel prefers its primary input (metrics.json).
  if (failover?.preference === "PRIMARY_INPUT_PREFERRED") {
    set.add("primaryInputInactive", {
      id: `PrimaryInputInactive-pipeline-${p}`,
      component: `medialive-pipeline-${p}-running-on-backup-input`,
      description: `${where} has run on its backup input for a whole ${s("primaryInputInactive").periodSeconds} s: the primary input failed over. Viewers are fine while the backup is healthy, but there is no redundancy left: fix the primary feed. The channel prefers the primary and returns to it by itself.`,
      comparison: "LessThanThreshold",
      metric: liveMetric(props, p, "PrimaryInputActive", "Maximum"),
    });
  }
  set.add("output4xxErrors", {
    id: `Output4xxErrors-pipeline-${p}`,
    component: `medialive-pipeline-${p}-output-4xx-errors`,
    description: `MediaPackage refuses what ${where} pushes: ${s("output4xxErrors").threshold} or more 4xx errors per ${s("output4xxErrors").periodSeconds} s. Segments from this pipeline are lost. Check the MediaPackage channel policy (it must admit the MediaLive role) and the ingest endpoints.`,
    comparison: "GreaterThanOrEqualToThreshold",
    metric: outputMetric(props, p, "Output4xxErrors"),
  });
  set.add("output5xxErrors", {
    id: `Output5xxErrors-pipeline-${p}`,
    component: `medialive-pipeline-${p}-output-5xx-errors`,
    description: `MediaPackage fails to accept what ${where} pushes: ${s("output5xxErrors").threshold} or more 5xx errors per ${s("output5xxErrors").periodSeconds} s. Segments from this pipeline are lost. Check MediaPackage in ${props.region} (AWS Health dashboard).`,
    comparison: "GreaterThanOrEqualToThreshold",
    metric: outputMetric(props, p, "Output5xxErrors"),
  });
  set.add("droppedFrames", {
    id: `DroppedFrames-pipeline-${p}`,
    component: `medialive-pipeline-${p}-dropped-frames`,
    description: `${where} dropped ${s("droppedFrames").threshold} or more frames per ${s("droppedFrames").periodSeconds} s: the encoder cannot keep up in real time and viewers see stutter. Check that the input stays within the channel's input specification.`,
    comparison: "GreaterThanOrEqualToThreshold",
    metric: liveMetric(props, p, "DroppedFrames", "Sum"),
  });
  if (props.ingest === "CMAF") mediaQualityAlarm(set, props, p);
  pipelineSilentAlarm(set, props, p);
}

/** How descriptions name one pipeline. */
function pipelineWhere(props: Resolved, p: number): string {
  return `pipeline ${p} of MediaLive channel ${props.channel.name} (id ${props.channel.channelId})`;
}

/**
 * CMAF ingest: the output keeps flowing when its content fails (the CMAF Ingest group has no
 * input loss action), so only the quality score says that viewers see black or fill frames.
 * MinMQCS has no datapoints without a CMAF Ingest group (metrics.json).
 */
function mediaQualityAlarm(set: RegionalAlarms, props: Resolved, p: number): void {
  const q = set.s("mediaQualityLow");
  const { region } = props;
  set.add("mediaQualityLow", {
    id: `MediaQualityLow-pipeline-${p}`,
    component: `medialive-pipeline-${p}-media-quality-low`,
    description: `The CMAF output of ${pipelineWhere(props, p)} scores under ${q.threshold} of 100 (MinMQCS, ${q.evaluationPeriods} periods of ${q.periodSeconds} s): black, frozen or input-loss frames, and no HTTP error fires. Only this pipeline low: MediaPackage already serves the other one; fix this pipeline's input. Both pipelines of ${region} low while other regions are fine: stop this region's channel (npm run event -- stop --region ${region}, or the MediaLive console) so its manifests go stale and the CDN fails over; start it again when the feeds are back. Every region low, or a single region: the source itself is bad; check the encoders.`,
    comparison: "LessThanThreshold",
    metric: outputMetric(props, p, "MinMQCS", "Minimum"),
  });
}

/**
 * A running pipeline that stops reporting. Its own silence cannot page (a stopped channel is
 * silent too), so it is compared with what proves the event is live: the flows feeding this
 * pipeline receive media, or the other pipeline reports. Without either (a single-pipeline
 * channel on a non-MediaConnect input) there is nothing to compare with and no alarm.
 */
function pipelineSilentAlarm(set: RegionalAlarms, props: Resolved, p: number): void {
  const pipelines = props.pipelineNumbers;
  const feeds = props.flows.filter((f) => f.pipeline === p);
  const references: Record<string, MetricSpec> = {};
  feeds.forEach((f) => (references[`feed_${f.role}`] = sourceMetric(f, "SourceBitRate", "Maximum")));
  for (const other of pipelines.filter((o) => o !== p)) references[`pipeline${other}`] = liveMetric(props, other, "ActiveAlerts", "SampleCount");
  if (Object.keys(references).length === 0) return;
  const evidence = [feeds.length > 0 ? `its flows receive media` : "", pipelines.length > 1 ? `pipeline ${1 - p} reports` : ""].filter(Boolean).join(" or ");
  set.add("pipelineSilent", {
    id: `PipelineSilent-pipeline-${p}`,
    component: `medialive-pipeline-${p}-silent`,
    description: `${pipelineWhere(props, p)} reports nothing while ${evidence}: the channel is stopped or this pipeline failed. If the event is live, check the channel state in the MediaLive console and start it. (Expected while encoders are line-checked with the channel deliberately stopped.)`,
    comparison: "GreaterThanOrEqualToThreshold",
    math: {
      expression: silenceExpression(references, "heartbeat"),
      label: `pipeline ${p} silent while the event is live`,
      metrics: { heartbeat: liveMetric(props, p, "ActiveAlerts", "SampleCount"), ...references },
    },
  });
}

/**
 * 1 while any of the evidence series reports and `silent` does not, else 0. FILL turns an absent
 * series into zeros so that absence can be compared at all (alarm.ts explains why).
 */
function silenceExpression(evidence: Readonly<Record<string, MetricSpec>>, silent: string): string {
  return `IF((${Object.keys(evidence).map((r) => `FILL(${r}, 0)`).join(" + ")}) > 0 AND FILL(${silent}, 0) == 0, 1, 0)`;
}

/** MediaPackage v2: ingest per channel, egress per endpoint. */
function packagingAlarms(set: RegionalAlarms, props: Resolved): void {
  const s = (family: AlarmFamily) => set.s(family);
  const { packager, region } = props;
  const group = packager.channelGroup.name;
  const mpChannel = packager.channel.channelName;
  const live: Record<string, MetricSpec> = {};
  for (const p of props.pipelineNumbers) live[`pipeline${p}`] = liveMetric(props, p, "ActiveAlerts", "SampleCount");
  set.add("ingressStopped", {
    id: "IngressStopped",
    component: "mediapackage-ingress-stopped",
    description: `MediaPackage channel ${group}/${mpChannel} receives nothing although MediaLive channel ${props.channel.name} is running: manifests go stale and players stall. Check the MediaLive output-error and input-loss alarms (on input loss MediaLive pauses its output).`,
    comparison: "GreaterThanOrEqualToThreshold",
    math: {
      expression: silenceExpression(live, "ingress"),
      label: "MediaLive running, MediaPackage ingest silent",
      metrics: {
        ingress: { namespace: NAMESPACES.mediapackage, metricName: "IngressRequestCount", dimensions: { ChannelGroup: group, Channel: mpChannel }, statistic: "Sum" },
        ...live,
      },
    },
  });
  for (const ep of packager.endpoints) {
    const dims = { ChannelGroup: group, Channel: mpChannel, OriginEndpoint: ep.endpoint.originEndpointName };
    set.add("egress5xxErrors", {
      id: `Egress5xxErrors-${ep.name}`,
      component: `mediapackage-endpoint-${ep.name}-egress-5xx-errors`,
      description: `Origin endpoint ${ep.name} (${ep.container}) answered ${s("egress5xxErrors").threshold} or more requests with 5xx within ${s("egress5xxErrors").periodSeconds} s: the CDN gets errors from ${region} (it fails over when another region is configured). Check MediaPackage in ${region}.`,
      comparison: "GreaterThanOrEqualToThreshold",
      metric: { namespace: NAMESPACES.mediapackage, metricName: "EgressRequestCount", dimensions: { ...dims, StatusCodeRange: "5xx" }, statistic: "Sum" },
    });
    set.add("egressResponseTime", {
      id: `EgressResponseTime-${ep.name}`,
      component: `mediapackage-endpoint-${ep.name}-egress-slow`,
      description: `Origin endpoint ${ep.name} (${ep.container}) takes over ${s("egressResponseTime").threshold} ms on average to answer (${s("egressResponseTime").evaluationPeriods} periods of ${s("egressResponseTime").periodSeconds} s). Players may rebuffer on cache misses.`,
      comparison: "GreaterThanThreshold",
      metric: { namespace: NAMESPACES.mediapackage, metricName: "EgressResponseTime", dimensions: dims, statistic: "Average" },
    });
  }
}
