// Checks policy/tag-support.ts against its inputs: the pinned @cdktf/provider-aws bindings (does
// the resource's config take `tags`?) and providers/awscc/schema.json (is there a `tags` list or
// set?). Which types the table lists is a choice (the services the project uses); whether each
// takes tags is not, and is checked here.
"use strict";
const fs = require("fs");
const path = require("path");

/** The table's entries, read from the TypeScript source (this script runs without a compiler). */
function readTable(root) {
  const src = fs.readFileSync(path.join(root, "policy/tag-support.ts"), "utf8");
  const list = (name) => {
    const from = src.indexOf(`export const ${name}`);
    if (from < 0) throw new Error(`policy/tag-support.ts has no ${name}`);
    const body = src.slice(from, src.indexOf(/* end of the literal */ name === "AWSCC_TAGS" ? "};" : "]);", from));
    return body;
  };
  const names = (body) => [...body.matchAll(/"(aws_[a-z0-9_]+)"/g)].map((m) => m[1]);
  const awscc = Object.fromEntries([...list("AWSCC_TAGS").matchAll(/(awscc_[a-z0-9_]+): "(list|set|none)"/g)].map((m) => [m[1], m[2]]));
  return { taggable: names(list("AWS_TAGGABLE")), untaggable: names(list("AWS_UNTAGGABLE")), awscc };
}

/** The @cdktf/provider-aws binding's answer: does `type`'s config take tags? undefined: no such resource. */
function bindingTakesTags(root, type) {
  const dir = type.replace(/^aws_/, "").replace(/_/g, "-");
  const file = path.join(root, "node_modules/@cdktf/provider-aws/lib", dir, "index.d.ts");
  if (!fs.existsSync(file)) return undefined;
  const text = fs.readFileSync(file, "utf8");
  if (!text.includes(`static readonly tfResourceType = "${type}"`)) return undefined;
  const config = text.match(/export interface \w+Config extends cdktf\.TerraformMetaArguments \{([\s\S]*?)\n\}/);
  return !!config && /\n {4}readonly tags\?:/.test(config[1]);
}

/** The awscc schema's answer: "list", "set" or "none"; undefined: no such resource. */
function awsccTags(schema, type) {
  const resource = Object.values(schema.provider_schemas ?? {})[0]?.resource_schemas?.[type];
  if (!resource) return undefined;
  const tags = resource.block.attributes?.tags;
  return tags ? tags.nested_type?.nesting_mode ?? "none" : "none";
}

function tagSupportProblems(root) {
  const table = readTable(root);
  const problems = [];
  for (const [list, expected] of [[table.taggable, true], [table.untaggable, false]]) {
    for (const type of list) {
      const actual = bindingTakesTags(root, type);
      if (actual === undefined) problems.push(`${type} is not a resource of the @cdktf/provider-aws bindings`);
      else if (actual !== expected) problems.push(`${type} is listed as ${expected ? "taggable" : "untaggable"}, but its binding ${actual ? "has" : "has no"} tags argument`);
    }
  }
  const schema = JSON.parse(fs.readFileSync(path.join(root, "providers/awscc/schema.json"), "utf8"));
  for (const [type, expected] of Object.entries(table.awscc)) {
    const actual = awsccTags(schema, type);
    if (actual === undefined) problems.push(`${type} is not in providers/awscc/schema.json`);
    else if (actual !== expected) problems.push(`${type} takes tags as "${expected}" in the table, but providers/awscc/schema.json says "${actual}"`);
  }
  return problems;
}

module.exports = { tagSupportProblems, bindingTakesTags };
