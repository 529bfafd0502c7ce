// The briefing pack's slides (briefing/pack.py writes window.PACK): each slide's map is drawn
// the first time it is shown, or every map at once before printing. All text in PACK was
// escaped in Python; this file only places it.
(function () {
  "use strict";
  var P = window.PACK, slides = document.querySelectorAll(".pk-slide"), maps = {}, current = 0;

  function lineStyle(name, slide, feature) {
    var base = (P.styles[name] || {})[feature.properties.id] || {};
    var lines = slide.lines[name];
    if (!lines || !(feature.properties.id in lines)) return base;
    return Object.assign({}, base, lines[feature.properties.id] || {});
  }

  function drawn(name, slide, feature) {  // a line that did not exist yet is not drawn
    var lines = slide.lines[name];
    return !lines || !(feature.properties.id in lines) || lines[feature.properties.id] !== null;
  }

  function build(i) {
    if (maps[i]) return maps[i];
    var slide = P.slides[i], box = slides[i].querySelector(".pk-map");
    var map = L.map(box, {zoomSnap: 0.25, attributionControl: false});
    P.order.forEach(function (name) {
      if (slide.layers.indexOf(name) < 0 || !P.layers[name]) return;
      L.geoJSON(P.layers[name], {
        filter: function (f) { return drawn(name, slide, f); },
        style: function (f) { return lineStyle(name, slide, f); },
        pointToLayer: function (f, at) {
          return L.circleMarker(at, {radius: 4, color: "#333", weight: 1, fillColor: "#fff",
                                     fillOpacity: 1});
        },
        onEachFeature: function (f, layer) {
          if (f.properties.name) layer.bindTooltip(f.properties.name, {sticky: true});
        }
      }).addTo(map);
    });
    P.labels.forEach(function (l) {
      L.marker([l[1], l[2]], {interactive: false, icon: L.divIcon({
        className: "pk-label pk-label-" + l[3], html: "<span>" + l[0] + "</span>", iconSize: null
      })}).addTo(map);
    });
    slide.events.forEach(function (e) {
      var number = e.n ? String(e.n) : "";
      L.marker([e.lat, e.lon], {zIndexOffset: 1000 - e.n, icon: L.divIcon({
        className: "pk-ev", iconSize: [22, 22], iconAnchor: [11, 11],
        html: '<span style="background:' + e.colour + '">' + number + "</span>"
      })}).bindTooltip(e.label).addTo(map);
    });
    L.control.scale({imperial: false}).addTo(map);
    if (slide.center) map.setView(slide.center, slide.zoom || 5);
    else if (slide.bounds) map.fitBounds(slide.bounds, {padding: [40, 40], maxZoom: 7});
    else if (P.home) map.fitBounds(P.home);
    else map.setView([41.5, 51], 5);
    maps[i] = map;
    return map;
  }

  function show(i) {
    current = Math.max(0, Math.min(slides.length - 1, i));
    slides.forEach(function (s, k) { s.classList.toggle("pk-current", k === current); });
    build(current).invalidateSize();
    if (history.replaceState) history.replaceState(null, "", "#step-" + (current + 1));
  }

  // Every map drawn and sized for the page, before printing (also called by export-briefing).
  window.packPrepare = function () {
    document.body.classList.add("pk-all");  // every slide laid out, so each map has a size
    slides.forEach(function (s, k) { build(k); });
    Object.keys(maps).forEach(function (k) { maps[k].invalidateSize(); });
  };
  window.addEventListener("beforeprint", window.packPrepare);
  window.addEventListener("afterprint", function () {
    document.body.classList.remove("pk-all");
    show(current);
  });

  document.addEventListener("keydown", function (e) {
    var next = {ArrowRight: 1, ArrowDown: 1, PageDown: 1, " ": 1,
                ArrowLeft: -1, ArrowUp: -1, PageUp: -1}[e.key];
    if (next) { e.preventDefault(); show(current + next); }
    else if (e.key === "Home") show(0);
    else if (e.key === "End") show(slides.length - 1);
    else if (e.key === "p" || e.key === "P") window.print();
  });
  var start = /^#step-(\d+)$/.exec(location.hash);
  show(start ? +start[1] - 1 : 0);
})();
