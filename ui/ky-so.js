// "Ký số…" and "Kiểm tra chữ ký số…": the dialogs over the Rust commands of app/sign.rs.
// Everything the token, the signature and the verification decide is Rust's; this module only
// shows it and sends the user's choices. The PIN is read from its password field once, sent,
// and the field emptied at once, whatever the answer.

import { call } from "./api.js";
import { el } from "./dom.js";

const ROLES = [
  ["ca-nhan", "Người có thẩm quyền ký (chữ ký cá nhân, ô 7c)"],
  ["co-quan", "Cơ quan ký (con dấu, ô 8)"],
];

function certRow(c, checked) {
  const radio = el("input", { type: "radio", name: "ks-cert", value: c.label, checked, disabled: !!c.problem });
  radio.dataset.role = c.role;
  return el("label", { className: "ks-cert" + (c.problem ? " bad" : "") },
    el("span", { className: "row" }, radio, el("strong", {}, c.name), el("span", { className: "quiet" }, ` (${c.role_text})`)),
    el("span", { className: "quiet" }, `Cấp bởi: ${c.issuer} — hiệu lực đến ${c.expiry}`),
    c.problem ? el("span", { className: "field-error" }, c.problem) : null);
}

/**
 * Opens the signing dialog. `onSigned(path)` is told each file written. Resolves when the
 * dialog closes.
 */
/** The source value of the open report's appendices signed apart. */
const PHU_LUC = "phu-luc";

