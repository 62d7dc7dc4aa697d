import * as crypto from "crypto";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { ConfigError } from "../../config/load";
import { ROOT, StackJson, check, load, nameOf, only, resources, synthApp } from "../support/project";

const ref = (type: string, name: string, attr: string) => `\${${type}.${name}.${attr}}`;
const EXAMPLE = "config/examples/protected-playback.json";

function example(): Record<string, any> {
  return JSON.parse(fs.readFileSync(path.join(ROOT, EXAMPLE), "utf8"));
}

describe("protected playback (config/examples/protected-playback.json)", () => {
  const stacks = synthApp(load(EXAMPLE));
  const cdn: StackJson = stacks["title-fight-cdn"];
  const regional: StackJson = stacks["title-fight-us-east-1"];
  const distribution = only(cdn, "aws_cloudfront_distribution");
  const distributionName = nameOf(cdn, "aws_cloudfront_distribution");

  test("custom domain: a DNS-validated certificate, aliases, and A/AAAA records to the distribution", () => {
    const cert = nameOf(cdn, "aws_acm_certificate");
    expect(resources(cdn, "aws_acm_certificate")[cert]).toMatchObject({ domain_name: "live.boxing.example.com", validation_method: "DNS" });
    const record = Object.entries(resources(cdn, "aws_route53_record")).find(([, r]) => r.type !== "A" && r.type !== "AAAA")!;
    expect(record[1]).toMatchObject({
      zone_id: "Z0123456789ABCDEFGHIJ",
      name: `\${tolist(aws_acm_certificate.${cert}.domain_validation_options).0.resource_record_name}`,
      type: `\${tolist(aws_acm_certificate.${cert}.domain_validation_options).0.resource_record_type}`,
      records: [`\${tolist(aws_acm_certificate.${cert}.domain_validation_options).0.resource_record_value}`],
    });
    const validation = nameOf(cdn, "aws_acm_certificate_validation");
    expect(resources(cdn, "aws_acm_certificate_validation")[validation]).toMatchObject({
      certificate_arn: ref("aws_acm_certificate", cert, "arn"),
      validation_record_fqdns: [ref("aws_route53_record", record[0], "fqdn")],
    });
    expect(distribution.aliases).toEqual(["live.boxing.example.com"]);
    expect(distribution.viewer_certificate).toEqual({
      acm_certificate_arn: ref("aws_acm_certificate_validation", validation, "certificate_arn"),
      ssl_support_method: "sni-only",
      minimum_protocol_version: "TLSv1.2_2021",
    });
    const aliases = Object.values(resources(cdn, "aws_route53_record")).filter((r) => r.type === "A" || r.type === "AAAA");
    expect(aliases.map((r) => r.type).sort()).toEqual(["A", "AAAA"]);
    for (const r of aliases) {
      expect(r).toMatchObject({
        zone_id: "Z0123456789ABCDEFGHIJ",
        name: "live.boxing.example.com",
        alias: { name: ref("aws_cloudfront_distribution", distributionName, "domain_name"), zone_id: ref("aws_cloudfront_distribution", distributionName, "hosted_zone_id"), evaluate_target_health: false },
      });
    }
  });

  test("playback URLs use the custom domain", () => {
    expect(cdn.output["playback-cmaf-drm-dash"].value).toBe("https://live.boxing.example.com/out/v1/title-fight/live/cmaf-drm/dash.mpd");
  });

  test("geo rules: playback only in the listed countries", () => {
    expect(distribution.restrictions).toEqual({ geo_restriction: { restriction_type: "whitelist", locations: ["CA", "GB", "IE", "US"] } });
  });

  test("WAF: allow-list, deny-list, per-IP rate limit and managed rules, attached to the distribution, blocked requests logged", () => {
    const acl = nameOf(cdn, "aws_wafv2_web_acl");
    const webAcl = resources(cdn, "aws_wafv2_web_acl")[acl];
    expect(webAcl.scope).toBe("CLOUDFRONT");
    expect(distribution.web_acl_id).toBe(ref("aws_wafv2_web_acl", acl, "arn"));
    const ipSet = (name: string) => nameOf(cdn, "aws_wafv2_ip_set", (s) => s.name === name);
    expect(resources(cdn, "aws_wafv2_ip_set")[ipSet("title-fight-global-allow-list")].addresses).toEqual(["198.51.100.0/24"]);
    expect(webAcl.rule.map((r: any) => [r.priority, r.name, r.action ?? r.override_action, r.statement])).toEqual([
      [0, "allow-list", { allow: {} }, { ip_set_reference_statement: { arn: ref("aws_wafv2_ip_set", ipSet("title-fight-global-allow-list"), "arn") } }],
      [1, "deny-list", { block: {} }, { ip_set_reference_statement: { arn: ref("aws_wafv2_ip_set", ipSet("title-fight-global-deny-list"), "arn") } }],
      [2, "rate-limit-per-ip", { block: {} }, { rate_based_statement: { limit: 20000, aggregate_key_type: "IP", evaluation_window_sec: 300 } }],
      [10, "AWSManagedRulesAmazonIpReputationList", { none: {} }, { managed_rule_group_statement: { name: "AWSManagedRulesAmazonIpReputationList", vendor_name: "AWS" } }],
      [11, "AWSManagedRulesKnownBadInputsRuleSet", { none: {} }, { managed_rule_group_statement: { name: "AWSManagedRulesKnownBadInputsRuleSet", vendor_name: "AWS" } }],
      [12, "AWSManagedRulesAnonymousIpList", { none: {} }, { managed_rule_group_statement: { name: "AWSManagedRulesAnonymousIpList", vendor_name: "AWS" } }],
    ]);
    const logGroup = nameOf(cdn, "aws_cloudwatch_log_group", (g) => g.name.startsWith("aws-waf-logs-"));
    expect(only(cdn, "aws_wafv2_web_acl_logging_configuration")).toMatchObject({
      resource_arn: ref("aws_wafv2_web_acl", acl, "arn"),
      log_destination_configs: [ref("aws_cloudwatch_log_group", logGroup, "arn")],
      logging_filter: { default_behavior: "DROP", filter: [{ behavior: "KEEP", requirement: "MEETS_ANY", condition: [{ action_condition: { action: "BLOCK" } }] }] },
    });
  });

  test("signed URLs: the public key from the file, in a key group every playback behaviour trusts", () => {
    const key = nameOf(cdn, "aws_cloudfront_public_key");
    expect(resources(cdn, "aws_cloudfront_public_key")[key].encoded_key).toBe(fs.readFileSync(path.join(ROOT, "config/examples/keys/paywall-2026.pem"), "utf8").trim() + "\n");
    const group = nameOf(cdn, "aws_cloudfront_key_group");
    expect(resources(cdn, "aws_cloudfront_key_group")[group].items).toEqual([ref("aws_cloudfront_public_key", key, "id")]);
    for (const b of [distribution.default_cache_behavior, ...distribution.ordered_cache_behavior]) {
      expect(b.trusted_key_groups).toEqual([ref("aws_cloudfront_key_group", group, "id")]);
    }
  });

  test("DRM: SPEKE v2 keys per endpoint with the encryption each container and DRM system needs", () => {
    const endpoint = (name: string) => Object.values(resources(regional, "awscc_mediapackagev2_origin_endpoint")).find((e) => e.origin_endpoint_name === name);
    const speke = { url: "https://keys.drm-partner.example.com/speke/v2.0", role_arn: "arn:aws:iam::123456789012:role/title-fight-speke" };
    const shared = { encryption_contract_configuration: { preset_speke_20_audio: "SHARED", preset_speke_20_video: "SHARED" } };
    expect(endpoint("ts-fairplay").segment.encryption).toEqual({
      encryption_method: { ts_encryption_method: "SAMPLE_AES" },
      key_rotation_interval_seconds: 3600,
      speke_key_provider: { ...speke, resource_id: "title-fight-ts-fairplay", drm_systems: ["FAIRPLAY"], ...shared },
    });
    expect(endpoint("ts-aes128").segment.encryption).toEqual({
      encryption_method: { ts_encryption_method: "AES_128" },
      speke_key_provider: { ...speke, resource_id: "title-fight-ts-aes128", drm_systems: ["CLEAR_KEY_AES_128"], ...shared },
    });
    expect(endpoint("cmaf-drm").segment.encryption).toEqual({
      encryption_method: { cmaf_encryption_method: "CBCS" },
      speke_key_provider: { ...speke, resource_id: "title-fight-2026", drm_systems: ["FAIRPLAY", "WIDEVINE", "PLAYREADY"], ...shared },
    });
    for (const name of ["ts-fairplay", "ts-aes128", "cmaf-drm"]) {
      expect(endpoint(name).force_endpoint_error_configuration.endpoint_error_conditions).toEqual(["STALE_MANIFEST", "INCOMPLETE_MANIFEST", "SLATE_INPUT", "MISSING_DRM_KEY"]);
    }
  });

  test("Widevine and PlayReady alone use CENC on CMAF", () => {
    const c = example();
    c.packaging.endpoints["cmaf-drm"].encryption.drmSystems = ["WIDEVINE", "PLAYREADY"];
    const stack = synthApp(checkWithKeys(c))["title-fight-us-east-1"];
    const cmaf = Object.values(resources(stack, "awscc_mediapackagev2_origin_endpoint")).find((e) => e.origin_endpoint_name === "cmaf-drm");
    expect(cmaf.segment.encryption.encryption_method).toEqual({ cmaf_encryption_method: "CENC" });
  });
});

