import * as fs from "fs";
import * as path from "path";
import { ConfigError } from "../../config/load";
import type { EventConfig } from "../../config/types";
import { RULES, blocking, checkPolicy, formatReport } from "../../policy";
import { AWSCC_TAGS } from "../../policy/tag-support";
import { ROOT, StackJson, load, nameOf, synthApp } from "../support/project";

const ours = load("config/default.json");
const stacks = synthApp(ours);
const CDN = "demo-live-cdn";
const REGIONAL = "demo-live-eu-west-1";
const distribution = nameOf(stacks[CDN], "aws_cloudfront_distribution");
const flowA = nameOf(stacks[REGIONAL], "awscc_mediaconnect_flow", (f) => f.name === "demo-live-euw1-flow-primary-a");
const flowB = nameOf(stacks[REGIONAL], "awscc_mediaconnect_flow", (f) => f.name === "demo-live-euw1-flow-primary-b");
const DEFAULT_CERT_NOTE =
  "serves the default *.cloudfront.net certificate, for which CloudFront fixes the security policy at TLSv1 whatever minimum_protocol_version says; a custom domain with an ACM certificate and TLSv1.2_2021 removes this note";

/** Our stacks with both primary flows open to the internet, which the configuration does not allow. */
function openFlows(): Record<string, StackJson> {
  const s = structuredClone(stacks);
  s[REGIONAL].resource.awscc_mediaconnect_flow[flowA].source.whitelist_cidr = "0.0.0.0/0";
  s[REGIONAL].resource.awscc_mediaconnect_flow[flowB].source.whitelist_cidr = "0.0.0.0/0";
  return s;
}

function withWaivers(waivers: EventConfig["policy"]["waivers"]): EventConfig {
  return { ...ours.config, policy: { waivers } };
}

function problemsOf(run: () => unknown): readonly string[] {
  try {
    run();
  } catch (err) {
    if (err instanceof ConfigError) return err.problems;
    throw err;
  }
  throw new Error("expected a ConfigError");
}

