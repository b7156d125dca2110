// Runs before the app (a blocking script of a few hundred bytes): puts the saved language (else
// the browser's) and theme on the root, so the static shell in index.html paints at once in the
// user's language and colours while the WebAssembly downloads. The app applies the same
// preferences (src/platform/prefs.rs) when it starts; the keys and formats must match.
(function () {
  var root = document.documentElement;
  function saved(key) {
    try {
      return JSON.parse(localStorage.getItem(key));
    } catch (e) {
      return null;
    }
  }
  function lang(tag) {
    tag = String(tag || "").toLowerCase();
    return tag.indexOf("zh") === 0 ? "zh-CN" : tag.indexOf("en") === 0 ? "en" : null;
  }
  root.lang = lang(saved("guanxi.lang")) || lang(navigator.language) || "zh-CN";
  var theme = saved("guanxi.theme");
  root.setAttribute("data-theme", theme === "light" || theme === "dark" ? theme : "system");
})();
// The offline cache (static/sw.js), registered once the page has loaded so it never competes
// with the first download. Relative to the document's base, so it also works under a sub-path.
if ("serviceWorker" in navigator && location.protocol !== "file:") {
  addEventListener("load", function () {
    navigator.serviceWorker.register("sw.js").catch(function (e) {
      console.warn("Guanxi: no offline cache:", e);
    });
  });
}
