// Figures for the storage issue: many kill-during-import trials (default 40; CRASH_TRIALS to
// change). Each kills Chromium with SIGKILL at a random moment within the first 1.5 s of a
// 10,000-row CSV import and counts the customers after a relaunch: exactly before (1) or
// exactly after (10,001) is consistent, anything else is not.
import { spawn } from "node:child_process";
import { csv10k, importKillTrial } from "./crash-lib.mjs";

const port = 8093;
const server = spawn("node", ["tests/serve.mjs", String(port), "dist"], { stdio: "ignore" });
await new Promise((r) => setTimeout(r, 500));
const trials = Number(process.env.CRASH_TRIALS ?? 40);
const csv = csv10k();
const tally = { before: 0, after: 0, inconsistent: 0 };
let interrupted = 0;
try {
  for (let i = 0; i < trials; i++) {
    const r = await importKillTrial(`http://127.0.0.1:${port}`, csv, Math.floor(Math.random() * 1500));
    tally[r.outcome]++;
    if (!r.finishedBeforeKill) interrupted++;
    console.log(`  trial ${String(i + 1).padStart(3)}: killed ${String(r.killedAfter).padStart(5)} ms after Import → ${r.outcome} (${r.count} customers)`);
  }
} finally {
  server.kill();
}
console.log(`\nKill during a 10,000-row import: ${trials} trials`);
console.log(`  killed before the import reported done   ${interrupted}`);
console.log(`  store exactly as before                  ${tally.before}`);
console.log(`  store exactly as after                   ${tally.after}`);
console.log(`  inconsistent                             ${tally.inconsistent}`);
if (tally.inconsistent > 0) process.exit(1);
