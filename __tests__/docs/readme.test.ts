import * as fs from "fs";
import * as path from "path";
import { ROOT } from "../support/project";

// eslint-disable-next-line @typescript-eslint/no-var-requires
const reference = require("../../scripts/config-reference.js") as { table(): string };

describe("README", () => {
  const readme = fs.readFileSync(path.join(ROOT, "README.md"), "utf8");

  test("documents every configuration key as the schema defines it (run `node scripts/config-reference.js --write`)", () => {
    expect(readme).toContain(reference.table());
  });

  test("shows the two commands a new user runs, and the test command CI runs", () => {
    expect(readme).toContain("npm ci && npm run synth");
    expect(readme).toMatch(/^npm test\b/m);
    expect(fs.readFileSync(path.join(ROOT, ".ci", "run"), "utf8")).toMatch(/^npm test$/m);
  });

  test("every example configuration it names exists", () => {
    for (const [, file] of readme.matchAll(/(config\/examples\/[a-z0-9-]+\.json)/g)) expect(fs.existsSync(path.join(ROOT, file))).toBe(true);
  });
});
