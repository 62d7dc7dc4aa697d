import { isExpression, walkStrings } from "../model";
import { Rule, Violation, at } from "../rule";

const PRIVATE_KEY = /-----BEGIN [A-Z ]*PRIVATE KEY-----/;

/** Rules for the content-protection options: signing keys, the web firewall, DRM key providers. */
export const protectionRules: Rule[] = [
  {
    id: "no-private-key-material",
    rationale: "Only public keys belong in configuration and state; a private signing key in the output lets anyone who reads the state mint playback URLs.",
    check: (app) => {
      const out: Violation[] = [];
      for (const block of app.resources()) {
        walkStrings(block.body, [], (path, text) => {
          if (PRIVATE_KEY.test(text)) out.push(at(block, `${path.join(".")} holds private key material (not shown); give CloudFront the public key only and keep the private key with the signing service`));
        });
        if (block.type === "aws_cloudfront_public_key") {
          const key = block.body.encoded_key;
          if (typeof key === "string" && !isExpression(key) && !key.includes("-----BEGIN PUBLIC KEY-----")) {
            out.push(at(block, `encoded_key is not a PEM public key (-----BEGIN PUBLIC KEY-----)`));
          }
        }
      }
      return out;
    },
  },
  {
    id: "waf-logging",
    rationale: "A web ACL whose blocked requests are not logged cannot tell an attack from a misconfigured rate limit during the event.",
    check: (app) =>
      app
        .resources("aws_wafv2_web_acl")
        .filter((acl) => app.attachedTo(acl, "aws_wafv2_web_acl_logging_configuration", "resource_arn").length === 0)
        .map((acl) => at(acl, `has no aws_wafv2_web_acl_logging_configuration; log at least the blocked requests`)),
  },
  {
    id: "drm-key-provider-https",
    rationale: "Content keys travel from the SPEKE key provider to MediaPackage; a plain-HTTP key provider exposes them.",
    check: (app) => {
      const out: Violation[] = [];
      for (const endpoint of app.resources("awscc_mediapackagev2_origin_endpoint")) {
        const segment = endpoint.body.segment as { encryption?: { speke_key_provider?: { url?: unknown } } } | undefined;
        const url = segment?.encryption?.speke_key_provider?.url;
        if (typeof url === "string" && !isExpression(url) && !url.startsWith("https://")) {
          out.push(at(endpoint, `segment.encryption.speke_key_provider.url is not https:// (got ${JSON.stringify(url)}); key providers must be reached over TLS`));
        }
      }
      return out;
    },
  },
];