describe("an existing certificate and no hosted zone", () => {
  test("uses the certificate as is and creates no DNS records", () => {
    const c = example();
    c.delivery.customDomain = { domainName: "live.boxing.example.com", certificateArn: "arn:aws:acm:us-east-1:123456789012:certificate/0a1b2c3d-4e5f-6789-abcd-ef0123456789" };
    const cdn = synthApp(checkWithKeys(c))["title-fight-cdn"];
    expect(resources(cdn, "aws_acm_certificate")).toEqual({});
    expect(resources(cdn, "aws_route53_record")).toEqual({});
    expect(only(cdn, "aws_cloudfront_distribution").viewer_certificate.acm_certificate_arn).toBe(c.delivery.customDomain.certificateArn);
  });
});

/** Checks a config as if it were the example file (so key paths resolve against config/examples). */
function checkWithKeys(config: unknown) {
  return check(config, EXAMPLE, path.join(ROOT, "config", "examples"));
}

describe("loader rules for protected playback", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "keys-"));
  const { privateKey, publicKey } = crypto.generateKeyPairSync("rsa", { modulusLength: 2048 });
  fs.writeFileSync(path.join(dir, "private.pem"), privateKey.export({ type: "pkcs8", format: "pem" }));
  fs.writeFileSync(path.join(dir, "small.pem"), crypto.generateKeyPairSync("rsa", { modulusLength: 1024 }).publicKey.export({ type: "spki", format: "pem" }));
  fs.writeFileSync(path.join(dir, "garbage.pem"), "not a key\n");
  fs.writeFileSync(path.join(dir, "good.pem"), publicKey.export({ type: "spki", format: "pem" }));
  // The example's own key, where its relative path points from this folder.
  fs.mkdirSync(path.join(dir, "keys"));
  fs.copyFileSync(path.join(ROOT, "config/examples/keys/paywall-2026.pem"), path.join(dir, "keys/paywall-2026.pem"));

  const problemsOf = (change: (c: Record<string, any>) => void): readonly string[] => {
    const c = example();
    change(c);
    try {
      check(c, "ppv.json", dir);
    } catch (err) {
      if (err instanceof ConfigError) return err.problems;
      throw err;
    }
    throw new Error("expected the configuration to be rejected");
  };
  const keys = (publicKeys: Record<string, string>) => (c: Record<string, any>) => (c.delivery.signedUrls = { publicKeys });

  test("refuses a private key, naming the file", () => {
    expect(problemsOf(keys({ paywall: "private.pem" }))).toEqual([
      'ppv.json: /delivery/signedUrls/publicKeys/paywall is a private key (got "private.pem"): CloudFront needs only the public key; keep the private key with the service that signs URLs, never in this repository',
    ]);
  });

  test("refuses a key CloudFront cannot use, and a file that is not a key", () => {
    expect(problemsOf(keys({ small: "small.pem", junk: "garbage.pem", gone: "missing.pem" }))).toEqual([
      'ppv.json: /delivery/signedUrls/publicKeys/small must be an RSA 2048-bit public key, which CloudFront requires (got rsa 1024-bit in "small.pem")',
      'ppv.json: /delivery/signedUrls/publicKeys/junk is not a PEM public key (expected -----BEGIN PUBLIC KEY----- in "garbage.pem")',
      'ppv.json: /delivery/signedUrls/publicKeys/gone names a file that cannot be read (got "missing.pem", resolved against the config file\'s folder)',
    ]);
  });

  test("accepts an RSA 2048-bit public key", () => {
    const c = example();
    c.delivery.signedUrls = { publicKeys: { paywall: "good.pem" } };
    expect(check(c, "ppv.json", dir).publicKeys).toEqual({ paywall: (publicKey.export({ type: "spki", format: "pem" }) as string).trim() + "\n" });
  });

  test("rejects an unknown country code", () => {
    expect(problemsOf((c) => (c.delivery.geoRestriction.countries = ["US", "UK"]))).toEqual([
      'ppv.json: /delivery/geoRestriction/countries/1 is not an ISO 3166-1 alpha-2 country code (got "UK"; for example GB, US, DE)',
    ]);
  });

  test("rejects a certificate outside us-east-1, and a domain with neither zone nor certificate", () => {
    expect(problemsOf((c) => (c.delivery.customDomain = { domainName: "live.example.com", certificateArn: "arn:aws:acm:eu-west-1:123456789012:certificate/0a1b2c3d-4e5f-6789-abcd-ef0123456789" }))).toEqual([
      'ppv.json: /delivery/customDomain/certificateArn is in eu-west-1, but CloudFront uses certificates from us-east-1 only (got "arn:aws:acm:eu-west-1:123456789012:certificate/0a1b2c3d-4e5f-6789-abcd-ef0123456789")',
    ]);
    expect(problemsOf((c) => (c.delivery.customDomain = { domainName: "live.example.com" }))).toEqual([
      "ppv.json: /delivery/customDomain needs hostedZoneId (to create and validate a certificate and the DNS records) or certificateArn (an existing certificate; you create the DNS records)",
    ]);
  });

  test("rejects a CIDR both allowed and denied by the WAF", () => {
    expect(problemsOf((c) => (c.delivery.waf.denyCidrs = ["198.51.100.0/24"]))).toEqual(["ppv.json: /delivery/waf lists 198.51.100.0/24 in both allowCidrs and denyCidrs; keep it in one"]);
  });

  test("rejects DRM combinations MediaPackage v2 does not support", () => {
    expect(
      problemsOf((c) => {
        c.packaging.endpoints["ts-fairplay"].encryption.drmSystems = ["FAIRPLAY", "WIDEVINE"];
        c.packaging.endpoints["cmaf-drm"].encryption = { method: "CLEAR_KEY_AES_128", spekeUrl: "https://k.example.com/v2", roleArn: "arn:aws:iam::123456789012:role/speke" };
      }),
    ).toEqual([
      'ppv.json: /packaging/endpoints/ts-fairplay/encryption/drmSystems must be ["FAIRPLAY"] on a TS endpoint: Widevine and PlayReady protect CMAF only (got ["FAIRPLAY","WIDEVINE"])',
      "ppv.json: /packaging/endpoints/cmaf-drm/encryption/method CLEAR_KEY_AES_128 needs container TS (CMAF endpoints use DRM: method SPEKE with drmSystems) (got container CMAF)",
    ]);
    expect(problemsOf((c) => (c.packaging.endpoints["cmaf-drm"].encryption.drmSystems = ["FAIRPLAY"]))).toEqual([
      "ppv.json: /packaging/endpoints/cmaf-drm/encryption/drmSystems has only FAIRPLAY, which DASH players cannot use; add WIDEVINE or PLAYREADY, or turn off dash for this endpoint",
    ]);
    expect(
      problemsOf((c) => {
        delete c.packaging.endpoints["ts-aes128"].encryption.spekeUrl;
        delete c.packaging.endpoints["ts-fairplay"].encryption.drmSystems;
      }),
    ).toEqual([
      'ppv.json: /packaging/endpoints/ts-fairplay/encryption is missing the key "drmSystems", which method SPEKE needs (FAIRPLAY, WIDEVINE, PLAYREADY)',
      'ppv.json: /packaging/endpoints/ts-aes128/encryption is missing the key "spekeUrl": MediaPackage v2 gets every key, clear-key AES-128 included, from a SPEKE v2 key provider',
    ]);
  });
});
