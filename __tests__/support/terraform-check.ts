import { spawn, spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { SchemaAttribute, awsccResourceSchemas } from "./awscc-schema";
import type { StackJson } from "./project";

/**
 * The Terraform check: `terraform init` and `plan -refresh=false` (which validates) of synthesized
 * stacks against the real hashicorp/aws provider, offline, with mock credentials.
 *
 * The awscc provider cannot be installed here, so its resources are replaced by `terraform_data`
 * stand-ins whose `input` carries the configured attributes plus schema-typed values for the
 * computed ones: every reference into an awscc resource still resolves, and everything that
 * depends on it is validated and planned for real. (The awscc blocks themselves are checked
 * against the provider schema by checkAwsccBlocks.) Cross-stack remote-state outputs become
 * stand-ins too, and the backend is dropped so the plan runs on local, empty state.
 *
 * Data sources that call AWS APIs (STS for the caller identity, EC2 for Availability Zones) cannot
 * be read with mock credentials; they become terraform_data stand-ins holding what AWS would
 * answer (account 123456789012; zones a, b and c of the data source's region), and their
 * postconditions are kept, evaluated against the stand-in. aws_partition is computed by the
 * provider from its region, without a call, so it stays real.
 */

/** Environment variable naming the filesystem mirror that holds registry.terraform.io/hashicorp/aws. */
export const MIRROR_ENV = "TF_PROVIDER_MIRROR";

/** Why the check cannot run here, or undefined when it can. */
export function terraformCheckSkipReason(): string | undefined {
  const mirror = process.env[MIRROR_ENV];
  if (!mirror) return `${MIRROR_ENV} is not set (point it at a provider mirror holding hashicorp/aws 5.100.0)`;
  if (!fs.existsSync(path.join(mirror, "registry.terraform.io", "hashicorp", "aws"))) return `${MIRROR_ENV}=${mirror} holds no registry.terraform.io/hashicorp/aws`;
  if (spawnSync("terraform", ["version"], { env: terraformEnv("/dev/null") }).error) return "terraform is not on PATH";
  return undefined;
}

const REMOTE_STATE = /data\.terraform_remote_state\.([A-Za-z0-9_-]+)\.outputs\.([A-Za-z0-9_-]+)/g;
const AWSCC_REFERENCE = /\b(awscc_[a-z0-9_]+)\.([A-Za-z0-9_-]+)/g;
/** The account id every stand-in answers with (AWS's documentation example account). */
export const STAND_IN_ACCOUNT_ID = "123456789012";
/** Data sources read through an AWS API, and what their stand-ins hold, given the data source's region. */
const API_DATA_SOURCES: Record<string, (region: string) => Record<string, unknown>> = {
  aws_caller_identity: () => ({ id: STAND_IN_ACCOUNT_ID, account_id: STAND_IN_ACCOUNT_ID, arn: `arn:aws:iam::${STAND_IN_ACCOUNT_ID}:user/stand-in`, user_id: "AIDASTANDIN" }),
  aws_availability_zones: (region) => ({ id: region, names: ["a", "b", "c"].map((l) => `${region}${l}`), zone_ids: ["az1", "az2", "az3"].map((z) => `${region.replace(/-/g, "")}-${z}`) }),
};
const API_DATA_REFERENCE = new RegExp(`\\bdata\\.(${Object.keys(API_DATA_SOURCES).join("|")})\\.([A-Za-z0-9_-]+)`, "g");

/** The stand-in stack: pure, exported so the transformation itself is tested. */
export function standInStack(stack: StackJson): StackJson {
  const out: StackJson = standInTerraformCloud(structuredClone(stack));
  const schemas = awsccResourceSchemas();

  // Terraform settings: local state, no awscc.
  delete out.terraform?.backend;
  delete out.terraform?.cloud;
  delete out.terraform?.required_providers?.awscc;
  delete out.provider?.awscc;
  for (const aws of [out.provider?.aws ?? []].flat()) {
    Object.assign(aws, {
      access_key: "mock-access-key",
      secret_key: "mock-secret-key",
      skip_credentials_validation: true,
      skip_requesting_account_id: true,
      skip_metadata_api_check: true,
    });
  }

  const standIns: Record<string, unknown> = {};
  // awscc resources → terraform_data with configured values, and typed values for the computed
  // attributes the stack reads (every one, where an expression reads the whole resource): a
  // computed attribute nothing reads only gave the plan more to carry (a tenth of its CPU).
  const read = computedReads(out);
  for (const [type, blocks] of Object.entries(out.resource ?? {})) {
    if (!type.startsWith("awscc_")) continue;
    const attributes = schemas[type]?.block.attributes;
    if (!attributes) throw new Error(`no awscc schema for ${type}`);
    for (const [name, block] of Object.entries(blocks as Record<string, Record<string, unknown>>)) {
      const { provider: _provider, depends_on, lifecycle, "//": _meta, ...config } = block;
      standIns[`${type}__${name}`] = {
        input: withComputed(config, attributes, read.get(`${type}.${name}`) ?? new Set<string>()),
        ...(depends_on ? { depends_on } : {}),
        ...(lifecycle ? { lifecycle } : {}),
      };
    }
    delete out.resource[type];
  }

  // Data sources that call AWS → terraform_data with what AWS would answer in the provider's region.
  const providerRegion = (ref: unknown): string => {
    const alias = typeof ref === "string" ? ref.split(".")[1] : undefined;
    const aws = [out.provider?.aws ?? []].flat().find((p: Record<string, unknown>) => p.alias === alias);
    return String(aws?.region ?? "us-east-1");
  };
  for (const type of Object.keys(API_DATA_SOURCES)) {
    for (const [name, block] of Object.entries((out.data?.[type] ?? {}) as Record<string, Record<string, any>>)) {
      const postconditions = block.lifecycle?.postcondition as { condition: string }[] | undefined;
      standIns[`data_${type}__${name}`] = {
        input: API_DATA_SOURCES[type](providerRegion(block.provider)),
        ...(block.depends_on ? { depends_on: block.depends_on } : {}),
        // `self` is the data source; on the stand-in, its attributes are under `input`, which (unlike
        // `output`) is known while planning, so the postcondition is evaluated by the plan.
        ...(postconditions ? { lifecycle: { postcondition: postconditions.map((p) => ({ ...p, condition: p.condition.replace(/\bself\./g, "self.input.") })) } } : {}),
      };
    }
    if (out.data) delete out.data[type];
  }

  // Remote state → terraform_data whose outputs are the referenced names; awscc references → the
  // stand-ins' output. One rewrite for the whole document, stand-ins included.
  const remoteOutputs: Record<string, Record<string, string>> = {};
  // Only expressions and depends_on entries hold references; literal values are left alone.
  const rewrite = (s: string) =>
    !s.includes("${") && !/^(awscc_|data\.)/.test(s)
      ? s
      : s
          .replace(REMOTE_STATE, (_m, source: string, output: string) => {
            (remoteOutputs[source] ??= {})[output] = stubString(output);
            return `terraform_data.remote_state__${source}.output.${output}`;
          })
          .replace(AWSCC_REFERENCE, (_m, type: string, name: string) => `terraform_data.${type}__${name}.output`)
          .replace(API_DATA_REFERENCE, (_m, type: string, name: string) => `terraform_data.data_${type}__${name}.output`);
  const rewritten = mapStrings(out, rewrite);
  // depends_on entries name resources, not attributes.
  const fixDependsOn = (list: unknown) =>
    Array.isArray(list) ? list.map((d) => String(d).replace(/^terraform_data\.((?:data_)?a[a-z0-9_]+__[A-Za-z0-9_-]+)\.output$/, "terraform_data.$1")) : list;
  for (const blocks of Object.values(rewritten.resource ?? {})) {
    for (const block of Object.values(blocks as Record<string, Record<string, unknown>>)) {
      if (block.depends_on) block.depends_on = fixDependsOn(block.depends_on);
    }
  }
  const renamedStandIns = mapStrings(standIns, rewrite) as Record<string, Record<string, unknown>>;
  for (const block of Object.values(renamedStandIns)) if (block.depends_on) block.depends_on = fixDependsOn(block.depends_on);

  delete rewritten.data?.terraform_remote_state;
  if (rewritten.data && Object.keys(rewritten.data).length === 0) delete rewritten.data;
  for (const [source, outputs] of Object.entries(remoteOutputs)) renamedStandIns[`remote_state__${source}`] = { input: outputs };
  if (Object.keys(renamedStandIns).length > 0) {
    rewritten.resource ??= {};
    rewritten.resource.terraform_data = { ...(rewritten.resource.terraform_data ?? {}), ...renamedStandIns };
  }
  return rewritten;
}

/**
 * The tfe provider is not in the mirror either: its resources and data sources become
 * `terraform_data` stand-ins carrying their configured values plus a stub `id` (the only
 * attribute the project reads from them), and references to them read the stand-ins' output.
 * What the tfe blocks say is asserted by construct tests.
 */
const TFE_REFERENCE = /\b(data\.)?(tfe_[a-z0-9_]+)\.([A-Za-z0-9_-]+)\b/g;

function standInTerraformCloud(stack: StackJson): StackJson {
  delete stack.terraform?.required_providers?.tfe;
  delete stack.provider?.tfe;
  const standIns: Record<string, unknown> = {};
  for (const kind of ["resource", "data"] as const) {
    for (const [type, blocks] of Object.entries(stack[kind] ?? {})) {
      if (!type.startsWith("tfe_")) continue;
      for (const [name, block] of Object.entries(blocks as Record<string, Record<string, unknown>>)) {
        const { provider: _provider, depends_on: _dependsOn, lifecycle: _lifecycle, "//": _meta, ...config } = block;
        standIns[`${kind === "data" ? "data_" : ""}${type}__${name}`] = { input: { ...config, id: `stub-${type}-${name}` } };
      }
      delete stack[kind][type];
    }
    if (stack[kind] && Object.keys(stack[kind]).length === 0) delete stack[kind];
  }
  if (Object.keys(standIns).length === 0) return stack;
  const toStandIn = (s: string) =>
    s.replace(TFE_REFERENCE, (_m, data: string | undefined, type: string, name: string) => `terraform_data.${data ? "data_" : ""}${type}__${name}.output`);
  const rewritten = mapStrings(stack, toStandIn);
  rewritten.resource ??= {};
  rewritten.resource.terraform_data = { ...(rewritten.resource.terraform_data ?? {}), ...mapStrings(standIns, toStandIn) };
  return rewritten;
}

/** `value` with every string in it, wherever it is, mapped by `fn`. */
function mapStrings(value: any, fn: (s: string) => string): any {
  if (typeof value === "string") return fn(value);
  if (Array.isArray(value)) return value.map((v) => mapStrings(v, fn));
  if (value && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, mapStrings(v, fn)]));
  return value;
}