describe("the policy report", () => {
  test("our default event: nothing blocks, one note about the default certificate", () => {
    const report = checkPolicy(stacks, ours.config, "config/default.json");
    expect(blocking(report)).toEqual([]);
    expect(formatReport(report)).toEqual([
      `Policy check of config/default.json: ${RULES.length} rules on 2 stacks: no errors, 0 waived, 1 note`,
      `note   cdn-viewer-tls  ${CDN}/Delivery/Distribution (aws_cloudfront_distribution.${distribution})`,
      `       ${DEFAULT_CERT_NOTE}`,
    ]);
  });

  test("errors come first with the rule's rationale; each names the resource by construct path and Terraform address", () => {
    const report = checkPolicy(openFlows(), ours.config, "config/default.json");
    expect(blocking(report).map((f) => `${f.rule} ${f.resource}`)).toEqual([
      `ingest-no-open-cidr ${REGIONAL}/Contribution/FlowPrimaryA`,
      `ingest-no-open-cidr ${REGIONAL}/Contribution/FlowPrimaryB`,
    ]);
    const problem =
      "source.whitelist_cidr admits 0.0.0.0/0 (anyone), which the configuration does not allow; allow only the networks in contribution.allowlistCidrs";
    const why = "An ingest open to 0.0.0.0/0 lets anyone inject a feed into the broadcast; only an allowlist the config writes explicitly may be open.";
    expect(formatReport(report)).toEqual([
      `Policy check of config/default.json: ${RULES.length} rules on 2 stacks: 2 errors, 0 waived, 1 note`,
      `error  ingest-no-open-cidr  ${REGIONAL}/Contribution/FlowPrimaryA (awscc_mediaconnect_flow.${flowA})`,
      `       ${problem}`,
      `       why: ${why}`,
      `error  ingest-no-open-cidr  ${REGIONAL}/Contribution/FlowPrimaryB (awscc_mediaconnect_flow.${flowB})`,
      `       ${problem}`,
      `       why: ${why}`,
      `note   cdn-viewer-tls  ${CDN}/Delivery/Distribution (aws_cloudfront_distribution.${distribution})`,
      `       ${DEFAULT_CERT_NOTE}`,
    ]);
  });

  test("a waiver accepts one rule on one resource, and its reason is printed", () => {
    const config = withWaivers([
      { rule: "ingest-no-open-cidr", resource: `${REGIONAL}/Contribution/FlowPrimaryB`, reason: "rehearsal from a venue whose uplink address changes hourly" },
      { rule: "cdn-viewer-tls", resource: `${CDN}/Delivery/Distribution`, reason: "the custom domain arrives with the contract for the final" },
    ]);
    const report = checkPolicy(openFlows(), config, "event.json");
    expect(blocking(report).map((f) => f.resource)).toEqual([`${REGIONAL}/Contribution/FlowPrimaryA`]);
    expect(formatReport(report)).toEqual([
      `Policy check of event.json: ${RULES.length} rules on 2 stacks: 1 error, 2 waived, no notes`,
      `error  ingest-no-open-cidr  ${REGIONAL}/Contribution/FlowPrimaryA (awscc_mediaconnect_flow.${flowA})`,
      "       source.whitelist_cidr admits 0.0.0.0/0 (anyone), which the configuration does not allow; allow only the networks in contribution.allowlistCidrs",
      "       why: An ingest open to 0.0.0.0/0 lets anyone inject a feed into the broadcast; only an allowlist the config writes explicitly may be open.",
      `waived ingest-no-open-cidr  ${REGIONAL}/Contribution/FlowPrimaryB (awscc_mediaconnect_flow.${flowB})`,
      "       source.whitelist_cidr admits 0.0.0.0/0 (anyone), which the configuration does not allow; allow only the networks in contribution.allowlistCidrs",
      '       waived by policy.waivers/0: "rehearsal from a venue whose uplink address changes hourly"',
      `waived cdn-viewer-tls  ${CDN}/Delivery/Distribution (aws_cloudfront_distribution.${distribution})`,
      `       ${DEFAULT_CERT_NOTE}`,
      '       waived by policy.waivers/1: "the custom domain arrives with the contract for the final"',
    ]);
  });

  test("a waiver that names an unknown rule, repeats another, names no resource or waives nothing is a config error", () => {
    const reason = "a reason long enough to be read";
    expect(
      problemsOf(() =>
        checkPolicy(
          stacks,
          withWaivers([
            { rule: "s3-public", resource: `${CDN}/Delivery/Distribution`, reason },
            { rule: "cdn-viewer-tls", resource: `${CDN}/Delivery/Distribution`, reason },
            { rule: "cdn-viewer-tls", resource: `${CDN}/Delivery/Distribution`, reason },
          ]),
          "event.json",
        ),
      ),
    ).toEqual([
      `event.json: /policy/waivers/0/rule names no policy rule (got "s3-public"; rules: ${RULES.map((r) => r.id).join(", ")})`,
      `event.json: /policy/waivers/2 repeats /policy/waivers/1 (rule cdn-viewer-tls on ${CDN}/Delivery/Distribution)`,
    ]);
    expect(
      problemsOf(() =>
        checkPolicy(
          stacks,
          withWaivers([
            { rule: "s3-encryption", resource: `${REGIONAL}/Contribution/FlowPrimaryAA`, reason },
            { rule: "ingest-no-open-cidr", resource: `${REGIONAL}/Contribution/FlowPrimaryA`, reason },
            { rule: "secrets-by-reference", resource: `${CDN}/provider.aws`, reason },
          ]),
          "event.json",
        ),
      ),
    ).toEqual([
      `event.json: /policy/waivers/0/resource names no synthesized resource (got "${REGIONAL}/Contribution/FlowPrimaryAA"); did you mean "${REGIONAL}/Contribution/FlowPrimaryA"? Use the construct path the policy report prints`,
      `event.json: /policy/waivers/1 waives nothing: ingest-no-open-cidr finds no problem on ${REGIONAL}/Contribution/FlowPrimaryA; remove the waiver`,
      `event.json: /policy/waivers/2 waives nothing: secrets-by-reference finds no problem on ${CDN}/provider.aws; remove the waiver`,
    ]);
  });
});

test("the tagging rule knows how every awscc resource type of the provider schema takes tags", () => {
  const schema = JSON.parse(fs.readFileSync(path.join(ROOT, "providers", "awscc", "schema.json"), "utf8"));
  const resources: Record<string, any> = schema.provider_schemas["registry.terraform.io/hashicorp/awscc"].resource_schemas;
  const fromSchema = Object.fromEntries(Object.entries(resources).map(([type, r]) => [type, r.block.attributes.tags?.nested_type?.nesting_mode ?? "none"]));
  expect(AWSCC_TAGS).toEqual(fromSchema);
});

test("docs/security-policy.md documents every rule", () => {
  const readme = fs.readFileSync(path.join(ROOT, "docs", "security-policy.md"), "utf8");
  for (const rule of RULES) expect(readme).toContain(`| \`${rule.id}\` |`);
});
