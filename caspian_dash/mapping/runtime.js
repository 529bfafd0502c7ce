// caspian_dash map runtime: the geodata layers are drawn once; each filter change sends a
// small "view state" (computed in Python) that this applies in place, so the map keeps its
// zoom and position and nothing is downloaded again. All text in feature properties was
// escaped in Python; this file only joins it into tables.
window.cd = {
  layers: {},      // layer name -> feature id -> Leaflet layer
  geojson: {},     // layer name -> the L.geoJson holding them
  fields: {},      // layer name -> {tooltip: [[field, label]...], popup: [...]}
  state: {counts: {}, pipelines: {}, corridors: {}, choropleth: {}, choropleth_max: 0},
  choroplethOn: false,

  value: function (name, props, field) {
    if (field === "events") return cd.state.counts[props.id] || 0;
    if (field === "status_in_view") return cd.state.pipelines[props.id] || props.status;
    return props[field];
  },

  describe: function (name, feature, which) {
    var rows = [];
    (cd.fields[name] || {})[which].forEach(function (f) {
      var v = cd.value(name, feature.properties, f[0]);
      if (v === null || v === undefined || v === "") return;
      if (typeof v === "string" && cd.names && cd.names[v]) v = cd.names[v];  // codes as words
      rows.push("<tr><th>" + f[1] + "</th><td>" + v + "</td></tr>");
    });
    return '<table class="cd-attrs">' + rows.join("") + "</table>";
  },

  // onEachFeature for every geodata layer: live tooltips and popups, and a handle by id.
  bind: function (name) {
    return function (feature, layer) {
      layer.bindTooltip(function () { return cd.describe(name, feature, "tooltip"); },
                        {sticky: true});
      if ((cd.fields[name] || {}).popup.length) {
        layer.bindPopup(function () { return cd.describe(name, feature, "popup"); },
                        {maxWidth: 360});
      }
      (cd.layers[name] = cd.layers[name] || {})[feature.properties.id] = layer;
      // in the app a click also lists the events linked to the feature
      layer.on("click", function () { cd.clicked({kind: name, id: feature.properties.id}); });
      // after Leaflet has finished adding it: applyOne may take it off again ("not yet")
      layer.on("add", function () {
        setTimeout(function () { cd.applyOne(name, feature.properties.id); }, 0);
      });
    };
  },

  visible: function (name, id) {
    if (name === "pipelines") return cd.state.pipelines[id] !== "not_yet";
    if (name === "corridors") {
      var c = cd.state.corridors[id];
      return c !== "not_yet" && c !== false;
    }
    return true;
  },

  applyOne: function (name, id) {
    var layer = (cd.layers[name] || {})[id];
    if (!layer) return;
    // A line that did not exist yet is taken off its layer, not hidden: the layers are
    // painted on a canvas, where a feature has no element to hide (issue 15).
    var group = cd.geojson[name], shown = cd.visible(name, id);
    if (group && !shown && group.hasLayer(layer)) group.removeLayer(layer);
    if (group && shown && !group.hasLayer(layer)) group.addLayer(layer);
    if (name === "corridors" && shown) {  // planned or being built: faint
      layer.setStyle({opacity: cd.state.corridors[id] === "operating" ? 0.9 : 0.4});
    }
    if (name === "pipelines" && shown) {  // one style a status (styles.PIPELINE_STATUS)
      var status = cd.state.pipelines[id];
      layer.setStyle(cd.PIPELINE_STATUS[status] || cd.PIPELINE_STATUS.proposed);
    }
    if (name === "states") {
      var fill = cd.state.choropleth[id];
      if (cd.choroplethOn) {
        layer.setStyle({fillColor: fill || "#ffffff", fillOpacity: fill ? 0.85 : 0.2});
      } else if (cd.geojson.states) {
        cd.geojson.states.resetStyle(layer);
      }
    }
  },

  applyAll: function () {
    Object.keys(cd.layers).forEach(function (name) {
      Object.keys(cd.layers[name]).forEach(function (id) { cd.applyOne(name, id); });
    });
    var ramp = document.querySelector(".cd-legend .cd-choro-max");
    if (ramp) ramp.textContent = String(cd.state.choropleth_max || 0);
    var ramped = document.querySelector(".cd-legend .cd-ramp");
    if (ramped) ramped.style.display = cd.state.choropleth_max ? "" : "none";
    var year = document.querySelector(".cd-year");
    if (year) year.textContent = cd.state.label || "";
    cd.restack();  // a line put back ("not yet" no more) is drawn at its layer's place
    if (cd.labels) cd.declutter();
  },

  // Called by the events overlay on every filter change. The first view of a page fits
  // the events shown and the sea's littoral states; later changes keep the user's view.
  apply: function (state) {
    cd.state = state;
    cd.applyAll();
    if (state.focused) {
      cd.fitted = true;  // the map is centred on one event: stay on it, with its popup open
      setTimeout(function () { cd.openPopup(state.focused); }, 200);
    }
    if (!cd.fitted && cd.map) {
      cd.fitted = true;
      cd.fit();
    }
  },

  // The first view: the littoral states and the events shown within the wider region (an
  // event in Washington would shrink the Caspian to a dot); the button fits every event.
  // The picked event's popup, opened again on the overlay the rerun drew (the old one, and
  // its popup, went with the old overlay); the map pans so that all of it shows.
  openPopup: function (id) {
    cd.map.eachLayer(function (group) {
      if (!group.getLayers || !group.getVisibleParent) return;  // the events' cluster group
      group.getLayers().forEach(function (marker) {
        var props = marker.feature && marker.feature.properties;
        // only a marker drawn as itself: one inside a bubble stays there
        if (props && props.id === id && marker.getPopup() &&
            group.getVisibleParent(marker) === marker) {
          marker.openPopup();
        }
      });
    });
  },

  fit: function (all) {
    var bounds = cd.home ? L.latLngBounds(cd.home) : null;
    if (cd.state.bounds) {
      var events = L.latLngBounds(cd.state.bounds);
      if (!all && cd.region) {
        var r = L.latLngBounds(cd.region);
        events = L.latLngBounds(
          [Math.max(events.getSouth(), r.getSouth()), Math.max(events.getWest(), r.getWest())],
          [Math.min(events.getNorth(), r.getNorth()), Math.min(events.getEast(), r.getEast())]);
      }
      if (events.isValid()) bounds = bounds ? bounds.extend(events) : events;
    }
    if (bounds) cd.map.fitBounds(bounds, {padding: [12, 12], maxZoom: 7});
  },

  // A geodata layer served by the app (mapping/layers.py publish_layers): fetched once, kept
  // in the browser's cache. If it cannot be had, the map says which layer is missing.
  // Layer files still on their way: 0 once every layer is drawn (or reported missing).
  pendingLayers: 0,

  fetchLayer: function (url, add) {
    cd.pendingLayers += 1;
    fetch(url).then(function (r) {
      if (!r.ok) throw new Error("HTTP " + r.status);
      // A .gz layer comes as the gzip file itself (no Content-Encoding): unpack it here.
      if (/\.gz$/.test(url)) {
        return new Response(r.body.pipeThrough(new DecompressionStream("gzip"))).json();
      }
      return r.json();
    }).then(function (data) { add(data); cd.restack(); }).catch(function (err) {
      var box = document.createElement("div");
      box.className = "cd-layer-error";
      box.textContent = "A map layer could not be loaded (" + url.split("/").pop() + ": " +
        err.message + "). Reload the page.";
      document.body.appendChild(box);
    }).finally(function () { cd.pendingLayers -= 1; });
  },

  // The layers share one canvas, painted in the order their features were added: a file
  // that arrives late (the states) would cover the lines that came first. Restore the
  // order of the layer list (states at the bottom, places on top) after every change.
  restack: function () {
    Object.keys(cd.geojson || {}).forEach(function (name) {
      var group = cd.geojson[name];
      if (group && group.bringToFront && cd.map && cd.map.hasLayer(group)) group.bringToFront();
    });
  },

  clearTooltips: function () {
    var tips = document.querySelectorAll(".leaflet-tooltip");
    if (!tips.length) return;
    var controls = Array.from(document.querySelectorAll(".leaflet-control"))
      .map(function (el) { return el.getBoundingClientRect(); })
      .filter(function (r) { return r.width && r.height; });
    tips.forEach(function (tip) {
      tip.style.marginTop = "0px";
      tip.style.marginLeft = "0px";
      var t = tip.getBoundingClientRect(), up = 0, right = 0;
      controls.forEach(function (c) {
        if (t.left < c.right && c.left < t.right && t.top < c.bottom && c.top < t.bottom) {
          up = Math.max(up, t.bottom - c.top + 6);
          right = Math.max(right, c.right - t.left + 6);
        }
      });
      if (!up) return;
      var roomAbove = t.top - cd.map.getContainer().getBoundingClientRect().top;
      if (up <= roomAbove) tip.style.marginTop = -up + "px";
      else tip.style.marginLeft = right + "px";
    });
  },

  tilesMissing: function () {
    if (cd.tilesReported) return;
    cd.tilesReported = true;
    var box = document.createElement("div");
    box.className = "cd-layer-error cd-tiles-missing";
    box.textContent = "The online basemap's tiles cannot be loaded (no internet here?). " +
      "Choose \"No tiles (works offline)\" under Basemap; every layer and event is drawn " +
      "without them.";
    document.body.appendChild(box);
  },

  wire: function (map, refs) {
    cd.map = map;
    // The years shown, large, for a room to read; names of states, the sea, cities, lines.
    var year = L.control({position: "bottomright"});
    year.onAdd = function () { return L.DomUtil.create("div", "cd-year"); };
    year.addTo(map);
    var fit = L.control({position: "topleft"});
    fit.onAdd = function () {
      var box = L.DomUtil.create("div", "leaflet-bar");
      var button = L.DomUtil.create("a", "cd-fit", box);
      button.href = "#";
      button.title = "Fit the map to the events shown";
      button.setAttribute("role", "button");
      button.setAttribute("aria-label", button.title);
      button.textContent = "⤢";
      L.DomEvent.on(button, "click", function (e) { L.DomEvent.preventDefault(e); cd.fit(true); });
      L.DomEvent.disableClickPropagation(box);
      return box;
    };
    fit.addTo(map);
    cd.addLabels(map);
    // Tooltips live in the map's pane, which Leaflet keeps under its controls: one that
    // would open under the legend or a button is moved clear of it (up, or to the right).
    map.on("tooltipopen mousemove", cd.clearTooltips);
    // An online basemap with no network: say so, instead of a blank background.
    map.eachLayer(function (layer) {
      if (layer instanceof L.TileLayer) layer.on("tileerror", cd.tilesMissing);
    });
    // Events above the ports and fields they happen at (markers: 600), under tooltips (650).
    if (!map.getPane("cdEvents")) map.createPane("cdEvents").style.zIndex = 620;
    cd.geojson = refs.geojson;
    cd.groups = refs.groups || {};  // each layer's group: what the list of layers switches
    cd.control = refs.control;
    var toggle = cd.choroplethLayer = refs.choropleth;
    cd.choroplethOn = !!(toggle && map.hasLayer(toggle));
    map.on("overlayadd overlayremove", function (e) {
      if (e.layer === toggle) {
        cd.choroplethOn = e.type === "overlayadd";
        cd.applyAll();
      }
    });
  }
};

