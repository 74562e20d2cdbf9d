// A kohyo fragment inside a foreign page keeps its layout, and the page keeps its own: every
// element of the fragment has the computed style of the same element on kohyo's own page, and
// every element of the host page has the style it has without the fragment. The host page's
// stylesheet is hostile on purpose (element rules, class and ID rules, a 62.5% root font size).
// Requests to the site's address are answered from the built folder: no network.
// Usage: node fragment.mjs SITE_DIR BASE_URL SCREENSHOT_DIR PAGE...   (PAGE: e.g. index.html)
import { readFileSync, mkdirSync, existsSync } from "node:fs";
import { join, extname } from "node:path";
import { launch } from "./lib.mjs";

const [site, base, shots, ...pages] = process.argv.slice(2);
mkdirSync(shots, { recursive: true });
const HOST = "https://host.example/";
const TYPES = { ".html": "text/html", ".css": "text/css", ".png": "image/png", ".json": "application/json", ".xml": "application/xml" };

const hostile = `
html { font-size: 62.5%; }
body { font-family: serif; font-size: 1.8rem; color: #222; line-height: 1.2; letter-spacing: 0.1em; text-align: justify; margin: 0; }
p { margin: 2em 0; text-indent: 1em; color: #c00; }
h1, h2, h3, h4 { font-size: 40px; text-transform: uppercase; border: 4px dotted green; margin: 0; }
a { color: orange; text-decoration: none; font-weight: 700; }
ul, ol { list-style: square; padding-left: 5em; }
table { border: 6px double purple; border-collapse: separate; width: 50%; }
th, td { padding: 20px; background: yellow; vertical-align: bottom; }
dl, dt, dd { margin: 3em; }
.content p { font-style: italic; }
#page .content li { color: blue; }
* { box-sizing: content-box; }
`;

function hostPage(fragment) {
  return `<!DOCTYPE html><html lang="ja"><head><meta charset="utf-8"><title>健康保険組合</title>
<style>${hostile}</style></head><body><div id="page">
<header><h1 class="host">組合のホームページ</h1><p class="host">ようこそ。<a class="host" href="#">お知らせ</a></p>
<ul class="host"><li>一</li><li>二</li></ul><table class="host"><tr><th>見出し</th><td>セル</td></tr></table></header>
<div class="content">${fragment}</div>
<footer><p class="host">© 組合</p></footer></div></body></html>`;
}

const PROPS = [
  "color", "background-color", "font-family", "font-size", "font-weight", "font-style", "line-height",
  "letter-spacing", "text-align", "text-indent", "text-transform", "text-decoration-line",
  "margin-top", "margin-bottom", "margin-left", "padding-top", "padding-left", "padding-bottom",
  "border-top-width", "border-top-style", "border-top-color", "border-left-width", "border-left-style",
  "border-collapse", "list-style-type", "display", "vertical-align", "box-sizing",
];

async function styles(page, rootSelector) {
  return page.evaluate(([sel, props]) => {
    const root = document.querySelector(sel);
    return [...root.querySelectorAll("*")].map((e) => {
      const cs = getComputedStyle(e);
      return { tag: e.tagName.toLowerCase() + (e.className && typeof e.className === "string" ? "." + e.className.split(" ")[0] : ""),
        style: Object.fromEntries(props.map((p) => [p, cs.getPropertyValue(p)])) };
    });
  }, [rootSelector, PROPS]);
}

const browser = await launch();
const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
const hosts = new Map();
await context.route("**/*", (route) => {
  const url = route.request().url();
  if (url.startsWith(HOST)) {
    const body = hosts.get(url);
    return body === undefined ? route.fulfill({ status: 404, body: "" }) : route.fulfill({ status: 200, contentType: "text/html", body });
  }
  if (url.startsWith(base)) {
    const rel = decodeURIComponent(url.slice(base.length).split(/[?#]/)[0]) || "index.html";
    const file = join(site, rel.endsWith("/") ? rel + "index.html" : rel);
    if (existsSync(file)) {
      return route.fulfill({ status: 200, contentType: TYPES[extname(file)] || "application/octet-stream", body: readFileSync(file) });
    }
  }
  return route.fulfill({ status: 404, body: "" });
});

let failures = 0;
const fail = (m) => { failures++; console.log(`FAIL ${m}`); };
for (const rel of pages) {
  const fragment = readFileSync(join(site, rel.replace(/index\.html$/, "fragment.html")), "utf8");
  const name = rel.replace(/\/?index\.html$/, "").replace(/\//g, "_") || "current";
  hosts.set(`${HOST}${name}.html`, hostPage(fragment));
  hosts.set(`${HOST}${name}-bare.html`, hostPage(""));

  const own = await context.newPage();
  await own.goto(base + rel, { waitUntil: "load" });
  const expected = await styles(own, "main");
  await own.close();

  const host = await context.newPage();
  const errors = [];
  host.on("console", (m) => { if (m.type() === "error") errors.push(m.text()); });
  await host.goto(`${HOST}${name}.html`, { waitUntil: "load" });
  await host.screenshot({ path: join(shots, `fragment-${name}-1280.png`), fullPage: true });
  const got = await styles(host, ".kohyo-page");
  const hostGot = await styles(host, "#page > header");
  await host.setViewportSize({ width: 360, height: 900 });
  await host.screenshot({ path: join(shots, `fragment-${name}-360.png`), fullPage: true });
  await host.close();

  const bare = await context.newPage();
  await bare.goto(`${HOST}${name}-bare.html`, { waitUntil: "load" });
  const hostExpected = await styles(bare, "#page > header");
  await bare.close();

  if (errors.length) fail(`${rel}: console errors in the host page: ${errors.join("; ")}`);
  // The fragment starts with the page's banners (outside <main> on the page itself).
  const offset = got.length - expected.length;
  if (offset < 0) fail(`${rel}: the fragment has ${got.length} elements, the page's <main> ${expected.length}`);
  let differences = 0;
  expected.forEach((e, i) => {
    const g = got[i + offset];
    if (!g || g.tag !== e.tag) { differences++; if (differences < 5) fail(`${rel}: element ${i} is ${g && g.tag} in the fragment, ${e.tag} on the page`); return; }
    for (const p of PROPS) {
      if (g.style[p] !== e.style[p]) {
        differences++;
        if (differences < 15) fail(`${rel}: ${e.tag} (#${i}) ${p} is ${g.style[p]} in the fragment, ${e.style[p]} on the page`);
      }
    }
  });
  hostExpected.forEach((e, i) => {
    for (const p of PROPS) {
      if (hostGot[i].style[p] !== e.style[p]) fail(`${rel}: the host page's ${e.tag} ${p} became ${hostGot[i].style[p]} (was ${e.style[p]})`);
    }
  });
  console.log(`ok   ${rel}: ${expected.length} elements of the fragment compared on ${PROPS.length} properties, ${differences} differences; ${hostExpected.length} elements of the host page unchanged`);
}
await browser.close();
console.log(failures === 0 ? "fragment checks passed" : `${failures} fragment check(s) failed`);
process.exit(failures === 0 ? 0 : 1);
