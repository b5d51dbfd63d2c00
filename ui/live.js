// The keystroke path: the preview follows every change, with no fixed delay.
//
// Built on the save queue (save.js): one update in flight; what is typed meanwhile goes out as
// one update as soon as the answer is back; nothing while an input method composes a letter; a
// failed update kept and retried. What differs from saving: an update names what changed, so
// that an edit inside one section sends that section alone (see main.js), and it leaves at once
// instead of after a timer.

import { SaveQueue } from "./save.js";

/** An update of the whole report rather than of one section. */
export const WHOLE = "*";

/**
 * Two pending updates as one: two edits of one section are the newer one; edits of two
 * different parts need the whole report; a request for every page (`all`) is never dropped.
 * An update is `{ id, section, all }`: the draft, the section id or `WHOLE`, and whether every
 * page must come back whole.
 */
export function mergeUpdates(older, newer) {
  return {
    id: newer.id,
    section: older.id === newer.id && older.section === newer.section ? newer.section : WHOLE,
    all: !!(older.all || newer.all),
  };
}

export class LiveQueue extends SaveQueue {
  /** `send(update)` → Promise of the pages; `onPages(pages)`; `onError(error)` at the first of
   *  failures in a row; `canSend()` false while an input method composes. */
  constructor({ send, onPages, onError = () => {}, canSend = () => true, delays = [250, 1000, 2000] }) {
    super({
      send,
      canSend,
      merge: mergeUpdates,
      onSaved: onPages,
      onState: (state, error) => { if (state === "failed" && this.failures === 1) onError(error); },
      delays,
    });
  }

  /** Queues `update` and sends it at once when nothing is in flight: the frame the keystroke
   *  causes is drawn while the engine works. After a failure the retry timer decides. */
  update(update) {
    this.put(update);
    if (this.failures === 0) this.pump();
  }
}
