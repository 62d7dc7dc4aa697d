import type { AlarmsConfig } from "../../config/alarms";

/** How one alarm family is evaluated, after the configuration's overrides. */
export interface AlarmSettings {
  readonly enabled: boolean;
  readonly threshold: number;
  readonly periodSeconds: number;
  readonly evaluationPeriods: number;
}

type Defaults = Omit<AlarmSettings, "enabled">;

/** What is known about one alarm family (see ALARM_FAMILIES). */
export interface AlarmFamilyInfo {
  readonly layer: "MediaConnect" | "MediaLive" | "MediaPackage" | "CloudFront";
  readonly level: boolean;
  readonly highResolution: boolean;
  readonly percent: boolean;
  readonly minuteOnly?: string;
  /** The default settings; "profile": derived from the encoding profile (see settingsFor). */
  readonly defaults: Defaults | "profile";
}

/**
 * Input metrics of a channel with automatic input failover are read through a Metrics Insights
 * query (modules/monitoring/metrics.json, ActiveInputFailoverLabel), and Metrics Insights
 * aggregates to one minute: https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/cloudwatch-metrics-insights-limits.html
 */
const INSIGHTS_MINUTES = "on a channel with automatic input failover it is read through a Metrics Insights query, which has one-minute resolution";

/**
 * AWS's MQCS metrics page documents no publishing interval for MinMQCS
 * (https://docs.aws.amazon.com/medialive/latest/ug/eml-metrics-quality-score.html), so its alarm
 * is not offered periods that could find no datapoint.
 */
const MQCS_MINUTES = "AWS does not document that MediaLive publishes MinMQCS more than once a minute";

/** A family's default settings. */
const d = (threshold: number, periodSeconds: number, evaluationPeriods: number): Defaults => ({ threshold, periodSeconds, evaluationPeriods });

/**
 * Every alarm family: the one table the loader's checks, the alarms, the schema
 * (alarms.families property names, checked by a test) and docs/alarms.md follow.
 *
 * `level`: the alarm compares a measured level with a threshold (false: it watches a state such as
 * "connected", and a threshold would mean nothing). `highResolution`: the service publishes one
 * datapoint a second and the alarm reads it directly, so periods of 10, 20 and 30 s are possible.
 * `minuteOnly`: why a family on a high-resolution service still needs whole minutes. `percent`:
 * the threshold is a percentage.
 *
 * `defaults` (docs/alarms.md lists them with their meaning): periods are one minute, as every
 * metric here is published at least once a minute. Evaluation periods trade speed against noise:
 * a state that viewers see at once (no input, no connection) pages after one minute; levels that
 * fluctuate must hold for two or three. `inputFrameRate` has no fixed default: it is derived from
 * the encoding profile (see settingsFor).
 */