// Many events: one layer that draws them all on its own canvas from columnar arrays (a few
// bytes an event, no Leaflet object per event). Where dots would overlap at the current
// zoom they are merged into one bubble per grid cell, ringed by its event types and
// numbered; the grid is redrawn on every zoom. A click on a bubble zooms in (at the deepest
// zoom it lists the bubble's events); a click on a dot tells the app which event it was
// (cd.clicked). Tooltips are built on hover.
cd.MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

cd.PointLayer = L.Layer.extend({
  // cell: px of the merging grid; pad: the canvas reaches this share of the view beyond each
  // edge, so a pan shows events already drawn until the redraw at its end.
  options: {pane: "cdEvents", cell: 48, pad: 0.3},

  initialize: function (data) {
    this._data = data;
  },

  onAdd: function (map) {
    var d = this._data, n = d.lat.length;
    if (!this._px) {  // projected once, at zoom 0; any zoom is then a multiplication
      this._px = new Float64Array(n);
      this._py = new Float64Array(n);
      for (var i = 0; i < n; i++) {
        var p = map.project([d.lat[i], d.lon[i]], 0);
        this._px[i] = p.x;
        this._py[i] = p.y;
      }
    }
    this._canvas = L.DomUtil.create("canvas", "cd-points leaflet-zoom-hide");
    this._canvas.style.pointerEvents = "none";  // on only while over an event (see _hover)
    this.getPane().appendChild(this._canvas);
    map.on("moveend resize viewreset", this._redraw, this);
    map.on("mousemove", this._hover, this);
    map.on("click", this._click, this);
    map.on("mouseout zoomstart", this._leave, this);
    this._redraw();
  },

  onRemove: function (map) {
    map.off("moveend resize viewreset", this._redraw, this);
    map.off("mousemove", this._hover, this);
    map.off("click", this._click, this);
    map.off("mouseout zoomstart", this._leave, this);
    this._leave();
    L.DomUtil.remove(this._canvas);
  },

  // The canvas frame: its size and where projected pixels land on it at the current zoom.
  _frame: function () {
    var map = this._map, size = map.getSize(), pad = this.options.pad;
    var off = L.point(Math.round(size.x * pad), Math.round(size.y * pad));
    var origin = map.getPixelBounds().min.subtract(off);
    return {w: size.x + 2 * off.x, h: size.y + 2 * off.y, off: off, origin: origin,
            scale: Math.pow(2, map.getZoom()), cols: Math.ceil((size.x + 2 * off.x) / this.options.cell) + 1};
  },

  _cellOf: function (f, x, y) {
    return Math.floor(y / this.options.cell) * f.cols + Math.floor(x / this.options.cell);
  },

  // Bins the events on the canvas into cells of `cell` px; a cell with one event is a dot.
  _bin: function (f) {
    var cells = new Map(), d = this._data;
    for (var i = 0; i < d.lat.length; i++) {
      var x = this._px[i] * f.scale - f.origin.x, y = this._py[i] * f.scale - f.origin.y;
      if (x < 0 || y < 0 || x >= f.w || y >= f.h) continue;
      var key = this._cellOf(f, x, y);
      var c = cells.get(key);
      if (!c) {
        c = {key: key, n: 0, sx: 0, sy: 0, first: i, types: {}, y0: d.y[i], y1: d.y[i]};
        cells.set(key, c);
      }
      c.n++; c.sx += x; c.sy += y;
      c.types[d.t[i]] = (c.types[d.t[i]] || 0) + 1;
      if (d.y[i] < c.y0) c.y0 = d.y[i];
      if (d.y[i] > c.y1) c.y1 = d.y[i];
    }
    cells.forEach(function (c) {
      c.x = c.sx / c.n; c.y = c.sy / c.n;
      c.r = c.n === 1 ? (d.p[c.first] === 1 ? 4 : 6) : Math.min(21, 8 + 2.3 * Math.log2(c.n));
    });
    return cells;
  },

  _redraw: function () {
    var map = this._map;
    if (!map) return;
    var f = this._frame(), ratio = window.devicePixelRatio || 1, canvas = this._canvas;
    L.DomUtil.setPosition(canvas, map.containerPointToLayerPoint(f.off.multiplyBy(-1)));
    canvas.width = f.w * ratio;
    canvas.height = f.h * ratio;
    canvas.style.width = f.w + "px";
    canvas.style.height = f.h + "px";
    var ctx = canvas.getContext("2d"), d = this._data, self = this;
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    this._f = f;
    this._cells = this._bin(f);
    var bubbles = [];
    this._cells.forEach(function (c) {
      if (c.n === 1) {
        self._dot(ctx, c, d.types[d.t[c.first]].colour, d.p[c.first] === 1);
        if (d.r[c.first]) self._reviewRing(ctx, c, d.reviews[d.r[c.first] - 1].colour);
      }
      else bubbles.push(c);
    });
    bubbles.forEach(function (c) { self._bubble(ctx, c, d.types); });  // on top of the dots
  },

  _dot: function (ctx, c, colour, precise) {
    ctx.beginPath();
    ctx.arc(c.x, c.y, c.r, 0, 2 * Math.PI);
    ctx.setLineDash(precise ? [] : [3, 2]);
    ctx.globalAlpha = precise ? 0.85 : 0.15;
    ctx.fillStyle = colour;
    ctx.fill();
    ctx.globalAlpha = 1;
    ctx.lineWidth = precise ? 1 : 1.5;
    ctx.strokeStyle = precise ? "#ffffff" : colour;
    ctx.stroke();
    ctx.setLineDash([]);
  },

  // An analyst's review: a ring in the review's colour around the dot (legend: "Review").
  _reviewRing: function (ctx, c, colour) {
    ctx.beginPath();
    ctx.arc(c.x, c.y, c.r + 3, 0, 2 * Math.PI);
    ctx.lineWidth = 2.5;
    ctx.strokeStyle = colour;
    ctx.stroke();
  },

  // A dark disc with the count, in a ring cut by event type (each arc its share).
  _bubble: function (ctx, c, types) {
    var start = -Math.PI / 2;
    Object.keys(c.types).forEach(function (t) {
      var end = start + 2 * Math.PI * c.types[t] / c.n;
      ctx.beginPath();
      ctx.moveTo(c.x, c.y);
      ctx.arc(c.x, c.y, c.r, start, end);
      ctx.closePath();
      ctx.fillStyle = types[t].colour;
      ctx.fill();
      start = end;
    });
    ctx.beginPath();
    ctx.arc(c.x, c.y, c.r - 3.5, 0, 2 * Math.PI);
    ctx.fillStyle = "rgba(35,35,35,0.88)";
    ctx.fill();
    ctx.fillStyle = "#ffffff";
    ctx.font = "600 " + (c.n >= 1000 ? 10 : 11) + "px system-ui,sans-serif";
    ctx.textAlign = "center";
    ctx.textBaseline = "middle";
    ctx.fillText(c.n >= 1000 ? (c.n / 1000).toFixed(c.n >= 10000 ? 0 : 1) + "k" : String(c.n),
                 c.x, c.y + 0.5);
  },

  // The dot or bubble under a container point, if any.
  _hit: function (point) {
    if (!this._cells) return null;
    var f = this._f, x = point.x + f.off.x, y = point.y + f.off.y, best = null, bestDist = Infinity;
    var cs = this.options.cell;
    for (var dy = -cs; dy <= cs; dy += cs) {
      for (var dx = -cs; dx <= cs; dx += cs) {
        if (x + dx < 0 || y + dy < 0 || x + dx >= f.w) continue;
        var c = this._cells.get(this._cellOf(f, x + dx, y + dy));
        if (!c) continue;
        var dist = Math.hypot(c.x - x, c.y - y);
        if (dist <= c.r + 3 && dist < bestDist) { best = c; bestDist = dist; }
      }
    }
    return best;
  },

  _label: function (c) {
    var d = this._data, i = c.first;
    if (c.n === 1) {
      var when = d.m[i] ? cd.MONTHS[d.m[i] - 1] + " " + d.y[i] : String(d.y[i]);
      // In the app a click opens the event's source; a standalone export has no app behind it.
      // who reviewed it and when (escaped in Python), else the review's kind
      var rv = d.r[i] ? "<br><small>" + (d.notes[i] || d.reviews[d.r[i] - 1].label) + "</small>" : "";
      return d.types[d.t[i]].label + " · " + when + rv +
        (cd.inApp() ? "<br><small>click for its source</small>" : "");
    }
    var kinds = Object.keys(c.types).sort(function (a, b) { return c.types[b] - c.types[a]; });
    var rows = kinds.slice(0, 4).map(function (t) {
      return '<span style="color:' + d.types[t].colour + '">&#9679;</span> ' + d.types[t].label +
        " " + c.types[t];
    });
    if (kinds.length > 4) rows.push("and " + (kinds.length - 4) + " more types");
    var years = c.y0 === c.y1 ? String(c.y0) : c.y0 + "–" + c.y1;
    var deepest = this._map.getZoom() >= this._map.getMaxZoom();
    return "<b>" + c.n + " events</b> · " + years + "<br>" + rows.join("<br>") +
      "<br><small>" + (deepest ? "click to list them" : "click to zoom in") + "</small>";
  },

  // Events under a control (legend, layer list) are not pointed at.
  _onControl: function (e) {
    var t = e.originalEvent && e.originalEvent.target;
    return !!(t && t.closest && t.closest(".leaflet-control"));
  },

  _hover: function (e) {
    var c = this._onControl(e) ? null : this._hit(e.containerPoint);
    this._canvas.style.pointerEvents = c ? "auto" : "none";  // over an event: clicks are ours
    this._map.getContainer().style.cursor = c ? "pointer" : "";
    if (!c) return this._closeTip();
    if (this._tipCell === c) return;
    if (!this._tipCell) {  // the canvas now takes the pointer: close the tooltip of what is under it
      var self = this;
      this._map.eachLayer(function (l) {
        if (l !== self && l._tooltip && l.isTooltipOpen()) l.closeTooltip();
      });
    }
    this._tipCell = c;
    this._tip = this._tip || L.tooltip({direction: "top", offset: [0, -8], opacity: 0.95});
    this._tip.setLatLng(this._latLngAt(c.x, c.y - c.r + 4))
      .setContent(this._label(c));
    this._map.openTooltip(this._tip);
  },

  _closeTip: function () {
    if (this._tip && this._map) this._map.closeTooltip(this._tip);
    this._tipCell = null;
  },

  _leave: function () {
    this._closeTip();
    if (this._canvas) this._canvas.style.pointerEvents = "none";
    if (this._map) this._map.getContainer().style.cursor = "";
  },

  _latLngAt: function (x, y) {  // canvas pixel -> map position
    return this._map.containerPointToLatLng([x - this._f.off.x, y - this._f.off.y]);
  },

  _members: function (cell) {
    var out = [], f = this._f;
    for (var i = 0; i < this._data.lat.length; i++) {
      var x = this._px[i] * f.scale - f.origin.x, y = this._py[i] * f.scale - f.origin.y;
      if (x >= 0 && y >= 0 && x < f.w && y < f.h && this._cellOf(f, x, y) === cell.key) out.push(i);
    }
    return out;
  },

  _click: function (e) {
    var c = this._onControl(e) ? null : this._hit(e.containerPoint), map = this._map;
    var d = this._data;
    if (!c) return;
    if (c.n === 1 && !cd.inApp()) {
      return L.popup().setLatLng(this._latLngAt(c.x, c.y)).setContent(this._label(c)).openOn(map);
    }
    if (c.n === 1) return this.select(c.first);
    var members = this._members(c);
    var bounds = L.latLngBounds(members.map(function (i) { return [d.lat[i], d.lon[i]]; }));
    var target = Math.min(map.getBoundsZoom(bounds, false, [60, 60]), map.getMaxZoom());
    if (target > map.getZoom()) return map.flyToBounds(bounds, {padding: [60, 60], duration: 0.5});
    this._list(c, members);
  },

  // At the deepest zoom (events at one place): a list to pick from.
  _list: function (c, members) {
    var d = this._data, self = this, box = L.DomUtil.create("div", "cd-pick");
    L.DomUtil.create("b", "", box).textContent = members.length + " events here";
    members.slice(0, 30).forEach(function (i) {
      var a = L.DomUtil.create("a", "", box);
      a.href = "#";
      a.textContent = d.types[d.t[i]].label + " · " +
        (d.m[i] ? cd.MONTHS[d.m[i] - 1] + " " + d.y[i] : String(d.y[i]));
      L.DomEvent.on(a, "click", function (ev) {
        L.DomEvent.preventDefault(ev);
        self._map.closePopup();
        self.select(i);
      });
    });
    if (members.length > 30) {
      L.DomUtil.create("small", "", box).textContent = "and " + (members.length - 30) +
        " more: narrow the filters";
    }
    L.popup({maxWidth: 300}).setLatLng(this._latLngAt(c.x, c.y))
      .setContent(box).openOn(this._map);
  },

  // Tell the app which event: its place among the located events shown.
  select: function (i) { cd.clicked({kind: "event", index: i}); }
});

