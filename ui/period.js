// "Tạo báo cáo kỳ sau": a new draft of the open report for the next reporting period. The
// engine moves the period in the trích yếu and the headings, keeps this period's figures as the
// comparison values, clears number and date, and lists every date and period word left in the
// text; those come back in the Kiểm tra panel "for review", kept with the new draft.
import { call } from "./api.js";
import { el } from "./dom.js";

const ROMAN = ["I", "II", "III", "IV"];

/** The kinds the dialog offers: value "month:5" etc. ↔ the engine's PeriodKind. */
const KINDS = [
  ...Array.from({ length: 12 }, (_, i) => [`month:${i + 1}`, `Tháng ${i + 1}`]),
  ...ROMAN.map((r, i) => [`quarter:${i + 1}`, `Quý ${r}`]),
  ["half:1", "6 tháng đầu năm"],
  ["half:2", "6 tháng cuối năm"],
  ["year", "Cả năm"],
];

const kindValue = (k) => (k.kind === "year" ? "year" : `${k.kind}:${k.n}`);
const kindOf = (v) => {
  const [kind, n] = v.split(":");
  return n ? { kind, n: Number(n) } : { kind };
};

export class NextPeriod {
  /** flush(): sends pending edits; openDraft(id); afterOpen(): shows the review items. */
  constructor({ button, flush, openDraft, afterOpen, notice, onError }) {
    Object.assign(this, { flush, openDraft, afterOpen, notice, onError });
    this.dlg = el("dialog", { id: "dlg-period" });
    document.body.append(this.dlg);
    button.onclick = () => this.open().catch(onError);
  }

  async open() {
    await this.flush();
    const info = await call("next_periods_of_open");
    const kind = el("select", { id: "period-kind" }, ...KINDS.map(([v, t]) => el("option", { value: v, textContent: t })));
    const year = el("input", { id: "period-year", type: "number", min: 2000, max: 2100, step: 1 });
    const set = (p) => { kind.value = kindValue(p.kind); year.value = p.year; };
    const choices = el("div", { className: "period-choices" });
    info.suggestions.forEach((s, i) => {
      const r = el("input", { type: "radio", name: "period-choice", checked: i === 0 });
      r.onchange = () => set(s.period);
      choices.append(el("label", { className: "check" }, r, " " + s.words));
    });
    if (info.suggestions[0]) set(info.suggestions[0].period);
    const mark = () => choices.querySelectorAll("input").forEach((r) => { r.checked = false; });
    kind.onchange = mark;
    year.oninput = mark;
    const cancel = el("button", { type: "button", textContent: "Hủy" });
    cancel.onclick = () => this.dlg.close();
    const ok = el("button", { type: "button", id: "period-ok", className: "primary", textContent: "Tạo báo cáo" });
    ok.onclick = () => this.create(kindOf(kind.value), Number(year.value)).catch(this.onError);
    this.dlg.replaceChildren(
      el("h2", {}, "Tạo báo cáo kỳ sau"),
      el("p", {}, info.current ? `Báo cáo đang mở là báo cáo ${info.current.words}.` : "Chưa nhận ra kỳ của báo cáo đang mở trong trích yếu; hãy chọn kỳ mới."),
      el("p", { className: "quiet" }, "Chọn kỳ của báo cáo mới:"),
      choices,
      el("div", { className: "row" },
        el("label", { className: "field" }, el("span", {}, "Kỳ"), kind),
        el("label", { className: "field" }, el("span", {}, "Năm"), year)),
      el("p", { className: "quiet small" },
        "Báo cáo mới giữ bố cục và nội dung; kỳ trong trích yếu và các đề mục được đổi sang kỳ mới; số liệu kỳ này thành số liệu so sánh; số và ngày văn bản để trống. Ngày tháng và tên kỳ còn lại trong nội dung được liệt kê trong bảng Kiểm tra để xem lại. Báo cáo đang mở không bị thay đổi."),
      el("div", { className: "row" }, el("span", { className: "spacer" }), cancel, ok));
    this.dlg.showModal();
  }

  async create(kind, year) {
    const id = await call("roll_forward", { period: { kind, year } });
    this.dlg.close();
    await this.openDraft(id);
    this.afterOpen();
    this.notice("Đã tạo báo cáo kỳ mới. Các ngày tháng và tên kỳ cần xem lại được liệt kê trong bảng Kiểm tra.");
  }
}
