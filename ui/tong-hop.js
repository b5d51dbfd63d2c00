// "Tổng hợp": one report from many units' reports on the same template. The dialog picks the
// template and the units' files, shows each unit's name (read from its header or file name) for
// the user to correct, and the roster kept with the template to edit; the Rust side sums them
// into a new draft (app/tong_hop.rs, consolidate/).

import { call } from "./api.js";
import { el, lines } from "./dom.js";

/** hooks: open(id) opens a draft; notice(text) shows a line; showError(e). */
export function setupTongHop(hooks) {
  const button = document.getElementById("btn-tong-hop");
  if (button) button.onclick = () => openDialog(hooks).catch(hooks.showError);
}

async function openDialog(hooks) {
  let mau = null;
  let units = [];
  const mauLabel = el("span", { id: "th-mau", className: "quiet" }, "Chưa chọn mẫu.");
  const list = el("ul", { id: "th-don-vi", className: "th-units" });
  const roster = el("textarea", { id: "th-danh-sach", rows: 6, spellcheck: false,
    placeholder: "Mỗi dòng một đơn vị, ví dụ: Tổ dân phố số 1" });
  const err = el("p", { className: "field-error", hidden: true });
  const run = el("button", { type: "submit", id: "th-chay", className: "primary", textContent: "Tổng hợp", disabled: true });
  const cancel = el("button", { type: "button", textContent: "Hủy" });
  const pickMau = el("button", { type: "button", id: "th-chon-mau", textContent: "Chọn mẫu…" });
  const pickUnits = el("button", { type: "button", id: "th-chon-don-vi", textContent: "Chọn báo cáo các đơn vị…" });
  const ready = () => { run.disabled = !mau || !units.some((u) => !u.error); };
  const drawUnits = () => {
    list.replaceChildren(...units.map((u, i) => {
      const name = el("input", { type: "text", value: u.name, spellcheck: false, title: "Tên đơn vị (sửa nếu đọc sai)" });
      name.oninput = () => { units[i].name = name.value; };
      const file = u.path.split(/[\\/]/).pop();
      return el("li", {}, name, el("span", { className: "quiet" }, " " + file),
        u.error ? el("span", { className: "field-error" }, " " + u.error) : null);
    }));
    ready();
  };
  const form = el("form", { method: "dialog" },
    el("h2", {}, "Tổng hợp báo cáo các đơn vị"),
    el("div", { className: "row" }, pickMau, mauLabel),
    el("div", { className: "row" }, pickUnits),
    list,
    el("label", { className: "field" }, el("span", {}, "Danh sách đơn vị phải báo cáo (mỗi dòng một đơn vị)"), roster),
    err,
    el("div", { className: "row" }, el("span", { className: "spacer" }), cancel, run));
  const dlg = el("dialog", { className: "ask", id: "tong-hop" }, form);
  document.body.append(dlg);
  const close = () => { dlg.close(); dlg.remove(); };
  cancel.onclick = close;
  dlg.addEventListener("cancel", (ev) => { ev.preventDefault(); close(); });
  const fail = (e) => { err.textContent = (e && e.message) || String(e); err.hidden = false; };
  pickMau.onclick = async () => {
    try {
      const t = await call("tong_hop_chon_mau");
      if (!t) return;
      mau = t;
      mauLabel.textContent = t.title || t.path;
      if (t.roster.length && !roster.value.trim()) roster.value = t.roster.join("\n");
      err.hidden = true;
      ready();
    } catch (e) { fail(e); }
  };
  pickUnits.onclick = async () => {
    try {
      units = units.concat(await call("tong_hop_chon_don_vi"));
      drawUnits();
    } catch (e) { fail(e); }
  };
  form.onsubmit = async (ev) => {
    ev.preventDefault();
    run.disabled = true;
    try {
      const done = await call("tong_hop_chay", {
        mau: mau.path,
        units: units.filter((u) => !u.error),
        roster: lines(roster.value),
      });
      close();
      await hooks.open(done.id);
      const blocking = done.findings.filter((f) => f.blocking).length;
      const others = done.findings.length - blocking;
      let text = done.coverage;
      if (done.findings.length) {
        text += ` ${blocking} lỗi, ${others} lưu ý: ` + done.findings.map((f) => f.message).join(" ");
      }
      hooks.notice(text);
    } catch (e) { fail(e); ready(); }
  };
  dlg.showModal();
}
