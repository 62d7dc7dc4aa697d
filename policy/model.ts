// A read-only view of synthesized Terraform JSON, in the shapes cdktf emits: resources and data
// sources under `resource.<type>.<name>` / `data.<type>.<name>` with the construct path in
// `//.metadata.path`, nested blocks as objects or lists, provider configurations as lists, and
// unresolved values as `${...}` expressions. Rules read stacks only through this file.

/** One stack's Terraform JSON (cdktf.out/stacks/<stack>/cdk.tf.json). */
export type TerraformJson = Readonly<Record<string, unknown>>;
type Json = Record<string, unknown>;

/** A resource or data source of one stack. */
export interface Block {
  readonly stack: string;
  readonly kind: "resource" | "data";
  readonly type: string;
  readonly name: string;
  /** The block's attributes as synthesized. */
  readonly body: Readonly<Json>;
  /** The Terraform address inside its stack: `aws_s3_bucket.Delivery_LogBucket_7A7FE0D0`, `data.aws_iam_policy_document.X`. */
  readonly address: string;
  /** The construct path (`demo-live-cdn/Delivery/LogBucket`), or `<stack>/<address>` for hand-written JSON without one. */
  readonly path: string;
}

/** One IAM policy statement, normalized from either aws_iam_policy_document or policy JSON. */
export interface Statement {
  readonly sid?: string;
  readonly effect: "Allow" | "Deny";
  readonly actions: readonly string[];
  readonly notActions: readonly string[];
  readonly resources: readonly string[];
  readonly notResources: readonly string[];
  /** `{ type: "*" }` is the anonymous principal (JSON `"Principal": "*"`). */
  readonly principals: readonly { readonly type: string; readonly identifiers: readonly string[] }[];
  readonly notPrincipals: readonly { readonly type: string; readonly identifiers: readonly string[] }[];
  readonly conditions: readonly { readonly test: string; readonly variable: string; readonly values: readonly string[] }[];
}

/** A policy attribute of a resource, with its statements when they can be read. */
export interface PolicyUse {
  readonly block: Block;
  /** The attribute path inside the resource, e.g. `policy`, `inline_policy.0.policy`. */
  readonly attribute: string;
  /** trust: who may assume a role; identity: what a role may do; resource: who may use a resource. */
  readonly kind: "trust" | "identity" | "resource";
  /** Where the statements come from: `data.aws_iam_policy_document.X` or "inline JSON". */
  readonly source: string;
  /** Undefined when the value is an expression the checker cannot evaluate. */
  readonly statements?: readonly Statement[];
}

const IDENTITY_POLICY_TYPES = new Set(["aws_iam_role_policy", "aws_iam_policy", "aws_iam_user_policy", "aws_iam_group_policy", "aws_iam_role"]);
const POLICY_ATTRIBUTES = new Set(["policy", "assume_role_policy", "policy_document", "access_policies", "resource_policy"]);
const WHOLE_REFERENCE = /^\$\{([a-zA-Z0-9_-]+(?:\.[a-zA-Z0-9_-]+)+)\}$/;

/** True for a value Terraform computes at plan or apply time (`${...}` anywhere in it). */
export function isExpression(value: unknown): boolean {
  return typeof value === "string" && value.includes("${");
}

/** Nested blocks come out as an object (max one) or a list; this always gives a list. */
export function asList(value: unknown): Json[] {
  if (value === undefined || value === null) return [];
  return (Array.isArray(value) ? value : [value]).filter((v): v is Json => typeof v === "object" && v !== null);
}

/** A list attribute's string items (a single string counts as a list of one). */
export function strings(value: unknown): string[] {
  if (typeof value === "string") return [value];
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : [];
}

/** Every stack of a synthesized app, with lookups that follow references inside a stack. */
export class Synthesized {
  public readonly stackNames: readonly string[];
  private readonly blocks: readonly Block[];
  private readonly byAddress = new Map<string, Block>();

  constructor(public readonly stacks: Readonly<Record<string, TerraformJson>>) {
    this.stackNames = Object.keys(stacks).sort();
    const blocks: Block[] = [];
    for (const stack of this.stackNames) {
      for (const kind of ["resource", "data"] as const) {
        const section = (stacks[stack][kind] ?? {}) as Record<string, Record<string, Json>>;
        for (const type of Object.keys(section).sort()) {
          for (const name of Object.keys(section[type]).sort()) {
            const body = section[type][name];
            const address = kind === "data" ? `data.${type}.${name}` : `${type}.${name}`;
            const meta = (body["//"] as { metadata?: { path?: string } } | undefined)?.metadata;
            const block: Block = { stack, kind, type, name, body, address, path: meta?.path ?? `${stack}/${address}` };
            blocks.push(block);
            this.byAddress.set(`${stack} ${address}`, block);
          }
        }
      }
    }
    this.blocks = blocks;
  }