export async function openSignDialog({ onSigned, onError }) {
  let info = await call("ky_so_mo");
  const moduleText = el("span", { id: "ks-thu-vien" });
  const moduleErr = el("p", { className: "field-error", id: "ks-thu-vien-loi", hidden: true });
  const certs = el("div", { id: "ks-chung-thu", className: "ks-certs" });
  const role = el("select", { id: "ks-vai" }, ...ROLES.map(([v, t]) => el("option", { value: v }, t)));
  const source = el("select", { id: "ks-nguon" });
  const chuKy = el("span", { id: "ks-hinh-chu-ky", className: "quiet" });
  const conDau = el("span", { id: "ks-hinh-con-dau", className: "quiet" });
  const pin = el("input", { id: "ks-pin", type: "password", autocomplete: "off", spellcheck: false });
  // Where the certificates come from: the token's PKCS#11 library, or (on Windows) the Windows
  // certificate store, where Windows asks the PIN in its own window.
  const origin = el("select", { id: "ks-nguon-chung-thu" },
    el("option", { value: "thiet-bi" }, "Thiết bị ký số (thư viện PKCS#11 của nhà cung cấp)"),
    el("option", { value: "kho-windows" }, "Kho chứng thư của Windows"));
  const pinRow = el("label", { id: "ks-dong-pin" }, "Mã PIN của thiết bị", pin);
  const storeNote = el("p", { className: "quiet", id: "ks-kho-ghi-chu", hidden: true },
    "Windows sẽ hỏi mã PIN của thiết bị trong cửa sổ riêng của Windows khi ký.");
  const err = el("p", { className: "field-error", id: "ks-loi", role: "alert", hidden: true });
  // The open report's blanks (number, date) matter only when its sign-ready copy is signed.
  const blanks = el("p", { className: "field-error", id: "ks-con-trong", hidden: true });
  const pickModule = el("button", { type: "button", id: "ks-chon-thu-vien", textContent: "Chọn thư viện…" });
  const pickPdf = el("button", { type: "button", id: "ks-chon-pdf", textContent: "Chọn tệp PDF khác…" });
  const pickChuKy = el("button", { type: "button", id: "ks-chon-hinh-chu-ky", textContent: "Chọn hình chữ ký…" });
  const pickConDau = el("button", { type: "button", id: "ks-chon-hinh-con-dau", textContent: "Chọn hình con dấu…" });
  const ok = el("button", { type: "submit", id: "ks-ky", className: "primary", textContent: "Ký" });
  const cancel = el("button", { type: "button", id: "ks-huy", textContent: "Đóng" });

  source.append(el("option", { value: "" }, "Báo cáo đang soạn (xuất PDF để ký số)"));
  // The appendices issued as a file of their own: signed by the organisation alone, the number
  // and time stamped at the top right of its first page.
  if (info.has_appendix) {
    source.append(el("option", { value: PHU_LUC }, "Phụ lục của báo cáo đang soạn (tệp riêng, cơ quan ký số)"));
  }
  if (info.last_signed) {
    source.append(el("option", { value: info.last_signed, selected: true }, `Tệp vừa ký: ${info.last_signed}`));
  }

  const say = (box, msg) => { box.textContent = msg || ""; box.hidden = !msg; };
  const showImages = () => {
    chuKy.textContent = info.chu_ky ? info.chu_ky.text : "Chưa có hình chữ ký.";
    conDau.textContent = info.con_dau ? info.con_dau.text : "Chưa có hình con dấu.";
  };
  const fromStore = () => info.nguon === "kho-windows";
  const showModule = () => {
    const draft = source.value === "" || source.value === PHU_LUC;
    say(blanks, draft ? info.blanks : "");
    origin.value = info.nguon || "thiet-bi";
    moduleRow.hidden = fromStore();
    pinRow.hidden = fromStore();
    storeNote.hidden = !fromStore();
    moduleText.textContent = info.module || "Chưa chọn thư viện của thiết bị ký số.";
    say(moduleErr, info.module_error);
    certs.replaceChildren();
    const usable = info.certs.filter((c) => !c.problem);
    // The organisation signs a file the person signed; else the person signs first.
    const want = source.value ? "co-quan" : "ca-nhan";
    const first = usable.find((c) => c.role === want) || usable[0];
    for (const c of info.certs) certs.append(certRow(c, c === first));
    if ((info.module || fromStore()) && !info.module_error && !info.certs.length) {
      certs.append(el("p", { className: "quiet" }, "Thiết bị không có chứng thư ký số nào."));
    }
    if (first) role.value = first.role;
  };
  certs.addEventListener("change", (ev) => {
    if (ev.target.name === "ks-cert") role.value = ev.target.dataset.role;
  });
  const moduleRow = el("div", { className: "field" }, el("span", {}, "Thư viện của thiết bị ký số (PKCS#11)"),
    el("div", { className: "row" }, moduleText, el("span", { className: "spacer" }), pickModule));
  showImages();
  showModule();

  const form = el("form", { method: "dialog" },
    el("h2", {}, "Ký số"),
    info.store_available ? el("label", {}, "Lấy chứng thư từ", origin) : null,
    moduleRow,
    moduleErr,
    el("div", { className: "field" }, el("span", {}, "Chứng thư số"), certs),
    el("label", {}, "Ký với vai trò", role),
    el("div", { className: "field" }, el("span", {}, "Văn bản cần ký"),
      el("div", { className: "row" }, source, pickPdf)),
    blanks,
    el("div", { className: "field" }, el("span", {}, "Hình chữ ký (PNG nền trong suốt)"),
      el("div", { className: "row" }, chuKy, el("span", { className: "spacer" }), pickChuKy)),
    el("div", { className: "field" }, el("span", {}, "Hình con dấu (PNG nền trong suốt)"),
      el("div", { className: "row" }, conDau, el("span", { className: "spacer" }), pickConDau)),
    pinRow,
    storeNote,
    el("p", { className: "quiet" }, "Mã PIN chỉ dùng cho lần ký này, không được lưu. Tệp đã ký là một tệp mới; tệp gốc giữ nguyên."),
    err,
    el("div", { className: "row" }, el("span", { className: "spacer" }), cancel, ok));
  const dlg = el("dialog", { className: "ask wide", id: "dlg-ky-so" }, form);
  document.body.append(dlg);

  const guard = (fn) => async () => {
    say(err, "");
    try { await fn(); } catch (e) { say(err, (e && e.message) || String(e)); }
  };
  pickModule.onclick = guard(async () => {
    const d = await call("ky_so_chon_thu_vien");
    if (d) { info = { ...info, ...d, last_signed: info.last_signed, blanks: info.blanks }; showModule(); }
  });
  pickPdf.onclick = guard(async () => {
    const p = await call("ky_so_chon_pdf");
    if (!p) return;
    source.append(el("option", { value: p, selected: true }, p));
    showModule();
  });
  pickChuKy.onclick = guard(async () => {
    const i = await call("ky_so_chon_hinh", { vai: "ca-nhan" });
    if (i) { info.chu_ky = i; showImages(); }
  });
  pickConDau.onclick = guard(async () => {
    const i = await call("ky_so_chon_hinh", { vai: "co-quan" });
    if (i) { info.con_dau = i; showImages(); }
  });
  source.onchange = () => showModule();
  origin.onchange = guard(async () => {
    const d = await call("ky_so_nguon", { nguon: origin.value });
    info = { ...info, ...d, last_signed: info.last_signed, has_appendix: info.has_appendix, blanks: info.blanks };
    showModule();
  });

  return new Promise((resolve) => {
    const done = () => { pin.value = ""; dlg.close(); dlg.remove(); resolve(); };
    cancel.onclick = done;
    dlg.addEventListener("cancel", (ev) => { ev.preventDefault(); done(); });
    form.onsubmit = async (ev) => {
      ev.preventDefault();
      say(err, "");
      const cert = certs.querySelector("input[name=ks-cert]:checked");
      if (!cert) { say(err, "Hãy chọn chứng thư số để ký."); return; }
      if (!fromStore() && !pin.value) { say(err, "Hãy nhập mã PIN của thiết bị ký số."); pin.focus(); return; }
      const phuLuc = source.value === PHU_LUC;
      const ask = {
        tep: phuLuc ? null : source.value || null, phu_luc: phuLuc, nhan: cert.value, vai: role.value,
        pin: fromStore() ? "" : pin.value, nguon: info.nguon || "thiet-bi",
      };
      pin.value = "";
      ok.disabled = true;
      ok.textContent = "Đang ký…";
      try {
        const path = await call("ky_so_ky", { ask });
        ask.pin = "";
        if (!path) return;
        done();
        onSigned(path, role.value);
      } catch (e) {
        ask.pin = "";
        say(err, (e && e.message) || String(e));
        if (!fromStore()) pin.focus();
      } finally {
        ok.disabled = false;
        ok.textContent = "Ký";
      }
    };
    dlg.showModal();
    (fromStore() ? ok : info.module ? pin : pickModule).focus();
  }).catch(onError);
}