// The geodata layers that are on, by name (a briefing's step keeps them), and setting them.
cd.CHOROPLETH = "choropleth";
cd.layersOn = function () {
  var on = Object.keys(cd.groups).filter(function (n) { return cd.map.hasLayer(cd.groups[n]); });
  if (cd.choroplethOn) on.push(cd.CHOROPLETH);
  return on.sort();
};
cd.setLayers = function (names) {
  var wanted = new Set(names);
  Object.keys(cd.groups).forEach(function (n) {
    var layer = cd.groups[n], on = cd.map.hasLayer(layer);
    if (wanted.has(n) && !on) cd.map.addLayer(layer);  // the layer list follows (Leaflet)
    if (!wanted.has(n) && on) cd.map.removeLayer(layer);
  });
  var toggle = cd.choroplethLayer, choropleth = wanted.has(cd.CHOROPLETH);
  if (toggle && choropleth !== cd.map.hasLayer(toggle)) {
    if (choropleth) cd.map.addLayer(toggle); else cd.map.removeLayer(toggle);
  }
  if (choropleth !== cd.choroplethOn) {
    cd.choroplethOn = choropleth;
    cd.applyAll();
  }
};

// Inside the Streamlit app (its map component, ui/map_frontend), as opposed to a standalone
// export: the component sets window.cdHost, and a click tells the app what was clicked.
cd.inApp = function () { return !!window.cdHost; };
cd.clicked = function (properties) { if (window.cdHost) window.cdHost.clicked(properties); };

