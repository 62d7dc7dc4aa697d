// The `alarms` block of the event configuration: who is notified, and per alarm family the
// overrides of the module's defaults. The catalogue (modules/monitoring/families.ts) names every
// family and what kind of condition it watches, so the loader can reject overrides that cannot
// mean anything.

import { type AlarmFamily, alarmsProblems } from "../modules/monitoring/families";
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

  // The overrides' rules belong to the monitoring module, which applies them to its props too.
  for (const p of alarmsProblems(alarms, (path) => `/alarms/${path.join("/")}`)) say(`/alarms/${p.path.join("/")}`, p.text);
}
