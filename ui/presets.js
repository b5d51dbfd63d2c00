// Presets (mẫu thiết lập): what a ward types once and every report takes. The settings view
// lists and edits them; the header and closing forms pick from them or save the form's values
// as a new one. Storing and applying them is the Rust side's (store/presets.rs).

import { call } from "./api.js";
import { el, lines } from "./dom.js";
import { askText, confirmAction } from "./dialogs.js";


/** Thẩm quyền ký as the forms offer it (model `Authority`). */
export const AUTHORITIES = [["", "(không ghi)"], ["TM", "TM. (thay mặt)"], ["KT", "KT. (ký thay)"], ["TL", "TL. (thừa lệnh)"], ["TUQ", "TUQ. (thừa ủy quyền)"], ["Q", "Q. (quyền)"]];

/** What each kind of preset is called, how its values are edited and summed up in a line. */
export const KINDS = {
  agency: {
    title: "Cơ quan ban hành",
    help: "Tên cơ quan chủ quản, tên cơ quan, ký hiệu và địa danh in ở phần đầu mỗi báo cáo.",
    blank: () => ({ parent: null, name_lines: [], symbol_suffix: "", place: "" }),
    fromReport: (r) => ({
      parent: r.issuer.parent || null,
      name_lines: r.issuer.name_lines || [],
      symbol_suffix: (r.issuer.symbol || "").replace(/^[^-]*-/, ""),
      place: r.place || "",
    }),
    summary: (d) => [d.parent, ...(d.name_lines || [])].filter(Boolean).join(" / ") + (d.place ? ` — ${d.place}` : ""),
    fields: (d) => [
      text("Cơ quan chủ quản (nếu có)", d.parent || "", (v) => { d.parent = v.trim() || null; }, "agency.parent", "UBND THÀNH PHỐ HÀ NỘI"),
      area("Tên cơ quan (mỗi dòng một dòng in)", (d.name_lines || []).join("\n"), (v) => { d.name_lines = lines(v); }, "agency.name_lines", "ỦY BAN NHÂN DÂN\nPHƯỜNG BẠCH MAI"),
      text("Ký hiệu cơ quan (sau “BC-”)", d.symbol_suffix, (v) => { d.symbol_suffix = v.trim(); }, "agency.symbol_suffix", "UBND"),
      text("Địa danh", d.place, (v) => { d.place = v.trim(); }, "agency.place", "Bạch Mai"),
    ],
  },
  signer: {
    title: "Người ký",
    help: "Thẩm quyền, chức vụ và họ tên in ở khối chữ ký.",
    blank: () => ({ authority: null, collective: "", titles: [], name: "" }),
    fromReport: (r) => JSON.parse(JSON.stringify(r.signer)),
    summary: (d) => [d.authority ? `${d.authority}. ${d.collective || ""}`.trim() : "", ...(d.titles || []), d.name].filter(Boolean).join(" / "),
    fields: (d) => {
      const sel = el("select", {}, ...AUTHORITIES.map(([v, t]) => el("option", { value: v, selected: (d.authority || "") === v }, t)));
      sel.dataset.field = "signer.authority";
      sel.onchange = () => { d.authority = sel.value || null; };
      return [
        el("label", { className: "field" }, el("span", {}, "Thẩm quyền ký"), sel),
        text("Tập thể (sau TM.)", d.collective, (v) => { d.collective = v.trim(); }, "signer.collective", "ỦY BAN NHÂN DÂN"),
        area("Chức vụ (mỗi dòng một dòng in)", (d.titles || []).join("\n"), (v) => { d.titles = lines(v); }, "signer.titles", "CHỦ TỊCH"),
        text("Họ và tên", d.name, (v) => { d.name = v.trim(); }, "signer.name", "Nguyễn Văn A"),
      ];
    },
  },
  recipients: {
    title: "Danh sách nơi nhận",
    help: "Các nơi nhận thường gửi, mỗi dòng một nơi (không cần “- ” và “;”).",
    blank: () => [],
    fromReport: (r) => (r.noi_nhan.recipients || []).slice(),
    summary: (d) => d.join("; "),
    fields: (d) => [
      area("Nơi nhận (mỗi dòng một nơi)", d.join("\n"), (v) => { d.splice(0, d.length, ...lines(v)); }, "recipients", "UBND Thành phố;\nThường trực Đảng ủy phường", 4),
    ],
  },
  archive: {
    title: "Dòng lưu",
    help: "Đơn vị lưu sau “Lưu: VT,” và số bản lưu.",
    blank: () => ({ units: [], copies: null }),
    fromReport: (r) => JSON.parse(JSON.stringify(r.noi_nhan.archive)),
    summary: (d) => `Lưu: VT${(d.units || []).map((u) => ", " + u).join("")}${d.copies ? `, ${d.copies} bản` : ""}.`,
    fields: (d) => {
      const copies = el("input", { type: "number", min: 1, value: d.copies ?? "" });
      copies.oninput = () => { d.copies = copies.value ? Math.max(1, Math.floor(+copies.value)) : null; };
      return [
        text("Đơn vị lưu (cách nhau bởi dấu phẩy)", (d.units || []).join(", "), (v) => { d.units = v.split(",").map((x) => x.trim()).filter(Boolean); }, "archive.units", "VP"),
        el("label", { className: "field" }, el("span", {}, "Số bản lưu"), copies),
      ];
    },
  },
  dictionary: {
    title: "Từ điển của cơ quan",
    help: "Những chữ kiểm tra chính tả coi là viết đúng ở mọi báo cáo (tên riêng, địa danh, từ chuyên môn), mỗi dòng một chữ. Thêm nhanh bằng nút “Thêm vào từ điển” trong bảng Kiểm tra.",
    blank: () => [],
    fromReport: () => [],
    summary: (d) => (d.length ? `${d.length} chữ: ${d.slice(0, 8).join(", ")}${d.length > 8 ? ", …" : ""}` : "Chưa có chữ nào"),
    fields: (d) => [
      area("Các chữ (mỗi dòng một chữ)", d.join("\n"), (v) => { d.splice(0, d.length, ...lines(v)); }, "dictionary", "Bạch\nHanoiWork", 6),
    ],
  },
  layout: {
    title: "Trình bày mặc định",
    help: "Lề, cỡ chữ, giãn dòng cho báo cáo mới; trong khoảng Nghị định 30/2020/NĐ-CP cho phép.",
    blank: () => null, // filled from the layout fields' defaults
    fromReport: (r) => ({ ...r.settings }),
    summary: (d) => `Lề ${d.margin_top_mm}/${d.margin_bottom_mm}/${d.margin_left_mm}/${d.margin_right_mm} mm, chữ ${d.body_pt} pt, giãn dòng ${d.line_spacing}`.replace(/\./g, ","),
    fields: (d, layoutFields, showError) => layoutFields.map((f) => layoutField(f, d, () => {}, showError)),
  },
};

