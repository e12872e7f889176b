/* Start page: search as you type, through GET /v1/search?q= (hits: id, slug, label, kind). */
(function () {
  "use strict";
  var input = document.getElementById("q");
  var list = document.getElementById("hits");
  var status = document.getElementById("search-status");
  var timer = null;
  var latest = 0;

  function render(hits) {
    list.replaceChildren();
    hits.forEach(function (hit) {
      var li = document.createElement("li");
      var a = document.createElement("a");
      a.href = "/id/" + encodeURIComponent(hit.slug);
      a.textContent = hit.label;
      li.appendChild(a);
      var kind = document.createElement("span");
      kind.className = "muted";
      kind.textContent = " " + hit.kind + (hit.matched && hit.matched !== hit.label ? " · " + hit.matched : "");
      li.appendChild(kind);
      list.appendChild(li);
    });
  }

  function search() {
    var q = input.value.trim();
    var ticket = ++latest;
    if (!q) { render([]); status.textContent = ""; return; }
    fetch("/v1/search?q=" + encodeURIComponent(q), { headers: { Accept: "application/json" } })
      .then(function (r) { return r.json().then(function (body) { return { ok: r.ok, body: body }; }); })
      .then(function (res) {
        if (ticket !== latest) return;  // a later keystroke already asked again
        if (!res.ok) { render([]); status.textContent = res.body.detail || "search failed"; return; }
        var hits = res.body.hits || [];
        render(hits);
        status.textContent = hits.length ? hits.length + " found" : "nothing found for “" + q + "”";
      })
      .catch(function (err) { status.textContent = "search failed: " + err; });
  }

  input.addEventListener("input", function () { clearTimeout(timer); timer = setTimeout(search, 150); });
  input.form.addEventListener("submit", function (e) { e.preventDefault(); search(); });
  if (input.value) search();
})();
