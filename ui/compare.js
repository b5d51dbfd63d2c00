// "So sánh hai phiên bản": two versions of the draft (or a version and the draft as it stands),
// section by section, inserted words in green and underlined, deleted words in red and struck
// through, unchanged sections folded.
import { call } from "./api.js";
import { el } from "./dom.js";

const CHANGE = { same: "Không thay đổi", changed: "Có thay đổi", added: "Mục mới", removed: "Mục đã xóa" };

export class Compare {
  /** versionsDialog: the "Các phiên bản" dialog, in which the chooser is put. */
  constructor({ versionsDialog, formatTime, onError }) {
    Object.assign(this, { versionsDialog, formatTime, onError });
    this.box = el("div", { id: "compare-box" });
    const list = versionsDialog.querySelector("#version-list");
    list.after(this.box);
    this.dlg = el("dialog", { id: "dlg-compare" });
    document.body.append(this.dlg);
  }

  /** Fills the chooser with the versions just listed (newest first). */
  fill(versions) {
    const options = () => [
      el("option", { value: "current", textContent: "Bản đang soạn" }),
      ...versions.map((v) => el("option", { value: v.id, textContent: `${v.name} — ${this.formatTime(v.created)}` })),
    ];
    const a = el("select", { id: "compare-a" }, ...options());
    const b = el("select", { id: "compare-b" }, ...options());
    // The version sent to the leader is usually the last named one; else the draft as made.
    const base = versions.find((v) => v.named) || versions[versions.length - 1];
    if (base) a.value = base.id;
    b.value = "current";
    const go = el("button", { type: "button", id: "compare-go", textContent: "So sánh" });
    go.onclick = () => this.show(a, b).catch(this.onError);
    this.box.hidden = !versions.length;
    this.box.replaceChildren(
      el("h3", {}, "So sánh hai phiên bản"),
      el("div", { className: "row" },
        el("label", { className: "field" }, el("span", {}, "Bản trước"), a),
        el("label", { className: "field" }, el("span", {}, "Bản sau"), b),
        go));
  }

  async show(a, b) {
    const name = (s) => s.options[s.selectedIndex].textContent;
    const diffs = await call("compare_versions", { a: a.value, b: b.value });
    this.versionsDialog.close();
    const changed = diffs.filter((d) => d.change !== "same");
    const body = el("div", { className: "compare-body" });
    for (const d of diffs) {
      const det = el("details", { className: "diff-sec", open: d.change !== "same", dataset: { change: d.change, id: d.id } });
      const text = el("div", { className: "diff-text" });
      for (const s of d.spans) {
        if (s.kind === "insert") text.append(el("ins", { textContent: s.text }));
        else if (s.kind === "delete") text.append(el("del", { textContent: s.text }));
        else text.append(s.text);
      }
      det.append(el("summary", {}, el("span", { className: "t" }, d.title || "(chưa có tên)"), " ",
        el("span", { className: "chg" }, CHANGE[d.change] || d.change)), text);
      body.append(det);
    }
    const close = el("button", { type: "button", textContent: "Đóng" });
    close.onclick = () => this.dlg.close();
    this.dlg.replaceChildren(
      el("div", { className: "row" }, el("h2", {}, "So sánh hai phiên bản"), el("span", { className: "spacer" }), close),
      el("p", {}, `${name(a)} → ${name(b)}: `,
        changed.length ? `${changed.length} mục thay đổi.` : "không có gì thay đổi.",
        " ", el("ins", {}, "chữ thêm"), " ", el("del", {}, "chữ bỏ")),
      body);
    this.dlg.showModal();
  }
}
