// Jest transform for the project's TypeScript: esbuild strips the types (transpile only, as
// isolatedModules in tsconfig.json promises; type checking is `npm run typecheck`). It is the
// bundler `npm run synth` already uses, and about a hundred times faster than a TypeScript
// compiler per file, which matters on a clean checkout where jest's cache is empty.
"use strict";
const crypto = require("crypto");
const fs = require("fs");
const path = require("path");
const esbuild = require("esbuild");

const tsconfig = JSON.parse(fs.readFileSync(path.join(__dirname, "..", "..", "tsconfig.json"), "utf8"));
const options = {
  loader: "ts",
  format: "cjs",
  platform: "node",
  target: "node20",
  sourcemap: "external",
  // The same class-field and module semantics the compiler uses for this tsconfig.json.
  tsconfigRaw: { compilerOptions: tsconfig.compilerOptions },
};
const version = `${esbuild.version}:${JSON.stringify(options)}`;

module.exports = {
  process(source, filename) {
    const { code, map } = esbuild.transformSync(source, { ...options, sourcefile: filename });
    return { code, map };
  },
  getCacheKey(source, filename, { configString }) {
    return crypto.createHash("sha256").update(version).update("\0").update(filename).update("\0").update(configString).update("\0").update(source).digest("hex");
  },
};
