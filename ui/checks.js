// The Kiểm tra panel: the findings of the checks on the open draft, refreshed after each change,
// and the items left to review in a draft made for the next period. A click on a finding opens
// its field; "Sửa" applies the finding's one-click fix; "Đã xem" removes a review item. A
// spelling finding offers each suggested word, "Bỏ qua" (this report says nothing more about the
// word) and "Thêm vào từ điển" (the agency's dictionary, every report).
import { call } from "./api.js";
import { el } from "./dom.js";

/** A finding's place (page::Source as serialised) → what `editor.reveal` takes. */
export function revealTarget(loc) {
  switch (loc && loc.part) {
    case "section": return { sec: loc.id, block: loc.block == null ? null : String(loc.block), field: "" };
    case "intro": return { sec: "", block: String(loc.block), field: "intro" };
    case "header": return { sec: "", block: null, field: "header." + loc.field };
    case "closing": return { sec: "", block: null, field: "closing." + loc.field };
    default: return null;
  }
}

const FIX_TITLE = {
  append_closing_mark: "Thêm dấu “./.” vào cuối câu kết",
  set_closing: "Thêm câu kết",
  set_symbol: "Sửa ký hiệu",
  set_archive_units: "Sửa dòng lưu",
  replace_text: "Sửa trong đoạn văn",
  set_cell: "Ghi số đúng vào ô tổng",
  convert_legacy: "Chuyển đoạn văn sang Unicode",
};

export class ChecksPanel {
  /**
   * root: the panel element; button/badge: the top bar toggle and its count;
   * reveal(src): opens a field; flush(): sends pending edits; reload(): reloads the draft;
   * snapshot(): the report as it is, before a fix; onFixed(before, finding): after a fix;
   * refresh(): asks the checks again (after a word is added to the dictionary).
   */
  constructor({ root, button, badge, reveal, flush, reload, snapshot, onFixed, notice, onError, onResize, refresh }) {
    Object.assign(this, { root, button, badge, reveal, flush, reload, snapshot, onFixed, notice, onError, onResize, refresh });
    this.data = { findings: [], review: [] };
    this.busy = false;
    button.onclick = () => this.toggle();
    this.render();
  }

  get isOpen() { return !this.root.hidden; }

  toggle(on = !this.isOpen) {
    this.root.hidden = !on;
    this.button.classList.toggle("on", on);
    this.button.setAttribute("aria-pressed", on);
    if (this.onResize) this.onResize();
  }

  /** The answer of `check_report`. */
  set(data) {
    this.data = data;
    this.badgeUpdate();
    this.render();
  }

  /** What a summary draft was summed from (`tong_hop_ban_mo`), or null for any other draft. */
  setSummary(summary) {
    this.summary = summary;
    this.badgeUpdate();
    this.render();
  }

  badgeUpdate() {
    const { findings, review } = this.data;
    const sum = this.summary ? this.summary.findings : [];
    const n = findings.length + review.length + sum.length;
    this.badge.textContent = n ? String(n) : "";
    this.badge.dataset.count = String(n);
    const worst = findings[0]?.severity || (sum.some((f) => f.blocking) ? "loi" : "") ||
      (review.length || sum.length ? "goi_y" : "");
    this.badge.dataset.severity = worst;
  }

  /** The summary's coverage and findings: not in the report's text, so nothing to open or fix. */
  summaryPart() {
    const s = this.summary;
    const list = el("ul", { id: "summary-list", className: "findings" },
      ...s.findings.map((f) => el("li", { className: "finding", dataset: { severity: f.blocking ? "loi" : "canh_bao" } },
        el("div", { className: "meta" }, el("span", { className: "sev" }, f.blocking ? "lỗi" : "lưu ý"),
          el("span", { className: "place" }, "Tổng hợp")),
        el("div", { className: "msg" }, f.message))));
    return [el("div", { className: "review-head" }, el("h3", {}, "Tổng hợp")),
      el("p", { id: "summary-coverage" }, s.coverage), list];
  }

