// The save queue: what the user typed reaches the disk, or the user knows it has not.
//
// One request in flight at a time; whatever comes meanwhile is coalesced into one pending item
// (`merge`, by default the newer item replaces the older: a whole report supersedes the last).
// A failed save keeps its item (merged under anything newer) and is tried again with a growing
// delay, until it succeeds. Nothing is ever dropped: `unsaved` stays true until the disk has
// everything, and `flush()` tells the caller whether it has.

/** Delays between attempts after a failure, in ms; the last one repeats. */
export const RETRY_DELAYS = [1000, 2000, 4000, 5000];

export class SaveQueue {
  /**
   * `send(item)` → Promise of the answer; `onSaved(answer)` after each success; `onState(state,
   * error)` with state "saving" | "saved" | "failed"; `canSend()` false holds the queue (an input
   * method is composing a letter); `merge(older, newer)` coalesces two pending items.
   */
  constructor({ send, onSaved = () => {}, onState = () => {}, canSend = () => true, merge = (_older, newer) => newer, delays = RETRY_DELAYS }) {
    Object.assign(this, { sendItem: send, onSaved, onState, canSend, merge, delays });
    this.pending = undefined; // the item waiting to go, if any
    this.inflight = null; // the promise of the request out, if any
    this.failures = 0; // failed attempts in a row
    this.lastError = null;
    this.timer = null;
    this.waiters = []; // flush() calls waiting for the next outcome
    this.epoch = 0; // bumped by clear(): an answer to a request sent before is ignored
  }

  /** True while something the user did is not yet on disk. */
  get unsaved() {
    return this.pending !== undefined || this.inflight !== null;
  }

  /** Queues `item`. It goes out after `delay` ms (or at once), or after the request in flight. */
  put(item, delay = 0) {
    this.pending = this.pending === undefined ? item : this.merge(this.pending, item);
    this.onState("saving");
    // After a failure the retry timer decides when to try again: typing more does not hammer a
    // disk that just refused.
    if (this.failures === 0) this.schedule(delay);
  }

  /** Forgets what is pending (the draft was reloaded from disk, or the user chose to drop it). */
  clear() {
    this.epoch += 1;
    clearTimeout(this.timer);
    this.timer = null;
    this.pending = undefined;
    this.failures = 0;
    this.lastError = null;
  }

  schedule(delay) {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => { this.timer = null; this.pump(); }, delay);
  }

  /** Sends the pending item if nothing is in flight. */
  pump() {
    if (this.inflight || this.pending === undefined) return;
    if (!this.canSend()) { this.schedule(200); return; }
    const item = this.pending;
    const epoch = this.epoch;
    this.pending = undefined;
    this.inflight = Promise.resolve().then(() => this.sendItem(item));
    this.inflight.then(
      (answer) => {
        this.inflight = null;
        if (epoch !== this.epoch) { this.pump(); this.settle(null); return; }
        this.failures = 0;
        this.lastError = null;
        try { this.onSaved(answer); } catch (e) { console.error(e); }
        if (this.pending !== undefined) { this.onState("saving"); this.pump(); }
        else this.onState("saved");
        this.settle(null);
      },
      (error) => {
        this.inflight = null;
        if (epoch !== this.epoch) { this.pump(); this.settle(null); return; }
        // Keep the change: under anything newer, never instead of it.
        this.pending = this.pending === undefined ? item : this.merge(item, this.pending);
        this.failures += 1;
        this.lastError = error;
        this.onState("failed", error);
        this.schedule(this.delays[Math.min(this.failures, this.delays.length) - 1]);
        this.settle(error);
      });
  }

  settle(error) {
    const waiters = this.waiters;
    this.waiters = [];
    for (const w of waiters) w(error);
  }

  /** The outcome of the next attempt: null on success, the error on failure. */
  nextOutcome() {
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  /**
   * Sends what is pending now and waits until everything is on disk. Rejects with the save's
   * error when an attempt fails (the queue keeps retrying on its own).
   */
  async flush() {
    while (this.unsaved) {
      const outcome = this.nextOutcome();
      if (!this.inflight) { clearTimeout(this.timer); this.timer = null; this.pump(); }
      const error = await outcome;
      if (error) throw error;
    }
  }

  /** Resolves once everything is on disk, however many attempts that takes. */
  async saved() {
    while (this.unsaved) await this.nextOutcome();
  }
}
