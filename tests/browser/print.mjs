// Prints a page of a built kohyo site to PDF with headless Chromium, as a reader's "Print" on
// A4 paper does (print media, no background colours). Usage: node print.mjs PAGE_FILE OUT.pdf
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { launch } from "./lib.mjs";

const [file, out] = process.argv.slice(2);
const browser = await launch();
const page = await browser.newPage();
await page.goto(pathToFileURL(resolve(file)).href, { waitUntil: "load" });
await page.emulateMedia({ media: "print" });
await page.pdf({ path: out, format: "A4", printBackground: false, preferCSSPageSize: true });
await browser.close();
console.log(`printed ${file} to ${out}`);
