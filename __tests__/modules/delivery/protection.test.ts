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
import { ROOT } from "../../support/project";

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
  const waf: WebFirewallOptions = {
    rateLimitPer5Minutes: 20000,
    managedRuleGroups: ["AWSManagedRulesAmazonIpReputationList", "AWSManagedRulesKnownBadInputsRuleSet"],
    allowCidrs: ["198.51.100.0/24"],
    denyCidrs: [],
    logRetentionDays: 30,
  };
  const synthesize = (w: WebFirewallOptions) => Testing.synthScope((scope) => new WebFirewall(scope, "Waf", { naming, ...w }));
  const synthesized = synthesize(waf);
  const [, acl] = one(synthesized, "aws_wafv2_web_acl");

  test("a CLOUDFRONT web ACL that allows by default, named after the event", () => {
    expect(synthesized).toHaveResourceWithProperties(Wafv2WebAcl, { name: "title-fight-global-playback", scope: "CLOUDFRONT", default_action: { allow: {} } });
  });

  test("rules in order: allow-list, rate limit per IP over 5 minutes, then the managed groups; an empty deny-list adds no rule", () => {
    expect(acl.rule.map((r: any) => [r.priority, r.name])).toEqual([
      [0, "allow-list"],
      [2, "rate-limit-per-ip"],
      [10, "AWSManagedRulesAmazonIpReputationList"],
      [11, "AWSManagedRulesKnownBadInputsRuleSet"],
    ]);
    expect(acl.rule[1].statement).toEqual({ rate_based_statement: { limit: 20000, aggregate_key_type: "IP", evaluation_window_sec: 300 } });
    expect(synthesized).toHaveResourceWithProperties(Wafv2IpSet, { name: "title-fight-global-allow-list", scope: "CLOUDFRONT", addresses: ["198.51.100.0/24"] });
    expect(Object.keys(parsed(synthesized).resource.aws_wafv2_ip_set)).toHaveLength(1);
  });

  test("a deny-list blocks before the rate limit", () => {
    const [, withDeny] = one(synthesize({ ...waf, denyCidrs: ["203.0.113.7/32"] }), "aws_wafv2_web_acl");
    expect(withDeny.rule.find((r: any) => r.name === "deny-list")).toMatchObject({ priority: 1, action: { block: {} } });
  });

  test("logs only blocked requests, to a log group whose name WAF accepts, for the configured retention", () => {
    const [group] = one(synthesized, "aws_cloudwatch_log_group");
    expect(synthesized).toHaveResourceWithProperties(CloudwatchLogGroup, { name: "aws-waf-logs-title-fight-global-playback", retention_in_days: 30 });
    expect(synthesized).toHaveResourceWithProperties(Wafv2WebAclLoggingConfiguration, {
      log_destination_configs: [`\${aws_cloudwatch_log_group.${group}.arn}`],
      logging_filter: { default_behavior: "DROP", filter: [{ behavior: "KEEP", requirement: "MEETS_ANY", condition: [{ action_condition: { action: "BLOCK" } }] }] },
    });
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
