// The MediaLive template schema and the encoder-settings description are both derived from the
// hashicorp/aws provider schema (scripts/derive-medialive-schema.js), which is not available
// offline. What can be checked offline: the template schema accepts exactly the keys, types and
// required keys that the description lists (so neither file was edited or regenerated alone).
"use strict";
const fs = require("fs");
const path = require("path");

const JSON_TYPES = { string: "string", number: "number", bool: "boolean" };

function attributeSchema(type) {
  if (type.endsWith("[]")) return { type: "array", items: attributeSchema(type.slice(0, -2)) };
  return { type: JSON_TYPES[type] ?? `unknown ${type}` };
}

/** Compares one description node with one schema object node; pushes problems. */
function compare(node, schema, at, problems) {
  const props = schema.properties ?? {};
  const expected = { ...node.attributes, ...node.blocks };
  for (const key of Object.keys(expected)) if (!(key in props)) problems.push(`${at}/${key} is in the description but not in the schema`);
  for (const key of Object.keys(props)) if (!(key in expected) && !(at === "" && key === "$schema")) problems.push(`${at}/${key} is in the schema but not in the description`);
  const required = new Set(schema.required ?? []);
  for (const [key, attr] of Object.entries(node.attributes ?? {})) {
    if (!props[key]) continue;
    if (JSON.stringify(props[key]) !== JSON.stringify(attributeSchema(attr.type))) problems.push(`${at}/${key} has type ${JSON.stringify(props[key])}, the description says ${attr.type}`);
    if (!!attr.required !== required.has(key)) problems.push(`${at}/${key} required: schema ${required.has(key)}, description ${!!attr.required}`);
  }
  for (const [key, block] of Object.entries(node.blocks ?? {})) {
    const prop = props[key];
    if (!prop) continue;
    const object = block.shape === "list" ? prop.items : prop;
    if (block.shape === "list" && prop.type !== "array") problems.push(`${at}/${key} should be a list (got ${prop.type})`);
    if (block.shape !== "list" && prop.type !== "object") problems.push(`${at}/${key} should be an object (got ${prop.type})`);
    if (!!block.required !== required.has(key) && !(at === "" && key === "videoDescriptions")) problems.push(`${at}/${key} required: schema ${required.has(key)}, description ${!!block.required}`);
    if (object) compare(block, object, `${at}/${key}`, problems);
  }
}

/** Problems of encoding-profiles/medialive-template.schema.json against providers/aws/medialive-encoder-settings.json. */
function templateSchemaProblems(root) {
  const description = JSON.parse(fs.readFileSync(path.join(root, "providers/aws/medialive-encoder-settings.json"), "utf8"));
  const schema = JSON.parse(fs.readFileSync(path.join(root, "encoding-profiles/medialive-template.schema.json"), "utf8"));
  const problems = [];
  compare(description, schema, "", problems);
  return problems;
}

module.exports = { templateSchemaProblems };