function text(label, value, set, name, placeholder = "") {
  const i = el("input", { type: "text", value: value ?? "", placeholder, spellcheck: false });
  i.dataset.field = name;
  i.addEventListener("input", () => set(i.value));
  return el("label", { className: "field" }, el("span", {}, label), i);
}

function area(label, value, set, name, placeholder = "", rows = 2) {
  const t = el("textarea", { value: value ?? "", placeholder, rows, spellcheck: false });
  t.dataset.field = name;
  t.addEventListener("input", () => set(t.value));
  return el("label", { className: "field" }, el("span", {}, label), t);
}

const vi = (n) => String(n).replace(".", ",");

/** A number input for one layout setting, refusing values outside the decree's range. */
export function numberField(f, data, onValid = () => {}, onError = null) {
  const i = el("input", { type: "number", min: f.min, max: f.max, step: f.step, value: data[f.key] ?? f.default });
  i.dataset.key = f.key;
  const hint = el("span", { className: "quiet" }, ` từ ${vi(f.min)} đến ${vi(f.max)}`);
  i.onchange = () => {
    const v = Number(i.value);
    if (!(v >= f.min && v <= f.max)) {
      const msg = `${f.label} phải trong khoảng ${vi(f.min)} – ${vi(f.max)} theo Nghị định 30/2020/NĐ-CP; hãy nhập lại.`;
      if (onError) onError({ message: msg });
      i.value = data[f.key];
      return;
    }
    data[f.key] = v;
    onValid(v);
  };
  return el("label", {}, f.label + " ", i, hint);
}

/** A select for one layout choice that is not a number ("Kính gửi" with one recipient, …). */
export function choiceField(f, data, onValid = () => {}) {
  const s = el("select", {});
  for (const [value, label] of f.options) s.append(el("option", { value, textContent: label }));
  s.value = data[f.key] ?? f.default;
  s.dataset.key = f.key;
  s.onchange = () => { data[f.key] = s.value; onValid(s.value); };
  return el("label", {}, f.label + " ", s);
}

/** The input of one layout setting: a number within the decree's range, or a choice. */
export function layoutField(f, data, onValid = () => {}, onError = null) {
  return f.options ? choiceField(f, data, onValid) : numberField(f, data, onValid, onError);
}

/** The presets, kept for the forms' pickers; refreshed after every change in the settings. */
export const presets = {
  list: [],
  async refresh() { this.list = await call("list_presets"); return this.list; },
  of(kind) { return this.list.filter((p) => p.preset.kind === kind); },
};

/**
 * The settings section of one kind: its presets with "Mặc định", "Sửa", "Xóa", and "+ Thêm".
 * `ctx`: { showError, notice, layoutFields, report } (report: the open draft's, to start a new
 * preset from, or null).
 */
