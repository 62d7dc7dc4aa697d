import type { DataAwsIamPolicyDocumentStatement } from "@cdktf/provider-aws/lib/data-aws-iam-policy-document";
import catalog from "./requirements.json";

/**
 * The access catalog (requirements.json, schema beside it): for each AWS service that acts on our
 * behalf, what it must be allowed to do, when, why, and the AWS pages that say so. The roles are
 * generated from it, so a permission exists only with its reason; a test checks every shipped
 * configuration's roles against it.
 */

/** When a requirement applies. */
export type AccessFeature = "always" | "mediaconnectInput" | "pullPassword" | "s3Source" | "secret";
export type AccessPrincipal = "medialive" | "mediaconnect";

export interface CatalogAction {
  readonly action: string;
  readonly resourceType: string;
  /** False when only Resource "*" works (the statement then needs a policy waiver). */
  readonly resourceLevel: boolean;
  readonly reference: string;
}

export interface AccessRequirement {
  readonly id: string;
  readonly principal: AccessPrincipal;
  readonly feature: AccessFeature;
  readonly sid: string;
  readonly why: string;
  readonly docs: readonly string[];
  readonly actions: readonly CatalogAction[];
  /** ARN templates: `{partition}`, `{region}`, `{account}` and the requirement's own placeholders. */
  readonly resources: readonly string[];
}

export const ACCESS_PRINCIPALS: Readonly<Record<AccessPrincipal, { readonly service: string; readonly role: string; readonly doc: string }>> = catalog.principals;
export const ACCESS_REQUIREMENTS: readonly AccessRequirement[] = catalog.requirements as AccessRequirement[];
export const RESOURCE_POLICY_REQUIREMENTS: readonly { readonly id: string; readonly principal: string; readonly sid: string; readonly actions: readonly CatalogAction[] }[] =
  catalog.resourcePolicies;

/** What the ARN templates are filled with. Lists (buckets, objects) give one resource each. */
export interface AccessValues {
  readonly partition: string;
  readonly region: string;
  readonly account: string;
  readonly [placeholder: string]: string | readonly string[] | undefined;
}

/** The requirements of one principal that apply with the given features, in catalog order. */
export function requirementsFor(principal: AccessPrincipal, features: ReadonlySet<AccessFeature>): AccessRequirement[] {
  return ACCESS_REQUIREMENTS.filter((r) => r.principal === principal && (r.feature === "always" || features.has(r.feature)));
}

/** Policy statements for one principal: one per applicable requirement, resources filled in. */
export function accessStatements(principal: AccessPrincipal, features: ReadonlySet<AccessFeature>, values: AccessValues): DataAwsIamPolicyDocumentStatement[] {
  return requirementsFor(principal, features).map((r) => ({
    sid: r.sid,
    actions: r.actions.map((a) => a.action),
    // An action without resource-level permissions works only on "*" (and needs a policy waiver).
    resources: r.actions.every((a) => a.resourceLevel) ? r.resources.flatMap((t) => fill(t, values, r.id)) : ["*"],
  }));
}

function fill(template: string, values: AccessValues, id: string): string[] {
  let out = [""];
  // Split into literal text and {placeholders}; a list placeholder multiplies the results.
  for (const part of template.split(/(\{[A-Za-z]+\})/)) {
    const name = /^\{([A-Za-z]+)\}$/.exec(part)?.[1];
    if (!name) {
      out = out.map((o) => o + part);
      continue;
    }
    const value = values[name];
    if (value === undefined || (Array.isArray(value) && value.length === 0)) throw new Error(`access requirement ${id}: no value for {${name}}`);
    const list: readonly string[] = typeof value === "string" ? [value] : value;
    out = out.flatMap((o) => list.map((v) => o + v));
  }
  return [...new Set(out)];
}

/** `s3ssl://bucket/key` → bucket and `bucket/key`; other URLs give nothing. */
export function s3Location(url: string): { bucket: string; object: string } | undefined {
  const m = /^s3ssl:\/\/([^/]+)\/(.+)$/.exec(url);
  return m ? { bucket: m[1], object: `${m[1]}/${m[2]}` } : undefined;
}
