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

  // What the CDN and the packager build from these props is in __tests__/modules/delivery and
  // __tests__/modules/packager; here, what the stacks feed them from the example.
  test("custom domain: a certificate validated in the example's zone, the alias, and the playback URLs on it", () => {
    const cert = nameOf(cdn, "aws_acm_certificate");
    expect(resources(cdn, "aws_acm_certificate")[cert]).toMatchObject({ domain_name: "live.boxing.example.com", validation_method: "DNS" });
    expect(Object.values(resources(cdn, "aws_route53_record")).map((r) => r.zone_id)).toEqual(["Z0123456789ABCDEFGHIJ", "Z0123456789ABCDEFGHIJ", "Z0123456789ABCDEFGHIJ"]);
    expect(distribution.aliases).toEqual(["live.boxing.example.com"]);
    expect(distribution.viewer_certificate.acm_certificate_arn).toBe(ref("aws_acm_certificate_validation", nameOf(cdn, "aws_acm_certificate_validation"), "certificate_arn"));
    expect(cdn.output["playback-cmaf-drm-dash"].value).toBe("https://live.boxing.example.com/out/v1/title-fight/live/cmaf-drm/dash.mpd");
  });

  test("geo rules and the WAF settings reach the distribution", () => {
    expect(distribution.restrictions).toEqual({ geo_restriction: { restriction_type: "whitelist", locations: ["CA", "GB", "IE", "US"] } });
    const acl = nameOf(cdn, "aws_wafv2_web_acl");
    expect(distribution.web_acl_id).toBe(ref("aws_wafv2_web_acl", acl, "arn"));
    expect(resources(cdn, "aws_wafv2_web_acl")[acl].rule.map((r: any) => r.name)).toEqual([
      "allow-list",
      "deny-list",
      "rate-limit-per-ip",
      "AWSManagedRulesAmazonIpReputationList",
      "AWSManagedRulesKnownBadInputsRuleSet",
      "AWSManagedRulesAnonymousIpList",
    ]);
  });

  test("signed URLs: the public key read from the file, in the key group the playback behaviours trust", () => {
    const key = nameOf(cdn, "aws_cloudfront_public_key");
    expect(resources(cdn, "aws_cloudfront_public_key")[key].encoded_key).toBe(fs.readFileSync(path.join(ROOT, "config/examples/keys/paywall-2026.pem"), "utf8").trim() + "\n");
    expect(distribution.default_cache_behavior.trusted_key_groups).toEqual([ref("aws_cloudfront_key_group", nameOf(cdn, "aws_cloudfront_key_group"), "id")]);
  });

  test("DRM: each endpoint's encryption reaches the packager in the region", () => {
    const endpoints = Object.values(resources(regional, "awscc_mediapackagev2_origin_endpoint"));
    expect(Object.fromEntries(endpoints.map((e) => [e.origin_endpoint_name, e.segment.encryption?.speke_key_provider.drm_systems]))).toEqual({
      "ts-fairplay": ["FAIRPLAY"],
      "ts-aes128": ["CLEAR_KEY_AES_128"],
      "cmaf-drm": ["FAIRPLAY", "WIDEVINE", "PLAYREADY"],
    });
  });
});

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
