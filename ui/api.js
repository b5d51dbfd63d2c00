// The one door to the Rust side. Every failure comes back as { kind, message } with a Vietnamese
// message; anything else (a bug, a lost connection) is turned into one too.

/** How many times each command was called: lets the end-to-end tests check what was sent. */
export const calls = {};

export async function call(cmd, args = {}) {
  calls[cmd] = (calls[cmd] || 0) + 1;
  const internals = window.__TAURI_INTERNALS__;
  if (!internals) {
    throw { kind: "internal", message: "Cửa sổ không kết nối được với Báo cáo. Hãy đóng và mở lại ứng dụng." };
  }
  try {
    return await internals.invoke(cmd, args);
  } catch (e) {
    if (e && typeof e === "object" && e.message) throw e;
    throw { kind: "internal", message: `Lỗi không mong đợi (${String(e)}). Hãy thử lại; nếu vẫn lỗi, hãy đóng và mở lại ứng dụng.` };
  }
}