  /** Resources of every stack, by stack then type then name; optionally only one type or a type pattern. */
  public resources(type?: string | RegExp): Block[] {
    return this.blocks.filter((b) => b.kind === "resource" && (type === undefined || (typeof type === "string" ? b.type === type : type.test(b.type))));
  }

  /** The construct path of every resource and data source, for checking that a waiver names something that exists. */
  public paths(): Set<string> {
    return new Set(this.blocks.map((b) => b.path));
  }

  /** The block a `${type.name.attr}` expression points at, in the same stack, with the attribute path. */
  public referenced(stack: string, value: unknown): { block: Block; attribute: string[] } | undefined {
    if (typeof value !== "string") return undefined;
    const m = WHOLE_REFERENCE.exec(value);
    if (!m) return undefined;
    const parts = m[1].split(".");
    const [address, rest] = parts[0] === "data" ? [parts.slice(0, 3).join("."), parts.slice(3)] : [parts.slice(0, 2).join("."), parts.slice(2)];
    const block = this.byAddress.get(`${stack} ${address}`);
    return block ? { block, attribute: rest } : undefined;
  }

  /**
   * The literal a value stands for, following `${type.name.attr}` references inside the stack
   * (e.g. a channel's group name that points at the channel group's `name`). Anything the
   * checker cannot evaluate (computed attributes, functions, other stacks) comes back unchanged.
   */
  public resolve(stack: string, value: unknown, depth = 0): unknown {
    const ref = this.referenced(stack, value);
    if (!ref || depth > 10) return value;
    let target: unknown = ref.block.body;
    for (const key of ref.attribute) {
      if (Array.isArray(target) && /^\d+$/.test(key)) target = target[Number(key)];
      else if (target && typeof target === "object" && !Array.isArray(target)) target = (target as Json)[key];
      else return value;
    }
    return target === undefined ? value : this.resolve(stack, target, depth + 1);
  }

  /** True when `value` is or contains a reference to the given resource (`${type.name.` ...). */
  public pointsAt(value: unknown, target: Block): boolean {
    const prefix = target.kind === "data" ? `data.${target.type}.${target.name}.` : `${target.type}.${target.name}.`;
    return strings(value).some((v) => v.includes(`\${${prefix}`) || v.includes(`(${prefix}`) || v.includes(` ${prefix}`));
  }

  /** The resources of `type` in the target's stack whose `attribute` points at the target (e.g. a bucket's policy). */
  public attachedTo(target: Block, type: string, attribute = "bucket"): Block[] {
    return this.resources(type).filter((b) => b.stack === target.stack && this.pointsAt(b.body[attribute], target));
  }

  /** The provider configuration a resource uses: its `provider` meta-argument, else the unaliased one. */
  public providerOf(block: Block): Json | undefined {
    const [name, alias] = typeof block.body.provider === "string" ? block.body.provider.split(".") : [block.type.split("_")[0], undefined];
    const configs = asList((this.stacks[block.stack].provider as Json | undefined)?.[name]);
    return configs.find((p) => (p.alias as string | undefined) === alias);
  }

  /** Provider configurations of every stack, with a path for findings (`<stack>/provider.aws.us-east-1`). */
  public providers(): { stack: string; name: string; config: Json; path: string }[] {
    return this.stackNames.flatMap((stack) =>
      Object.entries((this.stacks[stack].provider ?? {}) as Record<string, unknown>).flatMap(([name, configs]) =>
        asList(configs).map((config) => ({ stack, name, config, path: `${stack}/provider.${name}${config.alias ? `.${String(config.alias)}` : ""}` })),
      ),
    );
  }

  /** Every IAM policy a resource carries (trust, identity or resource policy), read where possible. */
  public policies(): PolicyUse[] {
    this.policyUses ??= this.readPolicies();
    return this.policyUses;
  }

  private policyUses?: PolicyUse[];

