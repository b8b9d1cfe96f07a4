/*
 * LinkLens collector: the one script that finds every link on a page (docs/DESIGN.md §2.3).
 *
 * Two users run this very file: the extension's content script (on the person's live tab, with a
 * `register` callback that keeps each element by id) and the agent (evaluated once in the
 * rendered page; see agent/collector.py). It is a classic script: no import/export, and all it
 * does when run is define `linklensCollect` and start noting stylesheets that fail to load
 * (`failedSheets`). `linklensCollect` is kept if already defined, so injecting it twice is
 * harmless; inside the agent's wrapper function the `var` is local, so a page cannot replace it
 * with its own function.
 *
 * linklensCollect({maxLinks, register?, strict?, rows?}) -> one JSON string of protocol.Collection
 * (strict: errors while judging visibility are thrown instead of leaving that link "visible"):
 *   {url, title, links: [{id, href, attr_href, rel, text, tag, context, visible, hidden_reason}],
 *    truncated, robots, canonical}
 *
 * rows: true (the agent only; agent/collector.py decodes it back into exactly that Collection)
 * says the same in fewer bytes, because moving the string out of the page costs time per byte:
 *   {url, title, rows, prefixes, kinds, truncated, robots, canonical}
 * Each row is [prefix, rest, attr, text, kind?, rel?], one per link in order (id = its index):
 *   href = prefixes[prefix] + rest (prefixes[0] is ""; rest null: no href), so a page's origin
 *   is sent once; attr is the attribute as written, or 0 when it equals rest, 1 when it equals
 *   href; kinds[kind] = [tag, context, hidden_reason] (visible: hidden_reason null). kind 0 and
 *   rel "" are left off the end of a row.
 *
 * Speed matters (thousands of links in one evaluate): one querySelectorAll per document or
 * shadow root, the browser's own checkVisibility() before any slower look, at most one
 * getComputedStyle per element (ancestor results cached), and layout is only read, never
 * written, so it is computed once.
 */