function signatureBlock(s) {
  return el("section", { className: "kt-chu-ky" + (s.ok ? "" : " bad") },
    el("h3", {}, s.title),
    el("dl", {}, ...s.lines.flatMap((l) => [
      el("dt", {}, l.label),
      el("dd", { className: l.ok ? "" : "bad" }, l.text),
    ])));
}

/** "Kiểm tra chữ ký số…": a signed PDF picked, told in Vietnamese; roots can be added. */
export async function openVerifyDialog({ onError }) {
  let result = await call("kiem_tra_chu_ky");
  if (!result) return;
  const summary = el("p", { id: "kt-tom-tat" });
  const list = el("div", { id: "kt-chu-ky" });
  const roots = el("ul", { id: "kt-goc" });
  const file = el("p", { className: "quiet", id: "kt-tep" });
  const err = el("p", { className: "field-error", id: "kt-loi", hidden: true });
  const addRoot = el("button", { type: "button", id: "kt-them-goc", textContent: "Thêm chứng thư gốc tin cậy…" });
  const another = el("button", { type: "button", id: "kt-chon-tep", textContent: "Kiểm tra tệp khác…" });
  const close = el("button", { type: "button", id: "kt-dong", className: "primary", textContent: "Đóng" });
  const show = () => {
    file.textContent = `Tệp: ${result.path}`;
    summary.textContent = result.summary;
    summary.className = result.signatures.length && result.signatures.every((s) => s.ok) ? "" : "field-error";
    list.replaceChildren(...result.signatures.map(signatureBlock));
    roots.replaceChildren(...(result.roots.length
      ? result.roots.map((r) => el("li", {}, `${r.name} (hiệu lực đến ${r.expiry})`))
      : [el("li", { className: "quiet" }, "Chưa có chứng thư gốc nào. Hãy thêm chứng thư gốc của nhà cung cấp dịch vụ chứng thực (tệp .cer, .crt).")]));
  };
  show();
  const dlg = el("dialog", { className: "ask wide", id: "dlg-kiem-tra" },
    el("h2", {}, "Kiểm tra chữ ký số"), file, summary, list,
    el("h3", {}, "Chứng thư gốc tin cậy của máy này"), roots, err,
    el("div", { className: "row" }, addRoot, another, el("span", { className: "spacer" }), close));
  document.body.append(dlg);
  const guard = (fn) => async () => {
    err.hidden = true;
    try { await fn(); } catch (e) { err.textContent = (e && e.message) || String(e); err.hidden = false; }
  };
  addRoot.onclick = guard(async () => {
    if (!(await call("them_goc_tin_cay"))) return;
    result = await call("kiem_tra_lai", { path: result.path });
    show();
  });
  another.onclick = guard(async () => {
    const r = await call("kiem_tra_chu_ky");
    if (r) { result = r; show(); }
  });
  return new Promise((resolve) => {
    const done = () => { dlg.close(); dlg.remove(); resolve(); };
    close.onclick = done;
    dlg.addEventListener("cancel", (ev) => { ev.preventDefault(); done(); });
    dlg.showModal();
    close.focus();
  }).catch(onError);
}