// A geodata layer (mapping/layers.py GeoLayer): ``styles`` maps a feature id to its style
// (for points, the HTML of their icon); tooltips and popups come from cd.bind.
cd.geoLayer = function (name, styles) {
  return L.geoJson(null, {
    style: function (feature) { return styles[feature.properties.id] || {}; },
    pointToLayer: function (feature, latlng) {
      var style = styles[feature.properties.id] || {};
      return L.marker(latlng, {icon: L.divIcon({
        className: "cd-place-wrap", html: style.html || "", iconSize: [20, 20], iconAnchor: [10, 10]
      })});
    },
    onEachFeature: cd.bind(name)
  });
};

// Neutral cluster bubbles: the plugin's default green/yellow/orange would read as event types.
cd.clusterIcon = function (cluster) {
  return L.divIcon({html: "<div>" + cluster.getChildCount() + "</div>", className: "cd-cluster",
                    iconSize: L.point(30, 30)});
};

// The events of one view (mapping/overlay.py overlay_data), replacing the last view's: icon
// markers with popups (their HTML made, and every text escaped, in Python), or the compact
// layer; then the view's state.
cd.overlay = function (data) {
  var map = cd.map;
  if (cd.events) {
    map.removeLayer(cd.events);
    if (cd.control) cd.control.removeLayer(cd.events);
  }
  var layer;
  if (data.compact) {
    layer = new cd.PointLayer(cd.unpack(data.compact));
  } else {
    layer = L.markerClusterGroup({spiderfyOnMaxZoom: true, showCoverageOnHover: false,
                                  maxClusterRadius: 28, iconCreateFunction: cd.clusterIcon});
    data.markers.forEach(function (m) {
      var marker = L.marker([m.lat, m.lon], {zIndexOffset: 1000, icon: L.divIcon({
        className: "cd-ev-wrap", html: m.icon, iconSize: [26, 26], iconAnchor: [13, 13]})});
      marker.feature = {properties: {id: m.id, kind: "event"}};
      marker.bindPopup(m.popup, {maxWidth: 380, maxHeight: 300, autoPanPadding: [20, 20]});
      marker.bindTooltip(m.label);
      marker.on("click", function () { cd.clicked({kind: "event", id: m.id}); });
      layer.addLayer(marker);
    });
  }
  cd.events = layer.addTo(map);
  if (cd.control) cd.control.addOverlay(layer, data.name);
  cd.apply(data.state);
};