// eslint-disable-next-line no-var
var linklensCollect = typeof linklensCollect === "function" ? linklensCollect : (function () {
  "use strict";

  var TEXT_LIMIT = 500; // characters of link text kept (agent/raw_links.py uses the same limit)
  var COLOUR_TOLERANCE = 8; // per channel, 0-255: "the same colour" to a person's eye
  var OFFSCREEN_INDENT = -999; // px of text-indent that only serves to push text off the page
  var WHITE = [255, 255, 255, 1];
  var MEDIA = "img, svg, picture, video, canvas, input[type=image], object, embed";
  var CHECK_VISIBILITY = {opacityProperty: true, visibilityProperty: true};
  var MAX_NESTING = 64; // shadow roots and frames inside one another
  var SVG_NS = "http://www.w3.org/2000/svg";
  var PSEUDO = ["::before", "::after"];

  // Lone UTF-16 surrogates (a page can make them) would not survive JSON decoding in Python.
  function clean(text) {
    return text && typeof text.toWellFormed === "function" ? text.toWellFormed() : text;
  }

  // Whitespace that collapse() would change; most link text has none, and testing is cheaper
  // than replacing.
  var UNCOLLAPSED = /[^\S ]|^ | $| {2}/;

  function collapse(text) {
    if (!text) return "";
    var out = UNCOLLAPSED.test(text) ? text.replace(/\s+/g, " ").trim() : text;
    return clean(out.length > TEXT_LIMIT ? out.slice(0, TEXT_LIMIT) : out);
  }

  // "rgb(1, 2, 3)" / "rgba(1, 2, 3, 0.5)" -> [r, g, b, a]; other colour syntaxes -> null.
  var colourCache = new Map();

  function parseColour(value) {
    var known = colourCache.get(value);
    if (known !== undefined) return known;
    var parsed = parseColourText(value);
    if (colourCache.size < 1000) colourCache.set(value, parsed);
    return parsed;
  }

  function parseColourText(value) {
    var m = /^rgba?\(\s*([\d.]+)[,\s]+([\d.]+)[,\s]+([\d.]+)(?:\s*[,/]\s*([\d.]+%?))?\s*\)$/.exec(value);
    if (!m) return null;
    var a = m[4] === undefined ? 1 : m[4].slice(-1) === "%" ? parseFloat(m[4]) / 100 : parseFloat(m[4]);
    return [parseFloat(m[1]), parseFloat(m[2]), parseFloat(m[3]), a];
  }

  function blend(top, bottom) {
    var a = top[3];
    return [top[0] * a + bottom[0] * (1 - a), top[1] * a + bottom[1] * (1 - a),
      top[2] * a + bottom[2] * (1 - a), 1];
  }

  // clip: rect(...) (absolutely positioned elements) or clip-path that leaves nothing to see.
  // position: the style's, when the caller has read it already (each read costs ~1 µs).
  function clipsEverything(style, position) {
    if (position === undefined) position = style.position;
    var clip = position === "absolute" || position === "fixed" ? style.clip : null;
    if (clip && clip !== "auto") {
      var v = /rect\(([^)]*)\)/.exec(clip);
      if (v) {
        var p = v[1].split(/[,\s]+/).map(function (s) { return s === "auto" ? NaN : parseFloat(s); });
        // rect(top, right, bottom, left): auto edges leave that side open.
        var w = isNaN(p[1]) || isNaN(p[3]) ? Infinity : p[1] - p[3];
        var h = isNaN(p[0]) || isNaN(p[2]) ? Infinity : p[2] - p[0];
        if (w <= 1 || h <= 1) return true;
      }
    }
    var cp = style.clipPath;
    if (cp && cp !== "none") {
      var inset = /^inset\(([^)]*)\)/.exec(cp);
      if (inset) {
        var parts = inset[1].split(/\s+round\s+/)[0].trim().split(/\s+/);
        var pct = parts.map(function (s) { return s.slice(-1) === "%" ? parseFloat(s) : NaN; });
        var t = pct[0], r = pct.length > 1 ? pct[1] : t, b = pct.length > 2 ? pct[2] : t;
        var l = pct.length > 3 ? pct[3] : r;
        if (t + b >= 100 || l + r >= 100) return true;
      }
      if (/^circle\(\s*0(px|%)?[\s)]/.test(cp) || /^ellipse\(\s*0(px|%)?[\s)]/.test(cp)) return true;
    }
    return false;
  }

  // Stylesheets whose load failed, seen while the page loaded. The agent installs this script
  // in every new document before the page's first byte (agent/render/collector.py,
  // prepare_collector), and a <link> whose sheet fails (a 404, a refused connection) fires
  // "error", which does not bubble: a capturing listener on the document, in this script's
  // isolated world, sees it. This is all the script does besides defining linklensCollect.
  // The extension injects it after the load; on the live tab pageUnstyled() reads the other
  // signs (no sheet, an error status in the page's resource timing).
  var failedSheets = typeof WeakSet === "function" ? new WeakSet() : null;
  if (failedSheets && typeof document !== "undefined" && document.addEventListener) {
    document.addEventListener("error", function (event) {
      var target = event.target;
      if (target && target.localName === "link") failedSheets.add(target);
    }, true);
  }

  return function linklensCollect(options) {
    var maxLinks = options && options.maxLinks > 0 ? Math.floor(options.maxLinks) : 50000;
    var register = options && typeof options.register === "function" ? options.register : null;
    var strict = !!(options && options.strict);
    var rows = !!(options && options.rows);
    var topDoc = document;
    var links = [];
    var truncated = false;
    var frameOf = new Map(); // iframe document -> its <iframe> element (for the ancestor chain)
    var styleCache = new Map(); // element -> its computed style (one getComputedStyle each)
    var chainCache = new Map(); // element -> opacity/clipping/landmark facts, ancestors included
    var hidingCache = new Map(); // element -> display/visibility facts, ancestors included
    var docCache = new Map(); // document -> {view, width, height}
    var scrollCache = new Map(); // scroll container -> the area it can show
    var mediaCache = new Map(); // container -> boxes of the pictures inside it

    function docInfo(doc) {
      var d = docCache.get(doc);
      if (!d) {
        var root = doc.documentElement;
        var view = doc.defaultView || window;
        var viewport = root ? viewportOverflow(doc) : "visible";
        var clipX = /^(hidden|clip)/.test(viewport);
        var clipY = /(hidden|clip)$/.test(viewport);
        d = {
          view: view,
          // Content beyond a hidden overflow of the root cannot be scrolled to: use the viewport.
          width: root ? (clipX ? root.clientWidth : Math.max(root.scrollWidth, root.clientWidth)) : 0,
          height: root ? (clipY ? root.clientHeight : Math.max(root.scrollHeight, root.clientHeight)) : 0,
          scrollX: view.scrollX || 0,
          scrollY: view.scrollY || 0,
          viewWidth: view.innerWidth,
          viewHeight: view.innerHeight,
        };
        docCache.set(doc, d);
      }
      return d;
    }

    // The overflow that applies to the viewport: the root's, or the body's when the root leaves
    // it visible (CSS propagation); "x y" or one value for both.
    function viewportOverflow(doc) {
      var own = styleOf(doc.documentElement).overflow;
      if (own !== "visible" || !doc.body) return own;
      return styleOf(doc.body).overflow;
    }

    // An element whose overflow really clips its own box: not the root, nor a body whose overflow
    // was handed to the viewport.
    function clipsOwnBox(el) {
      var doc = el.ownerDocument;
      if (el === doc.documentElement) return false;
      if (el === doc.body && styleOf(doc.documentElement).overflow === "visible") return false;
      return true;
    }

    // The parent in the rendered (composed) tree: slot, shadow host, or the <iframe> of a frame.
    function composedParent(el) {
      var parent = el.parentElement;
      if (parent) {
        // assignedSlot is costly to ask; only a shadow host's children can have one.
        return (parent.shadowRoot && el.assignedSlot) || parent;
      }
      parent = el.parentNode;
      if (parent && parent.host) return parent.host;
      if (parent && parent.nodeType === 9) return frameOf.get(parent) || null;
      return null;
    }

    function isSectioning(name) {
      return name === "article" || name === "section" || name === "aside" || name === "nav" ||
        name === "main";
    }

    function landmarkOf(el, name, inSection) {
      var role = el.getAttribute("role");
      role = role ? role.trim().toLowerCase() : "";
      if (role === "navigation" || name === "nav") return "nav";
      // Cookie banners and modals: hidden links there are normal (closed until asked for).
      if (role === "dialog" || role === "alertdialog" || name === "dialog") return "dialog";
      if (role === "banner") return "header";
      if (role === "contentinfo") return "footer";
      // A <header>/<footer> inside sectioning content or <main> is not the page's banner or
      // contentinfo (ARIA); it belongs to that section.
      if (name === "header" && !inSection) return "header";
      if (name === "footer" && !inSection) return "footer";
      if (role === "complementary" || name === "aside") return "aside";
      if (role === "article" || name === "article") return "article";
      if (role === "main" || name === "main") return "main";
      return null;
    }

    function styleOf(el) {
      var facts = chainCache.get(el);
      if (facts) return facts.style;
      var style = styleCache.get(el);
      if (!style) {
        style = (el.ownerDocument.defaultView || window).getComputedStyle(el);
        styleCache.set(el, style);
      }
      return style;
    }

    // Facts every link needs from its ancestors (opacity, clipping, landmark), computed once per
    // element, top down from the nearest cached ancestor: a loop, not recursion, because script
    // can nest the DOM deeper than the JS stack.
    function chain(el) {
      var cached = chainCache.get(el);
      if (cached) return cached;
      var todo = [el];
      var cur = composedParent(el);
      var p = null;
      while (cur) {
        p = chainCache.get(cur);
        if (p) break;
        todo.push(cur);
        cur = composedParent(cur);
      }
      if (!cur) p = null;
      for (var i = todo.length - 1; i >= 0; i--) {
        p = chainFacts(todo[i], p);
        chainCache.set(todo[i], p);
      }
      return p;
    }

    function chainFacts(el, p) {
      // DOM getters cost even when the answer is known: the parent's document and window are
      // this element's too unless it is the root of a frame's document.
      var doc = el.ownerDocument;
      var view = p && p.doc === doc ? p.view : doc.defaultView || window;
      var name = el.localName;
      var style = styleCache.get(el);
      if (!style) style = view.getComputedStyle(el);
      var opacity = parseFloat(style.opacity);
      if (isNaN(opacity)) opacity = 1;
      var clipped = p ? p.clipped : false;
      var overflow = style.overflow;
      var ownBox = overflow !== "visible" && clipsOwnBox(el);
      // The nearest scroll container around the element (what lies outside the page but inside
      // it can be scrolled to), and the one around its descendants.
      var scroller = p ? p.innerScroller : null;
      var innerScroller = scroller;
      // The nearest box around the element that clips without scrolling (a carousel's window).
      var clipper = p ? p.innerClipper : null;
      var innerClipper = clipper;
      if (ownBox && (overflow.indexOf("auto") !== -1 || overflow.indexOf("scroll") !== -1)) {
        innerScroller = el;
        innerClipper = null;
      } else if (ownBox) {
        innerClipper = el;
      }
      if (!clipped) {
        // clip / clip-path are checked on the link itself (hiddenReason); on ancestors the
        // zero-size clipping box below catches the usual patterns (sr-only, max-height:0) and
        // saves two style reads per ancestor.
        if (ownBox && typeof el.offsetWidth === "number") {
          // A (near) zero-size box that clips its overflow shows nothing of what is inside it.
          // offsetWidth is 0 for display:none/contents too: those are not clipping boxes.
          var display = style.display;
          if (display !== "inline" && display !== "contents" && display !== "none") {
            clipped = el.offsetWidth <= 1 || el.offsetHeight <= 1;
          }
        }
      }
      var inSection = p ? p.inSection : false;
      var landmark = landmarkOf(el, name, inSection);
      // Background colours only: images are looked for later, and only when a link's colour
      // matches (one style read fewer per element).
      var below = p ? p.background : WHITE;
      var colour = parseColour(style.backgroundColor);
      var bg = below;
      var bgFrom = p ? p.backgroundFrom : null;
      if (colour && colour[3] >= 0.999) {
        bg = colour;
        bgFrom = el;
      } else if (colour && colour[3] > 0) {
        bg = blend(colour, below);
      }
      return {
        doc: doc,
        view: view,
        style: style,
        background: bg,
        backgroundFrom: bgFrom, // the element whose opaque colour ends the search (null: canvas)
        opacity: opacity * (p ? p.opacity : 1),
        clipped: clipped,
        scroller: scroller,
        innerScroller: innerScroller,
        clipper: clipper,
        innerClipper: innerClipper,
        inSection: inSection || isSectioning(name),
        context: landmark || (p ? p.context : "body"),
      };
    }

    // Why an element is not rendered at all (only asked when the browser says it is not visible,
    // or for frames and image maps, which the browser's own check does not see through).
    function hiding(el) {
      var cached = hidingCache.get(el);
      if (cached) return cached;
      var todo = [];
      for (var cur = el; cur && !hidingCache.has(cur); cur = composedParent(cur)) todo.push(cur);
      var p = cur ? hidingCache.get(cur) : null;
      for (var i = todo.length - 1; i >= 0; i--) {
        p = hidingFacts(todo[i], i + 1 < todo.length ? todo[i + 1] : cur, p);
        hidingCache.set(todo[i], p);
      }
      return p;
    }

    function hidingFacts(el, parent, p) {
      var style = styleOf(el);
      var own = style.display === "none";
      // Closed <details>: everything but its first <summary> is not rendered (Chromium hides it
      // with content-visibility in the UA shadow tree, so the children's own display says block).
      if (!own && parent && parent.localName === "details" && !parent.hasAttribute("open") &&
          !(el.localName === "summary" && parent.querySelector(":scope > summary") === el)) {
        own = true;
      }
      var skipped = !own && !!p && p.skipsContents;
      if (skipped) own = true;
      var isFrameRoot = !!p && !!el.parentNode && el.parentNode.nodeType === 9;
      var skipsContents = style.contentVisibility === "hidden";
      return {
        none: own || (p ? p.none : false),
        // hidden="until-found" hides the contents (content-visibility), not the element.
        hiddenAttr: (own && el.hasAttribute("hidden")) || (skipped && p.skipsForHidden) ||
          (p ? p.hiddenAttr : false),
        // Descendants of content-visibility:hidden are skipped, not rendered.
        skipsContents: skipsContents,
        skipsForHidden: skipsContents && el.hasAttribute("hidden"),
        // visibility inherits inside a document; a hidden <iframe> hides its whole document.
        visibilityHidden: style.visibility !== "visible" || (p ? p.frameHidden : false),
        frameHidden: p ? p.frameHidden || (isFrameRoot && p.visibilityHidden) : false,
      };
    }

    // The colour behind an element: the first opaque background colour up the tree (blending
    // translucent ones); null when a background image is in the way (colours then mean nothing).
    function background(el) {
      var facts = chain(el);
      var stop = facts.backgroundFrom;
      for (var cur = el; cur; cur = composedParent(cur)) {
        if (styleOf(cur).backgroundImage !== "none") return null;
        if (cur === stop) break;
      }
      return facts.background;
    }

    // Is a picture painted where the link is? A hero <img> or <video> positioned behind white
    // text, or a positioned sibling with a background image, makes the colour comparison
    // meaningless. Only asked for links whose colour matches their background (few).
    function pictureBehind(el, box, container) {
      var root = container || el.ownerDocument.body || el.ownerDocument.documentElement;
      var boxes = mediaCache.get(root);
      if (!boxes) {
        boxes = [];
        var media = root.querySelectorAll(MEDIA);
        for (var i = 0; i < media.length && i < 500; i++) {
          var r = media[i].getBoundingClientRect();
          if (r.width > 0 && r.height > 0) boxes.push(r);
        }
        mediaCache.set(root, boxes);
      }
      for (var j = 0; j < boxes.length; j++) {
        if (overlaps(boxes[j], box)) return true;
      }
      // Siblings before the link's ancestors paint below it: one with a background image
      // (a positioned "hero" layer) covering the link counts too.
      for (var cur = el; cur && cur !== root; cur = composedParent(cur)) {
        var sibling = cur.previousElementSibling;
        for (var k = 0; sibling && k < 20; k++, sibling = sibling.previousElementSibling) {
          if (styleOf(sibling).backgroundImage !== "none" &&
              overlaps(sibling.getBoundingClientRect(), box)) {
            return true;
          }
        }
      }
      return false;
    }

    function overlaps(a, b) {
      return a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
    }

    function visibleMedia(el) {
      var media = el.querySelectorAll(MEDIA);
      for (var i = 0; i < media.length; i++) {
        if (!hiding(media[i]).none) return media[i];
      }
      return null;
    }

    // An image whose file is not loaded (the agent blocks image downloads) or that declares its
    // size still gives the link a size on a real visit: it must not count as zero-size.
    function sizedImage(el) {
      var imgs = el.querySelectorAll("img, svg, picture, video, canvas, input[type=image]");
      for (var i = 0; i < imgs.length; i++) {
        var img = imgs[i];
        if (hiding(img).none) continue;
        if (img.localName !== "img") return true;
        var w = parseFloat(img.getAttribute("width"));
        var h = parseFloat(img.getAttribute("height"));
        if (w > 0 && h > 0) return true;
        if (!img.complete || img.naturalWidth === 0) return true;
      }
      return false;
    }

    // The link's box; display:contents has none of its own, so its contents' box counts.
    function boxOf(el, style) {
      var r = el.getBoundingClientRect();
      if ((r.width === 0 || r.height === 0) && style.display === "contents") {
        var range = el.ownerDocument.createRange();
        range.selectNodeContents(el);
        r = range.getBoundingClientRect();
      }
      return r.width > 0 && r.height > 0 ? r : null;
    }

    // Entirely outside the area a person can scroll to: the document (a fixed element: the
    // viewport), or the scroll container the link is in.
    function offscreen(box, doc, style, scroller, position) {
      if (scroller) {
        var area = scrollArea(scroller);
        if (area === null) return true;
        return box.right <= area.left || box.bottom <= area.top || box.left >= area.right ||
          box.top >= area.bottom;
      }
      var d = docInfo(doc);
      var out = box.right + d.scrollX <= 0 || box.bottom + d.scrollY <= 0 ||
        box.left + d.scrollX >= d.width || box.top + d.scrollY >= d.height;
      var outOfView = box.right <= 0 || box.bottom <= 0 || box.left >= d.viewWidth ||
        box.top >= d.viewHeight;
      // Only when the two disagree does it matter whether the element is fixed.
      if (out === outOfView) return out;
      return (position === undefined ? style.position : position) === "fixed" ? outOfView : out;
    }

    // What a scroll container can show, in viewport coordinates; null when the container itself
    // is off the page.
    function scrollArea(scroller) {
      var cached = scrollCache.get(scroller);
      if (cached !== undefined) return cached;
      var r = scroller.getBoundingClientRect();
      var facts = chain(scroller);
      var area = null;
      if (r.width > 0 && r.height > 0 &&
          !offscreen(r, scroller.ownerDocument, styleOf(scroller), facts.scroller)) {
        var left = r.left - scroller.scrollLeft;
        var top = r.top - scroller.scrollTop;
        area = {left: left, top: top, right: left + Math.max(scroller.scrollWidth, r.width),
          bottom: top + Math.max(scroller.scrollHeight, r.height)};
      }
      scrollCache.set(scroller, area);
      return area;
    }

    // <area> is display:none by the UA stylesheet; it is seen through the image using its map.
    function mapImage(area) {
      var map = area.closest("map");
      if (!map) return null;
      var name = map.getAttribute("name") || map.id;
      if (!name) return null;
      var imgs = map.getRootNode().querySelectorAll("img[usemap], object[usemap]");
      for (var i = 0; i < imgs.length; i++) {
        var use = imgs[i].getAttribute("usemap");
        if (use === "#" + name || use.toLowerCase() === "#" + name.toLowerCase()) return imgs[i];
      }
      return null;
    }

    // The first way in which a link is hidden from a person, or null.
    function hiddenReason(el, isArea, inFrame, ns) {
      var target = el;
      if (isArea) {
        target = mapImage(el);
        if (!target) return "display";
      }
      // The browser's own check is fast and covers display, content-visibility (closed
      // <details>), visibility and opacity 0 up the tree; only when it says "not visible" do we
      // look for the reason. It cannot see an <iframe>'s own style, so frames take the long way.
      var quick = !isArea && !inFrame && typeof el.checkVisibility === "function";
      if (!quick || !el.checkVisibility(CHECK_VISIBILITY)) {
        var h = hiding(target);
        if (h.none) return h.hiddenAttr ? "hidden_attribute" : "display";
        if (h.visibilityHidden) return "visibility";
      }
      var facts = chain(target);
      if (facts.opacity < 0.01) return !isArea && clickLayer(el, facts) ? null : "opacity";
      var style = facts.style;
      var box = boxOf(target, style);
      var fontSize = isArea ? 16 : parseFloat(style.fontSize);
      var tinyFont = fontSize <= 1;
      // With font-size 0 the link's own box has no height, yet an icon or child in its own size
      // may still show.
      var readable = tinyFont && !isArea ? shownInside(el, readableSize) : false;
      if (!box && (isArea || !sizedImage(el)) && !readable) {
        return tinyFont ? "font_size" : "zero_size";
      }
      if (facts.clipped) return "clipped";
      // Read once for both: clip only applies to absolute/fixed boxes, and most links below the
      // fold need it in offscreen() too.
      var position = style.position;
      if (clipsEverything(style, position)) return "clipped";
      if (box && offscreen(box, facts.doc, style, facts.scroller, position)) {
        return "offscreen";
      }
      // Outside the window of a box that clips its overflow: a carousel slide not showing. Only
      // said inside a widget (see collapsedReason); elsewhere such a link still counts as
      // visible (truncated "read more" text is not a trick).
      if (box && !isArea && facts.clipper && outsideClipper(box, facts.clipper) &&
          inCollapsed(el) && !hidesItself(el, "offscreen")) {
        return "collapsed";
      }
      // SVG paints text with fill, not color, and is not hidden by these CSS text tricks.
      if (isArea || ns === SVG_NS) return null;
      var indent = parseFloat(style.textIndent);
      var hasImage = null;
      if (indent <= OFFSCREEN_INDENT) {
        hasImage = visibleMedia(el);
        if (!hasImage && style.backgroundImage === "none") return "offscreen";
      }
      if (tinyFont) {
        if (hasImage === null) hasImage = visibleMedia(el);
        if (!hasImage && !readable) return "font_size";
      }
      if (sameColour(style.color, facts.background) && background(el) !== null) {
        if (hasImage === null) hasImage = visibleMedia(el);
        if (!hasImage && !(box && pictureBehind(el, box, facts.backgroundFrom)) &&
            !shownInside(el, contrasting)) {
          return "same_colour";
        }
      }
      return null;
    }

    // A transparent link laid over a picture, video or frame (the click layer of an ad or a
    // teaser): a visitor who clicks the picture follows it, so it is not hidden from them. Only
    // a link transparent itself, positioned over the content, at least 10x10 px, taking clicks,
    // over something that shows (not inside the link, not transparent too).
    var LAYERED = "img, picture, video, canvas, iframe, svg, object, embed";

    function clickLayer(el, facts) {
      var style = facts.style;
      if (parseFloat(style.opacity) >= 0.01 || style.pointerEvents === "none") return false;
      if (style.position !== "absolute" && style.position !== "fixed") return false;
      var box = boxOf(el, style);
      if (!box || box.width < 10 || box.height < 10) return false;
      var under = el.ownerDocument.querySelectorAll(LAYERED);
      for (var i = 0; i < under.length && i < 300; i++) {
        var m = under[i];
        if (el.contains(m) || !overlaps(m.getBoundingClientRect(), box)) continue;
        if (!hiding(m).none && !hiding(m).visibilityHidden && chain(m).opacity >= 0.01) return true;
      }
      return false;
    }

    var clipperCache = new Map(); // clipping box -> its rectangle

    function outsideClipper(box, clipper) {
      var r = clipperCache.get(clipper);
      if (!r) {
        r = clipper.getBoundingClientRect();
        clipperCache.set(clipper, r);
      }
      return box.right <= r.left || box.bottom <= r.top || box.left >= r.right || box.top >= r.bottom;
    }

    // Text in this colour cannot be told from this background.
    function sameColour(colour, bg) {
      var text = parseColour(colour);
      if (!text || !bg) return false;
      var seen = text[3] >= 0.999 ? text : blend(text, bg);
      return Math.abs(seen[0] - bg[0]) <= COLOUR_TOLERANCE &&
        Math.abs(seen[1] - bg[1]) <= COLOUR_TOLERANCE &&
        Math.abs(seen[2] - bg[2]) <= COLOUR_TOLERANCE;
    }

    function readableSize(style) {
      return parseFloat(style.fontSize) > 1;
    }

    function contrasting(style, owner) {
      return !sameColour(style.color, chain(owner).background) || background(owner) === null;
    }

    // Does something inside the link show although the link's own text does not? A ::before or
    // ::after icon, or a child element with text in its own size or colour. Only asked for links
    // already judged hidden by size or colour (few), and capped for huge links.
    function shownInside(el, shows) {
      var view = el.ownerDocument.defaultView || window;
      for (var i = 0; i < PSEUDO.length; i++) {
        var pseudo = view.getComputedStyle(el, PSEUDO[i]);
        var content = pseudo.content;
        if (content !== "none" && content !== "normal" && shows(pseudo, el)) return true;
      }
      var inner = el.querySelectorAll("*");
      for (var j = 0; j < inner.length && j < 100; j++) {
        var child = inner[j];
        if (ownText(child) && !hiding(child).none && shows(styleOf(child), child)) return true;
      }
      return false;
    }

    function ownText(node) {
      for (var c = node.firstChild; c; c = c.nextSibling) {
        if (c.nodeType === 3 && /\S/.test(c.data)) return true;
      }
      return false;
    }

    // Elements whose text a reader never sees: with scripting on, <noscript> holds its markup
    // as text ("<img class=… src=…>"), and script/style/template text is never rendered.
    var NOT_READ = "noscript, script, style, template";

    // The text a reader sees of the link: its textContent without those elements' text. Only a
    // link with child elements can hold one (one query for those, none for plain text links).
    function readText(el) {
      if (el.firstElementChild === null || el.querySelector(NOT_READ) === null) {
        return el.textContent;
      }
      var out = "";
      var walker = el.ownerDocument.createTreeWalker(el, 5 /* elements and text */, {
        acceptNode: function (node) {
          if (node.nodeType === 1) {
            var name = node.localName;
            return name === "noscript" || name === "script" || name === "style" ||
              name === "template" ? 2 /* reject the subtree */ : 3 /* skip, see children */;
          }
          return 1;
        },
      });
      for (var node = walker.nextNode(); node; node = walker.nextNode()) out += node.data;
      return out;
    }

    function linkText(el, isArea) {
      if (isArea) {
        return collapse(el.getAttribute("alt")) || collapse(el.getAttribute("aria-label")) ||
          collapse(el.getAttribute("title"));
      }
      var text = collapse(readText(el));
      if (text) return text;
      text = collapse(el.getAttribute("aria-label")) || collapse(el.getAttribute("title"));
      if (text) return text;
      var imgs = el.getElementsByTagName("img");
      for (var i = 0; i < imgs.length; i++) {
        text = collapse(imgs[i].getAttribute("alt"));
        if (text) return text;
      }
      return "";
    }

    // Hrefs that resolve by plain concatenation: a path from the root (no dot segment, no "//"
    // start, nothing the URL parser escapes, drops or rewrites) and absolute http(s) URLs whose
    // host is already canonical (lowercase ASCII, no port, no punycode, not an IPv4 number).
    // For them the collector skips el.href (~2 µs: the URL is parsed anew on every read); the
    // string is the same (tests/extract/test_collector_rows.py compares it with el.href).
    var PLAIN_PATH = /^\/(?!\/)[A-Za-z0-9._~\/-]*$/;
    var PLAIN_URL = /^https?:\/\/([a-z0-9-]+(?:\.[a-z0-9-]+)*)(\/[A-Za-z0-9._~\/-]*)?$/;
    var NUMERIC_LABEL = /(?:^|\.)(?:[0-9]+|0x[0-9a-f]*)$/;
    var HTML_NS = "http://www.w3.org/1999/xhtml";
    var baseDoc = null;
    var baseHead = null; // scheme://authority of baseDoc's base URL, when it is http(s)

    function plainHref(el, raw) {
      if (raw.charCodeAt(0) === 47) { // "/"
        if (!PLAIN_PATH.test(raw) || raw.indexOf("/.") !== -1) return null;
        var doc = el.ownerDocument;
        if (doc !== baseDoc) {
          baseDoc = doc;
          var base = doc.baseURI;
          var end = /^https?:\/\//.test(base) ? base.indexOf("/", base.indexOf("//") + 2) : -1;
          baseHead = end === -1 ? null : base.slice(0, end);
        }
        return baseHead === null ? null : baseHead + raw;
      }
      var m = PLAIN_URL.exec(raw);
      // Punycode labels are left to the browser: Chromium keeps them as written today, but the
      // URL standard now has them checked, and a check may rewrite or refuse them.
      if (!m || NUMERIC_LABEL.test(m[1]) || m[1].indexOf("xn--") !== -1) return null;
      if (m[2] === undefined) return raw + "/";
      return m[2].indexOf("/.") === -1 ? raw : null;
    }

    function hrefOf(el, ns) {
      var raw = el.getAttribute("href");
      // Only HTML <a>/<area> have a string href, resolved from the href attribute alone.
      if (raw !== null && ns === HTML_NS) {
        var plain = plainHref(el, raw);
        if (plain !== null) return {href: plain, attr: raw};
      }
      if (raw === null) raw = el.getAttributeNS("http://www.w3.org/1999/xlink", "href");
      if (raw === null) return {href: null, attr: null};
      var href = el.href;
      if (typeof href === "string") return {href: href, attr: raw};
      // SVG <a> has an SVGAnimatedString href: resolve it the way HTML does.
      try {
        return {href: new URL(raw, el.baseURI).href, attr: raw};
      } catch (e) {
        return {href: raw, attr: raw};
      }
    }

    // --- collapsed: hidden inside a widget that opens on demand ---------------------------
    //
    // A link hidden by the way a widget closes (a closed <details>, a tab panel not selected, a
    // carousel slide not showing, an accordion or off-canvas menu whose button does not say
    // aria-expanded="true", an aria-hidden drawer) is reported as "collapsed" instead of the
    // CSS reason. Only asked for hidden links (few), only for the reasons such widgets produce,
    // and only when the hiding comes from around the link, not from the link's own style: a
    // link that hides itself (display:none on the <a>, same-colour text, a zero font) keeps
    // its reason wherever it is.
    var COLLAPSIBLE = {hidden_attribute: 1, display: 1, visibility: 1, opacity: 1, zero_size: 1,
      clipped: 1, offscreen: 1};
    // Class names of the common carousel/slider libraries and frameworks (Bootstrap carousel,
    // Swiper, Slick, Splide, Glide, "slider", "slideshow"), as a whole word or a prefix of one
    // ("carousel-item", "swiper-slide", "splide__slide", "glide__slides").
    var SLIDER_CLASS = /(?:^|[\s_-])(?:carousel|slider|slideshow|swiper|slick|splide|glide)/i;
    // Class names of drawers (off-canvas menus) for aria-hidden="true" regions.
    var DRAWER_CLASS = /(?:^|[\s_-])(?:drawer|offcanvas|off-canvas|sidenav|side-nav|sidebar|mobile-nav|mobile-menu|menu|flyout)/i;
    var DRAWER_ROLES = {navigation: 1, menu: 1, dialog: 1, region: 1, complementary: 1};
    var collapsedCache = new Map(); // element -> does it sit in a closed widget (ancestors too)
    var controlledCache = new Map(); // root node -> {collapsed ids, all controlled ids}

    // ids named by aria-controls in one document or shadow root: those whose controller does not
    // say aria-expanded="true" (closed: "false", or no state at all, as Bootstrap's offcanvas
    // toggles), and all of them (drawers).
    function controlled(root) {
      var known = controlledCache.get(root);
      if (known) return known;
      known = {closed: new Set(), any: new Set()};
      var controllers = root.querySelectorAll("[aria-controls]");
      for (var i = 0; i < controllers.length; i++) {
        var ids = controllers[i].getAttribute("aria-controls").trim().split(/\s+/);
        var closed = (controllers[i].getAttribute("aria-expanded") || "").trim().toLowerCase() !== "true";
        for (var j = 0; j < ids.length; j++) {
          if (!ids[j]) continue;
          known.any.add(ids[j]);
          if (closed) known.closed.add(ids[j]);
        }
      }
      controlledCache.set(root, known);
      return known;
    }

    function classOf(el) {
      var c = el.getAttribute("class");
      return c || "";
    }

    // Everything but the first <summary> of a closed <details>.
    function inClosedDetails(el, parent) {
      return !!parent && parent.localName === "details" && !parent.hasAttribute("open") &&
        !(el.localName === "summary" && parent.querySelector(":scope > summary") === el);
    }

    // --- revealed by interaction: a state rule of the page's CSS shows it -------------------
    //
    // A rule that applies only in a state a reader puts the page in (hover, focus, :checked,
    // :target, or a state class a script toggles: .open, .is-active, .show...) and that changes
    // what is shown (display, visibility, opacity, size, position, clipping). Stripping the
    // state from its selector gives the elements it reveals: `li:hover > ul {display:block}`
    // reveals every `li > ul`. Read once per document or shadow root, only when a hidden link
    // asks; sheets of another origin cannot be read (their rules count for nothing).
    var STATE_PSEUDO = /:(?:hover|focus|focus-within|focus-visible|active|checked|target)(?![\w(-])/g;
    var STATE_CLASS = new RegExp("\\.(?:open|opened|is-open|active|is-active|show|shown|showing|" +
      "visible|is-visible|expanded|is-expanded|toggled|in|hover|hovered|focus|focused|" +
      "selected|current|on|menu-open|nav-open|dropdown-open)(?![\\w-])", "g");
    var REVEALING = new RegExp("(?:^|[;\\s])(?:display|visibility|opacity|max-height|height|" +
      "max-width|width|clip|clip-path|transform|translate|scale|left|right|top|bottom|inset|" +
      "margin-left|margin-top|overflow|content-visibility)\\s*:");
    var MAX_STATE_RULES = 2000;
    var MAX_REVEALED = 20000;
    var revealCache = new Map(); // document or shadow root -> Set of elements a state rule reveals

    function revealedBy(root) {
      var found = revealCache.get(root);
      if (found) return found;
      found = new Set();
      revealCache.set(root, found);
      var selectors = [];
      var sheets = [];
      var i;
      try {
        var own = root.styleSheets || [];
        for (i = 0; i < own.length; i++) sheets.push(own[i]);
        var adopted = root.adoptedStyleSheets || [];
        for (i = 0; i < adopted.length; i++) sheets.push(adopted[i]);
      } catch (e) {
        return found;
      }
      function read(rules, depth) {
        for (var r = 0; r < rules.length && selectors.length < MAX_STATE_RULES; r++) {
          var rule = rules[r];
          if (rule.selectorText === undefined) {
            // @media, @supports, @layer, @container: their rules count as the page's.
            if (rule.cssRules && depth < 8) read(rule.cssRules, depth + 1);
            continue;
          }
          if (!rule.style || !REVEALING.test(rule.style.cssText)) continue;
          var parts = rule.selectorText.split(",");
          for (var p = 0; p < parts.length; p++) {
            var stripped = parts[p].replace(STATE_PSEUDO, "").replace(STATE_CLASS, "");
            if (stripped === parts[p]) continue;
            // A compound left empty ("li :hover > ul" -> "li  > ul"; ":hover > ul") is any element.
            stripped = stripped.trim().replace(/^([>+~])/, "* $1").replace(/([>+~])\s*$/, "$1 *");
            if (stripped) selectors.push(stripped);
          }
        }
      }
      for (i = 0; i < sheets.length; i++) {
        var rules = null;
        try {
          rules = sheets[i].cssRules;
        } catch (e) {
          rules = null; // another origin's sheet
        }
        if (rules) read(rules, 0);
      }
      for (i = 0; i < selectors.length && found.size < MAX_REVEALED; i++) {
        var matched = null;
        try {
          matched = root.querySelectorAll(selectors[i]);
        } catch (e) {
          matched = null; // a pseudo-element or :not() left invalid by the stripping
        }
        for (var m = 0; matched && m < matched.length && found.size < MAX_REVEALED; m++) {
          found.add(matched[m]);
        }
      }
      return found;
    }

    function revealedByState(el) {
      var root = el.getRootNode();
      return typeof root.querySelectorAll === "function" && revealedBy(root).has(el);
    }

    // A control right before the element says it opens something: `<button aria-expanded>`,
    // `<a aria-haspopup>` (menus whose control names no aria-controls).
    // A control that says it is expanded keeps the region's own reason (it is open).
    function afterDisclosure(el) {
      var prev = el.previousElementSibling;
      if (!prev) return false;
      var expanded = prev.getAttribute("aria-expanded");
      if (expanded !== null) return expanded.trim().toLowerCase() !== "true";
      return prev.hasAttribute("aria-haspopup");
    }

    // Class names of parts that scripts open on demand (dropdowns, popups and modals without
    // role=dialog, share lists, tooltips, mega menus, accordions) or show once an ad fills them
    // (ad slots and their "Advertisement" labels), as a word or a word's start.
    var ON_DEMAND_CLASS = new RegExp("(?:^|[\\s_-])(?:dropdown|drop-down|submenu|sub-menu|" +
      "popup|pop-up|popover|modal|dialog|tooltip|flyout|megamenu|mega-menu|share|sharing|" +
      "overlay|lightbox|accordion|collapse(?![a-z])|collapsible|expandable|toggle|hover|" +
      "confirm|advert|ad-slot|adslot|ad-unit|adunit|ad-container|ad-label|ad-wrapper)", "i");
    var toggledCache = new Map(); // root node -> ids some data-target / data-bs-target names

    // ids a script toggles: named by data-target / data-bs-target ("#menu") of Bootstrap-style
    // toggles.
    function toggledIds(root) {
      var known = toggledCache.get(root);
      if (known) return known;
      known = new Set();
      var toggles = root.querySelectorAll("[data-target], [data-bs-target]");
      for (var i = 0; i < toggles.length; i++) {
        var target = toggles[i].getAttribute("data-target") || toggles[i].getAttribute("data-bs-target");
        var ids = target.match(/#[\w-]+/g) || [];
        for (var j = 0; j < ids.length; j++) known.add(ids[j].slice(1));
      }
      toggledCache.set(root, known);
      return known;
    }

    // Is this element itself a widget part that is closed until asked for?
    function closesOnDemand(el, parent) {
      if (inClosedDetails(el, parent)) return true;
      if (revealedByState(el) || afterDisclosure(el)) return true;
      if (!el.hasAttributes()) return false;
      if (el.hasAttribute("popover")) return true;
      var name = el.localName;
      var role = (el.getAttribute("role") || "").trim().toLowerCase();
      if (role === "tabpanel") return true;
      var described = (el.getAttribute("aria-roledescription") || "").toLowerCase();
      if (described.indexOf("slide") !== -1 || described.indexOf("carousel") !== -1) return true;
      var cls = classOf(el);
      if (cls && SLIDER_CLASS.test(cls)) return true;
      var id = el.id;
      var root = null;
      if (id || el.getAttribute("aria-hidden") === "true") {
        root = el.getRootNode();
        if (typeof root.querySelectorAll !== "function") root = null;
      }
      if (id && root && (controlled(root).closed.has(id) || toggledIds(root).has(id))) return true;
      // Named as opened by its control (aria-expanded="true"): its class says nothing more.
      var declaredOpen = !!id && !!root && controlled(root).any.has(id);
      if (cls && !declaredOpen && ON_DEMAND_CLASS.test(cls)) return true;
      if (el.getAttribute("aria-hidden") === "true" &&
          ((id && root && controlled(root).any.has(id)) || DRAWER_ROLES[role] === 1 ||
           name === "nav" || name === "aside" || (cls && DRAWER_CLASS.test(cls)))) {
        return true;
      }
      return false;
    }

    // Does the link sit inside a closed widget part? Its own attributes are not asked (a link is
    // not a slide or a drawer), only whether it is the content of a closed <details>.
    function inCollapsed(link) {
      var parent = composedParent(link);
      return inClosedDetails(link, parent) || (!!parent && inCollapsedTree(parent));
    }

    // Does the element sit inside (or is it) a closed widget part? Top down, cached, like chain().
    function inCollapsedTree(el) {
      var cached = collapsedCache.get(el);
      if (cached !== undefined) return cached;
      var todo = [];
      for (var cur = el; cur && !collapsedCache.has(cur); cur = composedParent(cur)) todo.push(cur);
      var p = cur ? collapsedCache.get(cur) : false;
      for (var i = todo.length - 1; i >= 0; i--) {
        var parent = i + 1 < todo.length ? todo[i + 1] : cur;
        p = p || closesOnDemand(todo[i], parent) || slideOfCarousel(todo[i], parent);
        collapsedCache.set(todo[i], p);
      }
      return p;
    }

    // role=group children of an aria-roledescription="carousel" region are its slides.
    function slideOfCarousel(el, parent) {
      return !!parent && el.hasAttributes() &&
        (el.getAttribute("role") || "").trim().toLowerCase() === "group" &&
        (parent.getAttribute("aria-roledescription") || "").toLowerCase().indexOf("carousel") !== -1;
    }

    // Is the link hidden by its own style rather than by what is around it?
    function hidesItself(el, reason) {
      var style = styleOf(el);
      if (el.hasAttribute("hidden") || style.display === "none") return true;
      var parent = composedParent(el);
      if (reason === "visibility") {
        return !parent || styleOf(parent).visibility === "visible";
      }
      if (reason === "opacity") return parseFloat(style.opacity) < 0.01;
      if (reason === "offscreen" || reason === "clipped" || reason === "zero_size") {
        return style.position === "absolute" || style.position === "fixed" ||
          clipsEverything(style) || parseFloat(style.textIndent) <= OFFSCREEN_INDENT ||
          (reason === "zero_size" && style.display !== "inline" && style.display !== "contents");
      }
      return false;
    }

    function collapsedReason(el, reason) {
      if (COLLAPSIBLE[reason] !== 1) return reason;
      // A state rule that shows the link itself (`.menu:hover a {display:block}`) opens it too.
      if (revealedByState(el)) return "collapsed";
      // Everything up the tree is looked at only for links the browser already judged hidden.
      if (!inCollapsed(el) || hidesItself(el, reason)) return reason;
      return "collapsed";
    }

    // --- unstyled: the page's styles did not (all) apply -----------------------------------
    //
    // A stylesheet that failed to load (its <link>'s sheet stays null) or a page left hidden as
    // a whole (an anti-flicker snippet's `body {visibility: hidden}` or `html {opacity: 0}`
    // whose script was blocked): then what is hidden says nothing about what a visitor sees,
    // and such links are "unstyled". Sheets of web-font services (Google Fonts, Typekit) only
    // declare fonts, whose absence changes no visibility: they do not count. Icon-font sheets
    // (Font Awesome) do: without them icon links have no size.
    var FONT_SHEET = new RegExp("^https?://(?:fonts\\.googleapis\\.com|use\\.typekit\\.net|" +
      "p\\.typekit\\.net|fast\\.fonts\\.net|fonts\\.bunny\\.net|cloud\\.typography\\.com)/", "i");
    var unstyled = null;

    // An HTTP error for this address in the page's resource timing (a 404 stylesheet still gets
    // an empty sheet). Other origins' statuses read 0 unless they allow it: not an error here.
    function errorStatus(url) {
      var perf = (topDoc.defaultView || window).performance;
      var entries = perf && typeof perf.getEntriesByName === "function" ? perf.getEntriesByName(url) : [];
      for (var i = 0; i < entries.length; i++) {
        if (entries[i].responseStatus >= 400) return true;
      }
      return false;
    }

    function pageUnstyled() {
      if (unstyled !== null) return unstyled;
      unstyled = false;
      var root = topDoc.documentElement;
      var body = topDoc.body;
      if ((root && parseFloat(styleOf(root).opacity) < 0.01) ||
          (body && (styleOf(body).visibility !== "visible" || parseFloat(styleOf(body).opacity) < 0.01))) {
        unstyled = true;
        return unstyled;
      }
      var sheets = topDoc.querySelectorAll("link[rel][href]");
      for (var i = 0; i < sheets.length; i++) {
        var l = sheets[i];
        var rel = " " + l.getAttribute("rel").toLowerCase().replace(/[\t\n\f\r]/g, " ") + " ";
        if (rel.indexOf(" stylesheet ") === -1 || rel.indexOf(" alternate ") !== -1) continue;
        if (l.disabled || FONT_SHEET.test(l.href)) continue;
        if (l.sheet !== null && !(failedSheets && failedSheets.has(l)) && !errorStatus(l.href)) {
          continue;
        }
        var media = l.getAttribute("media");
        if (media && !(topDoc.defaultView || window).matchMedia(media).matches) continue;
        unstyled = true;
        break;
      }
      return unstyled;
    }

    function addLink(el, where, isArea) {
      if (links.length >= maxLinks) {
        truncated = true;
        return false;
      }
      var id = String(links.length);
      var ns = el.namespaceURI;
      var h = hrefOf(el, ns);
      var reason = null;
      var context = where || "body";
      try {
        reason = hiddenReason(el, isArea, where === "iframe", ns);
        if (reason !== null && !isArea) reason = collapsedReason(el, reason);
        // The hidden attribute hides whatever the stylesheets say; every other reason is
        // the styles' doing, which a page whose styles did not all apply cannot tell.
        if (reason !== null && reason !== "hidden_attribute" && reason !== "collapsed" &&
            pageUnstyled()) {
          reason = "unstyled";
        }
        if (!where) context = chain(el).context;
      } catch (e) {
        // One odd element (a page that broke a DOM API) must not cost the whole page's links;
        // it is reported visible, as the browser showed nothing to say otherwise. Tests pass
        // `strict` so that a bug here cannot hide behind this.
        if (strict) throw e;
        reason = null;
      }
      var href = clean(h.href);
      var attr = clean(h.attr);
      var rel = clean(el.getAttribute("rel") || "");
      var text = linkText(el, isArea);
      var tag = isArea ? "area" : "a";
      links.push(rows ? row(href, attr, rel, text, tag, context, reason) : {
        id: id,
        href: href,
        attr_href: attr,
        rel: rel,
        text: text,
        tag: tag,
        context: context,
        visible: reason === null,
        hidden_reason: reason,
      });
      if (register) register(id, el);
      return true;
    }

    // The compact form (options.rows, see the header comment).
    var prefixes = [""];
    var prefixIds = new Map(); // scheme://host:port of hrefs -> index in prefixes
    var kinds = [];
    var kindIds = new Map(); // "tag context reason" -> index in kinds
    var lastHead = null; // the prefix of the last href that had one followed by a path
    var lastPrefix = 0;
    var lastKind = 0;

    function row(href, attr, rel, text, tag, context, reason) {
      var prefix = 0;
      var rest = href;
      var a = attr;
      if (href !== null) {
        var start;
        if (lastHead !== null && href.charCodeAt(lastHead.length) === 47 && href.startsWith(lastHead)) {
          // The same origin as the link before (the usual case): no lookup.
          prefix = lastPrefix;
          rest = href.slice(lastHead.length);
        } else if ((start = href.indexOf("://")) !== -1) {
          var end = href.indexOf("/", start + 3);
          var head = end === -1 ? href : href.slice(0, end);
          prefix = prefixIds.get(head);
          if (prefix === undefined) {
            prefix = prefixes.length;
            prefixes.push(head);
            prefixIds.set(head, prefix);
          }
          rest = end === -1 ? "" : href.slice(end);
          lastHead = end === -1 ? null : head;
          lastPrefix = prefix;
        }
        a = attr === rest ? 0 : attr === href ? 1 : attr;
      }
      var kind = lastKind;
      var last = kinds[kind];
      if (!last || last[0] !== tag || last[1] !== context || last[2] !== reason) {
        var key = tag + " " + context + " " + reason;
        kind = kindIds.get(key);
        if (kind === undefined) {
          kind = kinds.length;
          kinds.push([tag, context, reason]);
          kindIds.set(key, kind);
        }
        lastKind = kind;
      }
      if (rel !== "") return [prefix, rest, a, text, kind, rel];
      if (kind !== 0) return [prefix, rest, a, text, kind];
      return [prefix, rest, a, text];
    }

    // Document order: each shadow root's links come right after its host, each same-origin
    // frame's links at the <iframe>'s place.
    function walk(root, where, depth) {
      // Shadow roots and frames nest as deep as a page likes: past MAX_NESTING they are skipped
      // rather than exhausting the stack.
      if (depth > MAX_NESTING) return true;
      var all = root.querySelectorAll("*");
      for (var i = 0; i < all.length; i++) {
        var el = all[i];
        var name = el.localName;
        if (name === "a" || name === "area") {
          if (!addLink(el, where, name === "area")) return false;
        }
        if (el.shadowRoot) {
          if (!walk(el.shadowRoot, where || "shadow", depth + 1)) return false;
        }
        if (name === "iframe" || name === "frame") {
          var inner = null;
          try {
            inner = el.contentDocument; // null for a cross-origin frame
          } catch (e) {
            inner = null;
          }
          if (inner && inner.documentElement) {
            frameOf.set(inner, el);
            if (!walk(inner, "iframe", depth + 1)) return false;
          }
        }
      }
      return true;
    }

    walk(topDoc, null, 0);

    var robots = [];
    var canonical = null;
    var metas = topDoc.querySelectorAll("meta[name]");
    for (var i = 0; i < metas.length; i++) {
      var name = metas[i].getAttribute("name").trim().toLowerCase();
      if (name === "robots" || name === "googlebot") {
        robots.push(metas[i].getAttribute("content") || "");
      }
    }
    var heads = topDoc.querySelectorAll("link[rel][href]");
    for (var j = 0; j < heads.length; j++) {
      // ASCII whitespace only, as the HTML standard splits rel (and the agent's raw view does).
      var rels = heads[j].getAttribute("rel").toLowerCase().split(/[\t\n\f\r ]+/);
      if (rels.indexOf("canonical") !== -1) {
        canonical = heads[j].href;
        break;
      }
    }

    if (rows) {
      return JSON.stringify({
        url: topDoc.URL,
        title: collapse(topDoc.title),
        rows: links,
        prefixes: prefixes,
        kinds: kinds,
        truncated: truncated,
        robots: robots,
        canonical: canonical,
      });
    }
    return JSON.stringify({
      url: topDoc.URL,
      title: collapse(topDoc.title),
      links: links,
      truncated: truncated,
      robots: robots,
      canonical: canonical,
    });
  };
})();