const AWSCC_READ = /\b(awscc_[a-z0-9_]+\.[A-Za-z0-9_-]+)(?:\.([A-Za-z0-9_]+))?/g;

/**
 * The top-level attributes expressions read from each awscc resource ("type.name" → names; "*"
 * when an expression reads the resource as a whole). depends_on entries name resources, not values.
 */
function computedReads(stack: StackJson): Map<string, Set<string>> {
  const read = new Map<string, Set<string>>();
  mapStrings(stack, (s) => {
    if (!s.includes("${")) return s;
    for (const [, resource, attribute] of s.matchAll(AWSCC_READ)) {
      const names = read.get(resource) ?? new Set<string>();
      names.add(attribute ?? "*");
      read.set(resource, names);
    }
    return s;
  });
  return read;
}

/**
 * Configured attributes as given; computed ones the configuration leaves out get typed values,
 * at the top level only those in `reads` (all with "*"), in nested objects (reads undefined) all.
 */
function withComputed(config: Record<string, unknown>, attributes: Record<string, SchemaAttribute>, reads?: ReadonlySet<string>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...config };
  for (const [name, attr] of Object.entries(attributes)) {
    const given = config[name];
    if (given === undefined) {
      if (attr.computed && (reads === undefined || reads.has("*") || reads.has(name))) out[name] = stubValue(name, attr);
    } else if (attr.nested_type && typeof given === "object" && given !== null) {
      const nested = attr.nested_type.attributes;
      out[name] = Array.isArray(given) ? given.map((g) => withComputed(g as Record<string, unknown>, nested)) : withComputed(given as Record<string, unknown>, nested);
    }
  }
  return out;
}

