// Loads pages of a built kohyo site in headless Chromium: no console errors, no axe-core
// violations (WCAG 2.0/2.1 A and AA), no horizontal scrolling at 360 px, screenshots at 360 and
// 1280 px. Usage: node check.mjs SITE_DIR SCREENSHOT_DIR PAGE...
import { readFileSync, mkdirSync } from "node:fs";
import { createRequire } from "node:module";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { launch } from "./lib.mjs";

const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");
const [site, shots, ...pages] = process.argv.slice(2);
mkdirSync(shots, { recursive: true });

const browser = await launch();
let failures = 0;
for (const rel of pages) {
  for (const width of [360, 1280]) {
    const page = await browser.newPage({ viewport: { width, height: 900 } });
    const errors = [];
    page.on("console", (m) => { if (m.type() === "error") errors.push(m.text()); });
    page.on("pageerror", (e) => errors.push(String(e)));
    await page.goto(pathToFileURL(resolve(join(site, rel))).href, { waitUntil: "load" });
    const name = rel === "index.html" ? "current" : rel.replace(/\/index\.html$/, "").replace(/\//g, "_");
    await page.screenshot({ path: join(shots, `${name}-${width}.png`), fullPage: true });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    if (overflow > 1) {
      failures++;
      console.log(`FAIL ${rel} @${width}px: the page scrolls sideways by ${overflow}px`);
    }
    if (errors.length) {
      failures++;
      console.log(`FAIL ${rel} @${width}px console errors:\n  ${errors.join("\n  ")}`);
    }
    await page.addScriptTag({ content: axeSource });
    const result = await page.evaluate(() =>
      // eslint-disable-next-line no-undef
      axe.run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] } }));
    for (const v of result.violations) {
      failures++;
      const where = v.nodes.slice(0, 3).map((n) => n.target.join(" ")).join(", ");
      console.log(`FAIL ${rel} @${width}px axe ${v.id} (${v.impact}): ${v.help} at ${where}`);
    }
    console.log(`ok   ${rel} @${width}px: ${result.passes.length} axe rules pass, ${result.violations.length} violations`);
    await page.close();
  }
}
await browser.close();
console.log(failures === 0 ? "browser checks passed" : `${failures} browser check(s) failed`);
process.exit(failures === 0 ? 0 : 1);
