import * as fs from "fs";
import * as path from "path";
import Ajv from "ajv";
import { ACCESS_PRINCIPALS, ACCESS_REQUIREMENTS, RESOURCE_POLICY_REQUIREMENTS } from "../../../modules/access";
import { ROOT, StackJson, load, shippedConfigs, synthApp } from "../../support/project";

// The access catalog is the only source of IAM permissions for the services acting for us: every
// shipped configuration's roles hold exactly what the catalog requires for its features, each
// permission with its reason and AWS page, on ARNs with the real account and partition.

const catalogFile = path.join(ROOT, "modules", "access", "requirements.json");

test("the catalog matches its schema, and every action names its Service Authorization Reference page", () => {
  const schema = JSON.parse(fs.readFileSync(path.join(ROOT, "modules", "access", "requirements.schema.json"), "utf8"));
  const validate = new Ajv({ allErrors: true, strict: true }).compile(schema);
  expect(validate(JSON.parse(fs.readFileSync(catalogFile, "utf8"))) ? [] : validate.errors).toEqual([]);
  for (const r of [...ACCESS_REQUIREMENTS, ...RESOURCE_POLICY_REQUIREMENTS]) {
    for (const a of r.actions) expect(a.reference).toMatch(/^https:\/\/docs\.aws\.amazon\.com\/service-authorization\/latest\/reference\/list_[a-z0-9]+\.html$/);
  }
  expect(new Set(ACCESS_REQUIREMENTS.map((r) => r.sid)).size).toBe(ACCESS_REQUIREMENTS.length);
});

test("no requirement needs Resource \"*\" today (one that did would need a policy waiver)", () => {
  expect(ACCESS_REQUIREMENTS.flatMap((r) => r.actions.filter((a) => !a.resourceLevel).map((a) => `${r.id}: ${a.action}`))).toEqual([]);
});

/**
 * Each role an AWS service assumes (trust principal of type Service), with the statements of its
 * inline policies. Roles that people or Terraform Cloud assume (federated, in the `<event>-tfc`
 * stack) are not the services' access: modules/terraform-cloud has their own catalog and tests.
 */
function roles(stack: StackJson): { service: string; statements: any[] }[] {
  const docs = stack.data?.aws_iam_policy_document ?? {};
  const doc = (ref: string) => docs[/^\$\{data\.aws_iam_policy_document\.([^.]+)\.json\}$/.exec(ref)![1]];
  return Object.entries<any>(stack.resource?.aws_iam_role ?? {}).flatMap(([name, role]) => {
    const trust = doc(role.assume_role_policy).statement[0];
    if (trust.principals[0].type !== "Service") return [];
    const policies = Object.values<any>(stack.resource?.aws_iam_role_policy ?? {}).filter((p) => p.role === `\${aws_iam_role.${name}.id}`);
    return [{ service: trust.principals[0].identifiers[0], statements: policies.flatMap((p) => doc(p.policy).statement) }];
  });
}

/** What each principal must be able to do for a configuration, read from the configuration itself. */
function expectedSids(file: string, principal: string): string[] {
  const { contribution } = load(file).config;
  if (principal === "mediaconnect") return ["ReadOneSecret"];
  const sids = ["PushToPackager", "WriteChannelLogs"];
  if (contribution.type === "MEDIACONNECT") sids.push("UseMediaConnectFlows");
  if (contribution.pull?.passwordParameter) sids.push("ReadPullPassword");
  const urls = contribution.type === "RTMP_PULL" ? [] : [...(contribution.pull?.primaryUrls ?? []), ...(contribution.pull?.backupUrls ?? [])];
  if (urls.some((u) => u.startsWith("s3ssl://"))) sids.push("ListSourceBuckets", "ReadSourceFiles");
  return sids;
}

describe.each(shippedConfigs())("%s", (file) => {
  const stacks = synthApp(load(file));
  const all = Object.entries(stacks).flatMap(([stack, json]) => roles(json).map((r) => ({ stack, ...r })));

  test("every role is assumed by a catalog principal and holds exactly the catalog's statements for the configuration's features", () => {
    expect(all.length).toBeGreaterThan(0);
    for (const role of all) {
      const principal = Object.entries(ACCESS_PRINCIPALS).find(([, p]) => p.service === role.service)?.[0];
      expect(`${role.stack}: ${principal ?? role.service}`).toBe(`${role.stack}: ${principal}`);
      expect(role.statements.map((s) => s.sid).sort()).toEqual(expectedSids(file, principal!).sort());
      for (const s of role.statements) {
        const requirement = ACCESS_REQUIREMENTS.find((r) => r.principal === principal && r.sid === s.sid)!;
        // Every catalog action present, nothing beyond it.
        expect(s.actions).toEqual(requirement.actions.map((a) => a.action));
      }
    }
  });

  test("every resource of every role names the stack's own account and partition (or a secret ARN from the configuration)", () => {
    for (const s of all.flatMap((r) => r.statements)) {
      for (const resource of s.resources as string[]) {
        if (s.sid === "ReadOneSecret") {
          expect(resource).toMatch(/^arn:aws[a-z-]*:secretsmanager:[a-z0-9-]+:\d{12}:secret:/);
          continue;
        }
        expect(resource).toMatch(/^arn:\$\{data\.aws_partition\.[^}]+\.partition\}:/);
        const account = resource.split(":")[4];
        if (!resource.includes(":s3:::")) expect(account).toMatch(/^\$\{data\.aws_caller_identity\.[^}]+\.account_id\}$/);
      }
    }
  });

  test("the output builds no ARN from a hard-coded partition or a wildcard account, and splits no other resource's ARN", () => {
    const config = fs.readFileSync(path.join(ROOT, file), "utf8");
    for (const [stack, json] of Object.entries(stacks)) {
      const text = JSON.stringify(json);
      expect(`${stack}: ${text.includes("element(split(")}`).toBe(`${stack}: false`);
      // ARNs written by the user in the configuration (secrets, certificates, keys) are theirs to write.
      const literal = [...text.matchAll(/"(arn:aws[a-z-]*:[^"]*)"/g)].map((m) => m[1]).filter((arn) => !config.includes(`"${arn}"`));
      expect(`${stack}: ${literal.join(", ")}`).toBe(`${stack}: `);
      expect(`${stack}: ${[...text.matchAll(/arn:[^:"]*:[a-z0-9-]+:[a-z0-9-]*:\*:/g)].map((m) => m[0]).join(", ")}`).toBe(`${stack}: `);
    }
  });
});

test("modules and stacks hold no `arn:aws:` literal", () => {
  const offenders: string[] = [];
  const walk = (dir: string) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, e.name);
      if (e.isDirectory()) walk(full);
      else if (e.name.endsWith(".ts") && fs.readFileSync(full, "utf8").includes("arn:aws:")) offenders.push(path.relative(ROOT, full));
    }
  };
  walk(path.join(ROOT, "modules"));
  walk(path.join(ROOT, "stacks"));
  expect(offenders).toEqual([]);
});
