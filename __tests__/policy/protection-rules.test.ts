import { RULES } from "../../policy";
import { Synthesized } from "../../policy/model";
import { StackJson, load, nameOf, synthApp } from "../support/project";

// The content-protection rules fire on one broken thing in the protected example's own output
// and stay silent on what we synthesize.
const loaded = load("config/examples/protected-playback.json");
const ours = synthApp(loaded);
const CDN = "title-fight-cdn";
const REGIONAL = "title-fight-us-east-1";

function run(id: string, stacks: Record<string, StackJson>): string[] {
  const rule = RULES.find((r) => r.id === id)!;
  return rule.check(new Synthesized(stacks), loaded.config).map((v) => `${v.severity} ${v.resource}: ${v.message}`);
}

describe.each(["no-private-key-material", "waf-logging", "drm-key-provider-https"])("%s", (id) => {
  test("is silent on the protected example", () => {
    expect(run(id, ours)).toEqual([]);
  });
});

test("no-private-key-material fires on a private key in a public key resource", () => {
  const broken = structuredClone(ours);
  const key = nameOf(broken[CDN], "aws_cloudfront_public_key");
  broken[CDN].resource.aws_cloudfront_public_key[key].encoded_key = "-----BEGIN PRIVATE KEY-----\nMIIE\n-----END PRIVATE KEY-----\n";
  expect(run("no-private-key-material", broken)).toEqual([
    "error title-fight-cdn/Delivery/SignedUrls/Key-paywall-2026: encoded_key holds private key material (not shown); give CloudFront the public key only and keep the private key with the signing service",
    "error title-fight-cdn/Delivery/SignedUrls/Key-paywall-2026: encoded_key is not a PEM public key (-----BEGIN PUBLIC KEY-----)",
  ]);
});

test("waf-logging fires on a web ACL without logging", () => {
  const broken = structuredClone(ours);
  delete broken[CDN].resource.aws_wafv2_web_acl_logging_configuration;
  expect(run("waf-logging", broken)).toEqual(["error title-fight-cdn/Delivery/Firewall/Resource: has no aws_wafv2_web_acl_logging_configuration; log at least the blocked requests"]);
});

test("drm-key-provider-https fires on a plain-HTTP key provider", () => {
  const broken = structuredClone(ours);
  const endpoints = broken[REGIONAL].resource.awscc_mediapackagev2_origin_endpoint;
  const name = Object.keys(endpoints).find((n) => endpoints[n].origin_endpoint_name === "cmaf-drm")!;
  endpoints[name].segment.encryption.speke_key_provider.url = "http://keys.example.com/speke";
  expect(run("drm-key-provider-https", broken)).toEqual([
    'error title-fight-us-east-1/Packager/Endpoint-cmaf-drm: segment.encryption.speke_key_provider.url is not https:// (got "http://keys.example.com/speke"); key providers must be reached over TLS',
  ]);
});
