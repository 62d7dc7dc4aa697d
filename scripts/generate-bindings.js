#!/usr/bin/env node
// Generates the TypeScript bindings for the hashicorp/awscc provider into .gen/ without
// downloading anything. The provider cannot be fetched here, so the project carries the
// provider schema itself (providers/awscc/schema.json, Terraform's `providers schema -json`
// format) and hands it to cdktf's own generator through its provider-schema cache: the same
// path `cdktf get` takes when CDKTF_EXPERIMENTAL_PROVIDER_SCHEMA_CACHE_PATH is set.
"use strict";
const fs = require("fs");
const os = require("os");
const path = require("path");
const { ConstructsMaker } = require("@cdktf/provider-generator");
const { Language, TerraformProviderConstraint } = require("@cdktf/commons");

const root = path.resolve(__dirname, "..");
const cdktfJson = JSON.parse(fs.readFileSync(path.join(root, "cdktf.json"), "utf8"));
const outdir = path.join(root, cdktfJson.codeMakerOutput);

// Each provider we generate offline: its constraint in cdktf.json and its schema file.
const schemas = { "hashicorp/awscc": path.join(root, "providers", "awscc", "schema.json") };

async function main() {
  const constraints = cdktfJson.terraformProviders.map((spec) => new TerraformProviderConstraint(spec));
  const cache = fs.mkdtempSync(path.join(os.tmpdir(), "provider-schema-"));
  try {
    for (const constraint of constraints) {
      const schemaFile = schemas[constraint.source];
      if (!schemaFile) throw new Error(`No offline schema for provider ${constraint.source} (cdktf.json terraformProviders)`);
      // The cache key format is the generator's: "<fqn>@<version constraint>", URI-encoded.
      const key = `${encodeURIComponent(constraint.fqn)}@${encodeURIComponent(constraint.version || "")}`;
      fs.copyFileSync(schemaFile, path.join(cache, `${key}.json`));
    }
    fs.rmSync(outdir, { recursive: true, force: true });
    const maker = new ConstructsMaker({ codeMakerOutput: outdir, targetLanguage: Language.TYPESCRIPT }, cache);
    await maker.generate(constraints);
  } finally {
    fs.rmSync(cache, { recursive: true, force: true });
  }
  console.log(`Generated provider bindings for ${constraints.map((c) => `${c.source} ${c.version}`).join(", ")} in ${path.relative(root, outdir)}/`);
}

main().catch((err) => {
  console.error(`Could not generate provider bindings: ${err.message}`);
  process.exit(1);
});
