import { PolicyUse, Statement, isAnonymous, statementName } from "../model";
import { Rule, Violation, at } from "../rule";

/** MediaPackage v2 channel and endpoint policies: their own, stricter rule (mediapackage-policy-not-public). */
export const MEDIAPACKAGE_POLICY_TYPES = new Set(["awscc_mediapackagev2_channel_policy", "awscc_mediapackagev2_origin_endpoint_policy"]);
/**
 * Key policies are left to KMS: a key serves only requests for data encrypted with it, and the
 * statements AWS documents for services that publish to encrypted topics carry no source condition.
 */
const KEY_POLICY_TYPES = new Set(["aws_kms_key", "aws_kms_key_policy", "aws_kms_replica_key"]);
/** Condition keys that tie a service principal to our own resource or account (confused-deputy protection). */
const SOURCE_KEYS = new Set(["aws:sourcearn", "aws:sourceaccount", "aws:sourceorgid", "aws:sourceowner"]);

/** Where a statement sits, for messages: `policy (data.aws_iam_policy_document.X), statement "Sid"`. */
function where(use: PolicyUse, s: Statement, i: number): string {
  return `${use.attribute} (${use.source}), ${statementName(s, i)}`;
}

/** Runs `check` over every readable Allow statement of the policies `filter` selects. */
function allowStatements(uses: PolicyUse[], filter: (u: PolicyUse) => boolean, check: (use: PolicyUse, s: Statement, i: number) => string | undefined): Violation[] {
  const out: Violation[] = [];
  for (const use of uses.filter(filter)) {
    use.statements?.forEach((s, i) => {
      if (s.effect !== "Allow") return;
      const problem = check(use, s, i);
      if (problem) out.push(at(use.block, `${where(use, s, i)} ${problem}`));
    });
  }
  return out;
}

export const iamRules: Rule[] = [
  {
    id: "iam-no-wildcard-action",
    rationale: "An Allow with a wildcard action grants actions nobody reviewed, including ones AWS adds later.",
    check: (app) =>
      allowStatements(app.policies(), () => true, (_use, s) => {
        if (s.notActions.length > 0) return `allows every action except ${s.notActions.map((a) => JSON.stringify(a)).join(", ")} (NotAction); list the actions it needs`;
        const wild = s.actions.filter((a) => a.includes("*"));
        return wild.length > 0 ? `allows ${wild.map((a) => JSON.stringify(a)).join(", ")}; list the actions it needs` : undefined;
      }),
  },
  {
    id: "iam-no-wildcard-resource",
    rationale: "A role's permissions name the resources they are for; Resource \"*\" reaches every resource of the account.",
    check: (app) =>
      allowStatements(app.policies(), (u) => u.kind === "identity", (_use, s) => {
        if (s.notResources.length > 0) return `applies to every resource except ${s.notResources.map((r) => JSON.stringify(r)).join(", ")} (NotResource); name the resources`;
        return s.resources.includes("*") ? `applies to Resource "*"; name the resources (an ARN pattern is fine)` : undefined;
      }),
  },
  {
    id: "iam-no-public-principal",
    rationale: "A policy that admits the principal \"*\" lets anyone on the internet use the resource or assume the role.",
    check: (app) =>
      allowStatements(app.policies(), (u) => u.kind !== "identity" && !MEDIAPACKAGE_POLICY_TYPES.has(u.block.type), (_use, s) => {
        if (s.notPrincipals.length > 0) return `admits everyone except the listed principals (NotPrincipal); name the principals`;
        return s.principals.some(isAnonymous) ? `admits the principal "*" (anyone); name the principals` : undefined;
      }),
  },
  {
    id: "iam-service-principal-scoped",
    rationale: "A resource policy that admits an AWS service without aws:SourceArn/aws:SourceAccount lets any customer of that service use our resource (confused deputy); KMS key policies excepted.",
    check: (app) =>
      allowStatements(app.policies(), (u) => u.kind === "resource" && !KEY_POLICY_TYPES.has(u.block.type), (_use, s) => {
        const services = s.principals.filter((p) => p.type === "Service").flatMap((p) => p.identifiers);
        if (services.length === 0) return undefined;
        const scoped = s.conditions.some((c) => SOURCE_KEYS.has(c.variable.toLowerCase()) && c.values.length > 0 && !c.values.includes("*") && c.test !== "Null");
        return scoped ? undefined : `admits ${services.join(", ")} without an aws:SourceArn or aws:SourceAccount condition; add one naming our resource or account`;
      }),
  },
  {
    id: "iam-policy-readable",
    rationale: "A policy the checker cannot read is a policy nobody checked; build policies with aws_iam_policy_document.",
    check: (app) =>
      app
        .policies()
        .filter((u) => u.statements === undefined)
        .map((u) => {
          const what =
            u.source === "an expression"
              ? "is an expression the policy pack cannot evaluate"
              : u.source === "inline JSON"
                ? "is not a policy document (JSON with a Statement)"
                : `(${u.source}) merges documents the policy pack cannot evaluate`;
          return at(u.block, `${u.attribute} ${what}; build it with an aws_iam_policy_document data source in the same stack`);
        }),
  },
];