function stubValue(name: string, attr: SchemaAttribute): unknown {
  if (attr.nested_type) {
    const object = Object.fromEntries(Object.entries(attr.nested_type.attributes).map(([n, a]) => [n, stubValue(n, a)]));
    return attr.nested_type.nesting_mode === "single" ? object : [object, object];
  }
  const t = attr.type;
  if (Array.isArray(t)) {
    if (t[0] === "map") return {};
    const element = stubValue(name, { type: t[1] as string, enum: attr.enum });
    return attr.enum ? [element] : [0, 1].map((i) => (typeof element === "string" ? `${element}-${i}` : element));
  }
  if (t === "number") return 0;
  if (t === "bool") return false;
  return attr.enum ? attr.enum[0] : stubString(name);
}

/** A placeholder string shaped like what the attribute holds, so provider-side validation passes. */
function stubString(name: string): string {
  const n = name.toLowerCase();
  if (n.endsWith("arn") || n.endsWith("arns")) return `arn:aws:mediapackagev2:us-east-1:123456789012:stub/${name}`;
  if (n.includes("domain")) return "stub.egress.example.com";
  if (n.includes("url")) return `https://stub.example.com/${name}`;
  if (n.endsWith("_ip") || n === "ip") return "192.0.2.10";
  if (n.includes("zone")) return "us-east-1a";
  return `stub-${name}`;
}

