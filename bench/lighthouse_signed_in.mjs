// Lighthouse (desktop preset) for one page as a signed-in person: Chrome drops a Cookie header
// given with --extra-headers from the page's own API calls, so the session cookie is put in the
// browser's cookie jar first and Lighthouse is told not to clear it.
//   node bench/lighthouse_signed_in.mjs URL 'name=value; name2=value2' CHROMIUM_PATH
// Prints {"accessibility": score, "performance": score} (0 to 1). Run from frontend/ (its
// node_modules has lighthouse and puppeteer-core).
import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";

// Resolved from the working directory (frontend/), where the packages are installed.
const resolve = (name) => pathToFileURL(createRequire(`${process.cwd()}/`).resolve(name)).href;
const { default: lighthouse, desktopConfig } = await import(resolve("lighthouse"));
const { default: puppeteer } = await import(resolve("puppeteer-core"));

const [url, cookieHeader, executablePath] = process.argv.slice(2);
const browser = await puppeteer.launch({
  executablePath,
  headless: true,
  args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
});
try {
  const cookies = cookieHeader.split("; ").map((pair) => {
    const [name, ...rest] = pair.split("=");
    return { name, value: rest.join("="), url: new URL(url).origin };
  });
  await browser.setCookie(...cookies);
  const port = Number(new URL(browser.wsEndpoint()).port);
  const result = await lighthouse(
    url,
    { port, output: "json", logLevel: "error", onlyCategories: ["accessibility", "performance"], disableStorageReset: true },
    desktopConfig,
  );
  const { categories, finalDisplayedUrl } = result.lhr;
  if (new URL(finalDisplayedUrl).pathname !== new URL(url).pathname) {
    throw new Error(`Measured ${finalDisplayedUrl}, not ${url}: the session was not accepted`);
  }
  console.log(JSON.stringify({ accessibility: categories.accessibility.score, performance: categories.performance.score }));
} finally {
  await browser.close();
}
