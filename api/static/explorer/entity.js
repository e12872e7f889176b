/* A thing's page (/id/{slug}): draw its neighbourhood into <div id="neighbourhood" data-iri="…">.
 * The page loads only this script, so it brings the stylesheet, Cytoscape.js and the view. */
(function () {
  "use strict";
  var SA_ID = "https://w3id.org/stackatlas/id/";

  function load(src) {
    return new Promise(function (resolve, reject) {
      var s = document.createElement("script");
      s.src = src;
      s.onload = resolve;
      s.onerror = function () { reject(new Error("could not load " + src)); };
      document.head.appendChild(s);
    });
  }

  function start() {
    var root = document.getElementById("neighbourhood");
    if (!root || !root.dataset.iri) return;
    var iri = root.dataset.iri;
    var slug = iri.indexOf(SA_ID) === 0 ? iri.slice(SA_ID.length) : iri;
    var css = document.createElement("link");
    css.rel = "stylesheet";
    css.href = "/static/explorer/view.css";
    document.head.appendChild(css);
    root.classList.add("sa-neighbourhood");
    root.style.height = "32rem";
    var data = fetch("/v1/export?format=cytoscape&depth=1&focus=" + encodeURIComponent(slug))
      .then(function (r) { if (!r.ok) throw new Error("HTTP " + r.status); return r.json(); });
    var scripts = (window.cytoscape ? Promise.resolve() : load("/static/vendor/cytoscape/cytoscape.min.js"))
      .then(function () { return window.StackAtlas ? null : load("/static/explorer/view.js"); });
    Promise.all([data, scripts])
      .then(function (results) {
        StackAtlas.draw(root, results[0], { focus: iri, pageOf: function (s) { return "/id/" + s; } });
      })
      .catch(function (err) {
        root.textContent = "The neighbourhood graph could not be drawn: " + err.message;
      });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
