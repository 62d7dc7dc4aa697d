#!/usr/bin/env node
// Derives, from the hashicorp/aws provider schema, what an imported MediaLive template may contain:
//
//   node scripts/derive-medialive-schema.js <providers-schema.json>
//
// where <providers-schema.json> is the output of `terraform providers schema -json` for a
// configuration that requires hashicorp/aws 5.100. It writes two committed files:
//
//   providers/aws/medialive-encoder-settings.json    the `encoder_settings` block of
//       aws_medialive_channel, keyed by MediaLive API name (camelCase, as the console, the REST
//       API and CloudFormation/CDK code write it), each key with its provider name, its cdktf
//       binding name, its type and whether the provider requires it. encoding-profiles/template-import.ts
//       converts templates with it.
//   encoding-profiles/medialive-template.schema.json the JSON Schema of the template format:
//       exactly the keys the provider can express, with their types; every other key is an error.
//
// The API name of a provider attribute is its camelCase spelling, except for the few places where
// the MediaLive API and the provider disagree (API_SPELLING, ALIASES, API_SINGLE_OBJECTS below;
// found by comparing the provider schema with the MediaLive API model). Binding names follow the
// cdktf provider generator (codemaker's toCamelCase), so converted templates reach Terraform intact.
"use strict";
const fs = require("fs");
const path = require("path");
const { toCamelCase } = require("codemaker");

const PROVIDER = "registry.terraform.io/hashicorp/aws";
const RESOURCE = "aws_medialive_channel";
const PROVIDER_LABEL = "hashicorp/aws 5.100";

/** Provider names whose API spelling is not the plain camelCase of the provider name. */
const API_SPELLING = { iframe_only_playlists: "iFrameOnlyPlaylists" };

/** Provider names that the API calls differently, by provider path (dots between names). */
const ALIASES = {
  "audio_descriptions.audio_watermark_settings": "audioWatermarkingSettings",
  "video_descriptions.codec_settings.h265_settings.timecode_burnin_settings.timecode_burnin_font_size": "fontSize",
  "video_descriptions.codec_settings.h265_settings.timecode_burnin_settings.timecode_burnin_position": "position",
};

/** Provider list blocks (no max_items) that the API writes as one object, by provider path. */
const API_SINGLE_OBJECTS = new Set([
  "output_groups.output_group_settings.archive_group_settings",
  "output_groups.output_group_settings.hls_group_settings.hls_cdn_settings",
  "output_groups.output_group_settings.hls_group_settings.key_provider_settings.static_key_settings",
]);

/** Blocks a template must contain besides what the provider requires: a ladder needs video. */
const TEMPLATE_REQUIRED = ["videoDescriptions"];

function apiName(providerName, providerPath) {
  return ALIASES[providerPath] ?? API_SPELLING[providerName] ?? providerName.replace(/_([a-z0-9])/g, (_m, c) => c.toUpperCase());
}

function jsonType(type) {
  if (type === "string") return { type: "string" };
  if (type === "number") return { type: "number" };
  if (type === "bool") return { type: "boolean" };
  if (Array.isArray(type) && (type[0] === "list" || type[0] === "set") && typeof type[1] === "string") {
    return { type: "array", items: jsonType(type[1]) };
  }
  throw new Error(`unexpected attribute type ${JSON.stringify(type)}`);
}

function shortType(type) {
  return Array.isArray(type) ? `${type[1]}[]` : type;
}

/** Walks one provider block; returns [description node, JSON Schema node]. */
function walk(block, providerPath) {
  const node = { attributes: {}, blocks: {} };
  const schema = { type: "object", additionalProperties: false, properties: {} };
  const required = [];
  for (const [name, attr] of Object.entries(block.attributes ?? {}).sort(([a], [b]) => a.localeCompare(b))) {
    const at = providerPath ? `${providerPath}.${name}` : name;
    if (attr.computed && !attr.optional && !attr.required) continue; // read-only: never written by users
    const key = apiName(name, at);
    node.attributes[key] = { provider: name, binding: toCamelCase(name), type: shortType(attr.type), ...(attr.required ? { required: true } : {}) };
    schema.properties[key] = jsonType(attr.type);
    if (attr.required) required.push(key);
  }
  for (const [name, child] of Object.entries(block.block_types ?? {}).sort(([a], [b]) => a.localeCompare(b))) {
    const at = providerPath ? `${providerPath}.${name}` : name;
    const key = apiName(name, at);
    const [childNode, childSchema] = walk(child.block, at);
    const single = child.max_items === 1;
    const apiObject = !single && API_SINGLE_OBJECTS.has(at);
    node.blocks[key] = {
      provider: name,
      binding: toCamelCase(name),
      // "object": one block, written as an object by both; "wrap": an API object that the provider
      // takes as a one-item list; "list": a list in both.
      shape: single ? "object" : apiObject ? "wrap" : "list",
      ...(child.min_items ? { required: true } : {}),
      ...childNode,
    };
    if (single || apiObject) {
      schema.properties[key] = childSchema;
    } else {
      schema.properties[key] = {
        type: "array",
        items: childSchema,
        ...(child.min_items ? { minItems: child.min_items } : {}),
        ...(child.max_items ? { maxItems: child.max_items } : {}),
      };
    }
    if (child.min_items) required.push(key);
  }
  if (required.length > 0) schema.required = required;
  return [node, schema];
}

function derive(providerSchema) {
  const resource = providerSchema.provider_schemas?.[PROVIDER]?.resource_schemas?.[RESOURCE];
  if (!resource) throw new Error(`the schema holds no ${RESOURCE} of ${PROVIDER}`);
  const encoder = resource.block.block_types.encoder_settings;
  const [node, schema] = walk(encoder.block, "");
  const description = {
    $comment: `Generated by scripts/derive-medialive-schema.js from the ${PROVIDER_LABEL} provider schema: ${RESOURCE}.encoder_settings, keyed by MediaLive API name. Do not edit.`,
    provider: PROVIDER_LABEL,
    ...node,
  };
  for (const key of TEMPLATE_REQUIRED) if (!(schema.required ?? []).includes(key)) (schema.required ??= []).push(key);
  const templateSchema = {
    $schema: "http://json-schema.org/draft-07/schema#",
    $id: "medialive-template.schema.json",
    title: "Encoding profile (MediaLive template format)",
    description: `A MediaLive encoderSettings object in the API's camelCase names, limited to what the ${PROVIDER_LABEL} provider can express. Generated by scripts/derive-medialive-schema.js; do not edit.`,
    ...schema,
    properties: { $schema: { type: "string" }, ...schema.properties },
  };
  return { description, templateSchema };
}

function main(argv) {
  if (argv.length !== 1) {
    console.error("usage: node scripts/derive-medialive-schema.js <providers-schema.json>  (terraform providers schema -json, hashicorp/aws 5.100)");
    return 2;
  }
  const root = path.resolve(__dirname, "..");
  const { description, templateSchema } = derive(JSON.parse(fs.readFileSync(argv[0], "utf8")));
  const targets = [
    [path.join(root, "providers", "aws", "medialive-encoder-settings.json"), description],
    [path.join(root, "encoding-profiles", "medialive-template.schema.json"), templateSchema],
  ];
  for (const [file, data] of targets) {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, `${JSON.stringify(data, null, 1)}\n`);
    console.log(`wrote ${path.relative(process.cwd(), file)}`);
  }
  return 0;
}

module.exports = { derive };
if (require.main === module) process.exitCode = main(process.argv.slice(2));
