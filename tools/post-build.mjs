// The one Trunk post-build hook. Trunk starts every hook of a stage at once, so two hooks that
// each read, change and write dist's index.html race and one's change is lost (a fresh clone
// once shipped without its shell words, another without its policy). Here they run in order:
// the shell's words first, then the policy, whose script hashes must see the final page, then
// the offline stamp (version, service worker list, 404.html), which must see every file.
await import("./shell.mjs");
await import("./csp.mjs");
await import("./offline.mjs");
