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
      layer.on("add", function () { cd.applyOne(name, feature.properties.id); });
    };
  },

  visible: function (name, id) {
    if (name === "pipelines") return cd.state.pipelines[id] !== "not_yet";
    if (name === "corridors") return cd.state.corridors[id] !== false;
    return true;
  },

  applyOne: function (name, id) {
    var layer = (cd.layers[name] || {})[id];
    if (!layer) return;
    var el = layer.getElement ? layer.getElement() : null;
    if (el) el.style.display = cd.visible(name, id) ? "" : "none";
    if (name === "pipelines" && cd.visible(name, id)) {
      var operating = cd.state.pipelines[id] === "operating";
      layer.setStyle({dashArray: operating ? null : "6 5", weight: operating ? 3.2 : 2.6});
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
  },

  // Called by the events overlay on every filter change.
  apply: function (state) {
    cd.state = state;
    cd.applyAll();
  },

  wire: function (map, refs) {
    cd.map = map;
    // Events above the ports and fields they happen at (markers: 600), under tooltips (650).
    if (!map.getPane("cdEvents")) map.createPane("cdEvents").style.zIndex = 620;
    cd.geojson = refs.geojson;
    var toggle = refs.choropleth;
    cd.choroplethOn = !!(toggle && map.hasLayer(toggle));
    map.on("overlayadd overlayremove", function (e) {
      if (e.layer === toggle) {
        cd.choroplethOn = e.type === "overlayadd";
        cd.applyAll();
      }
    });
  }
};

// Many events: one canvas layer of dots built from columnar arrays (a few bytes an event),
// with tooltips made on hover and a click that tells the app which event it was.
cd.compactEvents = function (parent, data) {
  var renderer = L.canvas({padding: 0.3, pane: "cdEvents"});
  var group = L.featureGroup();
  for (var i = 0; i < data.lat.length; i++) {
    var type = data.types[data.t[i]], precise = data.p[i] === 1;
    var marker = L.circleMarker([data.lat[i], data.lon[i]], {
      renderer: renderer, pane: "cdEvents", radius: precise ? 4 : 6, weight: precise ? 1 : 1.5,
      color: precise ? "#ffffff" : type.colour, fillColor: type.colour,
      fillOpacity: precise ? 0.85 : 0.15, dashArray: precise ? null : "3 2"
    });
    marker.feature = {type: "Feature", properties: {kind: "event", index: i}};
    marker.bindTooltip(cd.compactLabel(data, i), {sticky: true});
    group.addLayer(marker);
  }
  group.addTo(parent);
  return group;
};

cd.compactLabel = function (data, i) {
  return function () {
    var y = data.y[i], m = data.m[i];
    var when = m ? ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov",
                    "Dec"][m - 1] + " " + y : String(y);
    return data.types[data.t[i]].label + " · " + when + "<br><small>click for its source</small>";
  };
};
