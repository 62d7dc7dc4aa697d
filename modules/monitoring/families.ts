import type { AlarmFamily, AlarmsConfig } from "../../config/alarms";

/** How one alarm family is evaluated, after the configuration's overrides. */
export interface AlarmSettings {
  readonly enabled: boolean;
  readonly threshold: number;
  readonly periodSeconds: number;
  readonly evaluationPeriods: number;
}

type Defaults = Omit<AlarmSettings, "enabled">;

/**
 * The defaults of every family (docs/alarms.md lists them with their meaning). Periods are one
 * minute: every metric here is published at least once a minute. Evaluation periods trade speed
 * against noise: a state that viewers see at once (no input, no connection) pages after one
 * minute; levels that fluctuate must hold for two or three. `inputFrameRate` has no fixed
 * default: it is derived from the encoding profile (see settingsFor).
 */
export const FAMILY_DEFAULTS: Readonly<Record<Exclude<AlarmFamily, "inputFrameRate">, Defaults>> = {
  // MediaConnect, per flow.
  sourceNotConnected: { threshold: 1, periodSeconds: 60, evaluationPeriods: 1 },
  sourceDisconnections: { threshold: 3, periodSeconds: 300, evaluationPeriods: 1 },
  sourcePacketLoss: { threshold: 2, periodSeconds: 60, evaluationPeriods: 3 },
  sourceContinuityErrors: { threshold: 10, periodSeconds: 60, evaluationPeriods: 2 },
  sourceBitrateZero: { threshold: 0, periodSeconds: 60, evaluationPeriods: 2 },
  // MediaLive, per pipeline.
  inputLoss: { threshold: 5, periodSeconds: 60, evaluationPeriods: 1 },
  activeAlerts: { threshold: 1, periodSeconds: 60, evaluationPeriods: 3 },
  primaryInputInactive: { threshold: 1, periodSeconds: 60, evaluationPeriods: 1 },
  output4xxErrors: { threshold: 1, periodSeconds: 60, evaluationPeriods: 2 },
  output5xxErrors: { threshold: 1, periodSeconds: 60, evaluationPeriods: 2 },
  droppedFrames: { threshold: 30, periodSeconds: 60, evaluationPeriods: 2 },
  pipelineSilent: { threshold: 1, periodSeconds: 60, evaluationPeriods: 3 },
  // MediaPackage v2, per channel and per endpoint.
  ingressStopped: { threshold: 1, periodSeconds: 60, evaluationPeriods: 2 },
  egress5xxErrors: { threshold: 10, periodSeconds: 60, evaluationPeriods: 2 },
  egressResponseTime: { threshold: 1000, periodSeconds: 60, evaluationPeriods: 3 },
  // CloudFront, per distribution.
  cdn5xxErrorRate: { threshold: 1, periodSeconds: 60, evaluationPeriods: 3 },
  cdnTotalErrorRate: { threshold: 5, periodSeconds: 60, evaluationPeriods: 3 },
  cdnOriginLatency: { threshold: 1000, periodSeconds: 60, evaluationPeriods: 3 },
};

/** The input frame-rate alarm's default: half the profile's frame rate, rounded down (15 fps for 30 fps). */
export function defaultMinimumFrameRate(profileFrameRate: number): number {
  return Math.floor(profileFrameRate / 2);
}

/** The settings of one family: the configuration's overrides over the defaults. */
export function settingsFor(alarms: AlarmsConfig, family: AlarmFamily, profileFrameRate?: number): AlarmSettings {
  const override = alarms.families[family] ?? {};
  const defaults: Defaults =
    family === "inputFrameRate"
      ? { threshold: defaultMinimumFrameRate(profileFrameRate ?? 0), periodSeconds: 60, evaluationPeriods: 2 }
      : FAMILY_DEFAULTS[family];
  return {
    enabled: override.enabled ?? true,
    threshold: override.threshold ?? defaults.threshold,
    periodSeconds: override.periodSeconds ?? defaults.periodSeconds,
    evaluationPeriods: override.evaluationPeriods ?? defaults.evaluationPeriods,
  };
}
