import type { EventConfig } from "../../config/types";
import { Block, asList, isExpression, walkStrings } from "../model";
import { Rule, Violation, at } from "../rule";
import { AWSCC_TAGS, AWS_TAGGABLE, AWS_UNTAGGABLE } from "../tag-support";

const SECRET_ARN = /^arn:aws[a-z-]*:secretsmanager:[a-z]{2}(-[a-z]+)+-\d:\d{12}:secret:[A-Za-z0-9/_+=.@-]+$/;
/** Attribute names that hold a secret value... */
const SECRET_ATTRIBUTE = /password|passphrase|secret|private_key|access_key|api_key|token/i;
/** ...unless they name where the secret is kept (an ARN, a parameter name, an id) or what kind it is. */
const SECRET_REFERENCE = /(_arns?|_param|_parameter|_name|_id|_type|_stages?)$/;

/** Problems with secrets in a JSON value, one line each naming the attribute; values are never echoed. */
function literalSecrets(value: unknown): string[] {
  const found: string[] = [];
  walkStrings(value, [], (path, text) => {
    const key = [...path].reverse().find((p) => !/^\d+$/.test(p)) ?? "";
    // Tag keys are the config's own words ("SecretLevel" is a tag, not a secret).
    if (text === "" || isExpression(text) || path.some((p) => p === "tags" || p === "default_tags")) return;
    const attribute = path.join(".");
    if (key === "secret_arn") {
      if (!SECRET_ARN.test(text)) found.push(`${attribute} is not a Secrets Manager secret ARN`);
    } else if (SECRET_ATTRIBUTE.test(key) && !SECRET_REFERENCE.test(key)) {
      found.push(`${attribute} holds a literal value (not shown)`);
    }
  });
  return found;
}

/** The tags every resource carries, from the configuration (not from the code that builds the stacks). */
export function requiredTags(config: EventConfig): Record<string, string> {
  return { Event: config.event.name, Environment: config.event.environment, CostCentre: config.event.costCentre };
}

/** How a resource is tagged: its effective tags, or why they cannot be known. */
function effectiveTags(app: Parameters<Rule["check"]>[0], block: Block): { tags?: Record<string, string>; unknownType?: boolean; via: string } | undefined {
  if (block.type.startsWith("awscc_")) {
    const support = AWSCC_TAGS[block.type];
    if (support === undefined) return { unknownType: true, via: "" };
    if (support === "none") return undefined;
    if (isExpression(block.body.tags)) return undefined;
    const tags = Object.fromEntries(asList(block.body.tags).map((t) => [String(t.key), String(t.value)]));
    return { tags, via: "its tags list (the awscc provider has no default tags)" };
  }
  if (block.type.startsWith("aws_")) {
    if (AWS_UNTAGGABLE.has(block.type)) return undefined;
    if (!AWS_TAGGABLE.has(block.type)) return { unknownType: true, via: "" };
    if (isExpression(block.body.tags)) return undefined;
    const provider = app.providerOf(block);
    const defaults = (asList(provider?.default_tags)[0]?.tags ?? {}) as Record<string, string>;
    const name = typeof block.body.provider === "string" ? block.body.provider : "aws";
    return { tags: { ...defaults, ...((block.body.tags ?? {}) as Record<string, string>) }, via: `default_tags of provider ${name} or its own tags` };
  }
  return undefined;
}

export const dataRules: Rule[] = [
  {
    id: "sns-encrypted",
    rationale: "Alarm notifications name the event's resources and people; SNS topics are encrypted at rest with KMS.",
    check: (app) =>
      app
        .resources("aws_sns_topic")
        .filter((t) => typeof t.body.kms_master_key_id !== "string" || t.body.kms_master_key_id === "")
        .map((t) => at(t, `has no kms_master_key_id; encrypt it with a customer-managed KMS key (CloudWatch alarms cannot publish to a topic under alias/aws/sns)`)),
  },
  {
    id: "secrets-by-reference",
    rationale: "Secrets live in Secrets Manager (or SSM SecureString) and reach resources as ARNs or parameter names, never as values in the synthesized JSON.",
    check: (app) => {
      const out: Violation[] = [];
      for (const block of app.resources()) {
        for (const problem of literalSecrets(block.body)) out.push(at(block, `${problem}; keep secrets in Secrets Manager and pass the ARN`));
        if (block.type === "aws_ssm_parameter" && block.body.type === "SecureString" && typeof block.body.value === "string" && !isExpression(block.body.value)) {
          out.push(at(block, `is a SecureString with a literal value (not shown); create the parameter outside Terraform and refer to it by name`));
        }
      }
      for (const p of app.providers()) {
        for (const problem of literalSecrets(p.config)) {
          out.push({ stack: p.stack, resource: p.path, address: `provider.${p.name}`, message: `${problem}; use the provider's credential chain (environment, profile, role), never credentials in code`, severity: "error" });
        }
      }
      return out;
    },
  },
  {
    id: "tags-required",
    rationale: "Every resource says which event, environment and cost centre it belongs to, so cost reports and clean-up find all of it.",
    check: (app, config) => {
      const required = requiredTags(config);
      const out: Violation[] = [];
      for (const block of app.resources()) {
        const tagging = effectiveTags(app, block);
        if (!tagging) continue;
        if (tagging.unknownType) {
          out.push(at(block, `is a resource type the tagging rule does not know; add ${block.type} to policy/tag-support.ts with whether it takes tags`));
          continue;
        }
        const problems = Object.entries(required)
          .filter(([k, v]) => tagging.tags![k] !== v)
          .map(([k, v]) => (tagging.tags![k] === undefined ? `no ${k} tag (expected ${JSON.stringify(v)})` : `${k} is ${JSON.stringify(tagging.tags![k])} (expected ${JSON.stringify(v)})`));
        if (problems.length > 0) out.push(at(block, `is not tagged for this event: ${problems.join(", ")}; tag it through ${tagging.via}`));
      }
      return out;
    },
  },
];
