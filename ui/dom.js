// The small helpers every form of the window uses: el("tag", { props }, ...children), lines().

/** Creates an element; props are set as properties when the element has them, else as
 *  attributes; `dataset` is merged; null children are skipped. */
export const el = (tag, props = {}, ...children) => {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(props)) {
    if (k === "dataset") Object.assign(e.dataset, v);
    else if (k in e) e[k] = v;
    else e.setAttribute(k, v);
  }
  e.append(...children.filter((c) => c != null));
  return e;
};

/** The non-empty lines of a textarea, trimmed: one list entry per line ("Nơi nhận", titles). */
export const lines = (s) => s.split("\n").map((l) => l.trim()).filter(Boolean);
