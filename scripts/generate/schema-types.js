// TypeScript types from a JSON Schema (json-schema-to-typescript), in the shape the loader hands
// to the code: ajv fills every `default`, so a property with a default is required in the type.
"use strict";
const fs = require("fs");
const path = require("path");
const { compile } = require("json-schema-to-typescript");

/** A copy of the schema where every property with a default is required (ajv's useDefaults). */
function withDefaultsRequired(node) {
  if (Array.isArray(node)) return node.map(withDefaultsRequired);
  if (!node || typeof node !== "object") return node;
  const out = {};
  for (const [key, value] of Object.entries(node)) {
    // `default` and `examples` are data, not schemas: copy them as written.
    out[key] = key === "default" || key === "examples" || key === "enum" || key === "const" ? value : withDefaultsRequired(value);
  }
  if (node.properties && typeof node.properties === "object") {
    const required = new Set(node.required ?? []);
    for (const [key, child] of Object.entries(node.properties)) if (child && child.default !== undefined) required.add(key);
    if (required.size > 0) out.required = [...required];
  }
  return out;
}

/**
 * The generated module's text for `schemaFile` (relative to root), naming the root type `rootName`.
 * `command` is how to regenerate, written into the header.
 */
async function schemaTypes(root, schemaFile, rootName, command) {
  const schema = JSON.parse(fs.readFileSync(path.join(root, schemaFile), "utf8"));
  const input = withDefaultsRequired({ ...schema, title: rootName });
  const banner = [
    `// Generated from ${schemaFile} by \`${command}\` (json-schema-to-typescript). Do not edit:`,
    "// change the schema and regenerate. A test fails when this file and the schema drift apart.",
    "// Properties with a schema default are required here: the loader (ajv, useDefaults) fills them.",
    "/* eslint-disable */",
  ].join("\n");
  return compile(input, rootName, {
    bannerComment: banner,
    additionalProperties: false,
    ignoreMinAndMaxItems: true,
    unreachableDefinitions: true,
    declareExternallyReferenced: true,
    format: true,
    strictIndexSignatures: false,
    style: { printWidth: 120, singleQuote: false, trailingComma: "all" },
    cwd: path.join(root, path.dirname(schemaFile)),
  });
}

module.exports = { schemaTypes, withDefaultsRequired };
