// The one DOM helper of the window: el("tag", { props }, ...children).

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
