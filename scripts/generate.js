#!/usr/bin/env node
// Regenerates every generated or derived file of the project from its named input:
//
//   npm run generate            write the files
//   npm run generate -- --check report the files that are out of date (exit 1), write nothing
//
// Generated here (input -> output):
//   config/event.schema.json             -> config/event.generated.ts (event configuration types)
//   encoding-profiles/ladder.schema.json -> encoding-profiles/ladder.generated.ts (ladder file types)
//   config/event.schema.json             -> docs/configuration.md, the table between its markers
//   config/event.schema.json             -> config/event.validate.generated.ts (precompiled validator)
//   encoding-profiles/ladder.schema.json -> encoding-profiles/ladder.validate.generated.ts (the same)
//   encoding-profiles/medialive-template.schema.json -> encoding-profiles/medialive-template.validate.generated.ts (the same)
//
// Checked here, not regenerated (their input is not available offline):
//   providers/aws/medialive-encoder-settings.json and encoding-profiles/medialive-template.schema.json
//       are derived by scripts/derive-medialive-schema.js from `terraform providers schema -json`
//       of hashicorp/aws 5.100 (needs Terraform and the provider). --check verifies that the
//       template schema is the one the encoder-settings description implies.
//   providers/awscc/schema.json is the hashicorp/awscc 1.96 provider schema (Terraform's
//       `providers schema -json`, cut to the resources the project uses); it needs the provider.
//       __tests__/providers/awscc-schema.test.ts checks it against the published schema.
//   policy/tag-support.ts lists resource types by whether they take tags; --check verifies each
//       entry against its input: the @cdktf/provider-aws bindings (a `tags` argument in the
//       resource's config) and providers/awscc/schema.json (a `tags` attribute).
"use strict";
const fs = require("fs");
const path = require("path");
const { schemaTypes } = require("./generate/schema-types");
const { validatorModule } = require("./generate/validators");
const { freshTable } = require("./config-reference");
const { templateSchemaProblems } = require("./generate/medialive-check");
const { tagSupportProblems } = require("./generate/tag-support-check");

const root = path.resolve(__dirname, "..");
const COMMAND = "npm run generate";

/** Each generated file: its path (relative to root) and a function producing its text. */
const GENERATED = [
  { file: "config/event.generated.ts", make: () => schemaTypes(root, "config/event.schema.json", "EventFile", COMMAND) },
  { file: "encoding-profiles/ladder.generated.ts", make: () => schemaTypes(root, "encoding-profiles/ladder.schema.json", "LadderFile", COMMAND) },
  { file: "docs/configuration.md", make: async () => freshTable(fs.readFileSync(path.join(root, "docs/configuration.md"), "utf8")) },
  { file: "config/event.validate.generated.ts", make: async () => validatorModule(root, "config/event.schema.json", "config/event.validate.generated.ts", COMMAND) },
  { file: "encoding-profiles/ladder.validate.generated.ts", make: async () => validatorModule(root, "encoding-profiles/ladder.schema.json", "encoding-profiles/ladder.validate.generated.ts", COMMAND) },
  {
    file: "encoding-profiles/medialive-template.validate.generated.ts",
    make: async () => validatorModule(root, "encoding-profiles/medialive-template.schema.json", "encoding-profiles/medialive-template.validate.generated.ts", COMMAND),
  },
];

/** Each checked-only file: a function returning its problems (strings). */
const CHECKED = [
  { name: "encoding-profiles/medialive-template.schema.json", problems: () => templateSchemaProblems(root) },
  { name: "policy/tag-support.ts", problems: () => tagSupportProblems(root) },
];

/**
 * Files whose committed text differs from what the generators produce now, with the fresh text.
 * `generated` and `base` default to the project's (tests pass fixtures).
 */
async function stale(generated = GENERATED, base = root) {
  const out = [];
  for (const { file, make } of generated) {
    const fresh = await make();
    const full = path.join(base, file);
    const current = fs.existsSync(full) ? fs.readFileSync(full, "utf8") : undefined;
    if (current !== fresh) out.push({ file, fresh });
  }
  return out;
}

async function main(argv) {
  const check = argv.includes("--check");
  const outdated = await stale();
  const problems = CHECKED.flatMap(({ name, problems }) => problems().map((p) => `${name}: ${p}`));
  if (check) {
    for (const { file } of outdated) console.error(`${file}: out of date; run \`${COMMAND}\``);
    for (const p of problems) console.error(p);
    return outdated.length + problems.length > 0 ? 1 : 0;
  }
  for (const { file, fresh } of outdated) {
    fs.writeFileSync(path.join(root, file), fresh);
    console.log(`wrote ${file}`);
  }
  if (outdated.length === 0) console.log("every generated file is up to date");
  for (const p of problems) console.error(p);
  return problems.length > 0 ? 1 : 0;
}

module.exports = { stale, GENERATED, CHECKED, COMMAND };
if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => (process.exitCode = code),
    (err) => {
      console.error(`generate: ${err.message}`);
      process.exitCode = 1;
    },
  );
}
