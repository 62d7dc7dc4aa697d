import * as fs from "fs";
import * as path from "path";
import { AcmCertificate } from "@cdktf/provider-aws/lib/acm-certificate";
import { AcmCertificateValidation } from "@cdktf/provider-aws/lib/acm-certificate-validation";
import { CloudfrontKeyGroup } from "@cdktf/provider-aws/lib/cloudfront-key-group";
import { CloudfrontPublicKey } from "@cdktf/provider-aws/lib/cloudfront-public-key";
import { CloudwatchLogGroup } from "@cdktf/provider-aws/lib/cloudwatch-log-group";
import { Route53Record } from "@cdktf/provider-aws/lib/route53-record";
import { Wafv2IpSet } from "@cdktf/provider-aws/lib/wafv2-ip-set";
import { Wafv2WebAcl } from "@cdktf/provider-aws/lib/wafv2-web-acl";
import { Wafv2WebAclLoggingConfiguration } from "@cdktf/provider-aws/lib/wafv2-web-acl-logging-configuration";
import { Testing } from "cdktf";
import { PlaybackCertificate, SignedUrlKeys, WebFirewall, WebFirewallOptions } from "../../../modules/delivery/protection";
import { GLOBAL_SCOPE, Naming } from "../../../modules/naming";

/** The project root (not from support/project, which loads the whole app). */
const ROOT = path.resolve(__dirname, "..", "..", "..");

// The protection constructs on their own, through cdktf's Testing API and matchers.

const naming = new Naming("title-fight", GLOBAL_SCOPE);
const parsed = (synthesized: string) => JSON.parse(synthesized);
const one = (synthesized: string, type: string): [string, any] => {
  const entries = Object.entries(parsed(synthesized).resource[type] ?? {});
  expect(entries).toHaveLength(1);
  return entries[0] as [string, any];
};

describe("PlaybackCertificate", () => {
  const synthesized = Testing.synthScope((scope) => {
    new PlaybackCertificate(scope, "Certificate", { naming, domainName: "live.example.com", hostedZoneId: "Z0123456789ABCDEFGHIJ" });
  });

  test("requests a DNS-validated RSA 2048 certificate for the domain, replaced before it is destroyed", () => {
    expect(synthesized).toHaveResourceWithProperties(AcmCertificate, {
      domain_name: "live.example.com",
      validation_method: "DNS",
      key_algorithm: "RSA_2048",
      lifecycle: { create_before_destroy: true },
    });
  });

  test("writes the validation record into the hosted zone and waits for validation on it", () => {
    const [cert] = one(synthesized, "aws_acm_certificate");
    const [record] = one(synthesized, "aws_route53_record");
    expect(synthesized).toHaveResourceWithProperties(Route53Record, {
      zone_id: "Z0123456789ABCDEFGHIJ",
      name: `\${tolist(aws_acm_certificate.${cert}.domain_validation_options).0.resource_record_name}`,
      records: [`\${tolist(aws_acm_certificate.${cert}.domain_validation_options).0.resource_record_value}`],
      ttl: 300,
    });
    expect(synthesized).toHaveResourceWithProperties(AcmCertificateValidation, {
      certificate_arn: `\${aws_acm_certificate.${cert}.arn}`,
      validation_record_fqdns: [`\${aws_route53_record.${record}.fqdn}`],
    });
  });
});

