import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { listProfiles, loadProfileFile } from "../../encoding-profiles/profiles";
import { profileReport } from "../../encoding-profiles/report";
import { PROFILES_DIR, ROOT } from "../support/project";

const readme = fs.readFileSync(path.join(ROOT, "docs", "profiles.md"), "utf8");

/** The first fenced block after a heading of docs/profiles.md. */
function blockAfter(heading: string): string {
  const start = readme.indexOf(`\n${heading}\n`);
  expect(start).toBeGreaterThan(-1);
  const match = /```[a-z]*\n([\s\S]*?)\n```/.exec(readme.slice(start));
  return match![1];
}

describe("docs/profiles.md", () => {
  test("the ladder under 'Writing a ladder' loads without problems", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "readme-ladder-"));
    try {
      const file = path.join(dir, "my-ladder.json");
      fs.writeFileSync(file, blockAfter("## Writing a ladder"));
      const problems: string[] = [];
      const profile = loadProfileFile(file, "my-ladder.json", problems);
      expect(problems).toEqual([]);
      expect(profile?.captionLanguages).toEqual([{ channel: 1, language: "eng", description: "English" }]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test("the table under 'Checking a profile' is what the command prints for HD-1080p", () => {
    const problems: string[] = [];
    const profile = loadProfileFile(path.join(PROFILES_DIR, "HD-1080p.json"), "HD-1080p.json", problems);
    expect(blockAfter("## Checking a profile: `npm run profile -- <file>`")).toBe(profileReport(profile!));
  });

  test("every shipped profile is in the table of shipped profiles", () => {
    const shipped = listProfiles(PROFILES_DIR);
    expect(shipped.length).toBeGreaterThan(0);
    for (const name of shipped) expect(readme).toContain(`| \`${name}\` @`);
  });
});