export interface TerraformCheckResult {
  readonly ok: boolean;
  /** What failed (command and its output), empty when ok. */
  readonly log: string;
}

function terraformEnv(cliConfig: string): NodeJS.ProcessEnv {
  return {
    ...process.env,
    TF_CLI_CONFIG_FILE: cliConfig,
    CHECKPOINT_DISABLE: "1",
    TF_IN_AUTOMATION: "1",
    TF_INPUT: "0",
    AWS_EC2_METADATA_DISABLED: "true",
    AWS_ACCESS_KEY_ID: "mock-access-key",
    AWS_SECRET_ACCESS_KEY: "mock-secret-key",
    // The aws provider builds its whole schema in every process it starts, and terraform holds
    // every stack of the plan: with the Go collector off below a soft limit, that costs about a
    // third less CPU than the default collector, each process staying near or under the limit
    // (600 MiB: the plan of every stack took as much CPU as at 800 MiB, about a fifth less memory
    // in each of terraform and the provider; at 400 MiB terraform collected all the time).
    GOGC: "off",
    GOMEMLIMIT: "600MiB",
  };
}

function run(args: string[], cwd: string, env: NodeJS.ProcessEnv): Promise<{ code: number; output: string }> {
  return new Promise((resolve) => {
    const child = spawn("terraform", args, { cwd, env });
    let output = "";
    child.stdout.on("data", (d) => (output += d));
    child.stderr.on("data", (d) => (output += d));
    child.on("close", (code) => resolve({ code: code ?? 1, output }));
    child.on("error", (err) => resolve({ code: 1, output: String(err) }));
  });
}

interface Planned {
  readonly name: string;
  readonly module: string;
  readonly standIn: StackJson;
}

/** A module name for a stack label: letters, digits, _ and -, starting with a letter, unique in the plan. */
function moduleName(label: string, taken: Set<string>): string {
  const base = `s_${label.replace(/[^A-Za-z0-9_-]+/g, "_")}`.slice(0, 120);
  let name = base;
  for (let i = 2; taken.has(name); i++) name = `${base}_${i}`;
  taken.add(name);
  return name;
}

/**
 * Moves a stand-in stack's aws provider configurations out, so that every stack of the plan
 * shares the provider configurations of the root. The stack becomes a module that receives its
 * providers (`configuration_aliases`). Each configuration is returned without `alias` and
 * `default_tags` (the event's tags, which the policy pack checks) and split into its region and
 * the rest, by "aws" or "aws.<alias>".
 */
function hoistProviders(standIn: StackJson): { module: StackJson; providers: Record<string, { region: string; rest: string }> } {
  const out: StackJson = structuredClone(standIn);
  const providers: Record<string, { region: string; rest: string }> = {};
  const aliases: string[] = [];
  for (const config of [out.provider?.aws ?? []].flat() as Record<string, unknown>[]) {
    const { alias, default_tags: _tags, region, ...rest } = config;
    const local = alias ? `aws.${alias}` : "aws";
    providers[local] = { region: String(region), rest: JSON.stringify(Object.fromEntries(Object.entries(rest).sort(([a], [b]) => a.localeCompare(b)))) };
    if (alias) aliases.push(local);
  }
  if (out.provider) {
    delete out.provider.aws;
    if (Object.keys(out.provider).length === 0) delete out.provider;
  }
  const aws = out.terraform?.required_providers?.aws;
  if (aws && aliases.length > 0) aws.configuration_aliases = aliases;
  return { module: out, providers };
}

