import * as fs from "fs";
import * as path from "path";
import { ALARM_FAMILIES } from "../../config/alarms";
import { CONFIG_DIR, check, defaultConfig, load, problemsOf } from "../support/project";


/** The default configuration with its `alarms` block replaced. */
function withAlarms(alarms: unknown): Record<string, any> {
  return { ...defaultConfig(), alarms };
}

describe("the alarms block", () => {
  test("defaults: no subscribers, no CloudFront additional metrics, no overrides", () => {
    const config = defaultConfig();
    delete config.alarms;
    const { alarms } = check(config).config;
    expect(alarms).toEqual({ notifications: [], cdnAdditionalMetrics: false, families: {} });
  });

  test("the default configuration notifies an example address and warns about nothing", () => {
    const loaded = load("config/default.json");
    expect(loaded.config.alarms.notifications).toEqual([{ protocol: "email", endpoint: "ops@example.com" }]);
    expect(loaded.warnings).toEqual([]);
  });

  test("warns, but synthesizes, when nobody is notified", () => {
    const loaded = check(withAlarms({}));
    expect(loaded.warnings).toEqual([
      'test.json: /alarms/notifications is empty: alarms change state but notify no one. Add at least one subscriber, for example {"protocol": "email", "endpoint": "ops@example.com"}.',
    ]);
  });

  test("accepts one endpoint of every protocol", () => {
    const notifications = [
      { protocol: "email", endpoint: "ops@example.com" },
      { protocol: "email-json", endpoint: "tooling+alarms@ops.example.org" },
      { protocol: "https", endpoint: "https://events.example.com:8443/hooks/alarms?team=live" },
      { protocol: "sms", endpoint: "+14155550100" },
      { protocol: "sqs", endpoint: "arn:aws:sqs:eu-west-1:123456789012:alarms" },
      { protocol: "lambda", endpoint: "arn:aws:lambda:eu-west-1:123456789012:function:page-on-call:live" },
    ];
    expect(check(withAlarms({ notifications })).config.alarms.notifications).toEqual(notifications);
  });

  test.each([
    ["email", "ops.example.com", 'test.json: /alarms/notifications/0/endpoint must be an email address such as ops@example.com for protocol email (got "ops.example.com")'],
    ["email-json", "ops@localhost", 'test.json: /alarms/notifications/0/endpoint must be an email address such as ops@example.com for protocol email-json (got "ops@localhost")'],
    ["https", "http://events.example.com/alarms", 'test.json: /alarms/notifications/0/endpoint must be an https:// URL such as https://events.example.com/alarms for protocol https (the value is not shown: a webhook URL may carry a key)'],
    ["sms", "004915112345678", 'test.json: /alarms/notifications/0/endpoint must be a phone number in E.164 form such as +14155550100 for protocol sms (got "004915112345678")'],
    ["sms", "+49 151 1234567", 'test.json: /alarms/notifications/0/endpoint must be a phone number in E.164 form such as +14155550100 for protocol sms (got "+49 151 1234567")'],
    ["sqs", "https://sqs.eu-west-1.amazonaws.com/123456789012/alarms", 'test.json: /alarms/notifications/0/endpoint must be an SQS queue ARN such as arn:aws:sqs:eu-west-1:123456789012:alarms for protocol sqs (got "https://sqs.eu-west-1.amazonaws.com/123456789012/alarms")'],
    ["lambda", "page-on-call", 'test.json: /alarms/notifications/0/endpoint must be a Lambda function ARN such as arn:aws:lambda:eu-west-1:123456789012:function:page-on-call for protocol lambda (got "page-on-call")'],
  ])("rejects a %s endpoint that does not fit the protocol (%s)", (protocol, endpoint, message) => {
    expect(problemsOf(withAlarms({ notifications: [{ protocol, endpoint }] }))).toEqual([message]);
  });

  test("rejects a protocol SNS cannot deliver alarms to without more infrastructure", () => {
    expect(problemsOf(withAlarms({ notifications: [{ protocol: "http", endpoint: "http://example.com" }] }))).toEqual([
      'test.json: /alarms/notifications/0/protocol must be one of "email", "email-json", "https", "sms", "sqs", "lambda" (got "http")',
    ]);
  });

  test("reports every bad endpoint, each with its own pointer", () => {
    const notifications = [
      { protocol: "email", endpoint: "ops@example.com" },
      { protocol: "sms", endpoint: "555-0100" },
      { protocol: "https", endpoint: "events.example.com" },
    ];
    expect(problemsOf(withAlarms({ notifications }))).toEqual([
      'test.json: /alarms/notifications/1/endpoint must be a phone number in E.164 form such as +14155550100 for protocol sms (got "555-0100")',
      'test.json: /alarms/notifications/2/endpoint must be an https:// URL such as https://events.example.com/alarms for protocol https (the value is not shown: a webhook URL may carry a key)',
    ]);
  });

  test("rejects an unknown alarm family, listing the families", () => {
    expect(problemsOf(withAlarms({ families: { inputLos: { threshold: 2 } } }))).toEqual([
      'test.json: /alarms/families key "inputLos" is not allowed: a key must be an alarm family: sourceNotConnected, sourceDisconnections, sourcePacketLoss, sourceContinuityErrors, sourceBitrateZero, inputLoss, activeAlerts, inputFrameRate, primaryInputInactive, output4xxErrors, output5xxErrors, droppedFrames, mediaQualityLow, pipelineSilent, ingressStopped, egress5xxErrors, egressResponseTime, cdn5xxErrorRate, cdnTotalErrorRate, cdnOriginLatency',
    ]);
  });

  test("rejects an unknown override key", () => {
    expect(problemsOf(withAlarms({ families: { inputLoss: { thresholdSeconds: 2 } } }))).toEqual([
      "test.json: /alarms/families/inputLoss/thresholdSeconds is not a known key (allowed: enabled, threshold, periodSeconds, evaluationPeriods)",
    ]);
  });

  // The overrides' rules are the monitoring module's (construct tests: one per rule); the loader
  // reports them at the configuration's pointers, with everything else, all at once.
  test("reports the monitoring module's override rules at their pointers, all at once", () => {
    const families = { sourceNotConnected: { threshold: 0.5 }, cdnOriginLatency: { enabled: true }, inputLoss: { periodSeconds: 10 }, ingressStopped: { evaluationPeriods: 1 } };
    expect(problemsOf(withAlarms({ families }))).toEqual([
      "test.json: /alarms/families/sourceNotConnected/threshold does not apply: sourceNotConnected watches a state, not a level; remove it (got 0.5)",
      "test.json: /alarms/families/cdnOriginLatency/enabled needs /alarms/cdnAdditionalMetrics set to true: CloudFront publishes OriginLatency only with additional metrics",
      "test.json: /alarms/families/inputLoss/periodSeconds must be a multiple of 60: on a channel with automatic input failover it is read through a Metrics Insights query, which has one-minute resolution (got 10)",
      "test.json: /alarms/families/ingressStopped/evaluationPeriods must be at least 2: ingressStopped reads a missing heartbeat as silence, and the newest datapoint of a metric can arrive after the alarm evaluates it (got 1)",
    ]);
    expect(check(withAlarms({ cdnAdditionalMetrics: true, families: { cdnOriginLatency: { enabled: true }, activeAlerts: { periodSeconds: 10 } } })).config.alarms.families).toEqual({
      cdnOriginLatency: { enabled: true },
      activeAlerts: { periodSeconds: 10 },
    });
  });

  test("keeps the evaluation range within a day", () => {
    expect(problemsOf(withAlarms({ families: { activeAlerts: { periodSeconds: 7200, evaluationPeriods: 30 } } }))).toEqual([
      "test.json: /alarms/families/activeAlerts/periodSeconds must be <= 3600 (got 7200)",
      "test.json: /alarms/families/activeAlerts/evaluationPeriods must be <= 24 (got 30)",
    ]);
  });

  test("the schema's family pattern names exactly the families the loader knows", () => {
    const schema = JSON.parse(fs.readFileSync(path.join(CONFIG_DIR, "event.schema.json"), "utf8"));
    const pattern: string = schema.properties.alarms.properties.families.propertyNames.pattern;
    expect(pattern.replace(/^\^\(|\)\$$/g, "").split("|")).toEqual(Object.keys(ALARM_FAMILIES));
  });
});