export function presetSection(kind, ctx) {
  const k = KINDS[kind];
  const box = el("section", { className: "preset-section" });
  box.dataset.kind = kind;
  const draw = () => {
    const list = presets.of(kind);
    const ul = el("ul", { className: "preset-list" });
    if (!list.length) ul.append(el("li", { className: "quiet" }, "Chưa có mẫu nào."));
    for (const p of list) {
      const li = el("li", {},
        el("strong", {}, p.name), " ",
        p.is_default ? el("span", { className: "badge" }, "mặc định") : null,
        el("div", { className: "quiet" }, k.summary(p.preset.data)));
      li.dataset.preset = p.id;
      const acts = el("div", { className: "row small" });
      if (!p.is_default) acts.append(button("Đặt làm mặc định", async () => {
        await call("set_default_preset", { id: p.id });
        await presets.refresh();
        draw();
      }, ctx));
      acts.append(button("Sửa", () => edit(p), ctx));
      acts.append(button("Xóa", async () => {
        const ok = await confirmAction({ title: "Xóa mẫu thiết lập", text: `Xóa mẫu “${p.name}”? Các báo cáo đã soạn không thay đổi.`, okLabel: "Xóa", danger: true });
        if (!ok) return;
        await call("delete_preset", { id: p.id });
        await presets.refresh();
        draw();
      }, ctx));
      li.append(acts);
      ul.append(li);
    }
    const add = button("+ Thêm", () => {
      const data = ctx.report ? k.fromReport(ctx.report) : k.blank() ?? defaults(ctx.layoutFields);
      edit({ id: null, name: "", preset: { kind, data } });
    }, ctx);
    add.dataset.add = kind;
    box.replaceChildren(el("h2", {}, k.title), el("p", { className: "quiet" }, k.help), ul, el("div", { className: "row" }, add));
  };
  const edit = (p) => {
    const data = JSON.parse(JSON.stringify(p.preset.data));
    const name = el("input", { type: "text", value: p.name, placeholder: "Ví dụ: Chủ tịch ký", spellcheck: false });
    name.dataset.field = "preset.name";
    const save = button("Lưu", async () => {
      await call("save_preset", { id: p.id, name: name.value, preset: { kind, data } });
      await presets.refresh();
      draw();
    }, ctx, "primary");
    save.dataset.save = kind;
    const form = el("div", { className: "preset-edit" },
      el("label", { className: "field" }, el("span", {}, "Tên mẫu"), name),
      ...k.fields(data, ctx.layoutFields, ctx.showError),
      el("div", { className: "row" }, el("span", { className: "spacer" }), button("Hủy", draw, ctx), save));
    box.replaceChildren(el("h2", {}, k.title), form);
    name.focus();
  };
  draw();
  return box;
}

function defaults(layoutFields) {
  return Object.fromEntries((layoutFields || []).map((f) => [f.key, f.default]));
}

function button(label, fn, ctx, cls = "") {
  const b = el("button", { type: "button", textContent: label, className: cls });
  b.onclick = () => Promise.resolve(fn()).catch(ctx.showError);
  return b;
}

/**
 * For the forms: a "Chọn từ mẫu…" select of the presets of `kind`, and a "Lưu thành mẫu" button
 * that stores the form's current values as a new preset. `apply(id)` puts a preset into the report.
 */
export function presetTools(kind, { report, apply, showError, notice }) {
  const k = KINDS[kind];
  const sel = el("select", { title: `Điền ${k.title.toLowerCase()} từ mẫu thiết lập` });
  const fill = () => {
    const list = presets.of(kind);
    sel.replaceChildren(
      el("option", { value: "" }, list.length ? "Chọn từ mẫu…" : "Chưa có mẫu (lưu ở nút bên cạnh)"),
      ...list.map((p) => el("option", { value: p.id }, p.name + (p.is_default ? " (mặc định)" : ""))));
    sel.disabled = !list.length;
  };
  fill();
  sel.dataset.presets = kind;
  sel.onchange = () => {
    const id = Number(sel.value);
    sel.value = "";
    if (id) Promise.resolve(apply(id)).catch(showError);
  };
  const save = el("button", { type: "button", textContent: "Lưu thành mẫu", title: `Lưu ${k.title.toLowerCase()} đang nhập thành mẫu thiết lập để dùng lại` });
  save.dataset.savePreset = kind;
  save.onclick = async () => {
    try {
      const name = await askText({ title: `Lưu mẫu: ${k.title.toLowerCase()}`, label: "Tên mẫu", value: suggestName(kind, report), hint: "Mẫu dùng lại được ở mọi báo cáo; sửa hoặc xóa trong Cài đặt." });
      if (!name) return;
      await call("save_preset", { id: null, name, preset: { kind, data: k.fromReport(report) } });
      await presets.refresh();
      fill();
      notice(`Đã lưu mẫu “${name}”.`);
    } catch (e) { showError(e); }
  };
  return el("div", { className: "row small preset-tools" }, sel, save);
}

function suggestName(kind, r) {
  if (kind === "agency") return (r.issuer.name_lines || []).join(" ").trim();
  if (kind === "signer") return [(r.signer.titles || []).join(" "), r.signer.name].filter(Boolean).join(" – ");
  if (kind === "recipients") return "Nơi nhận thường dùng";
  return "";
}
