import * as fs from "fs";
import * as path from "path";
import { ROOT } from "../support/project";

// eslint-disable-next-line @typescript-eslint/no-var-requires
const reference = require("../../scripts/config-reference.js") as { table(): string };

const read = (file: string) => fs.readFileSync(path.join(ROOT, file), "utf8");
const docs = fs
  .readdirSync(path.join(ROOT, "docs"))
  .filter((f) => f.endsWith(".md"))
  .map((f) => `docs/${f}`);

/** Relative link targets in a markdown file, resolved from the project root (no anchors, no URLs). */
function links(file: string): string[] {
  return [...read(file).matchAll(/\]\(([^)\s]+)\)/g)]
    .map(([, target]) => target.split("#")[0])
    .filter((target) => target !== "" && !/^[a-z]+:/.test(target))
    .map((target) => path.relative(ROOT, path.resolve(ROOT, path.dirname(file), target)));
}

describe("README", () => {
  const readme = read("README.md");

  test("is a front door: at most 250 lines", () => {
    expect(readme.split("\n").length).toBeLessThanOrEqual(250);
  });

  test("shows the two commands a new user runs, and the test command CI runs", () => {
    expect(readme).toContain("npm ci && npm run synth");
    expect(readme).toMatch(/^npm test\b/m);
    expect(read(".ci/run")).toMatch(/^npm test$/m);
  });

  test("links every page under docs/", () => {
    const linked = new Set(links("README.md"));
    expect(docs.filter((doc) => !linked.has(doc))).toEqual([]);
  });
});

describe.each(["README.md", ...docs])("%s", (file) => {
  test("every file it links to exists", () => {
    const missing = links(file).filter((target) => !fs.existsSync(path.join(ROOT, target)));
    expect(missing).toEqual([]);
  });

  test("every example configuration it names exists", () => {
    for (const [, example] of read(file).matchAll(/(config\/examples\/[a-z0-9-]+\.json)/g)) expect(fs.existsSync(path.join(ROOT, example))).toBe(true);
  });
});

describe("docs/configuration.md", () => {
  test("documents every configuration key as the schema defines it (run `node scripts/config-reference.js --write`)", () => {
    expect(read("docs/configuration.md")).toContain(reference.table());
  });
});
