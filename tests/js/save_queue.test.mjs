// The save queue of ui/save.js, driven by a fake Rust side that fails when told to.
// Run by tests/ui_modules.rs through `node --test`.
import { test } from "node:test";
import assert from "node:assert/strict";
import { SaveQueue } from "../../ui/save.js";

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** A fake `save_report`: records what arrived, fails while `failing`, answers after `ms`. */
function backend({ ms = 5 } = {}) {
  const b = { got: [], stored: undefined, failing: false, inflight: 0, maxInflight: 0 };
  b.send = async (item) => {
    b.inflight += 1;
    b.maxInflight = Math.max(b.maxInflight, b.inflight);
    await sleep(ms);
    b.inflight -= 1;
    b.got.push(item);
    if (b.failing) throw { kind: "storage", message: "Không lưu bản nháp được: cơ sở dữ liệu đang bận." };
    b.stored = item;
    return { saved: item };
  };
  return b;
}

test("one request in flight; what comes meanwhile goes out once, the latest", async () => {
  const b = backend({ ms: 30 });
  const q = new SaveQueue({ send: b.send, delays: [10] });
  q.put("a");
  await sleep(5);
  for (const x of ["b", "c", "d"]) q.put(x);
  await q.flush();
  assert.deepEqual(b.got, ["a", "d"]);
  assert.equal(b.maxInflight, 1);
  assert.equal(b.stored, "d");
  assert.equal(q.unsaved, false);
});

test("a failed save keeps the change, says so, and is retried until it is stored", async (t) => {
  const b = backend();
  const states = [];
  const q = new SaveQueue({ send: b.send, delays: [10, 20, 40], onState: (s) => states.push(s) });
  t.after(() => q.clear()); // a failed assertion must not leave the queue retrying forever
  b.failing = true;
  q.put("typed");
  await assert.rejects(q.flush(), (e) => /đang bận/.test(e.message));
  assert.equal(q.unsaved, true, "the change is still pending");
  assert.equal(states.at(-1), "failed");
  await sleep(50);
  assert.ok(b.got.length >= 2, `retried: ${b.got.length}`);
  b.failing = false;
  await q.saved();
  assert.equal(b.stored, "typed");
  assert.equal(states.at(-1), "saved");
  assert.equal(q.failures, 0);
});

test("typing after a failure is merged under nothing older: the newest wins and nothing is lost", async (t) => {
  const b = backend();
  const merge = (older, newer) => ({ ...older, ...newer });
  const q = new SaveQueue({ send: b.send, merge, delays: [30] });
  t.after(() => q.clear());
  b.failing = true;
  q.put({ s1: "một" });
  await assert.rejects(q.flush());
  q.put({ s2: "hai" });
  q.put({ s1: "một nữa" });
  b.failing = false;
  await q.saved();
  assert.deepEqual(b.stored, { s1: "một nữa", s2: "hai" });
});

test("retries back off instead of hammering a disk that refuses", async (t) => {
  const b = backend({ ms: 1 });
  const q = new SaveQueue({ send: b.send, delays: [20, 40, 80] });
  t.after(() => q.clear());
  b.failing = true;
  q.put("x");
  await sleep(100);
  // Attempts at about 0, 20, 60 ms (then 140): three, never one per millisecond.
  assert.ok(b.got.length >= 2 && b.got.length <= 4, `attempts: ${b.got.length}`);
  // Typing meanwhile does not send at once either.
  const before = b.got.length;
  q.put("y");
  await sleep(5);
  assert.equal(b.got.length, before);
});

test("nothing goes out while an input method composes", async () => {
  const b = backend();
  let composing = true;
  const q = new SaveQueue({ send: b.send, canSend: () => !composing });
  q.put("đươ");
  await sleep(300);
  assert.equal(b.got.length, 0);
  composing = false;
  await q.flush();
  assert.deepEqual(b.got, ["đươ"]);
});

test("an answer to a request sent before clear() is ignored", async () => {
  const b = backend({ ms: 20 });
  const saved = [];
  const q = new SaveQueue({ send: b.send, onSaved: (a) => saved.push(a), delays: [10] });
  b.failing = true;
  q.put("old draft");
  await sleep(5);
  q.clear();
  await sleep(60);
  assert.equal(q.unsaved, false, "nothing of the left draft is retried");
  assert.equal(b.got.length, 1);
  assert.deepEqual(saved, []);
});