  render() {
    const { findings, review } = this.data;
    const close = el("button", { type: "button", className: "close", title: "Đóng bảng Kiểm tra", textContent: "×" });
    close.onclick = () => this.toggle(false);
    const head = el("div", { className: "pane-head" }, el("span", {}, "Kiểm tra"),
      el("span", { className: "quiet" }, findings.length ? `${findings.length} mục` : ""), el("span", { className: "spacer" }), close);
    const list = el("ul", { id: "checks-list", className: "findings" });
    if (!findings.length && !(this.summary && this.summary.findings.length)) {
      list.append(el("li", { className: "clean" }, "Không thấy lỗi nào trong báo cáo."));
    }
    for (const f of findings) list.append(this.item(f));
    const parts = [head, list];
    if (this.summary) parts.push(...this.summaryPart());
    if (review.length) {
      const all = el("button", { type: "button", className: "seen-all", textContent: "Đã xem tất cả" });
      all.onclick = () => this.notice(`Bỏ cả ${review.length} mục cần xem lại khỏi danh sách? Nội dung báo cáo không thay đổi.`,
        [["Đã xem tất cả", () => this.dismissAll()]]);
      parts.push(el("div", { className: "review-head" }, el("h3", {}, `Cần xem lại cho kỳ mới (${review.length})`), all),
        el("p", { className: "quiet small" }, "Ngày tháng và tên kỳ còn lại từ báo cáo kỳ trước. Hãy sửa nếu cần, rồi bấm “Đã xem”."));
      const rl = el("ul", { id: "review-list", className: "findings" });
      // What is surely stale (the old period's words and dates) first, open; what only needs a
      // glance (gợi ý) folded under one line, so that a long list does not bury the real ones.
      const rank = { loi: 0, canh_bao: 1, goi_y: 2 };
      const sorted = review.map((f, i) => [f, i]).sort(([a, i], [b, j]) => (rank[a.severity] ?? 3) - (rank[b.severity] ?? 3) || i - j);
      const glance = sorted.filter(([f]) => f.severity === "goi_y");
      for (const [f] of sorted) if (f.severity !== "goi_y") rl.append(this.item(f));
      if (glance.length) {
        const inner = el("ul", { className: "findings" }, ...glance.map(([f]) => this.item(f)));
        const det = el("details", { className: "glance" },
          el("summary", {}, `Chỉ cần xem qua: ${glance.length} mục (bấm để mở)`), inner);
        // Stays open across refreshes once the user opened it.
        det.open = !!this.glanceOpen || glance.length === review.length;
        det.ontoggle = () => { this.glanceOpen = det.open; };
        rl.append(el("li", { className: "group" }, det));
      }
      parts.push(rl);
    }
    this.root.replaceChildren(...parts);
  }

  item(f) {
    const li = el("li", { className: "finding", tabIndex: 0, dataset: { severity: f.severity } });
    if (f.item) li.dataset.item = f.item;
    const target = revealTarget(f.location);
    const go = () => { if (target) this.reveal(target); };
    li.onclick = (ev) => { if (!ev.target.closest("button")) go(); };
    li.onkeydown = (ev) => { if (ev.key === "Enter" && ev.target === li) go(); };
    const actions = el("div", { className: "actions" });
    if (f.fix && f.fix.kind === "spelling") {
      this.spellingActions(f, actions);
    } else if (f.fix) {
      const b = el("button", { type: "button", className: "fix", textContent: "Sửa", title: FIX_TITLE[f.fix.kind] || "Sửa tự động" });
      b.onclick = () => this.applyFix(f).catch(this.onError);
      actions.append(b);
    }
    if (f.item) {
      const b = el("button", { type: "button", className: "seen", textContent: "Đã xem" });
      b.onclick = () => this.dismiss(f.item).catch(this.onError);
      actions.append(b);
    }
    li.append(
      el("div", { className: "meta" }, el("span", { className: "sev" }, f.label), el("span", { className: "place" }, f.place)),
      el("div", { className: "msg" }, f.message),
    );
    if (actions.childElementCount) li.append(actions);
    return li;
  }

  /** A spelling finding: one button per suggested word, "Bỏ qua", "Thêm vào từ điển". */
  spellingActions(f, actions) {
    const { word, with: words } = f.fix;
    for (const w of words) {
      const one = { ...f, fix: { ...f.fix, with: [w] } };
      const b = el("button", { type: "button", className: "fix", textContent: words.length === 1 ? "Sửa" : w, title: `Sửa “${word}” thành “${w}”` });
      b.dataset.word = w;
      b.onclick = () => this.applyFix(one).catch(this.onError);
      actions.append(b);
    }
    const ignore = el("button", { type: "button", className: "ignore", textContent: "Bỏ qua", title: `Không báo “${word}” trong báo cáo này nữa` });
    ignore.onclick = () => this.ignoreWord(word).catch(this.onError);
    const add = el("button", { type: "button", className: "dictionary", textContent: "Thêm vào từ điển", title: `Thêm “${word}” vào từ điển của cơ quan: mọi báo cáo đều coi là viết đúng` });
    add.onclick = () => this.addToDictionary(word).catch(this.onError);
    actions.append(ignore, add);
  }

  async ignoreWord(word) {
    if (this.busy) return;
    this.busy = true;
    try {
      await this.flush();
      await call("ignore_word", { word });
      await this.reload();
      this.notice(`Đã bỏ qua “${word}” trong báo cáo này.`);
    } finally { this.busy = false; }
  }

  async addToDictionary(word) {
    if (this.busy) return;
    this.busy = true;
    try {
      await call("add_to_dictionary", { word });
      if (this.refresh) await this.refresh();
      this.notice(`Đã thêm “${word}” vào từ điển của cơ quan (xem, sửa trong Cài đặt).`);
    } finally { this.busy = false; }
  }

  async applyFix(f) {
    if (this.busy) return;
    this.busy = true;
    try {
      await this.flush();
      const before = this.snapshot ? this.snapshot() : null;
      await call("apply_fix", { fix: f.fix });
      await this.reload();
      if (this.onFixed) this.onFixed(before, f);
    } finally { this.busy = false; }
  }

  async dismissAll() {
    await call("dismiss_all_review");
    this.set({ ...this.data, review: [] });
  }

  async dismiss(item) {
    await call("dismiss_review", { item });
    this.set({ ...this.data, review: this.data.review.filter((f) => f.item !== item) });
  }
}
