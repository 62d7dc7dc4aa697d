import { Construct } from "constructs";
import { AcmCertificate } from "@cdktf/provider-aws/lib/acm-certificate";
import { AcmCertificateValidation } from "@cdktf/provider-aws/lib/acm-certificate-validation";
import { CloudfrontKeyGroup } from "@cdktf/provider-aws/lib/cloudfront-key-group";
import { CloudfrontPublicKey } from "@cdktf/provider-aws/lib/cloudfront-public-key";
import { CloudwatchLogGroup } from "@cdktf/provider-aws/lib/cloudwatch-log-group";
import { Route53Record } from "@cdktf/provider-aws/lib/route53-record";
import { Wafv2IpSet } from "@cdktf/provider-aws/lib/wafv2-ip-set";
import { Wafv2WebAcl, Wafv2WebAclRule } from "@cdktf/provider-aws/lib/wafv2-web-acl";
import { Wafv2WebAclLoggingConfiguration } from "@cdktf/provider-aws/lib/wafv2-web-acl-logging-configuration";
import { Naming } from "../naming";

export interface PlaybackCertificateProps {
  readonly naming: Naming;
  readonly domainName: string;
  /** Create and DNS-validate a certificate in this hosted zone. */
  readonly hostedZoneId: string;
}

/**
 * An ACM certificate for the playback domain, validated through a DNS record in the hosted
 * zone. Must be created in us-east-1 (the CDN stack's region), the only region CloudFront reads.
 */
export class PlaybackCertificate extends Construct {
  /** The ARN, available once the certificate is validated (use it, not the certificate's own ARN). */
  public readonly certificateArn: string;

  constructor(scope: Construct, id: string, props: PlaybackCertificateProps) {
    super(scope, id);
    const certificate = new AcmCertificate(this, "Resource", {
      domainName: props.domainName,
      validationMethod: "DNS",
      keyAlgorithm: "RSA_2048",
      lifecycle: { createBeforeDestroy: true },
    });
    // One name, so one validation record.
    const option = certificate.domainValidationOptions.get(0);
    const record = new Route53Record(this, "ValidationRecord", {
      zoneId: props.hostedZoneId,
      name: option.resourceRecordName,
      type: option.resourceRecordType,
      records: [option.resourceRecordValue],
      ttl: 300,
      allowOverwrite: true,
    });
    const validation = new AcmCertificateValidation(this, "Validation", {
      certificateArn: certificate.arn,
      validationRecordFqdns: [record.fqdn],
    });
    this.certificateArn = validation.certificateArn;
  }
}

/** AWS managed rule groups the web ACL may apply. */
export type ManagedRuleGroup =
  | "AWSManagedRulesAmazonIpReputationList"
  | "AWSManagedRulesKnownBadInputsRuleSet"
  | "AWSManagedRulesCommonRuleSet"
  | "AWSManagedRulesAnonymousIpList";

/** What the web ACL allows, blocks and logs. */
export interface WebFirewallOptions {
  /**
   * Requests one IP address may send in 5 minutes before it is blocked (docs/protection.md says
   * how the default is sized).
   * @default 20000
   */
  readonly rateLimitPer5Minutes?: number;
  /** @default ["AWSManagedRulesAmazonIpReputationList", "AWSManagedRulesKnownBadInputsRuleSet"] */
  readonly managedRuleGroups?: readonly ManagedRuleGroup[];
  /**
   * IPv4 CIDRs always allowed, before any other rule.
   * @default none
   */
  readonly allowCidrs?: readonly string[];
  /**
   * IPv4 CIDRs always blocked.
   * @default none
   */
  readonly denyCidrs?: readonly string[];
  /**
   * Days the blocked-request log is kept (a CloudWatch Logs retention value).
   * @default 30
   */
  readonly logRetentionDays?: number;
}

export interface WebFirewallProps extends WebFirewallOptions {
  readonly naming: Naming;
}

/**
 * An AWS WAF web ACL for the distribution (scope CLOUDFRONT, so managed from us-east-1): an
 * allow-list first, then a deny-list, a per-IP rate limit sized for HLS polling, and the chosen
 * AWS managed rule groups. Blocked requests are logged to CloudWatch Logs.
 */
export class WebFirewall extends Construct {
  public readonly webAcl: Wafv2WebAcl;

