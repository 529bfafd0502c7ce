// The map's Streamlit component (caspian_dash/ui/map_component.py). It speaks Streamlit's
// component protocol (window messages), mounts the base map page once, and applies each
// rerun's overlay (events and view state, plain data) through the map runtime (runtime.js).
(function () {
  "use strict";
  var mounted = null;    // the promise of the base page being mounted
  var shownOverlay = ""; // the overlay last applied, as JSON: a rerun that changed nothing
  var shownView = "";    // the centre and zoom last applied (a picked event's view)
  var clicks = 0;
  var picking = false;   // a reviewer is picking an event's place: a click gives the point
  var tracking = false;  // a story is being edited: the view (centre, zoom, layers) is sent
  var keys = false;      // presenting: arrows, space and Escape step through the story
  var shownLayers = "";  // the layers last set from the app (a step's)
  var viewListener = null, viewTimer = null;

  function send(type, data) {
    var message = {isStreamlitMessage: true, type: type};
    Object.keys(data || {}).forEach(function (k) { message[k] = data[k]; });
    window.parent.postMessage(message, "*");
  }

  function report(value) {
    clicks += 1;
    value.n = clicks;
    send("streamlit:setComponentValue", {value: value, dataType: "json"});
  }

  // runtime.js reports clicks here; a standalone export has no host and ignores them.
  window.cdHost = {
    clicked: function (properties) {
      if (picking && properties.kind !== "point") return;  // the point is what is wanted
      report({clicked: properties});
    }
  };

  // The view as a story's step keeps it, sent once the map has stopped moving.
  function sendView() {
    if (!tracking) return;
    var c = window.cd.map.getCenter();
    report({view: {center: [+c.lat.toFixed(4), +c.lng.toFixed(4)], zoom: window.cd.map.getZoom(),
                   layers: window.cd.layersOn()}});
  }

  // Presenting: the keys step through the story wherever the page has the focus.
  var STEP_KEYS = {ArrowRight: "next", ArrowDown: "next", PageDown: "next", " ": "next",
                   ArrowLeft: "previous", ArrowUp: "previous", PageUp: "previous",
                   Escape: "exit"};
  function onKey(e) {
    var target = e.target || {};
    if (!keys || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName || "")) return;
    var step = STEP_KEYS[e.key];
    if (!step) return;
    e.preventDefault();
    report({key: step});
  }
  var listening = false;
  function listenToKeys() {  // once a story is presented: the page's keys are the map's too
    if (listening) return;
    listening = true;
    document.addEventListener("keydown", onKey);
    try { window.parent.document.addEventListener("keydown", onKey); } catch (err) { /* another origin */ }
  }

  function loadScript(src) {
    return new Promise(function (resolve, reject) {
      var s = document.createElement("script");
      s.src = src;
      s.onload = resolve;
      s.onerror = function () { reject(new Error("the map could not load " + src)); };
      document.head.appendChild(s);
    });
  }

  function addStyle(href) {
    var link = document.createElement("link");
    link.rel = "stylesheet";
    link.href = href;
    document.head.appendChild(link);
  }

  // The base page is the standalone map folium renders (our own markup: names in it were
  // escaped in Python). Its styles and elements are copied in, then its scripts run in
  // order; files that a bundle of the app already holds are not fetched again.
  function mount(args) {
    var page = new DOMParser().parseFromString(args.page, "text/html");
    var bundled = new Set(args.bundled || []);
    (args.css || []).forEach(addStyle);
    page.querySelectorAll("link[rel=stylesheet]").forEach(function (link) {
      var href = link.getAttribute("href");
      if (!bundled.has(href)) addStyle(href);
    });
    page.querySelectorAll("style").forEach(function (style) {
      document.head.appendChild(document.importNode(style, true));
    });
    Array.prototype.forEach.call(page.body.children, function (node) {
      if (node.tagName !== "SCRIPT") document.body.appendChild(document.importNode(node, true));
    });
    var scripts = Array.prototype.slice.call(page.querySelectorAll("script"));
    var chain = (args.js || []).reduce(function (done, src) {
      return done.then(function () { return loadScript(src); });
    }, Promise.resolve());
    scripts.forEach(function (old) {
      chain = chain.then(function () {
        var src = old.getAttribute("src");
        if (src) return bundled.has(src) ? null : loadScript(src);
        var s = document.createElement("script");
        s.textContent = old.textContent;
        document.body.appendChild(s);
        return null;
      });
    });
    return chain;
  }

  function render(args) {
    send("streamlit:setFrameHeight", {height: args.height});
    if (!mounted) {
      mounted = mount(args).then(function () {
        // Picking reads the DOM's clicks on the map (captured before any layer's handler,
        // which may keep a click from Leaflet's map); a drag that pans is not a pick.
        var map = window.cd.map, box = map.getContainer(), down = null;
        box.addEventListener("mousedown", function (e) { down = [e.clientX, e.clientY]; }, true);
        box.addEventListener("click", function (e) {
          if (!picking || !down || e.target.closest(".leaflet-control")) return;
          if (Math.abs(e.clientX - down[0]) + Math.abs(e.clientY - down[1]) > 4) return;
          var at = map.mouseEventToLatLng(e);
          window.cdHost.clicked({kind: "point", lat: at.lat, lon: at.lng});
        }, true);

      });
    }
    var pickChanged = !!args.pick !== picking;
    picking = !!args.pick;
    keys = !!args.keys;
    if (keys) listenToKeys();
    var startTracking = !!args.track && !tracking;
    tracking = !!args.track;
    mounted.then(function () {
      // the crosshair only while picking; set when that changes, so that a rerun leaves the
      // pointer the events' layer shows as it is
      if (pickChanged) window.cd.map.getContainer().style.cursor = picking ? "crosshair" : "";
      // only while a story is edited does the map send where it looks (each send reruns the app)
      if (tracking && !viewListener) {
        viewListener = function () { clearTimeout(viewTimer); viewTimer = setTimeout(sendView, 400); };
        window.cd.map.on("moveend overlayadd overlayremove", viewListener);
      } else if (!tracking && viewListener) {
        window.cd.map.off("moveend overlayadd overlayremove", viewListener);
        viewListener = null;
      }
      var overlay = JSON.stringify(args.overlay);
      if (overlay !== shownOverlay) {
        shownOverlay = overlay;
        window.cd.overlay(args.overlay);
      }
      var layers = JSON.stringify(args.layers || null);
      if (args.layers && layers !== shownLayers) window.cd.setLayers(args.layers);
      shownLayers = layers;
      var view = JSON.stringify([args.center, args.zoom]);
      if (args.center && view !== shownView) {
        // a story's steps fly from one to the next; a picked event is shown at once
        if (args.fly && shownView) window.cd.map.flyTo(args.center, args.zoom, {duration: 1.2});
        else window.cd.map.setView(args.center, args.zoom);
      }
      shownView = view;
      if (startTracking) sendView();  // the view as it is when editing starts
    }).catch(function (error) {
      document.body.textContent = String(error);
    });
  }

  window.addEventListener("message", function (event) {
    if (event.data && event.data.type === "streamlit:render") render(event.data.args);
  });
  send("streamlit:componentReady", {apiVersion: 1});
})();
