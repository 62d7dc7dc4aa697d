// `npm run profile -- <file>`: checks one encoding profile file (ladder or MediaLive template)
// and prints its ladder as a table. On problems it prints one line each and exits with status 1.
import { fixTheProblems } from "../config/json-file";
import * as path from "path";
import { invocationFolder, projectRoot } from "../config/paths";
import { loadProfileFile } from "../encoding-profiles/profiles";
import { profileReport } from "../encoding-profiles/report";

function main(args: readonly string[]): number {
  if (args.length !== 1) {
    console.error("usage: npm run profile -- <profile.json>   (a ladder or a MediaLive encoderSettings template)");
    return 2;
  }
  const given = args[0];
  // A relative path means the folder the command was typed in (config/paths.ts), as for synth.
  const file = path.resolve(invocationFolder(projectRoot(__dirname) ?? process.cwd()), given);
  const problems: string[] = [];
  const profile = loadProfileFile(file, given, problems);
  if (!profile) {
    for (const line of problems) console.error(line);
    console.error(`${given} is not a valid encoding profile: ${fixTheProblems(problems.length)}.`);
    return 1;
  }
  console.log(profileReport(profile));
  const replaced = profile.imported?.replaced ?? [];
  if (replaced.length > 0) {
    console.log("");
    console.log("Set by the pipeline for its MediaPackage v2 ingest (the template's values are not used):");
    for (const pointer of replaced) console.log(`  ${pointer}`);
  }
  return 0;
}

process.exitCode = main(process.argv.slice(2));