interface Diagnostic {
  readonly severity: string;
  readonly summary: string;
  readonly detail?: string;
  readonly address?: string;
  readonly range?: { filename: string; start: { line: number } };
}

/** A diagnostic the way terraform prints it, with the stack's own file name. */
function formatDiagnostic(d: Diagnostic, module?: string): string {
  const where = d.range ? `\n  on ${module ? d.range.filename.replace(`stacks/${module}/`, "") : d.range.filename} line ${d.range.start.line}` : "";
  const address = d.address ? `\n  in ${module ? d.address.replace(`module.${module}.`, "") : d.address}` : "";
  return `Error: ${d.summary}${where}${address}${d.detail ? `\n\n${d.detail}` : ""}`;
}

/** The module a diagnostic is about, from its address or its file. */
function moduleOf(d: Diagnostic): string | undefined {
  return /^module\.([A-Za-z0-9_-]+)\./.exec(d.address ?? "")?.[1] ?? /^stacks\/([A-Za-z0-9_-]+)\//.exec(d.range?.filename ?? "")?.[1];
}

/** One `terraform init` and one `terraform plan` (which validates) for a group of stacks. */
async function planTogether(stacks: readonly Planned[], mirror: string): Promise<Map<string, TerraformCheckResult>> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "tfcheck-"));
  try {
    const cliConfig = path.join(dir, "cli.tfrc");
    fs.writeFileSync(
      cliConfig,
      [
        "provider_installation {",
        `  filesystem_mirror {`,
        `    path    = ${JSON.stringify(path.resolve(mirror))}`,
        `    include = ["registry.terraform.io/hashicorp/aws"]`,
        "  }",
        `  direct { exclude = ["registry.terraform.io/hashicorp/aws"] }`,
        "}",
      ].join("\n"),
    );
    const work = path.join(dir, "plan");
    // One root provider configuration per distinct configuration apart from the region (with
    // mock credentials, that is one): each configuration is a provider process started twice per
    // plan (validate, then plan), ~2 s of CPU each, and offline the region changes nothing a plan
    // evaluates. The partition data source answers "aws" for every commercial region, and the
    // stand-ins for Availability Zones carry their own stack's region. Planning 42 stacks with one
    // configuration instead of one per region (12) took half the CPU.
    const rootProviders = new Map<string, { alias: string; region: string }>();
    const modules: Record<string, unknown> = {};
    let version: string | undefined;
    for (const stack of stacks) {
      fs.mkdirSync(path.join(work, "stacks", stack.module), { recursive: true });
      const { module, providers } = hoistProviders(stack.standIn);
      version ??= module.terraform?.required_providers?.aws?.version;
      fs.writeFileSync(path.join(work, "stacks", stack.module, "main.tf.json"), JSON.stringify(module, null, 2));
      const passed: Record<string, string> = {};
      for (const [local, { region, rest }] of Object.entries(providers)) {
        if (!rootProviders.has(rest)) rootProviders.set(rest, { alias: `p${rootProviders.size}`, region });
        passed[local] = `aws.${rootProviders.get(rest)!.alias}`;
      }
      modules[stack.module] = { source: `./stacks/${stack.module}`, ...(Object.keys(passed).length > 0 ? { providers: passed } : {}) };
    }
    const root = {
      terraform: { required_providers: { aws: { source: "hashicorp/aws", ...(version ? { version } : {}) } } },
      ...(rootProviders.size > 0 ? { provider: { aws: [...rootProviders].map(([rest, { alias, region }]) => ({ ...JSON.parse(rest), region, alias })) } } : {}),
      module: modules,
    };
    fs.writeFileSync(path.join(work, "main.tf.json"), JSON.stringify(root, null, 2));
    const env = terraformEnv(cliConfig);
    const results = new Map<string, TerraformCheckResult>();
    const failAll = (log: string) => {
      for (const stack of stacks) results.set(stack.name, { ok: false, log: `${log.replace("{stack}", stack.name)}` });
      return results;
    };

    const init = await run(["init", "-input=false", "-no-color"], work, env);
    if (init.code !== 0) return failAll(`terraform init failed for {stack} (planned with ${stacks.length - 1} other stacks):\n${init.output}`);
    const plan = await run(["plan", "-refresh=false", "-input=false", "-lock=false", "-no-color", "-json"], work, env);
    const errors: Diagnostic[] = [];
    const other: string[] = [];
    /** The addresses terraform planned (without count or for_each keys), per module. */
    const planned = new Map<string, Set<string>>();
    for (const line of plan.output.split("\n")) {
      if (!line.trim()) continue;
      let message: { type?: string; diagnostic?: Diagnostic; change?: { resource?: { addr?: string } } };
      try {
        message = JSON.parse(line);
      } catch {
        other.push(line);
        continue;
      }
      if (message.type === "diagnostic" && message.diagnostic?.severity === "error") errors.push(message.diagnostic);
      const [, module, address] = /^module\.([A-Za-z0-9_-]+)\.([^[]+)/.exec(message.type === "planned_change" ? (message.change?.resource?.addr ?? "") : "") ?? [];
      if (module) planned.set(module, (planned.get(module) ?? new Set<string>()).add(address));
    }
    if (plan.code !== 0 && errors.length === 0) return failAll(`terraform plan failed for {stack} (planned with ${stacks.length - 1} other stacks):\n${[...other, plan.output].join("\n")}`);
    const unplaced = errors.filter((d) => !stacks.some((s) => s.module === moduleOf(d)));
    for (const stack of stacks) {
      const own = errors.filter((d) => moduleOf(d) === stack.module).map((d) => formatDiagnostic(d, stack.module));
      const shared = unplaced.map((d) => formatDiagnostic(d));
      const lines = [...own, ...shared];
      // A stack passes only if terraform planned it: an error elsewhere in the plan (another
      // stack's, or the harness's own deliberate one) must not end the walk before this stack.
      // Every resource block appears among the planned changes, except one whose count or
      // for_each may come to nothing; a stack with no such block needs the walk to have started.
      const unplanned = Object.entries(stack.standIn.resource ?? {})
        .flatMap(([type, blocks]) => Object.entries(blocks as Record<string, Record<string, unknown>>).map(([name, block]) => ({ address: `${type}.${name}`, block })))
        .filter(({ address, block }) => block.count === undefined && block.for_each === undefined && !planned.get(stack.module)?.has(address))
        .map(({ address }) => address);
      if (lines.length === 0 && unplanned.length > 0) lines.push(`Error: terraform did not plan ${unplanned.length} of the stack's resources, such as ${unplanned[0]}`);
      else if (lines.length === 0 && plan.code !== 0 && planned.size === 0) lines.push("Error: terraform stopped before it planned anything (see the errors of the stacks planned with this one)");
      results.set(stack.name, lines.length === 0 ? { ok: true, log: "" } : { ok: false, log: `terraform plan failed for ${stack.name}:\n${lines.join("\n\n")}` });
    }
    return results;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Plans the stand-ins of several stacks with as little Terraform as it takes: the stacks become
 * modules of one working directory (one `init`, one `plan`, which validates), sharing the aws
 * provider configurations of the root (see planTogether). Each stack's result holds only the
 * errors in its own module (file and address as in the stack), or errors no module can be blamed
 * for; a stack without errors of its own still fails when terraform did not plan it (an error in
 * another stack ended the plan first).
 */
export async function terraformCheckAll(stacks: ReadonlyArray<{ readonly name: string; readonly stack: StackJson }>): Promise<Map<string, TerraformCheckResult>> {
  const mirror = process.env[MIRROR_ENV]!;
  const taken = new Set<string>();
  const planned: Planned[] = stacks.map(({ name, stack }) => ({ name, module: moduleName(name, taken), standIn: standInStack(stack) }));
  return planTogether(planned, mirror);
}

/**
 * Collects the stacks that tests ask to plan at about the same moment (concurrent tests start
 * together) and plans them together: each test awaits its own stack's result.
 */
export function terraformCheckBatcher(): (name: string, stack: StackJson) => Promise<TerraformCheckResult> {
  let pending: { name: string; stack: StackJson; resolve: (r: TerraformCheckResult) => void; reject: (e: unknown) => void }[] = [];
  let timer: NodeJS.Timeout | undefined;
  const flush = () => {
    const batch = pending;
    pending = [];
    timer = undefined;
    terraformCheckAll(batch).then(
      (results) => batch.forEach((p) => p.resolve(results.get(p.name)!)),
      (err) => batch.forEach((p) => p.reject(err)),
    );
  };
  return (name, stack) =>
    new Promise((resolve, reject) => {
      pending.push({ name, stack, resolve, reject });
      if (timer) clearTimeout(timer);
      timer = setTimeout(flush, 50);
    });
}
