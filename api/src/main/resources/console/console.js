// The live parts of the console: htmx polls them; this sends the ETag of what is shown, so an unchanged part is
// answered 304 and left alone (the htmx-config meta tag of the layout tells htmx not to swap a 304).
(function () {
  "use strict";
  document.addEventListener("htmx:configRequest", function (e) {
    var tag = e.detail.elt.getAttribute("data-etag");
    if (tag) {
      e.detail.headers["If-None-Match"] = tag;
    }
  });
  document.addEventListener("htmx:afterRequest", function (e) {
    var xhr = e.detail.xhr;
    var tag = xhr && xhr.status === 200 ? xhr.getResponseHeader("ETag") : null;
    if (tag) {
      e.detail.elt.setAttribute("data-etag", tag);
    }
    var live = document.getElementById("alerts-live");
    if (live && e.detail.elt === live) {
      live.classList.toggle("stale", !e.detail.successful && xhr.status !== 304);
    }
  });
})();
