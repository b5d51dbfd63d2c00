// The keystroke path's queue of ui/live.js, driven by a fake engine that answers when the test
// says so (no timing: the machine running the tests may be slow).
// Run by tests/ui_modules.rs through `node --test`.
import { test } from "node:test";
import assert from "node:assert/strict";
import { LiveQueue, WHOLE, mergeUpdates } from "../../ui/live.js";

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const ticks = async () => { for (let i = 0; i < 5; i++) await Promise.resolve(); };

/** A fake engine: each update waits until `answer()` (or `fail()`) is called. */
function engine() {
  const e = { got: [], waiting: [], inflight: 0, maxInflight: 0 };
  e.send = (u) => new Promise((resolve, reject) => {
    e.got.push(u);
    e.inflight += 1;
    e.maxInflight = Math.max(e.maxInflight, e.inflight);
    e.waiting.push({ resolve, reject });
  });
  const settle = async (how) => {
    const w = e.waiting.shift();
    e.inflight -= 1;
    how(w);
    await ticks();
  };
  e.answer = () => settle((w) => w.resolve({ pages: e.got.at(-1) }));
  e.fail = () => settle((w) => w.reject({ kind: "internal", message: "Lỗi không mong đợi." }));
  return e;
}

test("an update leaves at once, with no fixed delay", async () => {
  const e = engine();
  const q = new LiveQueue({ send: e.send, onPages: () => {} });
  q.update({ id: "d", section: "s1" });
  await ticks(); // no timer has run
  assert.equal(e.got.length, 1);
  await e.answer();
  assert.equal(q.unsaved, false);
});

test("one in flight; the keystrokes typed meanwhile go out once, the newest", async () => {
  const e = engine();
  const shown = [];
  const q = new LiveQueue({ send: e.send, onPages: (p) => shown.push(p.pages) });
  q.update({ id: "d", section: "s1", n: 1 });
  await ticks();
  for (let n = 2; n <= 6; n++) q.update({ id: "d", section: "s1", n });
  await ticks();
  assert.equal(e.got.length, 1, "nothing more while the first is out");
  await e.answer();
  assert.equal(e.got.length, 2, "the rest as soon as the answer is back");
  assert.deepEqual(e.got[1], { id: "d", section: "s1", all: false });
  await e.answer();
  assert.equal(e.maxInflight, 1);
  assert.equal(shown.length, 2);
  assert.equal(q.unsaved, false);
});

test("edits of two parts while one is in flight go out as the whole report", async () => {
  const e = engine();
  const q = new LiveQueue({ send: e.send, onPages: () => {} });
  q.update({ id: "d", section: "s1" });
  await ticks();
  q.update({ id: "d", section: "s1" });
  q.update({ id: "d", section: "s2" });
  await e.answer();
  await e.answer();
  assert.deepEqual(e.got.map((u) => u.section), ["s1", WHOLE]);
});

test("a request for every page is kept through later edits", () => {
  const all = mergeUpdates({ id: "d", section: WHOLE, all: true }, { id: "d", section: "s1" });
  assert.deepEqual(all, { id: "d", section: WHOLE, all: true });
  const one = mergeUpdates({ id: "d", section: "s1" }, { id: "d", section: "s1" });
  assert.deepEqual(one, { id: "d", section: "s1", all: false });
});

test("nothing goes out while an input method composes; the word goes when it ends", async (t) => {
  const e = engine();
  let composing = true;
  const q = new LiveQueue({ send: e.send, onPages: () => {}, canSend: () => !composing });
  t.after(() => q.clear());
  for (const v of ["d", "dd", "đ", "đư", "được"]) q.update({ id: "d", section: "s1", v });
  await sleep(250); // the queue looks again every 200 ms
  assert.equal(e.got.length, 0);
  composing = false;
  q.update({ id: "d", section: "s1" }); // what compositionend sends
  await ticks();
  assert.equal(e.got.length, 1);
  await e.answer();
  assert.equal(q.unsaved, false);
});

test("a failed update is said once and retried until the engine answers", async (t) => {
  const e = engine();
  const errors = [];
  const shown = [];
  const q = new LiveQueue({ send: e.send, onPages: (p) => shown.push(p), onError: (x) => errors.push(x), delays: [5] });
  t.after(() => q.clear());
  q.update({ id: "d", section: "s1" });
  await ticks();
  await e.fail();
  // Typing after a failure waits for the retry instead of hammering.
  q.update({ id: "d", section: "s1" });
  await ticks();
  assert.equal(e.got.length, 1);
  while (e.got.length < 2) await sleep(5);
  await e.fail();
  while (e.got.length < 3) await sleep(5);
  assert.equal(errors.length, 1, "said once, not at every retry");
  await e.answer();
  assert.equal(shown.length, 1);
  assert.equal(q.unsaved, false);
});
