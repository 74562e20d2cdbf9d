// End-to-end live reload: starts `kohyo serve` on a site, opens the page, edits a content file,
// and waits for the open page to show the change; then breaks the file and waits for the error
// to be shown in the page. Usage: node live_reload.mjs KOHYO_BIN SITE_DIR VERSION_FILE
import { spawn } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { launch } from "./lib.mjs";

const [bin, site, file] = process.argv.slice(2);
const server = spawn(bin, ["serve", "--drafts", "--port", "0", "--root", site, "--as-of", "2025-01-01"], {
  stdio: ["ignore", "ignore", "pipe"],
});
let log = "";
const url = await new Promise((ok, fail) => {
  server.stderr.on("data", (d) => {
    log += d;
    const m = log.match(/http:\/\/127\.0\.0\.1:\d+\//);
    if (m) ok(m[0]);
  });
  server.on("exit", () => fail(new Error(`serve exited:\n${log}`)));
  setTimeout(() => fail(new Error(`serve did not start:\n${log}`)), 20000);
});

let code = 1;
const browser = await launch();
try {
  const page = await browser.newPage();
  await page.goto(url, { waitUntil: "load" });
  const original = readFileSync(file, "utf8");
  writeFileSync(file, original.replace("加入者の管理", "加入者の管理（ライブ更新）"));
  await page.waitForFunction(() => document.body.innerText.includes("ライブ更新"), null, { timeout: 15000 });
  console.log("ok   the open page reloaded with the edited content");
  writeFileSync(file, original + "\nbroken = \n");
  await page.waitForFunction(() => {
    const alert = document.querySelector("[role=alert]");
    return alert && alert.textContent.includes("not valid TOML");
  }, null, { timeout: 15000 });
  if (!(await page.evaluate(() => document.body.innerText.includes("ライブ更新")))) {
    throw new Error("the last good build is no longer shown");
  }
  console.log("ok   the build error is shown in the page over the last good build");
  code = 0;
} catch (e) {
  console.log(`FAIL ${e.message}\n${log}`);
} finally {
  await browser.close();
  server.kill();
}
process.exit(code);
