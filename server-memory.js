// How the server's Node is started, for its memory under load (issue 17: at most 200 MB of RSS;
// decision 060). Every way of starting the server passes these flags to node: package.json's
// `serve`, scripts/demo.sh (written out there, checked equal by tests/unit/server-memory.test.ts),
// and the bench, the crash test and the end-to-end tests (which read them from here).
//
// - `--max-semi-space-size=8`: V8's young generation at most 2 × 8 MB instead of 2 × 16 MB; a
//   request's short-lived objects still die there, at the cost of a few more scavenges.
// - `--heap-growing-percent=30`: after each full collection the next one comes when the heap has
//   grown by 30 % over what was alive, instead of V8's own factor (up to 4 × when it judges the
//   collector fast), which let garbage pile up to 250 MB under ten simultaneous pages. It is not a
//   cap: a request that really needs more memory gets it; only the garbage goes sooner.
const NODE_MEMORY_FLAGS = ["--max-semi-space-size=8", "--heap-growing-percent=30"];

module.exports = { NODE_MEMORY_FLAGS };