  private readPolicies(): PolicyUse[] {
    const uses: PolicyUse[] = [];
    for (const block of this.resources()) {
      walkStrings(block.body, [], (attrPath, value) => {
        const key = attrPath[attrPath.length - 1];
        if (!POLICY_ATTRIBUTES.has(key)) return;
        const kind = key === "assume_role_policy" ? "trust" : IDENTITY_POLICY_TYPES.has(block.type) ? "identity" : "resource";
        uses.push({ block, attribute: attrPath.join("."), kind, ...this.readPolicy(block.stack, value) });
      });
    }
    return uses;
  }

  private readPolicy(stack: string, value: string): { source: string; statements?: Statement[] } {
    const ref = this.referenced(stack, value);
    if (ref && ref.block.type === "aws_iam_policy_document" && ref.block.kind === "data" && ref.attribute.join(".") === "json") {
      return { source: ref.block.address, statements: this.documentStatements(ref.block) };
    }
    if (isExpression(value)) return { source: "an expression" };
    return { source: "inline JSON", statements: parsePolicyJson(value) };
  }

  /** Statements of an aws_iam_policy_document, including literal source/override documents. */
  private documentStatements(doc: Block): Statement[] | undefined {
    const merged = [...strings(doc.body.source_policy_documents), ...strings(doc.body.override_policy_documents)];
    const extra: Statement[] = [];
    for (const json of merged) {
      const ref = this.referenced(doc.stack, json);
      const statements = ref?.block.type === "aws_iam_policy_document" ? this.documentStatements(ref.block) : isExpression(json) ? undefined : parsePolicyJson(json);
      if (!statements) return undefined;
      extra.push(...statements);
    }
    const own = asList(doc.body.statement).map((s) => ({
      sid: typeof s.sid === "string" ? s.sid : undefined,
      effect: s.effect === "Deny" ? ("Deny" as const) : ("Allow" as const),
      actions: strings(s.actions),
      notActions: strings(s.not_actions),
      resources: strings(s.resources),
      notResources: strings(s.not_resources),
      principals: asList(s.principals).map((p) => ({ type: String(p.type), identifiers: strings(p.identifiers) })),
      notPrincipals: asList(s.not_principals).map((p) => ({ type: String(p.type), identifiers: strings(p.identifiers) })),
      conditions: asList(s.condition).map((c) => ({ test: String(c.test), variable: String(c.variable), values: strings(c.values) })),
    }));
    return [...extra, ...own];
  }
}

/** Parses policy JSON (`{"Statement": [...]}`); undefined when it is not a policy document. */
export function parsePolicyJson(text: string): Statement[] | undefined {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (!doc || typeof doc !== "object" || !("Statement" in doc)) return undefined;
  return asList((doc as Json).Statement).map((s) => ({
    sid: typeof s.Sid === "string" ? s.Sid : undefined,
    effect: s.Effect === "Deny" ? "Deny" : "Allow",
    actions: strings(s.Action),
    notActions: strings(s.NotAction),
    resources: strings(s.Resource),
    notResources: strings(s.NotResource),
    principals: principalsOf(s.Principal),
    notPrincipals: principalsOf(s.NotPrincipal),
    conditions: Object.entries((s.Condition ?? {}) as Record<string, Record<string, unknown>>).flatMap(([test, vars]) =>
      Object.entries(vars).map(([variable, values]) => ({ test, variable, values: strings(values) })),
    ),
  }));
}

function principalsOf(value: unknown): Statement["principals"] {
  if (value === undefined) return [];
  if (value === "*") return [{ type: "*", identifiers: ["*"] }];
  return Object.entries(value as Record<string, unknown>).map(([type, ids]) => ({ type, identifiers: strings(ids) }));
}

/** Calls `visit` with every string in a JSON value and its attribute path (list indexes included). */
export function walkStrings(value: unknown, at: string[], visit: (path: string[], value: string) => void): void {
  if (typeof value === "string") visit(at, value);
  else if (Array.isArray(value)) value.forEach((v, i) => walkStrings(v, [...at, String(i)], visit));
  else if (value && typeof value === "object") {
    for (const [k, v] of Object.entries(value)) if (k !== "//") walkStrings(v, [...at, k], visit);
  }
}

/** True for a principal anyone matches: `"*"`, or `{"AWS": "*"}`. */
export function isAnonymous(p: { readonly type: string; readonly identifiers: readonly string[] }): boolean {
  return p.type === "*" || (p.type === "AWS" && p.identifiers.includes("*"));
}

/** The statement's name in messages: its Sid, or its position. */
export function statementName(s: Statement, index: number): string {
  return s.sid ? `statement "${s.sid}"` : `statement ${index + 1}`;
}