  constructor(scope: Construct, id: string, props: WebFirewallProps) {
    super(scope, id);
    const { naming } = props;
    const rateLimitPer5Minutes = props.rateLimitPer5Minutes ?? 20000;
    const managedRuleGroups = props.managedRuleGroups ?? ["AWSManagedRulesAmazonIpReputationList", "AWSManagedRulesKnownBadInputsRuleSet"];
    const allowCidrs = props.allowCidrs ?? [];
    const denyCidrs = props.denyCidrs ?? [];
    const logRetentionDays = props.logRetentionDays ?? 30;
    const both = allowCidrs.filter((cidr) => denyCidrs.includes(cidr));
    if (both.length > 0) throw new Error(`WebFirewall: ${both.join(", ")} is in both allowCidrs and denyCidrs; keep it in one`);
    const visibility = (metric: string) => ({ cloudwatchMetricsEnabled: true, metricName: metric, sampledRequestsEnabled: true });
    // The bindings pass `statement` through untyped (it nests too deeply to generate), so its keys
    // are written as Terraform spells them.
    const rules: Wafv2WebAclRule[] = [];
    const ipSetRule = (key: "allow" | "deny", cidrs: readonly string[], priority: number) => {
      if (cidrs.length === 0) return;
      const set = new Wafv2IpSet(this, key === "allow" ? "AllowList" : "DenyList", {
        name: naming.name(`${key}-list`),
        scope: "CLOUDFRONT",
        ipAddressVersion: "IPV4",
        addresses: [...cidrs],
      });
      rules.push({
        name: `${key}-list`,
        priority,
        action: key === "allow" ? { allow: {} } : { block: {} },
        statement: { ip_set_reference_statement: { arn: set.arn } },
        visibilityConfig: visibility(`${key}-list`),
      });
    };
    ipSetRule("allow", allowCidrs, 0);
    ipSetRule("deny", denyCidrs, 1);
    rules.push({
      name: "rate-limit-per-ip",
      priority: 2,
      action: { block: {} },
      statement: { rate_based_statement: { limit: rateLimitPer5Minutes, aggregate_key_type: "IP", evaluation_window_sec: 300 } },
      visibilityConfig: visibility("rate-limit-per-ip"),
    });
    managedRuleGroups.forEach((group, i) =>
      rules.push({
        name: group,
        priority: 10 + i,
        overrideAction: { none: {} },
        statement: { managed_rule_group_statement: { name: group, vendor_name: "AWS" } },
        visibilityConfig: visibility(group),
      }),
    );
    this.webAcl = new Wafv2WebAcl(this, "Resource", {
      name: naming.name("playback"),
      description: "Playback protection: allow/deny lists, per-IP rate limit, AWS managed rules",
      scope: "CLOUDFRONT",
      defaultAction: { allow: {} },
      rule: rules,
      visibilityConfig: visibility(naming.name("playback")),
    });
    // WAF requires the log group name to start with aws-waf-logs-.
    const logs = new CloudwatchLogGroup(this, "BlockedRequests", {
      name: `aws-waf-logs-${naming.name("playback")}`,
      retentionInDays: logRetentionDays,
    });
    new Wafv2WebAclLoggingConfiguration(this, "Logging", {
      resourceArn: this.webAcl.arn,
      logDestinationConfigs: [logs.arn],
      loggingFilter: {
        defaultBehavior: "DROP",
        filter: [{ behavior: "KEEP", requirement: "MEETS_ANY", condition: [{ actionCondition: { action: "BLOCK" } }] }],
      },
    });
  }
}

export interface SignedUrlKeysProps {
  readonly naming: Naming;
  /** PEM public keys by name (never private keys: the loader refuses them). */
  readonly publicKeys: Readonly<Record<string, string>>;
}

/** CloudFront public keys and the key group trusted by the playback behaviours. */
export class SignedUrlKeys extends Construct {
  public readonly keyGroup: CloudfrontKeyGroup;

  constructor(scope: Construct, id: string, props: SignedUrlKeysProps) {
    super(scope, id);
    const keys = Object.keys(props.publicKeys)
      .sort()
      .map(
        (name) =>
          new CloudfrontPublicKey(this, `Key-${name}`, {
            name: props.naming.name(`key-${name}`, 128),
            comment: `Signed URLs and cookies: ${name}`,
            encodedKey: props.publicKeys[name],
          }),
      );
    this.keyGroup = new CloudfrontKeyGroup(this, "KeyGroup", {
      name: props.naming.name("playback-keys", 128),
      comment: "Keys whose signatures CloudFront accepts for playback",
      items: keys.map((k) => k.id),
    });
  }
}
