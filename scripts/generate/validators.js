// Precompiled ajv validators (ajv's standalone code): compiling the event schema took about a
// quarter of a second of CPU in every process that loads a configuration (each synth, each
// refused run, each test file), and loading the compiled code takes a few milliseconds.
"use strict";
const fs = require("fs");
const path = require("path");
const { default: Ajv, _ } = require("ajv");
const standaloneCode = require("ajv/dist/standalone").default;

/**
 * The generated module's text for `schemaFile` (relative to root), compiled with the project's
 * ajv options (config/ajv-options.json). Formats come from config/formats.ts, by a path relative
 * to `outFile`. `command` is how to regenerate, written into the header.
 */
function validatorModule(root, schemaFile, outFile, command) {
  const schema = JSON.parse(fs.readFileSync(path.join(root, schemaFile), "utf8"));
  const { "//": _why, ...options } = JSON.parse(fs.readFileSync(path.join(root, "config/ajv-options.json"), "utf8"));
  let formats = path.relative(path.dirname(path.join(root, outFile)), path.join(root, "config/formats")).split(path.sep).join("/");
  if (!formats.startsWith(".")) formats = `./${formats}`;
  const ajv = new Ajv({ ...options, code: { source: true, esm: true, formats: _`require(${formats}).FORMATS` } });
  // The names only: the functions are config/formats.ts's, which the generated code requires.
  for (const name of formatNames(root)) ajv.addFormat(name, () => true);
  const code = standaloneCode(ajv, ajv.compile(schema));
  return [
    `// Generated from ${schemaFile} by \`${command}\` (ajv standalone code). Do not edit: change the`,
    "// schema and regenerate. A test fails when this file and the schema drift apart.",
    "// @ts-nocheck",
    "/* eslint-disable */",
    code,
    "",
  ].join("\n");
}

/** The format names config/formats.ts defines (the keys of its FORMATS object). */
function formatNames(root) {
  const text = fs.readFileSync(path.join(root, "config/formats.ts"), "utf8");
  const body = /export const FORMATS[\s\S]*?=\s*\{([^}]*)\}/.exec(text);
  if (!body) throw new Error("config/formats.ts: no FORMATS object");
  return [...body[1].matchAll(/"([^"]+)"\s*:/g)].map((m) => m[1]);
}

module.exports = { validatorModule };
