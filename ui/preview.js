// The preview: the engine's own SVG pages, the very pages the PDF is made of. Never laid out
// here: the page is drawn as the engine placed it, at A4 proportions.

import { fillPrintArea } from "./print.js";

const A4_WIDTH_PX_100 = (210 / 25.4) * 96; // 210 mm at 96 px per inch: "100 %".
const SVG_NS = "http://www.w3.org/2000/svg";

/**
 * One page's `<svg>` patched as paint/preview.rs says: its children `at .. at + remove` (one
 * `<text>` per line) replaced by the elements of `insert`. A keystroke usually changes one line:
 * one element is parsed and drawn instead of the page. False, changing nothing, when the page
 * does not have the `count` children the patch was made for.
 */
function patchPage(div, p) {
  const svg = div && div.firstElementChild;
  if (!svg || svg.childElementCount !== p.count || p.at + p.remove > p.count) return false;
  const kids = svg.children;
  if (p.remove) {
    const r = document.createRange();
    r.setStartBefore(kids[p.at]);
    r.setEndAfter(kids[p.at + p.remove - 1]);
    r.deleteContents();
  }
  if (p.insert) {
    // Parsed as SVG: the markup goes in through an element of the SVG namespace.
    const tmp = document.createElementNS(SVG_NS, "svg");
    tmp.innerHTML = p.insert;
    const f = document.createDocumentFragment();
    f.append(...tmp.childNodes);
    svg.insertBefore(f, kids[p.at] || null);
  }
  return true;
}

export class Preview {
  constructor(container, countEl) {
    this.el = container;
    this.countEl = countEl;
    this.zoom = "fit";
    this.onClickSource = null;
    this.el.addEventListener("click", (ev) => {
      const t = ev.target.closest("[data-sec],[data-field],[data-block]");
      if (!t || !this.onClickSource) return;
      this.onClickSource({
        sec: t.getAttribute("data-sec") || "",
        block: t.getAttribute("data-block"),
        field: t.getAttribute("data-field") || "",
      });
    });
  }

  /** Applies the answer of `open_draft` (`reset`), `update_section` or `preview_report`: new
   *  pages come whole, the others only as the lines that changed on them (see `patchPage`); the
   *  pane is measured again only when the number of pages changed. Returns false when a page
   *  was not the one the engine patched (the window then asks for every page again). */
  apply(pages, reset = false) {
    if (reset) this.static = false;
    // An earlier version is shown: the draft's pages come back whole when it is left.
    else if (this.static) return true;
    const before = this.el.children.length;
    while (this.el.children.length > pages.page_count) this.el.lastElementChild.remove();
    while (this.el.children.length < pages.page_count) {
      const div = document.createElement("div");
      div.className = "page";
      this.el.append(div);
    }
    for (const [i, svg] of pages.changed) this.el.children[i].innerHTML = svg;
    let ok = true;
    for (const p of pages.patches || []) ok = patchPage(this.el.children[p.page], p) && ok;
    if (reset || before !== pages.page_count) {
      this.count(pages.page_count);
      this.fit();
    }
    return ok;
  }

  /** Pages of an earlier version, shown read-only in place of the draft's. */
  showStatic(svgs) {
    this.el.replaceChildren();
    for (const svg of svgs) {
      const div = document.createElement("div");
      div.className = "page";
      div.innerHTML = svg;
      this.el.append(div);
    }
    this.static = true;
    this.count(svgs.length);
    this.fit();
  }

  count(n) {
    this.countEl.textContent = n ? `${n} trang` : "chưa có trang nào";
    this.countEl.dataset.pages = String(n);
  }

  setZoom(z) {
    this.zoom = z;
    this.fit();
  }

  /** Page width in pixels: the pane's width ("Vừa khung") or A4 at 96 dpi ("100 %"). */
  fit() {
    const avail = this.el.clientWidth - 32;
    const w = this.zoom === "100" ? A4_WIDTH_PX_100 : Math.max(200, avail);
    this.el.style.setProperty("--page-w", `${w}px`);
  }

  scrollToSection(id) {
    const t = this.el.querySelector(`[data-sec="${CSS.escape(id)}"]`);
    if (t) t.scrollIntoView({ block: "start", behavior: "smooth" });
  }

  /** Copies of every page into the print-only container (see print.js and style.css). */
  fillPrintArea(area) {
    fillPrintArea(area, [...this.el.children].map((div) => div.innerHTML));
  }
}
