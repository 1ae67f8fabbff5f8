// 工会助手 网页控制台: upload progress and small helpers on top of htmx (no other library).
document.addEventListener("htmx:xhr:progress", function (evt) {
  var form = evt.target.closest && evt.target.closest("form");
  var bar = form && form.querySelector("progress");
  if (bar && evt.detail.lengthComputable) {
    bar.value = Math.round((evt.detail.loaded / evt.detail.total) * 100);
  }
});
document.addEventListener("htmx:afterRequest", function (evt) {
  var form = evt.target;
  if (form.matches && form.matches("form.chat-input") && evt.detail.successful) {
    form.reset();
    var log = document.getElementById("log");
    if (log) { log.lastElementChild && log.lastElementChild.scrollIntoView({ block: "end" }); }
  }
});