// Reads the binary columns written by mapping/events.py pack().
cd.unpack = function (payload) {
  var n = payload.n, bin = atob(payload.packed), bytes = new Uint8Array(bin.length);
  for (var k = 0; k < bin.length; k++) bytes[k] = bin.charCodeAt(k);
  var view = new DataView(bytes.buffer), out = {types: payload.types,
    reviews: payload.reviews || [], notes: payload.notes || {},
    lat: new Float64Array(n), lon: new Float64Array(n), y: new Int16Array(n),
    t: new Uint8Array(n), p: new Uint8Array(n), m: new Uint8Array(n), r: new Uint8Array(n)};
  for (var i = 0; i < n; i++) {
    out.lat[i] = view.getInt32(4 * i, true) / 1000;
    out.lon[i] = view.getInt32(4 * n + 4 * i, true) / 1000;
    out.y[i] = view.getInt16(8 * n + 2 * i, true);
    var tp = bytes[10 * n + i];
    out.t[i] = tp >> 1;
    out.p[i] = tp & 1;
    out.m[i] = bytes[11 * n + i] & 15;
    out.r[i] = bytes[11 * n + i] >> 4;  // review status: 0 none, else reviews[r - 1]
  }
  return out;
};

// Names on the map: text elements (crisp on a projector, selectable) in a pane above the
// layers and below the events. cd.labelData: [text, lat, lon, kind, min zoom, feature id];
// the list is in order of priority, and a name that would overlap one placed before it at
// this zoom, or whose line is not drawn in the year shown, is hidden.
cd.addLabels = function (map) {
  if (!cd.labelData || cd.labels) return;
  if (!map.getPane("cdLabels")) {
    var pane = map.createPane("cdLabels");
    pane.style.zIndex = 610;  // above the place icons (600), under events (620) and tooltips
    pane.style.pointerEvents = "none";
  }
  cd.labels = cd.labelData.map(function (row) {
    var span = document.createElement("span");
    span.textContent = row[0];  // geodata names, set as text: never parsed as markup
    var marker = L.marker([row[1], row[2]], {
      pane: "cdLabels", interactive: false, keyboard: false,
      icon: L.divIcon({className: "cd-label cd-label-" + row[3], html: span, iconSize: null})
    });
    var spots = [[row[1], row[2]]].concat(row[6] || []);
    return {marker: marker, minZoom: row[4], feature: row[5], kind: row[3], spots: spots};
  });
  cd.labels.forEach(function (l) { l.marker.addTo(map); });
  map.on("zoomend moveend resize", cd.declutter);
  // Names are measured to place them: again while the page settles (fonts, styles and the
  // frame's final size arrive after the map), then only when the map moves.
  [0, 300, 1000, 2500].forEach(function (ms) { setTimeout(cd.declutter, ms); });
  if (document.fonts && document.fonts.ready) document.fonts.ready.then(cd.declutter);
};

