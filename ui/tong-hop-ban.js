// A summary draft (made by "Tổng hợp") keeps what it was summed from (app/tong_hop.rs,
// consolidate/trace.rs). While one is open:
// - the Kiểm tra panel shows its coverage ("Tổng hợp từ 28/30 đơn vị …") and its findings;
// - a click on a summed number in the form (a table cell, a figure's value) lists, below it, each
//   unit's value and file and the total they make, and says when the number was changed by hand;
// - a section's form offers each unit's text of that section, to copy from.
// Nothing here computes: the sources and totals are the engine's.
import { call } from "./api.js";
import { el } from "./dom.js";
import { textToBlocks } from "./markup.js";

export class SummaryAid {
  /** form: the form element; editor: the Editor; checks: the ChecksPanel; onError(e). */
  constructor({ form, editor, checks, onError }) {
    Object.assign(this, { form, editor, checks, onError });
    this.data = null;
    this.asked = 0;
    this.focusAsked = 0;
    form.addEventListener("focusin", (ev) => this.focus(ev.target).catch(onError));
  }

  /** After a draft is opened: asks whether it is a summary. */
  async load() {
    const ask = ++this.asked;
    const data = await call("tong_hop_ban_mo");
    if (ask !== this.asked) return;
    this.data = data;
    this.checks.setSummary(data);
  }

  clear() {
    this.asked++;
    this.data = null;
    this.checks.setSummary(null);
  }

  /** Blocks for the section's form: the units' texts of the section. */
  formExtras(sel, section) {
    if (!this.data || sel.kind !== "section" || !section) return [];
    const entry = this.data.texts.find((t) => t.section_id === section.id);
    if (!entry || !entry.texts.length) return [];
    const items = entry.texts.map(([unit, text]) => {
      const add = el("button", { type: "button", textContent: "Chép vào mục này",
        title: "Thêm nội dung này vào cuối mục, để sửa lại cho phù hợp" });
      add.onclick = () => {
        this.editor.snapshot();
        section.blocks = (section.blocks || []).concat(textToBlocks(text));
        this.editor.changed();
        this.editor.renderForm();
      };
      return el("li", {}, el("div", { className: "unit-text-head" }, el("b", {}, unit), add),
        el("div", { className: "unit-text" }, text));
    });
    return [el("details", { className: "unit-texts", id: "unit-texts" },
      el("summary", {}, `Nội dung các đơn vị đã viết cho mục này (${entry.texts.length})`),
      el("ul", {}, ...items))];
  }

  /** A field of the form got the focus: when it holds a summed number, its sources. */
  async focus(target) {
    if (!this.data || !(target instanceof HTMLInputElement)) return;
    const found = this.fieldAt(target);
    this.form.querySelectorAll(".sources").forEach((n) => n.remove());
    if (!found) return;
    const ask = ++this.focusAsked;
    const t = await call("tong_hop_nguon", { at: found.at });
    if (ask !== this.focusAsked || !this.data || !t || document.activeElement !== target) return;
    found.anchor.after(this.sourcesBox(t));
  }

  /** The place of `input` as the engine names it, and where to show its sources. */
  fieldAt(input) {
    const td = input.closest(".table-editor td");
    const sel = this.editor.sel;
    if (td) {
      const editorBox = td.closest(".table-editor");
      const ordinal = [...this.form.querySelectorAll(".table-editor")].indexOf(editorBox);
      const { row, col } = cellPlace(td);
      return {
        at: { kind: "cell", section: sel.kind === "section" ? sel.id : null, ordinal, row, col },
        anchor: editorBox,
      };
    }
    if (input.dataset.fig && input.dataset.key) {
      return { at: { kind: "figure", id: input.dataset.fig, field: input.dataset.key },
        anchor: input.closest(".fig-card") || input };
    }
    return null;
  }

  sourcesBox(t) {
    const s = t.summed;
    const rows = s.sources.map((src, i) => el("tr", {},
      el("td", {}, src.unit),
      el("td", { className: "num" }, t.values_text[i]),
      el("td", { className: "quiet" }, src.typed !== t.values_text[i] ? `(đã ghi: ${src.typed})` : ""),
      el("td", { className: "quiet" }, src.file)));
    const head = `${s.row}${s.column ? " – " + s.column : ""}: tổng ${t.total_text || "(chưa đơn vị nào báo cáo)"}` +
      ` từ ${s.sources.length} đơn vị`;
    return el("div", { className: "sources", id: "sources", role: "status" },
      el("div", { className: "sources-head" }, head),
      s.ratio_of ? el("p", { className: "quiet small" },
        `Tỷ lệ tính lại từ tổng “${s.ratio_of[0]}” chia tổng “${s.ratio_of[1]}”, không lấy trung bình tỷ lệ của các đơn vị.`) : null,
      t.edited ? el("p", { className: "field-error" },
        `Số này đã được sửa tay (${t.now || "để trống"}); tổng từ các đơn vị là ${t.total_text || "không có"}.`) : null,
      el("table", {}, el("thead", {}, el("tr", {}, el("th", {}, "Đơn vị"), el("th", {}, "Giá trị"), el("th", {}, ""), el("th", {}, "Tệp"))),
        el("tbody", {}, ...rows)));
  }
}

/** Row and column of a grid cell in the table's own terms: a merged cell (colspan, rowspan)
 *  counts the columns and rows it covers, as the model's spans do. */
export function cellPlace(td) {
  // The grid (table-grid.js) names each cell's place in the model.
  if (td.dataset.r != null && td.dataset.c != null) return { row: Number(td.dataset.r), col: Number(td.dataset.c) };
  const table = td.closest("table");
  const taken = []; // taken[row] = Set of columns covered by spans from rows above
  const rows = [...table.rows];
  for (let r = 0; r < rows.length; r++) {
    let c = 0;
    for (const cell of rows[r].cells) {
      while (taken[r] && taken[r].has(c)) c++;
      if (cell === td) return { row: r, col: c };
      const cs = cell.colSpan || 1;
      const rs = cell.rowSpan || 1;
      for (let dr = 1; dr < rs; dr++) {
        taken[r + dr] = taken[r + dr] || new Set();
        for (let dc = 0; dc < cs; dc++) taken[r + dr].add(c + dc);
      }
      c += cs;
    }
  }
  return { row: td.parentElement.rowIndex, col: td.cellIndex };
}
