import { Block, Statement, Synthesized, isAnonymous, isExpression, statementName } from "../model";
import { Rule, Violation, at } from "../rule";
import { MEDIAPACKAGE_POLICY_TYPES } from "./iam";

/** What each MediaPackage v2 policy may grant: endpoints are read, channels are pushed to. */
const ALLOWED_ACTIONS: Readonly<Record<string, readonly string[]>> = {
  awscc_mediapackagev2_origin_endpoint_policy: ["mediapackagev2:GetObject", "mediapackagev2:GetHeadObject"],
  awscc_mediapackagev2_channel_policy: ["mediapackagev2:PutObject"],
};
/** A distribution's ARN: a reference to one we create, or a literal distribution ARN. */
const DISTRIBUTION_ARN = /^(\$\{aws_cloudfront_distribution\.[A-Za-z0-9_-]+\.arn\}|arn:aws[a-z-]*:cloudfront::\d{12}:distribution\/[A-Z0-9]+)$/;

/** Region, channel group, channel and endpoint name of an endpoint or endpoint policy; undefined parts are computed. */
function endpointKey(app: Synthesized, block: Block): (string | undefined)[] {
  const literal = (v: unknown) => {
    const resolved = app.resolve(block.stack, v);
    return typeof resolved === "string" && !isExpression(resolved) ? resolved : undefined;
  };
  const region = literal(app.providerOf(block)?.region);
  return [region, literal(block.body.channel_group_name), literal(block.body.channel_name), literal(block.body.origin_endpoint_name)];
}

/** Two keys match when every part both sides know is equal. */
function sameEndpoint(a: (string | undefined)[], b: (string | undefined)[]): boolean {
  return a.every((part, i) => part === undefined || b[i] === undefined || part === b[i]);
}

/** True when the statement lets CloudFront read only on behalf of a named distribution. */
function admitsOnlyADistribution(s: Statement): boolean {
  const cloudFrontOnly = s.principals.length > 0 && s.principals.every((p) => p.type === "Service" && p.identifiers.every((id) => id === "cloudfront.amazonaws.com"));
  const sourceArn = s.conditions.find((c) => c.variable.toLowerCase() === "aws:sourcearn" && ["StringEquals", "ArnEquals"].includes(c.test));
  return cloudFrontOnly && sourceArn !== undefined && sourceArn.values.length > 0 && sourceArn.values.every((v) => DISTRIBUTION_ARN.test(v));
}

export const mediapackageRules: Rule[] = [
  {
    id: "mediapackage-policy-not-public",
    rationale: "MediaPackage v2 policies decide who may push into and read from the packager; they must name principals and grant only push (channel) or read (endpoint).",
    check: (app) => {
      const out: Violation[] = [];
      for (const use of app.policies().filter((u) => MEDIAPACKAGE_POLICY_TYPES.has(u.block.type))) {
        use.statements?.forEach((s, i) => {
          if (s.effect !== "Allow") return;
          const name = `${use.attribute} (${use.source}), ${statementName(s, i)}`;
          if (s.principals.some(isAnonymous) || s.notPrincipals.length > 0 || s.principals.length === 0) {
            out.push(at(use.block, `${name} admits anyone; name the MediaLive role (channel) or CloudFront with aws:SourceArn (endpoint)`));
          }
          const allowed = ALLOWED_ACTIONS[use.block.type];
          const extra = [...s.actions.filter((a) => !allowed.includes(a)), ...s.notActions.map((a) => `NotAction ${a}`)];
          if (extra.length > 0) out.push(at(use.block, `${name} grants ${extra.map((a) => JSON.stringify(a)).join(", ")}; this policy may grant only ${allowed.join(", ")}`));
        });
      }
      return out;
    },
  },
  {
    id: "mediapackage-endpoint-cdn-only",
    rationale: "Viewers reach the packager only through our CDN: every origin endpoint has a policy that lets CloudFront read for one named distribution.",
    check: (app) => {
      const policies = app.resources("awscc_mediapackagev2_origin_endpoint_policy").map((p) => ({ block: p, key: endpointKey(app, p) }));
      const statementsOf = new Map(app.policies().filter((u) => u.block.type === "awscc_mediapackagev2_origin_endpoint_policy").map((u) => [u.block, u.statements]));
      return app.resources("awscc_mediapackagev2_origin_endpoint").flatMap((endpoint) => {
        const key = endpointKey(app, endpoint);
        const mine = policies.filter((p) => sameEndpoint(key, p.key));
        if (mine.length === 0) {
          return [at(endpoint, `has no endpoint policy in any stack; add an awscc_mediapackagev2_origin_endpoint_policy that lets cloudfront.amazonaws.com read with aws:SourceArn set to the distribution`)];
        }
        const scoped = mine.some((p) => (statementsOf.get(p.block) ?? []).some((s) => s.effect === "Allow" && admitsOnlyADistribution(s)));
        return scoped ? [] : [at(endpoint, `has an endpoint policy (${mine.map((p) => p.block.path).join(", ")}) that does not limit reads to CloudFront for one distribution (aws:SourceArn); the endpoint must be reachable only through the CDN`)];
      });
    },
  },
];