describe("WebFirewall", () => {
  const synthesize = (options: WebFirewallOptions = {}) => Testing.synthScope((scope) => new WebFirewall(scope, "Waf", { naming, ...options }));

  describe("with only the required props", () => {
    const synthesized = synthesize();
    const [, acl] = one(synthesized, "aws_wafv2_web_acl");

    test("a CLOUDFRONT web ACL that allows by default, named after the event", () => {
      expect(synthesized).toHaveResourceWithProperties(Wafv2WebAcl, { name: "title-fight-global-playback", scope: "CLOUDFRONT", default_action: { allow: {} } });
    });

    test("a per-IP rate limit of 20000 requests in 5 minutes, then the IP reputation and known-bad-inputs rule groups; no IP sets", () => {
      expect(acl.rule.map((r: any) => [r.priority, r.name, r.action ?? r.override_action, r.statement])).toEqual([
        [2, "rate-limit-per-ip", { block: {} }, { rate_based_statement: { limit: 20000, aggregate_key_type: "IP", evaluation_window_sec: 300 } }],
        [10, "AWSManagedRulesAmazonIpReputationList", { none: {} }, { managed_rule_group_statement: { name: "AWSManagedRulesAmazonIpReputationList", vendor_name: "AWS" } }],
        [11, "AWSManagedRulesKnownBadInputsRuleSet", { none: {} }, { managed_rule_group_statement: { name: "AWSManagedRulesKnownBadInputsRuleSet", vendor_name: "AWS" } }],
      ]);
      expect(synthesized).not.toHaveResource(Wafv2IpSet);
    });

    test("logs only blocked requests, to a log group whose name WAF accepts, for 30 days", () => {
      const [group] = one(synthesized, "aws_cloudwatch_log_group");
      expect(synthesized).toHaveResourceWithProperties(CloudwatchLogGroup, { name: "aws-waf-logs-title-fight-global-playback", retention_in_days: 30 });
      expect(synthesized).toHaveResourceWithProperties(Wafv2WebAclLoggingConfiguration, {
        log_destination_configs: [`\${aws_cloudwatch_log_group.${group}.arn}`],
        logging_filter: { default_behavior: "DROP", filter: [{ behavior: "KEEP", requirement: "MEETS_ANY", condition: [{ action_condition: { action: "BLOCK" } }] }] },
      });
    });
  });

  describe("with every prop", () => {
    const synthesized = synthesize({
      rateLimitPer5Minutes: 500,
      managedRuleGroups: ["AWSManagedRulesCommonRuleSet", "AWSManagedRulesAnonymousIpList"],
      allowCidrs: ["198.51.100.0/24"],
      denyCidrs: ["203.0.113.7/32"],
      logRetentionDays: 90,
    });
    const [, acl] = one(synthesized, "aws_wafv2_web_acl");
    const ipSet = (name: string) => Object.entries<any>(parsed(synthesized).resource.aws_wafv2_ip_set).find(([, s]) => s.name === name)![0];

    test("rules in order: allow-list, deny-list, rate limit, then the chosen managed groups", () => {
      expect(acl.rule.map((r: any) => [r.priority, r.name, r.action ?? r.override_action, r.statement])).toEqual([
        [0, "allow-list", { allow: {} }, { ip_set_reference_statement: { arn: `\${aws_wafv2_ip_set.${ipSet("title-fight-global-allow-list")}.arn}` } }],
        [1, "deny-list", { block: {} }, { ip_set_reference_statement: { arn: `\${aws_wafv2_ip_set.${ipSet("title-fight-global-deny-list")}.arn}` } }],
        [2, "rate-limit-per-ip", { block: {} }, { rate_based_statement: { limit: 500, aggregate_key_type: "IP", evaluation_window_sec: 300 } }],
        [10, "AWSManagedRulesCommonRuleSet", { none: {} }, { managed_rule_group_statement: { name: "AWSManagedRulesCommonRuleSet", vendor_name: "AWS" } }],
        [11, "AWSManagedRulesAnonymousIpList", { none: {} }, { managed_rule_group_statement: { name: "AWSManagedRulesAnonymousIpList", vendor_name: "AWS" } }],
      ]);
      expect(synthesized).toHaveResourceWithProperties(Wafv2IpSet, { name: "title-fight-global-allow-list", scope: "CLOUDFRONT", ip_address_version: "IPV4", addresses: ["198.51.100.0/24"] });
      expect(synthesized).toHaveResourceWithProperties(Wafv2IpSet, { name: "title-fight-global-deny-list", scope: "CLOUDFRONT", ip_address_version: "IPV4", addresses: ["203.0.113.7/32"] });
    });

    test("keeps the blocked-request log for the given retention", () => {
      expect(synthesized).toHaveResourceWithProperties(CloudwatchLogGroup, { retention_in_days: 90 });
    });
  });

  test("rejects a CIDR both allowed and denied", () => {
    expect(() => synthesize({ allowCidrs: ["198.51.100.0/24"], denyCidrs: ["198.51.100.0/24"] })).toThrow(
      "WebFirewall: 198.51.100.0/24 is in both allowCidrs and denyCidrs; keep it in one",
    );
  });
});

describe("SignedUrlKeys", () => {
  const pem = fs.readFileSync(path.join(ROOT, "config", "examples", "keys", "paywall-2026.pem"), "utf8");
  const synthesized = Testing.synthScope((scope) => {
    new SignedUrlKeys(scope, "Keys", { naming, publicKeys: { "b-rotation": pem, "a-current": pem } });
  });

  test("one CloudFront public key per name, as given", () => {
    expect(synthesized).toHaveResourceWithProperties(CloudfrontPublicKey, { name: "title-fight-global-key-a-current", encoded_key: pem });
    expect(synthesized).toHaveResourceWithProperties(CloudfrontPublicKey, { name: "title-fight-global-key-b-rotation", encoded_key: pem });
  });

  test("a key group trusting every key, in name order", () => {
    const keys = parsed(synthesized).resource.aws_cloudfront_public_key;
    const byName = (n: string) => Object.entries(keys).find(([, k]: [string, any]) => k.name === n)![0];
    expect(synthesized).toHaveResourceWithProperties(CloudfrontKeyGroup, {
      name: "title-fight-global-playback-keys",
      items: [`\${aws_cloudfront_public_key.${byName("title-fight-global-key-a-current")}.id}`, `\${aws_cloudfront_public_key.${byName("title-fight-global-key-b-rotation")}.id}`],
    });
  });
});
