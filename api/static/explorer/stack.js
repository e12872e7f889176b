/* Stack page: POST /v1/lockin and POST /v1/exit-paths for the chosen stack, and the answer drawn
 * from GET /v1/export?format=cytoscape&model=…  (stack, exit paths and evidence highlighted). */
(function () {
  "use strict";
  var form = document.getElementById("stack");
  var answer = document.getElementById("answer");
  var errorBox = document.getElementById("stack-error");
  var cy = null;
  var EXITS = 10;  // exit paths listed and drawn: the cheapest ones, which a reader compares

  function el(tag, text, className) {
    var node = document.createElement(tag);
    if (text !== undefined && text !== null) node.textContent = String(text);
    if (className) node.className = className;
    return node;
  }

  function call(method, url, body) {
    var init = { method: method, headers: { Accept: "application/json" } };
    if (body) { init.headers["Content-Type"] = "application/json"; init.body = JSON.stringify(body); }
    return fetch(url, init).then(function (r) {
      return r.json().then(function (data) {
        if (!r.ok) throw new Error((data && (data.detail || data.title)) || "HTTP " + r.status);
        return data;
      });
    });
  }

  function chosen() {
    var stack = {};
    ["model", "cloud", "chip", "avoid"].forEach(function (name) {
      var value = form.elements[name].value;
      if (value) stack[name] = value;
    });
    return stack;
  }

  function label(ref) {
    if (!ref) return "";
    return typeof ref === "string" ? ref : ref.label || ref.slug || ref.iri || ref.id || "";
  }

  function iriOf(ref) {
    return ref && typeof ref === "object" ? ref.iri || ref.id : null;
  }

  function renderReport(report) {
    document.getElementById("score").textContent = report.score;
    document.getElementById("level").textContent = report.level || "";
    var body = document.querySelector("#factors tbody");
    body.replaceChildren();
    (report.factors || []).forEach(function (f) {
      var tr = el("tr");
      tr.appendChild(el("td", (f.name || "").replace(/_/g, " ")));
      tr.appendChild(el("td", f.value, "num"));
      tr.appendChild(el("td", f.weight, "num"));
      tr.appendChild(el("td", f.contribution, "num"));
      tr.appendChild(el("td", f.explanation || ""));
      body.appendChild(tr);
    });
  }

  function pathsOf(result) {
    if (Array.isArray(result)) return result;
    return result.paths || result.exit_paths || result.exits || [];
  }

  function renderExits(paths) {
    var list = document.getElementById("exits");
    list.replaceChildren();
    document.getElementById("exit-count").textContent = paths.length ? "(" + paths.length + ")" : "";
    paths.forEach(function (p, i) {
      var d = p.deployment || p;
      var parts = [label(d.model), "on " + label(d.cloud)];
      if (d.chip) parts.push("on " + label(d.chip));
      var li = el("li", parts.join(" "));
      li.dataset.rank = p.rank;
      li.appendChild(el("span", " · " + (p.kind || "") +
        (p.changes && p.changes.length ? " · changes " + p.changes.join(", ") : ""), "muted"));
      li.addEventListener("click", function () { focusExit(li, d); });
      list.appendChild(li);
      if (i === 0) li.title = "the cheapest exit";
    });
    if (!paths.length) list.appendChild(el("li", form.elements.avoid.value
      ? "No exit path avoids that vendor group." : "Choose a vendor group to avoid to see exit paths."));
  }

  function focusExit(li, d) {
    if (!cy) return;
    var active = li.classList.toggle("active");
    Array.prototype.forEach.call(li.parentNode.children, function (x) { if (x !== li) x.classList.remove("active"); });
    cy.elements().removeClass("faded");
    if (!active) return;
    var ids = [d.model, d.cloud, d.chip, d.offering, d.service].map(iriOf).filter(Boolean);
    var keep = cy.collection();
    ids.forEach(function (id) { keep = keep.union(cy.getElementById(id)); });
    keep = keep.union(keep.edgesWith(keep));
    cy.elements().not(keep).addClass("faded");
  }

  function analyse(event) {
    if (event) event.preventDefault();
    var stack = chosen();
    if (!stack.model) { errorBox.textContent = "Choose a model."; errorBox.hidden = false; return; }
    errorBox.hidden = true;
    answer.dataset.ready = "false";
    var params = new URLSearchParams(stack);
    history.replaceState(null, "", "?" + params.toString());
    var body = { model: stack.model };
    if (stack.cloud) body.cloud = stack.cloud;
    if (stack.chip) body.chip = stack.chip;
    var exitBody = Object.assign({ avoid: stack.avoid ? [stack.avoid] : [], limit: EXITS }, body);
    params.set("format", "cytoscape");
    params.set("exits", String(EXITS));
    Promise.all([
      call("POST", "/v1/lockin", body),
      stack.avoid ? call("POST", "/v1/exit-paths", exitBody) : Promise.resolve([]),
      call("GET", "/v1/export?" + params.toString()),
    ]).then(function (results) {
      answer.hidden = false;
      renderReport(results[0]);
      renderExits(pathsOf(results[1]));
      var root = document.getElementById("stack-graph");
      var exportParams = new URLSearchParams(params);
      exportParams.set("format", "html");
      document.getElementById("download").href = "/v1/export?" + exportParams.toString();
      cy = StackAtlas.draw(root, results[2], { pageOf: function (s) { return "/id/" + s; } });
      answer.dataset.ready = "true";
    }).catch(function (err) {
      errorBox.textContent = err.message;
      errorBox.hidden = false;
      answer.dataset.ready = "error";
    });
  }

  form.addEventListener("submit", analyse);
  if (form.elements.model.value) analyse();
})();
