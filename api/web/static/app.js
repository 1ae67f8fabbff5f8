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
// 问答: show the answer as it arrives (server-sent events from /ask/stream), sentence by sentence; the
// final event carries the rendered answer with its citations, which replaces the streamed text. Where
// EventSource is missing, htmx posts the form as before.
document.addEventListener("htmx:confirm", function (evt) {
  var form = evt.target;
  if (!(form.matches && form.matches("form[data-stream]")) || !window.EventSource) { return; }
  var input = form.querySelector("input[name=question]");
  var question = input && input.value.trim();
  if (!question) { return; }
  evt.preventDefault();
  var result = document.getElementById("result");
  result.innerHTML = '<div class="card" id="answer"><div class="answer streaming"></div></div>';
  var live = result.querySelector(".streaming");
  form.classList.add("htmx-request");
  var url = form.dataset.stream + "?q=" + encodeURIComponent(question);
  form.querySelectorAll("input[name=history]").forEach(function (h) {  // the conversation so far
    url += "&history=" + encodeURIComponent(h.value);
  });
  var source = new EventSource(url);
  var done = function () { source.close(); form.classList.remove("htmx-request"); };
  source.addEventListener("delta", function (e) { live.textContent += JSON.parse(e.data).text; });
  source.addEventListener("final", function (e) {
    result.innerHTML = JSON.parse(e.data).html;
    var kept = result.querySelector("#ask-history");  // the updated history goes back into the form
    var old = form.querySelector("#ask-history");
    if (kept && old) { kept.removeAttribute("hx-swap-oob"); old.replaceWith(kept); }
    if (window.htmx) { window.htmx.process(result); }
    done();
  });
  var plain = evt.detail.issueRequest;
  source.onerror = function () {  // refused or broken: ask the plain way (skipping this handler)
    done();
    plain(true);
  };
});
