/** How one alarm family is evaluated, after the configuration's overrides. */
export interface AlarmSettings {
  readonly enabled: boolean;
  readonly threshold: number;
  readonly periodSeconds: number;
  readonly evaluationPeriods: number;
}

/**
 * Overrides for one alarm family; anything left out keeps the family's default (ALARM_FAMILIES,
 * listed with their meaning in docs/alarms.md).
 */
export interface AlarmFamilyOverride {
  /**
   * false leaves the family out.
   * @default true
   */
  readonly enabled?: boolean;
  /**
   * The level the alarm compares with; only for families that compare a level (not for state alarms).
   * @default - the family's default threshold
   */
  readonly threshold?: number;
  /**
   * The length of one period: 10, 20, 30 (high-resolution families) or a multiple of 60.
   * @default - the family's default period
   */
  readonly periodSeconds?: number;
  /**
   * Consecutive periods that must breach before the alarm fires.
   * @default - the family's default number of periods
   */
  readonly evaluationPeriods?: number;
}

/** Protocols an SNS subscription can use without extra infrastructure on our side. */
export type NotificationProtocol = "email" | "email-json" | "https" | "sms" | "sqs" | "lambda";

/** One subscriber of an alarm topic. */
export interface AlarmNotification {
  readonly protocol: NotificationProtocol;
  /** An email address, https:// URL, E.164 phone number, SQS queue ARN or Lambda function ARN, to match the protocol. */
  readonly endpoint: string;
}

/** Who is notified, and how each alarm family is evaluated. */
export interface AlarmsProps {
  /**
   * Subscribers of the alarm topic.
   * @default [] - the alarms change state in the console but notify no one
   */
  readonly notifications?: readonly AlarmNotification[];
  /**
   * Whether CloudFront's additional metrics (billed per distribution) are turned on, which the
   * origin-latency alarm and widget need.
   * @default false
   */
  readonly cdnAdditionalMetrics?: boolean;
  /**
   * Overrides per alarm family.
   * @default {} - every family enabled with its default settings
   */
  readonly families?: Readonly<Partial<Record<AlarmFamily, AlarmFamilyOverride>>>;
}

/** An AlarmsProps with its defaults applied. */
export interface ResolvedAlarms {
  readonly notifications: readonly AlarmNotification[];
  readonly cdnAdditionalMetrics: boolean;
  readonly families: Readonly<Partial<Record<AlarmFamily, AlarmFamilyOverride>>>;
}

/** The defaults of AlarmsProps, applied once (each construct calls this at the top of its constructor). */
export function resolveAlarms(alarms: AlarmsProps | undefined): ResolvedAlarms {
  return {
    notifications: alarms?.notifications ?? [],
    cdnAdditionalMetrics: alarms?.cdnAdditionalMetrics ?? false,
    families: alarms?.families ?? {},
  };
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
export function settingsFor(alarms: Pick<AlarmsProps, "families">, family: AlarmFamily, profileFrameRate?: number): AlarmSettings {
  const override = alarms.families?.[family] ?? {};
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

/**
 * The silence alarms compare a heartbeat with evidence that the event is live, turning an absent
 * heartbeat into zeros with FILL (alarm.ts). The newest minute of a metric can arrive after the
 * alarm evaluates it; FILL then reads a late heartbeat as silence for that one datapoint, so a
 * single breaching period must never be enough.
 */
const SILENCE_FAMILIES: readonly AlarmFamily[] = ["pipelineSilent", "ingressStopped"];

/** Periods CloudWatch accepts: 10, 20 or 30 s for high-resolution metrics, otherwise whole minutes. */
const SUB_MINUTE_PERIODS = [10, 20, 30];

/** One problem with the alarm props: where (property path under the alarms props) and what is wrong. */
export interface AlarmsProblem {
  readonly path: readonly string[];
  readonly text: string;
}

/**
 * The rules the overrides must follow: thresholds only where a family compares a level,
 * percentages up to 100, the origin-latency alarm only with CloudFront's additional metrics, at
 * least two periods for the silence alarms, periods the metric's resolution allows. `nameOf`
 * says how the caller names a property (a JSON pointer for the loader, a property path for a
 * construct), for the one message that points at another property.
 */
export function alarmsProblems(alarms: AlarmsProps, nameOf: (path: readonly string[]) => string): AlarmsProblem[] {
  const problems: AlarmsProblem[] = [];
  const say = (path: readonly string[], text: string) => problems.push({ path, text });
  for (const [name, override] of Object.entries(alarms.families ?? {}) as [AlarmFamily, AlarmFamilyOverride][]) {
    const family: AlarmFamilyInfo = ALARM_FAMILIES[name];
    const at = (field: keyof AlarmFamilyOverride) => ["families", name, field];
    if (override.threshold !== undefined && !family.level) {
      say(at("threshold"), `does not apply: ${name} watches a state, not a level; remove it (got ${override.threshold})`);
    }
    if (override.threshold !== undefined && family.percent && override.threshold > 100) {
      say(at("threshold"), `is a percentage and must be at most 100 (got ${override.threshold})`);
    }
    if (name === "cdnOriginLatency" && override.enabled === true && !alarms.cdnAdditionalMetrics) {
      say(at("enabled"), `needs ${nameOf(["cdnAdditionalMetrics"])} set to true: CloudFront publishes OriginLatency only with additional metrics`);
    }
    if (override.evaluationPeriods !== undefined && override.evaluationPeriods < 2 && SILENCE_FAMILIES.includes(name)) {
      say(
        at("evaluationPeriods"),
        `must be at least 2: ${name} reads a missing heartbeat as silence, and the newest datapoint of a metric can arrive after the alarm evaluates it (got ${override.evaluationPeriods})`,
      );
    }
    const period = override.periodSeconds;
    if (period !== undefined && period % 60 !== 0) {
      if (!family.highResolution) {
        say(at("periodSeconds"), `must be a multiple of 60: ${family.minuteOnly ?? `${family.layer} publishes one datapoint a minute`} (got ${period})`);
      } else if (!SUB_MINUTE_PERIODS.includes(period)) {
        say(at("periodSeconds"), `must be 10, 20, 30 or a multiple of 60 (got ${period})`);
      }
    }
  }
  return problems;
}

/** One line per problem with the alarm props of construct `who`, named by property path (`alarms.families.x.y`). */
export function alarmsPropsProblems(who: string, alarms: AlarmsProps): string[] {
  const nameOf = (path: readonly string[]) => ["alarms", ...path].join(".");
  return alarmsProblems(alarms, nameOf).map((p) => `${who}: ${nameOf(p.path)} ${p.text}`);
}

/** Throws every problem at once, one line each (a construct refusing its props). */
export function refuse(problems: readonly string[]): void {
  if (problems.length > 0) throw new Error(problems.join("\n"));
}
