/* The whole-graph page: fetch the Cytoscape document named by data-src and draw it. */
(function () {
  "use strict";
  var root = document.getElementById("graph");
  var status = document.getElementById("graph-status");
  fetch(root.dataset.src, { headers: { Accept: "application/json" } })
    .then(function (r) { if (!r.ok) throw new Error("HTTP " + r.status); return r.json(); })
    .then(function (doc) {
      StackAtlas.draw(root, doc, { pageOf: function (slug) { return "/id/" + slug; } });
      status.textContent = doc.elements.nodes.length + " things, " + doc.elements.edges.length +
        " relations · click a node for its facts";
    })
    .catch(function (err) { status.textContent = "could not load the graph: " + err.message; });
})();
