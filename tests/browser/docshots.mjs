// Takes the screenshots of docs/homepage.md: the top of a built site's current page, at a
// desktop width. Usage: node docshots.mjs PUBLIC OUT.png [PUBLIC OUT.png …]
// (scripts/docs-screenshots builds the example twice and calls this).
import { readFileSync } from "node:fs";
import { join, extname } from "node:path";
import { launch } from "./lib.mjs";

const TYPES = { ".html": "text/html", ".css": "text/css", ".png": "image/png", ".svg": "image/svg+xml" };
const browser = await launch();
const args = process.argv.slice(2);
for (let i = 0; i < args.length; i += 2) {
  const [root, out] = [args[i], args[i + 1]];
  const context = await browser.newContext({ viewport: { width: 1100, height: 640 } });
  await context.route("https://site.example/**", (route) => {
    let path = new URL(route.request().url()).pathname.slice(1) || "index.html";
    if (path.endsWith("/")) path += "index.html";
    try {
      route.fulfill({ body: readFileSync(join(root, path)), contentType: TYPES[extname(path)] || "application/octet-stream" });
    } catch {
      route.fulfill({ status: 404, body: "" });
    }
  });
  const page = await context.newPage();
  await page.goto("https://site.example/index.html", { waitUntil: "load" });
  await page.screenshot({ path: out });
  await context.close();
  console.log(`wrote ${out}`);
}
await browser.close();