export const ALARM_FAMILIES = {
  // MediaConnect, per flow.
  sourceNotConnected: { layer: "MediaConnect", level: false, highResolution: true, percent: false, defaults: d(1, 60, 1) },
  sourceDisconnections: { layer: "MediaConnect", level: true, highResolution: true, percent: false, defaults: d(3, 300, 1) },
  sourcePacketLoss: { layer: "MediaConnect", level: true, highResolution: true, percent: true, defaults: d(2, 60, 3) },
  sourceContinuityErrors: { layer: "MediaConnect", level: true, highResolution: true, percent: false, defaults: d(10, 60, 2) },
  sourceBitrateZero: { layer: "MediaConnect", level: true, highResolution: true, percent: false, defaults: d(0, 60, 2) },
  // MediaLive, per pipeline.
  inputLoss: { layer: "MediaLive", level: true, highResolution: false, percent: false, minuteOnly: INSIGHTS_MINUTES, defaults: d(5, 60, 1) },
  activeAlerts: { layer: "MediaLive", level: true, highResolution: true, percent: false, defaults: d(1, 60, 3) },
  inputFrameRate: { layer: "MediaLive", level: true, highResolution: false, percent: false, minuteOnly: INSIGHTS_MINUTES, defaults: "profile" },
  primaryInputInactive: { layer: "MediaLive", level: false, highResolution: true, percent: false, defaults: d(1, 60, 1) },
  output4xxErrors: { layer: "MediaLive", level: true, highResolution: true, percent: false, defaults: d(1, 60, 2) },
  output5xxErrors: { layer: "MediaLive", level: true, highResolution: true, percent: false, defaults: d(1, 60, 2) },
  droppedFrames: { layer: "MediaLive", level: true, highResolution: true, percent: false, defaults: d(30, 60, 2) },
  // MinMQCS (Minimum), CMAF ingest only: 0 to 100, 100 best. Each component of the score (black,
  // frozen and fill frames, dropped frames, SVQ) "gets lower as long as the problem persists" and
  // returns to 100 with the first good frame
  // (https://docs.aws.amazon.com/medialive/latest/ug/eml-metrics-quality-score.html). A fade to
  // black or a few dropped frames dent the minimum for a moment; losing both feeds of a region
  // fills the output with the input-loss picture for as long as it lasts and drives the score
  // toward 0. AWS publishes neither the rate of decline nor the level of its own alert 6045
  // (https://docs.aws.amazon.com/medialive/latest/ug/mqcs.html), so the threshold is half the
  // scale: far enough below 100 that programme black and momentary glitches stay quiet, reached
  // by anything that lasts. Two one-minute periods: a real outage is black for viewers until
  // someone acts (docs/ingest.md), so it pages within about two minutes, while a single bad moment
  // (one minute's minimum) does not. Verify at the first rehearsal by pulling both feeds of one
  // region and reading MinMQCS; adjust with alarms.families.mediaQualityLow.
  mediaQualityLow: { layer: "MediaLive", level: true, highResolution: false, percent: false, minuteOnly: MQCS_MINUTES, defaults: d(50, 60, 2) },
  pipelineSilent: { layer: "MediaLive", level: false, highResolution: true, percent: false, defaults: d(1, 60, 3) },
  // MediaPackage v2, per channel and per endpoint.
  ingressStopped: { layer: "MediaPackage", level: false, highResolution: false, percent: false, defaults: d(1, 60, 2) },
  egress5xxErrors: { layer: "MediaPackage", level: true, highResolution: false, percent: false, defaults: d(10, 60, 2) },
  egressResponseTime: { layer: "MediaPackage", level: true, highResolution: false, percent: false, defaults: d(1000, 60, 3) },
  // CloudFront, per distribution.
  cdn5xxErrorRate: { layer: "CloudFront", level: true, highResolution: false, percent: true, defaults: d(1, 60, 3) },
  cdnTotalErrorRate: { layer: "CloudFront", level: true, highResolution: false, percent: true, defaults: d(5, 60, 3) },
  cdnOriginLatency: { layer: "CloudFront", level: true, highResolution: false, percent: false, defaults: d(1000, 60, 3) },
} as const satisfies Record<string, AlarmFamilyInfo>;
export type AlarmFamily = keyof typeof ALARM_FAMILIES;

/** The defaults of every family with fixed defaults (all but inputFrameRate), from ALARM_FAMILIES. */
export const FAMILY_DEFAULTS: Readonly<Record<Exclude<AlarmFamily, "inputFrameRate">, Defaults>> = Object.fromEntries(
  Object.entries(ALARM_FAMILIES as Record<string, AlarmFamilyInfo>).flatMap(([name, f]) => (f.defaults === "profile" ? [] : [[name, f.defaults]])),
) as Record<Exclude<AlarmFamily, "inputFrameRate">, Defaults>;

/** The input frame-rate alarm's default: half the profile's frame rate, rounded down (15 fps for 30 fps). */
export function defaultMinimumFrameRate(profileFrameRate: number): number {
  return Math.floor(profileFrameRate / 2);
}

/** The settings of one family: the configuration's overrides over the defaults. */
export function settingsFor(alarms: AlarmsConfig, family: AlarmFamily, profileFrameRate?: number): AlarmSettings {
  const override = alarms.families[family] ?? {};
  const fixed: Defaults | "profile" = ALARM_FAMILIES[family].defaults;
  const defaults: Defaults =
    fixed === "profile" ? { threshold: defaultMinimumFrameRate(profileFrameRate ?? 0), periodSeconds: 60, evaluationPeriods: 2 } : fixed;
  return {
    enabled: override.enabled ?? true,
    threshold: override.threshold ?? defaults.threshold,
    periodSeconds: override.periodSeconds ?? defaults.periodSeconds,
    evaluationPeriods: override.evaluationPeriods ?? defaults.evaluationPeriods,
  };
}
