#!/usr/bin/env node
// Bundles a TypeScript entry point with esbuild (no type-check: that is `npm run typecheck`) into
// .build/<name>.js and runs it in this same process, with the remaining arguments. One process
// instead of npm → npm → esbuild → node: about half a second less per synth.
//   node scripts/run.js [--build-only] <entry.ts> [args...]
// Required as a module, it exports `bundleOptions`, so tests build entry points exactly this way.
"use strict";
const path = require("path");
const esbuild = require("esbuild");

const root = path.resolve(__dirname, "..");

/** The esbuild options that bundle `entry` (relative to the project root) into `outfile`. */
function bundleOptions(entry, outfile) {
  return {
    entryPoints: [path.resolve(root, entry)],
    bundle: true,
    platform: "node",
    target: "node20",
    packages: "external",
    logLevel: "warning",
    outfile,
  };
}

module.exports = { bundleOptions };

if (require.main === module) {
  const args = process.argv.slice(2);
  const buildOnly = args[0] === "--build-only";
  if (buildOnly) args.shift();
  const [entry, ...rest] = args;
  if (!entry) {
    console.error("usage: node scripts/run.js [--build-only] <entry.ts> [args...]");
    process.exit(2);
  }
  const outfile = path.join(root, ".build", `${path.basename(entry, ".ts")}.js`);
  esbuild.buildSync(bundleOptions(entry, outfile));
  if (!buildOnly) {
    // A reader that stops early (`npm run report | head`) is not an error.
    process.stdout.on("error", (err) => {
      if (err.code === "EPIPE") process.exit(process.exitCode ?? 0);
      throw err;
    });
    process.argv = [process.argv[0], outfile, ...rest];
    require(outfile);
  }
}
