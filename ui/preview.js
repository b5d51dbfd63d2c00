// The preview: the engine's own SVG pages, the very pages the PDF is made of. Never laid out
// here: the page is drawn as the engine placed it, at A4 proportions.

const A4_WIDTH_PX_100 = (210 / 25.4) * 96; // 210 mm at 96 px per inch: "100 %".

export class Preview {
  constructor(container, countEl) {
    this.el = container;
    this.countEl = countEl;
    this.svgs = [];
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

  /** Applies the answer of `open_draft` / `update_report`: only the changed pages are redrawn. */
  apply(pages) {
    this.static = false;
    this.svgs.length = pages.page_count;
    for (const [i, svg] of pages.changed) this.svgs[i] = svg;
    while (this.el.children.length > pages.page_count) this.el.lastElementChild.remove();
    for (let i = 0; i < pages.page_count; i++) {
      let div = this.el.children[i];
      if (!div) {
        div = document.createElement("div");
        div.className = "page";
        this.el.append(div);
      }
    }
    for (const [i, svg] of pages.changed) this.el.children[i].innerHTML = svg;
    this.count(pages.page_count);
    this.fit();
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
    this.svgs = [];
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

  /** Copies of every page into the print-only container (see style.css, @media print). */
  fillPrintArea(area) {
    area.replaceChildren();
    for (const div of this.el.children) {
      const p = document.createElement("div");
      p.className = "print-page";
      p.innerHTML = div.innerHTML;
      area.append(p);
    }
  }
}
