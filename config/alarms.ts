// The `alarms` block of the event configuration: who is notified, and per alarm family the
// overrides of the module's defaults. The catalogue (modules/monitoring/families.ts) names every
// family and what kind of condition it watches, so the loader can reject overrides that cannot
// mean anything.

import { ALARM_FAMILIES, type AlarmFamily } from "../modules/monitoring/families";
import type { EventFile } from "./event.generated";
import type { DeepReadonly } from "./types";

/** The `alarms` block as the schema generates it (config/event.generated.ts). */
type AlarmsFile = DeepReadonly<EventFile["alarms"]>;

/** Protocols an SNS subscription can use without extra infrastructure on our side. */
export type NotificationProtocol = Notification["protocol"];

export type Notification = AlarmsFile["notifications"][number];

/** Overrides for one alarm family; anything left out keeps the family's default. */
export type AlarmFamilyOverride = AlarmsFile["families"][string];

/** The `alarms` block, with the families keyed by name (the schema checks the names). */
export interface AlarmsConfig extends Omit<AlarmsFile, "families"> {
  readonly families: Readonly<Partial<Record<AlarmFamily, AlarmFamilyOverride>>>;
}

// The alarm families, their kinds and defaults: one table, owned by the monitoring module.
export { ALARM_FAMILIES } from "../modules/monitoring/families";
export type { AlarmFamily } from "../modules/monitoring/families";

/** What an endpoint must look like for each protocol, with an example for the message. */
const ENDPOINTS: Readonly<Record<NotificationProtocol, { readonly pattern: RegExp; readonly what: string }>> = {
  email: { pattern: /^[^@\s]+@[^@\s]+\.[A-Za-z]{2,}$/, what: "an email address such as ops@example.com" },
  "email-json": { pattern: /^[^@\s]+@[^@\s]+\.[A-Za-z]{2,}$/, what: "an email address such as ops@example.com" },
  https: { pattern: /^https:\/\/[A-Za-z0-9.-]+(:[0-9]{1,5})?(\/\S*)?$/, what: "an https:// URL such as https://events.example.com/alarms" },
  sms: { pattern: /^\+[1-9][0-9]{6,14}$/, what: "a phone number in E.164 form such as +14155550100" },
  sqs: { pattern: /^arn:aws[a-z-]*:sqs:[a-z]{2}-[a-z]+-[0-9]:[0-9]{12}:[A-Za-z0-9_-]{1,80}$/, what: "an SQS queue ARN such as arn:aws:sqs:eu-west-1:123456789012:alarms" },
  lambda: {
    pattern: /^arn:aws[a-z-]*:lambda:[a-z]{2}-[a-z]+-[0-9]:[0-9]{12}:function:[A-Za-z0-9_-]{1,64}(:[A-Za-z0-9_$-]+)?$/,
    what: "a Lambda function ARN such as arn:aws:lambda:eu-west-1:123456789012:function:page-on-call",
  },
};

/**
 * The silence alarms compare a heartbeat with evidence that the event is live, turning an absent
 * heartbeat into zeros with FILL (modules/monitoring/alarm.ts). The newest minute of a metric can
 * arrive after the alarm evaluates it; FILL then reads a late heartbeat as silence for that one
 * datapoint, so a single breaching period must never be enough.
 */
const SILENCE_FAMILIES: readonly AlarmFamily[] = ["pipelineSilent", "ingressStopped"];

/** Periods CloudWatch accepts: 10, 20 or 30 s for high-resolution metrics, otherwise whole minutes. */
const SUB_MINUTE_PERIODS = [10, 20, 30];

/**
 * The checks a schema cannot express: endpoints that fit their protocol, thresholds only where a
 * family compares a level, percentages up to 100, periods the metric's resolution allows. A
 * configuration without subscribers is allowed (the alarms still show in the console) but warned
 * about, because an alarm nobody receives wakes nobody.
 */
export function checkAlarms(alarms: AlarmsConfig, say: (pointer: string, text: string) => void, warnings: string[], display: string): void {
  if (alarms.notifications.length === 0) {
    warnings.push(
      `${display}: /alarms/notifications is empty: alarms change state but notify no one. Add at least one subscriber, for example {"protocol": "email", "endpoint": "ops@example.com"}.`,
    );
  }
  alarms.notifications.forEach((n, i) => {
    const rule = ENDPOINTS[n.protocol];
    // A webhook URL often carries its integration key: keep it out of logs.
    const got = n.protocol === "https" ? "the value is not shown: a webhook URL may carry a key" : `got ${JSON.stringify(n.endpoint)}`;
    if (!rule.pattern.test(n.endpoint)) say(`/alarms/notifications/${i}/endpoint`, `must be ${rule.what} for protocol ${n.protocol} (${got})`);
  });

  for (const [name, override] of Object.entries(alarms.families) as [AlarmFamily, AlarmFamilyOverride][]) {
    const family: { layer: string; level: boolean; highResolution: boolean; percent: boolean; minuteOnly?: string } = ALARM_FAMILIES[name];
    const at = `/alarms/families/${name}`;
    if (override.threshold !== undefined && !family.level) {
      say(`${at}/threshold`, `does not apply: ${name} watches a state, not a level; remove it (got ${override.threshold})`);
    }
    if (override.threshold !== undefined && family.percent && override.threshold > 100) {
      say(`${at}/threshold`, `is a percentage and must be at most 100 (got ${override.threshold})`);
    }
    if (name === "cdnOriginLatency" && override.enabled === true && !alarms.cdnAdditionalMetrics) {
      say(`${at}/enabled`, `needs /alarms/cdnAdditionalMetrics set to true: CloudFront publishes OriginLatency only with additional metrics`);
    }
    if (override.evaluationPeriods !== undefined && override.evaluationPeriods < 2 && SILENCE_FAMILIES.includes(name)) {
      say(
        `${at}/evaluationPeriods`,
        `must be at least 2: ${name} reads a missing heartbeat as silence, and the newest datapoint of a metric can arrive after the alarm evaluates it (got ${override.evaluationPeriods})`,
      );
    }
    const period = override.periodSeconds;
    if (period !== undefined && period % 60 !== 0) {
      if (!family.highResolution) {
        say(`${at}/periodSeconds`, `must be a multiple of 60: ${family.minuteOnly ?? `${family.layer} publishes one datapoint a minute`} (got ${period})`);
      } else if (!SUB_MINUTE_PERIODS.includes(period)) {
        say(`${at}/periodSeconds`, `must be 10, 20, 30 or a multiple of 60 (got ${period})`);
      }
    }
  }
}
