// The networks map's behaviour. It reads the JSON that Render embedded and
// builds every element from it with textContent and attributes, never by
// parsing HTML, so scraped names stay text. No libraries, no network.
(function () {
  'use strict';
  var SVGNS = 'http://www.w3.org/2000/svg';
  var mark = function (name) { if (performance.mark) performance.mark('citynets:' + name); };
  var data = JSON.parse(document.getElementById('citynets-data').textContent);
  mark('data');
  var nets = data.networks;
  var places = data.places;
  var svg = document.getElementById('map-svg');
  var base = document.getElementById('dots');
  var hiLayer = document.getElementById('hi');
  var hitLayer = document.getElementById('hits');
  var deltaLayer = document.createElementNS('http://www.w3.org/2000/svg', 'g');
  deltaLayer.id = 'delta';
  hiLayer.parentNode.insertBefore(deltaLayer, hiLayer);
  var figure = document.getElementById('map');
  var far = document.getElementById('far');
  var tip = document.getElementById('tip');
  var reach = document.getElementById('reach');
  var num = new Intl.NumberFormat('en');

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined && text !== null) e.textContent = String(text);
    return e;
  }
  function plural(n, one, many) { return num.format(n) + ' ' + (n === 1 ? one : many); }
  function placeLabel(p) { return p.cn ? p.n + ', ' + p.cn : (p.c ? p.n + ' (' + p.c + ')' : p.n); }

  // Dots, one per place, in the order Render sorted them (big ones first).
  // A place in several networks is a bullseye: a disc in its first
  // network's colour and one ring around it per further network, so every
  // network it belongs to stays visible and the dot's size says how many.
  // Circles are drawn outermost first so the inner ones sit on top.
  var dots = new Array(places.length);   // each place's group
  var rings = [];                        // every circle in #dots, with its ring number
  var byNet = [];
  function circle(x, y, cls, fill) {
    var c = document.createElementNS(SVGNS, 'circle');
    c.setAttribute('cx', x);
    c.setAttribute('cy', y);
    if (cls) c.setAttribute('class', cls);
    if (fill) c.setAttribute('fill', fill);
    return c;
  }
  // drawDots (re)builds the dots from each place's networks (p.k); the
  // time slider changes p.k and calls it again.
  function drawDots() {
    var frag = document.createDocumentFragment();
    rings = [];
    byNet = nets.map(function () { return []; });
    places.forEach(function (p, i) {
      var g = document.createElementNS(SVGNS, 'g');
      g.setAttribute('class', 'pl');
      g.setAttribute('data-i', i);
      for (var j = p.k.length - 1; j >= 0; j--) {
        var c = circle(p.x, p.y, '', nets[p.k[j]].col);
        c.setAttribute('data-k', p.k[j]);
        rings.push({ c: c, j: j });
        g.appendChild(c);
      }
      dots[i] = g;
      p.k.forEach(function (k) { byNet[k].push(i); });
      frag.appendChild(g);
    });
    base.textContent = '';
    base.appendChild(frag);
  }

  // The time series, when there is one: each date's membership as one
  // bitset per network over the places. Decoded once into per-date
  // network lists per place, so moving the slider is only a redraw.
  var steps = data.steps || [];
  var stepK = steps.map(function (st) {
    var ks = places.map(function () { return []; });
    st.b.forEach(function (b64, k) {
      var bin = atob(b64);
      for (var n = 0; n < bin.length; n++) {
        var byte = bin.charCodeAt(n);
        for (var bit = 0; byte && bit < 8; bit++) {
          if (byte & (1 << bit) && n * 8 + bit < ks.length) ks[n * 8 + bit].push(k);
        }
      }
    });
    return ks;
  });
  var step = steps.length - 1;
  if (step >= 0) places.forEach(function (p, i) { p.k = stepK[step][i]; });
  drawDots();
  mark('dots');

  // Dots keep the same size on screen whatever the map's width and zoom:
  // radius in pixels turned into map units (viewBox width over screen
  // width), a 3.2 px disc plus 1.8 px per further ring.
  var sized = '';
  var radius = [];
  function ringRadius(j) { return radius[j] || (radius[j] = 0); }
  function outerR(i) { return ringRadius(Math.max(0, places[i].k.length - 1)); }
  function sizeDots() {
    var w = svg.getBoundingClientRect().width;
    var key = w + ' ' + svg.getAttribute('viewBox');
    if (!w || key === sized) return;
    sized = key;
    var k = svg.viewBox.baseVal.width / w;
    var maxJ = nets.length;
    radius = [];
    for (var j = 0; j <= maxJ; j++) radius.push(+(k * (3.2 + 1.8 * j)).toFixed(3));
    for (var n = 0; n < rings.length; n++) rings[n].c.setAttribute('r', radius[rings[n].j]);
    [hiLayer, hitLayer, deltaLayer].forEach(function (layer) {
      for (var c = layer.firstChild; c; c = c.nextSibling) c.setAttribute('r', outerR(+c.getAttribute('data-i')));
    });
  }
  sizeDots();
  mark('sized');
  var resizeQueued = false;
  function queueSize() {
    if (resizeQueued) return;
    resizeQueued = true;
    requestAnimationFrame(function () { resizeQueued = false; sizeDots(); });
  }
  window.addEventListener('resize', queueSize);

  // Zoom and pan change the SVG's viewBox: the outlines scale, and
  // sizeDots turns the same pixel radii into fewer map units, so dots keep
  // their size on screen and a crowded region pulls apart as it is
  // enlarged. The view is [x, y] of its top-left corner and the zoom z;
  // data-zoom and data-scale (screen pixels per map unit) say where it is.
  var home = svg.viewBox.baseVal;
  var VX = home.x, VY = home.y, VW = home.width, VH = home.height;
  var MAXZ = 40;
  var view = { x: VX, y: VY, z: 1 };
  function setView(x, y, z) {
    z = Math.min(MAXZ, Math.max(1, z));
    var w = VW / z, h = VH / z;
    view.z = z;
    view.x = Math.min(VX + VW - w, Math.max(VX, x));
    view.y = Math.min(VY + VH - h, Math.max(VY, y));
    svg.setAttribute('viewBox', [view.x, view.y, w, h].map(function (v) { return +v.toFixed(2); }).join(' '));
    svg.setAttribute('data-zoom', +z.toFixed(3));
    var px = svg.getBoundingClientRect().width;
    svg.setAttribute('data-scale', px ? +(px / w).toFixed(4) : 0);
    svg.classList.toggle('zoomed', z > 1);
    queueSize();
  }
  // zoomAt scales by f keeping the map point under (cx, cy) — client
  // pixels — where it is on screen.
  function zoomAt(f, cx, cy) {
    var r = svg.getBoundingClientRect();
    if (!r.width) return;
    var fx = (cx - r.left) / r.width, fy = (cy - r.top) / r.height;
    var w = VW / view.z, h = VH / view.z;
    var mx = view.x + fx * w, my = view.y + fy * h;
    var z = Math.min(MAXZ, Math.max(1, view.z * f));
    setView(mx - fx * VW / z, my - fy * VH / z, z);
  }
  function zoomCentre(f) {
    var r = svg.getBoundingClientRect();
    zoomAt(f, r.left + r.width / 2, r.top + r.height / 2);
  }
  // panBy moves the view by screen pixels.
  function panBy(dx, dy) {
    var r = svg.getBoundingClientRect();
    if (!r.width) return;
    var k = VW / view.z / r.width;
    setView(view.x - dx * k, view.y - dy * k, view.z);
  }
  function resetView() { setView(VX, VY, 1); }
  svg.addEventListener('wheel', function (e) {
    if (e.ctrlKey === false && e.deltaY === 0) return;
    e.preventDefault();
    var d = e.deltaMode === 1 ? e.deltaY * 16 : e.deltaY;
    zoomAt(Math.exp(-d * 0.0025), e.clientX, e.clientY);
  }, { passive: false });
  // Pointers: one drags, two pinch (zoom about their midpoint, and pan as
  // it moves). Touch pans only once zoomed in (touch-action in the CSS),
  // so at the world view a finger still scrolls the page.
  var pointers = new Map();
  var moved = false;
  function pinchState() {
    var p = Array.from(pointers.values());
    return { d: Math.hypot(p[0].x - p[1].x, p[0].y - p[1].y), x: (p[0].x + p[1].x) / 2, y: (p[0].y + p[1].y) / 2 };
  }
  var pinch = null;
  svg.addEventListener('pointerdown', function (e) {
    if (e.button !== 0 && e.pointerType === 'mouse') return;
    pointers.set(e.pointerId, { x: e.clientX, y: e.clientY });
    moved = false;
    if (pointers.size === 2) pinch = pinchState();
  });
  svg.addEventListener('pointermove', function (e) {
    var p = pointers.get(e.pointerId);
    if (!p) return;
    var dx = e.clientX - p.x, dy = e.clientY - p.y;
    p.x = e.clientX; p.y = e.clientY;
    if (pointers.size === 2 && pinch) {
      var now = pinchState();
      if (pinch.d > 0) zoomAt(now.d / pinch.d, now.x, now.y);
      panBy(now.x - pinch.x, now.y - pinch.y);
      pinch = now;
      moved = true;
    } else if (pointers.size === 1 && (moved || Math.abs(dx) + Math.abs(dy) > 0)) {
      if (!moved && view.z === 1) return; // nothing to drag at the world view
      if (!moved) { try { svg.setPointerCapture(e.pointerId); } catch (err) { /* pointer gone */ } }
      moved = true;
      panBy(dx, dy);
    }
  });
  function pointerUp(e) {
    pointers.delete(e.pointerId);
    if (pointers.size < 2) pinch = null;
  }
  svg.addEventListener('pointerup', pointerUp);
  svg.addEventListener('pointercancel', pointerUp);
  // Buttons and keys: +/= and − zoom, arrows pan, 0 resets, with the map
  // (or one of its buttons) focused.
  var zoomBox = el('div', 'zoombox');
  zoomBox.setAttribute('role', 'group');
  zoomBox.setAttribute('aria-label', 'Zoom');
  [['+', 'Zoom in', function () { zoomCentre(2); }], ['\u2212', 'Zoom out', function () { zoomCentre(0.5); }],
    ['\u27f2', 'Reset the view (0)', resetView]].forEach(function (b) {
    var btn = el('button', 'zb', b[0]);
    btn.type = 'button';
    btn.title = b[1];
    btn.setAttribute('aria-label', b[1]);
    btn.addEventListener('click', b[2]);
    zoomBox.appendChild(btn);
  });
  figure.insertBefore(zoomBox, tip);
  svg.setAttribute('tabindex', '0');
  svg.setAttribute('aria-keyshortcuts', '+ - 0 ArrowUp ArrowDown ArrowLeft ArrowRight');
  figure.addEventListener('keydown', function (e) {
    if (e.ctrlKey || e.metaKey || e.altKey) return;
    var step = 60;
    var act = {
      '+': function () { zoomCentre(1.5); }, '=': function () { zoomCentre(1.5); },
      '-': function () { zoomCentre(1 / 1.5); }, '_': function () { zoomCentre(1 / 1.5); },
      '0': resetView,
      'ArrowLeft': function () { panBy(step, 0); }, 'ArrowRight': function () { panBy(-step, 0); },
      'ArrowUp': function () { panBy(0, step); }, 'ArrowDown': function () { panBy(0, -step); }
    }[e.key];
    if (!act) return;
    e.preventDefault();
    act();
  });
  setView(VX, VY, 1);

  // The legend: every network with its colour, and what a dot's size
  // means, inside the figure so a screenshot of the map carries it.
  var legend = document.getElementById('legend');
  var legendList = el('ul', 'keys');
  nets.forEach(function (n) {
    var li = el('li');
    li.setAttribute('data-net', n.id);
    var sw = el('span', 'sw');
    sw.style.backgroundColor = n.col;
    li.appendChild(sw);
    li.appendChild(el('span', 'ln', n.name));
    if (steps.length) li.appendChild(el('span', 'lc'));
    legendList.appendChild(li);
  });
  legend.appendChild(legendList);
  var sizeKey = el('p', 'sizekey');
  var sample = document.createElementNS(SVGNS, 'svg');
  sample.setAttribute('viewBox', '0 0 52 16');
  sample.setAttribute('width', '52');
  sample.setAttribute('height', '16');
  sample.setAttribute('aria-hidden', 'true');
  [[1, 6], [2, 19], [3, 38]].forEach(function (s) {
    for (var j = s[0] - 1; j >= 0; j--) {
      var c = circle(s[1], 8, 'sample', j % 2 ? '#9aa5b1' : '#52606d');
      c.setAttribute("r", 2.6 + 1.7 * j);
      sample.appendChild(c);
    }
  });
  sizeKey.appendChild(sample);
  sizeKey.appendChild(document.createTextNode(
    'Dot size: one ring per network a city belongs to, in that network\'s colour (1, 2, 3 networks).'));
  legend.appendChild(sizeKey);

  // Networks along the bottom: hover, focus or tap one to highlight it.
  var netsBox = document.getElementById('nets');
  var active = -1;
  var pinned = -1;
  // showStepReach is a network's reach at an earlier date: cities and
  // countries counted from that date's dots.
  function showStepReach(i) {
    var cc = {};
    byNet[i].forEach(function (pi) { if (places[pi].c) cc[places[pi].c] = true; });
    reach.appendChild(el('strong', '', nets[i].name));
    reach.appendChild(document.createTextNode(' on ' + stepLabel(step) + ': ' +
      plural(byNet[i].length, 'city', 'cities') + ' · ' + plural(Object.keys(cc).length, 'country', 'countries') +
      '. Continents and the farthest pair are shown for the last date.'));
  }
  function stepLabel(s) { return steps[s].date || steps[s].id; }
  function defaultReach() {
    reach.textContent = '';
    reach.appendChild(document.createTextNode(
      plural(places.length, 'place', 'places') + ' in ' + plural(nets.length, 'network', 'networks') +
      '. Hover, focus or tap a network to see its reach; type in the search box to find a city.'));
  }
  function showReach(n) {
    reach.textContent = '';
    if (step >= 0 && step < steps.length - 1) { showStepReach(nets.indexOf(n)); return; }
    reach.appendChild(el('strong', '', n.name));
    var parts = [plural(n.places, 'city', 'cities'), plural(n.countries, 'country', 'countries'),
      plural(n.continents.length, 'continent', 'continents') + (n.continents.length ? ' (' + n.continents.join(', ') + ')' : '')];
    reach.appendChild(document.createTextNode(': ' + parts.join(' · ') +
      (n.unplaced ? '; ' + plural(n.unplaced, 'member', 'members') + ' not on the map' : '') + '.'));
    if (n.far) {
      var a = places[n.far.a], b = places[n.far.b];
      reach.appendChild(el('span', 'far-line', 'Farthest apart: ' + placeLabel(a) + ' – ' + placeLabel(b) +
        ', ' + num.format(n.far.km) + ' km (great circle).'));
    }
  }
  // Highlighting copies the network's dots into an overlay above the faded
  // base layer: one style change on the layer instead of thousands, so it
  // stays instant with thousands of places.
  function show(i) {
    if (i === active) return;
    if (active >= 0) buttons[active].classList.remove('active');
    active = i;
    if (i < 0) {
      base.classList.remove('faded');
      hiLayer.textContent = '';
      far.setAttribute('d', '');
      defaultReach();
      return;
    }
    var copies = document.createDocumentFragment();
    byNet[i].forEach(function (pi) {
      var d = circle(places[pi].x, places[pi].y, 'on', nets[i].col);
      d.setAttribute('data-i', pi);
      d.setAttribute('r', outerR(pi));
      copies.appendChild(d);
    });
    hiLayer.textContent = '';
    hiLayer.appendChild(copies);
    base.classList.add('faded');
    buttons[i].classList.add('active');
    // The farthest pair is computed for the snapshot the page describes
    // (the last date), so it is drawn only there.
    far.setAttribute('d', nets[i].far && step === steps.length - 1 ? nets[i].far.d : '');
    showReach(nets[i]);
  }
  function pin(i) {
    pinned = i;
    buttons.forEach(function (b, j) { b.setAttribute('aria-pressed', j === i ? 'true' : 'false'); });
  }
  var buttons = nets.map(function (n, i) {
    var b = el('button', 'net');
    b.type = 'button';
    b.setAttribute('aria-pressed', 'false');
    b.setAttribute('data-net', n.id);
    var sw = el('span', 'sw');
    sw.style.backgroundColor = n.col;
    var name = el('span', 'name');
    name.appendChild(sw);
    name.appendChild(document.createTextNode(n.name));
    b.appendChild(name);
    b.appendChild(el('span', 'count', plural(n.members, 'member', 'members')));
    b.addEventListener('mouseenter', function () { show(i); });
    b.addEventListener('mouseleave', function () { show(pinned); });
    b.addEventListener('focus', function () { show(i); });
    b.addEventListener('blur', function () { show(pinned); });
    b.addEventListener('click', function () {
      if (pinned === i) { pin(-1); show(-1); } else { pin(i); show(i); }
    });
    netsBox.appendChild(b);
    return b;
  });
  document.addEventListener('keydown', function (e) {
    if (e.key === 'Escape' && pinned >= 0) { pin(-1); show(-1); }
  });
  defaultReach();

  // A dot's tooltip: its name, country and networks.
  function showTip(c, x, y) {
    var p = places[+c.getAttribute('data-i')];
    if (!p) return;
    tip.textContent = '';
    tip.appendChild(el('b', '', placeLabel(p)));
    tip.appendChild(document.createTextNode(p.k.map(function (k) { return nets[k].name; }).join(' · ')));
    tip.hidden = false;
    var box = figure.getBoundingClientRect();
    var left = Math.min(x - box.left + 12, box.width - tip.offsetWidth - 4);
    tip.style.left = Math.max(0, left) + 'px';
    tip.style.top = Math.max(0, y - box.top - tip.offsetHeight - 8) + 'px';
  }
  function dotEvent(e) {
    if (e.type === 'click' && moved) { moved = false; return; }
    var c = e.target instanceof SVGCircleElement && e.target.closest('[data-i]');
    if (c) showTip(c, e.clientX, e.clientY);
    else tip.hidden = true;
  }
  svg.addEventListener('mousemove', dotEvent);
  svg.addEventListener('click', dotEvent);
  svg.addEventListener('mouseleave', function () { tip.hidden = true; });

  // Search: accent-, case- and punctuation-insensitive substring match on
  // the place's names and every name a network publishes it under.
  var special = { 'ß': 'ss', 'ø': 'o', 'æ': 'ae', 'œ': 'oe', 'ł': 'l', 'đ': 'd', 'ð': 'd', 'þ': 'th', 'ı': 'i', '’': "'", '‘': "'", 'ʻ': "'", '`': "'" };
  function fold(s) {
    return String(s).normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase()
      .replace(/[ßøæœłđðþı’‘ʻ`]/g, function (ch) { return special[ch]; })
      .replace(/[-‐–—_.,()\/]+/g, ' ').replace(/\s+/g, ' ').trim();
  }
  var hay = null; // built on the first search, not at load
  function index() {
    hay = places.map(function (p) {
      var keys = [p.n];
      if (p.a) keys.push(p.a);
      (p.p || []).forEach(function (q) { keys.push(q.n); });
      return '\n' + keys.map(fold).join('\n');
    });
  }
  var q = document.getElementById('q');
  var qstat = document.getElementById('qstat');
  var results = document.getElementById('results');
  var LIMIT = 25;
  function rank(i, f) {
    var h = hay[i];
    if (fold(places[i].n) === f) return 0;
    if (h.indexOf('\n' + f) >= 0) return 1;
    if (h.indexOf(' ' + f) >= 0) return 2;
    return 3;
  }
  function search() {
    hitLayer.textContent = '';
    results.textContent = '';
    var f = fold(q.value);
    if (!f) { qstat.textContent = ''; return; }
    if (!hay) index();
    var found = [];
    for (var i = 0; i < hay.length; i++) if (hay[i].indexOf(f) >= 0) found.push(i);
    found = found.map(function (i) { return { i: i, r: rank(i, f) }; });
    found.sort(function (a, b) {
      return a.r - b.r || places[b.i].k.length - places[a.i].k.length || (places[a.i].n < places[b.i].n ? -1 : 1);
    });
    qstat.textContent = found.length === 0 ? 'No city matches.' :
      plural(found.length, 'city matches', 'cities match') + (found.length > LIMIT ? '; showing the first ' + LIMIT + '.' : '.');
    found.slice(0, LIMIT).forEach(function (h) {
      var p = places[h.i];
      var li = el('li');
      li.appendChild(el('strong', '', p.n));
      li.appendChild(document.createTextNode(p.cn ? ', ' + p.cn : (p.c ? ' (' + p.c + ')' : '')));
      var ul = el('ul', 'pubs');
      p.k.forEach(function (k) {
        var names = (p.p || []).filter(function (x) { return x.k === k; }).map(function (x) { return x.n; });
        var item = el('li');
        item.appendChild(el('span', 'nn', nets[k].name));
        if (names.length) item.appendChild(document.createTextNode(': ' + names.join('; ')));
        ul.appendChild(item);
      });
      li.appendChild(ul);
      results.appendChild(li);
      var d = circle(p.x, p.y, 'hit');
      d.setAttribute('data-i', h.i);
      d.setAttribute('r', outerR(h.i));
      hitLayer.appendChild(d);
    });
  }
  q.addEventListener('input', search);

  // Changes since the parent snapshot, per network.
  var changeBox = document.getElementById('changelist');
  if (changeBox && data.changes) {
    data.changes.forEach(function (g) {
      changeBox.appendChild(el('h3', '', nets[g.k].name));
      function list(cls, label, items) {
        if (!items || !items.length) return;
        var d = el('details', cls);
        d.appendChild(el('summary', '', label + ' (' + num.format(items.length) + ')'));
        var ul = el('ul');
        items.forEach(function (t) { ul.appendChild(el('li', '', t)); });
        d.appendChild(ul);
        if (items.length <= 10) d.open = true;
        changeBox.appendChild(d);
      }
      list('joined', 'Joined', g.joined);
      list('left', 'Left', g.left);
      list('renamed', 'Renamed', (g.renamed || []).map(function (r) { return r[0] + ' → ' + r[1]; }));
      if (g.modified) changeBox.appendChild(el('p', '', plural(g.modified, 'member', 'members') + ' with changed details.'));
    });
  }

  // The time slider: one step per snapshot date. Moving it redraws the
  // dots from that date's membership, marks the places that joined a
  // network since the step before (green halo) and those that left one (a
  // red ring that fades), and sets the counts in the buttons and legend.
  if (steps.length > 1) {
    var tl = el('div', 'timeline');
    tl.setAttribute('role', 'group');
    tl.setAttribute('aria-label', 'Time slider');
    var playBtn = el('button', 'play', '\u25b6 Play');
    playBtn.type = 'button';
    playBtn.setAttribute('aria-pressed', 'false');
    var slider = el('input');
    slider.type = 'range';
    slider.id = 'step';
    slider.min = 0;
    slider.max = steps.length - 1;
    slider.step = 1;
    slider.value = step;
    slider.setAttribute('aria-label', 'Snapshot date');
    var dateOut = el('output', 'date');
    dateOut.setAttribute('for', 'step');
    var delta = el('span', 'deltas');
    delta.setAttribute('aria-live', 'polite');
    tl.appendChild(playBtn);
    tl.appendChild(slider);
    tl.appendChild(dateOut);
    tl.appendChild(delta);
    figure.insertBefore(tl, legend);
    var countEls = buttons.map(function (b) { return b.querySelector('.count'); });
    var legendCounts = Array.from(legendList.querySelectorAll('.lc'));
    var setStep = function (s) {
      step = s;
      places.forEach(function (p, i) { p.k = stepK[s][i]; });
      drawDots();
      sized = '';
      sizeDots();
      slider.value = s;
      dateOut.textContent = stepLabel(s) + ' (' + (s + 1) + ' of ' + steps.length + ')';
      dateOut.title = steps[s].id;
      svg.setAttribute('data-step', s);
      nets.forEach(function (n, k) {
        var m = steps[s].m[k] || 0;
        countEls[k].textContent = plural(m, 'member', 'members');
        legendCounts[k].textContent = ' ' + num.format(byNet[k].length);
        legendList.children[k].classList.toggle('absent', m === 0);
      });
      // Joins and leaves against the step before, per place and network.
      deltaLayer.textContent = '';
      var joined = 0, left = 0;
      if (s > 0) {
        var before = s - 1;
        var frag = document.createDocumentFragment();
        places.forEach(function (p, i) {
          var was = stepK[before][i], now = stepK[s][i];
          var j = now.filter(function (k) { return was.indexOf(k) < 0; }).length;
          var l = was.filter(function (k) { return now.indexOf(k) < 0; }).length;
          joined += j;
          left += l;
          if (j) { var c = circle(p.x, p.y, 'joined'); c.setAttribute('data-i', i); frag.appendChild(c); }
          if (l) { var d = circle(p.x, p.y, 'left'); d.setAttribute('data-i', i); frag.appendChild(d); }
        });
        deltaLayer.appendChild(frag);
        sized = '';
        sizeDots();
        delta.textContent = 'Since ' + stepLabel(before) + ': ' + num.format(joined) + ' joined, ' + num.format(left) + ' left.';
      } else {
        delta.textContent = '';
      }
      var a = active;
      active = -1;
      if (a >= 0) { buttons[a].classList.remove('active'); show(a); } else defaultReach();
    };
    slider.addEventListener('input', function () { setStep(+slider.value); });
    var timer = 0;
    var stop = function () {
      clearInterval(timer);
      timer = 0;
      playBtn.textContent = '\u25b6 Play';
      playBtn.setAttribute('aria-pressed', 'false');
    };
    playBtn.addEventListener('click', function () {
      if (timer) { stop(); return; }
      if (step >= steps.length - 1) setStep(0);
      playBtn.textContent = '\u275a\u275a Pause';
      playBtn.setAttribute('aria-pressed', 'true');
      timer = setInterval(function () {
        setStep(step + 1);
        if (step >= steps.length - 1) stop();
      }, 1200);
    });
    setStep(step);
  }

  mark('ui');
  // For tests and the curious: how long the first render took.
  var root = document.documentElement;
  root.setAttribute('data-init-ms', performance.now().toFixed(1));
  requestAnimationFrame(function () {
    setTimeout(function () { root.setAttribute('data-ready', performance.now().toFixed(1)); }, 0);
  });
})();
