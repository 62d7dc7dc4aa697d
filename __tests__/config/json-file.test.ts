import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { readJsonFile } from "../../config/json-file";

// The inputs on which the JSON libraries we measured fall short (docs/design.md): nesting that
// overflows a recursive parser's stack, and thousands of repeats of one key.
describe("the JSON reader on adversarial files", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "json-file-"));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
  const read = (text: string) => {
    const file = path.join(dir, "input.json");
    fs.writeFileSync(file, text);
    const problems: string[] = [];
    const data = readJsonFile(file, "input.json", problems);
    return { data, problems };
  };

  test("400,000 open brackets are one line, not a stack overflow", () => {
    const { data, problems } = read("[".repeat(400_000) + "]".repeat(400_000));
    expect(data).toBeUndefined();
    expect(problems).toEqual(["input.json: invalid JSON at line 1, column 257: the JSON is nested more than 256 levels deep"]);
  });

  test("20,000 repeats of one key are one line, read in well under a second", () => {
    const text = `{\n${Array.from({ length: 20_000 }, (_, i) => `  "a": ${i}`).join(",\n")}\n}\n`;
    const start = process.cpuUsage();
    const { data, problems } = read(text);
    const used = process.cpuUsage(start);
    expect(data).toBeUndefined();
    expect(problems).toEqual(['input.json: / has the key "a" 20000 times (lines 2, 3, 4 and 19997 more); JSON keeps only the last, so rename or merge them']);
    expect((used.user + used.system) / 1000).toBeLessThan(1000);
  });

  test("a UTF-8 file that starts with a byte order mark is read as if it had none", () => {
    const text = fs.readFileSync(path.join(__dirname, "..", "..", "config", "default.json"), "utf8");
    const plain = read(text);
    expect(plain.problems).toEqual([]);
    expect(read(`\uFEFF${text}`)).toEqual(plain);
  });
});