cd.declutter = function () {
  var map = cd.map, zoom = map.getZoom(), placed = [];
  cd.labels.forEach(function (l) {
    var el = l.marker.getElement();
    if (!el) return;
    var line = l.kind === "pipeline" ? "pipelines" : null;
    var show = zoom >= l.minZoom && (!line || cd.visible(line, l.feature));
    el.style.display = show ? "" : "none";
    if (!show) return;
    var text = el.firstChild || el;  // the name itself, not its marker's box
    var w = text.offsetWidth, h = text.offsetHeight;
    // the first of its spots where it overlaps no name placed before it (a line has several)
    var free = null;
    l.spots.some(function (spot) {
      var p = map.latLngToLayerPoint(spot);
      // towns are written to the right of their dot or icon; the other names are centred
      var left = l.kind === "capital" ? p.x - 3 : l.kind === "place" ? p.x + 12 : p.x - w / 2;
      var box = [left - 3, p.y - h / 2 - 2, left + w + 3, p.y + h / 2 + 2];
      var hit = placed.some(function (b) {
        return box[0] < b[2] && b[0] < box[2] && box[1] < b[3] && b[1] < box[3];
      });
      if (!hit) free = {spot: spot, box: box};
      return !hit;
    });
    if (!free) { el.style.display = "none"; return; }
    l.marker.setLatLng(free.spot);
    placed.push(free.box);
  });
};
