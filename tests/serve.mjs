// Serves dist/ for the end-to-end tests the way a static host would, with one addition every
// SPA host has: unknown paths without a file extension get index.html, so a reload of
// /customers/<id> works. Usage: node tests/serve.mjs [port] [dir] [--base /sub/] [--pages]
//   --base /sub/  serves the app under that sub-path only (a project page), 404 elsewhere;
//   --pages       answers unknown paths as GitHub Pages does: 404.html with status 404.
import { createServer } from "node:http";
import { readFile, stat } from "node:fs/promises";
import { extname, join, normalize, resolve } from "node:path";

const args = process.argv.slice(2);
const flag = (name) => {
  const i = args.indexOf(name);
  return i < 0 ? undefined : args.splice(i, name === "--pages" ? 1 : 2)[1] ?? true;
};
const base = flag("--base") ?? "/";
const pages = flag("--pages") !== undefined;
const port = Number(args[0] ?? 8090);
const root = resolve(args[1] ?? "dist");
const types = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".wasm": "application/wasm",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".webmanifest": "application/manifest+json",
};

createServer(async (req, res) => {
  const full = decodeURIComponent(new URL(req.url, "http://x").pathname);
  if (!(full + "/").startsWith(base)) {
    res.writeHead(404, { "content-type": "text/plain" }).end("not found");
    return;
  }
  if (full + "/" === base && base !== "/") {
    res.writeHead(301, { location: base }).end();
    return;
  }
  const path = "/" + full.slice(base.length);
  let file = normalize(join(root, path));
  if (!file.startsWith(root)) {
    res.writeHead(403).end();
    return;
  }
  let status = 200;
  try {
    if ((await stat(file)).isDirectory()) file = join(file, "index.html");
  } catch {
    if (pages) {
      file = join(root, "404.html");
      status = 404;
    } else if (extname(path) === "") file = join(root, "index.html");
  }
  try {
    const body = await readFile(file);
    res.writeHead(status, {
      "content-type": types[extname(file)] ?? "application/octet-stream",
      "cache-control": "no-store",
    });
    res.end(body);
  } catch {
    res.writeHead(404, { "content-type": "text/plain" }).end("not found");
  }
}).listen(port, "127.0.0.1", () => console.log(`serving ${root} on http://127.0.0.1:${port}`));
