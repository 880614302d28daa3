/**
 * `npm pack` makes a package with its types: the built entry points and their declarations,
 * where package.json's `types` and `exports` point (run after `npm run build`).
 */

import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { packageDir } from "./harness.js";

test("npm pack holds dist/*.js with their .d.ts, as package.json's types and exports name them", () => {
  assert.ok(existsSync(join(packageDir, "dist/index.d.ts")), "dist/ is built (npm run build)");
  const out = execFileSync("npm", ["pack", "--dry-run", "--json", "--ignore-scripts"], { cwd: packageDir, encoding: "utf8" });
  const [pack] = JSON.parse(out) as Array<{ files: Array<{ path: string }> }>;
  const files = new Set((pack?.files ?? []).map((f) => f.path));
  for (const name of ["index", "storage", "istorage", "rows", "generated", "client", "errors", "context", "node"]) {
    assert.ok(files.has(`dist/${name}.js`), `dist/${name}.js`);
    assert.ok(files.has(`dist/${name}.d.ts`), `dist/${name}.d.ts`);
  }
  const manifest = JSON.parse(readFileSync(join(packageDir, "package.json"), "utf8")) as {
    types: string;
    exports: Record<string, { types: string; import: string }>;
  };
  assert.ok(files.has(manifest.types), manifest.types);
  for (const [entry, target] of Object.entries(manifest.exports)) {
    assert.ok(files.has(target.types.replace(/^\.\//, "")), `${entry} types`);
    assert.ok(files.has(target.import.replace(/^\.\//, "")), `${entry} import`);
  }
  assert.ok(![...files].some((f) => f.startsWith("test/") || f.startsWith("dist-test/")), "no tests in the package");
});
