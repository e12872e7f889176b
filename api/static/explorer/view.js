/* stackatlas graph view: draws a Cytoscape.js document (graph/export/cytoscape.py) with a legend
 * and a facts panel. One copy serves the web explorer and is inlined into the HTML export, so a
 * graph looks and behaves the same online, offline and in a mailed file. No network access. */
(function () {
  "use strict";

  var SA_ID = "https://w3id.org/stackatlas/id/";

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  function link(href, text) {
    var a = el("a", null, text);
    a.href = href;
    return a;
  }

  function isUrl(value) {
    return typeof value === "string" && /^https?:\/\//.test(value);
  }

  function valueNode(value, options) {
    if (Array.isArray(value)) {
      var list = el("ul", "sa-values");
      value.forEach(function (v) {
        var li = el("li");
        li.appendChild(valueNode(v, options));
        list.appendChild(li);
      });
      return list;
    }
    if (isUrl(value)) {
      if (value.indexOf(SA_ID) === 0 && options.pageOf) {
        return link(options.pageOf(value.slice(SA_ID.length)), value.slice(SA_ID.length));
      }
      return link(value, value);
    }
    return el("span", null, value);
  }

  function showFacts(panel, node, options) {
    var data = node.data();
    panel.replaceChildren();
    panel.appendChild(el("h2", "sa-facts-title", data.label));
    var kind = el("p", "sa-facts-kind", data.kind);
    panel.appendChild(kind);
    var iri = el("p", "sa-facts-iri");
    iri.appendChild(link(options.pageOf ? options.pageOf(data.slug) : data.id, data.id));
    panel.appendChild(iri);
    var table = el("dl", "sa-facts-list");
    Object.keys(data.facts || {}).sort().forEach(function (key) {
      table.appendChild(el("dt", null, key));
      var dd = el("dd");
      dd.appendChild(valueNode(data.facts[key], options));
      table.appendChild(dd);
    });
    panel.appendChild(table);
    var relations = el("ul", "sa-facts-relations");
    node.connectedEdges().forEach(function (edge) {
      var out = edge.source().id() === node.id();
      var other = out ? edge.target() : edge.source();
      var li = el("li");
      li.appendChild(el("span", "sa-rel", out ? edge.data("label") + " →" : "← " + edge.data("label")));
      li.appendChild(document.createTextNode(" "));
      var a = el("a", null, other.data("label"));
      a.href = "#";
      a.addEventListener("click", function (event) {
        event.preventDefault();
        node.cy().elements().unselect();
        other.select();
        showFacts(panel, other, options);
      });
      li.appendChild(a);
      relations.appendChild(li);
    });
    if (relations.children.length) {
      panel.appendChild(el("h3", null, "relations"));
      panel.appendChild(relations);
    }
    panel.hidden = false;
  }

  function drawLegend(box, entries) {
    box.replaceChildren();
    entries.forEach(function (entry) {
      var item = el("span", "sa-legend-item");
      var swatch = el("span", "sa-swatch sa-shape-" + entry.shape);
      swatch.style.backgroundColor = entry.color;
      item.appendChild(swatch);
      item.appendChild(document.createTextNode(entry.label));
      box.appendChild(item);
    });
  }

  function layoutFor(count, focus) {
    if (focus) {
      return { name: "concentric", animate: false, minNodeSpacing: 30,
               concentric: function (n) { return n.id() === focus ? 2 : 1; },
               levelWidth: function () { return 1; } };
    }
    if (count > 150) {
      // cose is O(n²) per iteration: on the whole graph, fewer iterations keep the first paint fast
      return { name: "cose", animate: false, randomize: true, numIter: 400,
               nodeRepulsion: function () { return 60000; }, idealEdgeLength: function () { return 60; } };
    }
    return { name: "cose", animate: false, randomize: true, nodeRepulsion: function () { return 20000; } };
  }

  /** Draw `doc` into `root` (an empty element); returns the Cytoscape instance.
   *  options: focus (IRI to centre), pageOf(slug) → URL of a thing's page, layout (Cytoscape layout). */
  function draw(root, doc, options) {
    options = options || {};
    root.classList.add("sa-view");
    root.dataset.ready = "false";
    var graph = el("div", "sa-graph");
    var legend = el("div", "sa-legend");
    var panel = el("aside", "sa-facts");
    panel.hidden = true;
    root.replaceChildren(graph, legend, panel);
    drawLegend(legend, doc.legend || []);
    var cy = cytoscape({
      container: graph,
      elements: doc.elements,
      style: doc.style,
      layout: options.layout || layoutFor(doc.elements.nodes.length, options.focus),
      wheelSensitivity: 0.3,
      minZoom: 0.05,
      maxZoom: 4,
    });
    cy.on("tap", "node", function (event) { showFacts(panel, event.target, options); });
    root.dataset.nodes = String(cy.nodes().length);
    root.dataset.edges = String(cy.edges().length);
    if (options.focus) {
      var focus = cy.getElementById(options.focus);
      if (focus.nonempty()) { focus.select(); showFacts(panel, focus, options); }
    }
    views.push({ root: root, cy: cy });
    root.dataset.ready = "true";
    root.dispatchEvent(new CustomEvent("sa-ready", { detail: cy }));
    return cy;
  }

  // Every drawn view, so scripts (and tests) can find the Cytoscape instance behind an element.
  var views = [];
  function viewOf(root) {
    for (var i = views.length - 1; i >= 0; i--) if (views[i].root === root) return views[i].cy;
    return null;
  }

  window.StackAtlas = Object.assign(window.StackAtlas || {}, { draw: draw, showFacts: showFacts, viewOf: viewOf });
})();
