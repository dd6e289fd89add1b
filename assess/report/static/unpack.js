/* Unpacks the plotly.js bundle stored in this page, then draws the charts waiting for it.

   The bundle is LZMA-compressed (the ".lzma" format: a 13-byte header, then the range-
   coded data) and the compressed bytes are written 7 bits per character: a character
   below 128 carries 7 bits; a character from 128 up carries one of the 7-bit values that
   may not appear in the page as themselves (NUL, CR, "<"; see PACK_ILLEGAL in
   render.py) and the next 7 bits. Written by assess/report/render.py; nothing is fetched.
   If anything fails, every chart says so and the tables still hold every number. */
(function () {
  "use strict";
  var ILLEGAL = [0, 13, 60];

  function bytesFromText(text, size) {
    var out = new Uint8Array(size), o = 0, acc = 0, bits = 0;
    function put(v) {
      acc = (acc << 7) | v;
      bits += 7;
      if (bits >= 8) {
        bits -= 8;
        if (o < size) out[o++] = (acc >> bits) & 255;
        acc &= (1 << bits) - 1;
      }
    }
    for (var i = 0; i < text.length; i++) {
      var c = text.charCodeAt(i);
      if (c < 128) put(c);
      else {
        put(ILLEGAL[(c >> 7) - 1]);
        put(c & 127);
      }
    }
    if (o !== size) throw new Error("packed data is " + o + " bytes, expected " + size);
    return out;
  }

  function probs(n) {
    var p = new Uint16Array(n);
    for (var i = 0; i < n; i++) p[i] = 1024;
    return p;
  }

  /* An LZMA decoder after the reference LzmaSpec.cpp (public domain, Igor Pavlov). */
  function unlzma(buf, size) {
    var props = buf[0], lc = props % 9, lp = Math.floor(props / 9) % 5, pb = Math.floor(props / 45);
    var out = new Uint8Array(size), pos = 0, inPos = 14, code = 0;
    for (var i = 0; i < 4; i++) code = code * 256 + buf[inPos++];
    var lit = probs(0x300 << (lc + lp)), isMatch = probs(192), isRep = probs(12);
    var isRepG0 = probs(12), isRepG1 = probs(12), isRepG2 = probs(12), isRep0Long = probs(192);
    var posSlot = probs(256), posDec = probs(115), align = probs(16);
    var matchLen = probs(514), repLen = probs(514);
    var state = 0, rep0 = 0, rep1 = 0, rep2 = 0, rep3 = 0;
    var pbMask = (1 << pb) - 1, lpMask = (1 << lp) - 1;

    // range and code live in a typed array: numbers up to 2^32 kept in plain variables
    // of a closure would be boxed on every bit
    var rc = new Uint32Array(2);
    rc[0] = 4294967295;
    rc[1] = code;
    function bit(p, i) {
      var range = rc[0], code = rc[1], v = p[i], bound = (range >>> 11) * v, b;
      if (code < bound) {
        range = bound;
        p[i] = v + ((2048 - v) >>> 5);
        b = 0;
      } else {
        code -= bound;
        range -= bound;
        p[i] = v - (v >>> 5);
        b = 1;
      }
      if (range < 16777216) {
        range *= 256;
        code = code * 256 + buf[inPos++];
      }
      rc[0] = range;
      rc[1] = code;
      return b;
    }
    function direct(n) {
      var range = rc[0], code = rc[1], r = 0;
      while (n-- > 0) {
        range = Math.floor(range / 2);
        var b = code >= range ? 1 : 0;
        if (b) code -= range;
        r = (r << 1) | b;
        if (range < 16777216) {
          range *= 256;
          code = code * 256 + buf[inPos++];
        }
      }
      rc[0] = range;
      rc[1] = code;
      return r;
    }
    function tree(p, off, n) {
      var m = 1;
      for (var i = 0; i < n; i++) m = (m << 1) | bit(p, off + m);
      return m - (1 << n);
    }
    function reverseTree(p, off, n) {
      var m = 1, s = 0;
      for (var i = 0; i < n; i++) {
        var b = bit(p, off + m);
        m = (m << 1) | b;
        s |= b << i;
      }
      return s;
    }
    function length(p, ps) {
      if (!bit(p, 0)) return tree(p, 2 + ps * 8, 3);
      if (!bit(p, 1)) return 8 + tree(p, 130 + ps * 8, 3);
      return 16 + tree(p, 258, 8);
    }

    while (pos < size) {
      var ps = pos & pbMask, n;
      if (!bit(isMatch, (state << 4) + ps)) {
        var prev = pos > 0 ? out[pos - 1] : 0;
        var base = 0x300 * (((pos & lpMask) << lc) + (prev >> (8 - lc))), sym = 1;
        if (state >= 7) {
          var mb = out[pos - rep0 - 1];
          while (sym < 0x100) {
            var mbit = (mb >> 7) & 1;
            mb <<= 1;
            var b = bit(lit, base + ((1 + mbit) << 8) + sym);
            sym = (sym << 1) | b;
            if (mbit !== b) break;
          }
        }
        while (sym < 0x100) sym = (sym << 1) | bit(lit, base + sym);
        out[pos++] = sym - 0x100;
        state = state < 4 ? 0 : state < 10 ? state - 3 : state - 6;
        continue;
      }
      if (bit(isRep, state)) {
        if (pos === 0) throw new Error("corrupt data");
        if (!bit(isRepG0, state)) {
          if (!bit(isRep0Long, (state << 4) + ps)) {
            state = state < 7 ? 9 : 11;
            out[pos] = out[pos - rep0 - 1];
            pos++;
            continue;
          }
        } else {
          var d;
          if (!bit(isRepG1, state)) d = rep1;
          else {
            if (!bit(isRepG2, state)) d = rep2;
            else {
              d = rep3;
              rep3 = rep2;
            }
            rep2 = rep1;
          }
          rep1 = rep0;
          rep0 = d;
        }
        n = length(repLen, ps);
        state = state < 7 ? 8 : 11;
      } else {
        rep3 = rep2;
        rep2 = rep1;
        rep1 = rep0;
        n = length(matchLen, ps);
        state = state < 7 ? 7 : 10;
        var slot = tree(posSlot, (n < 3 ? n : 3) * 64, 6);
        if (slot < 4) rep0 = slot;
        else {
          // slots 62 and 63 mean distances of 2^31 and more: only the end marker
          if (slot > 61) break;
          var bitsLeft = (slot >> 1) - 1, dist = (2 | (slot & 1)) << bitsLeft;
          if (slot < 14) dist += reverseTree(posDec, dist - slot, bitsLeft);
          else dist += (direct(bitsLeft - 4) << 4) + reverseTree(align, 0, 4);
          rep0 = dist;
        }
        if (rep0 >= pos) throw new Error("corrupt data");
      }
      for (n += 2; n > 0 && pos < size; n--) {
        out[pos] = out[pos - rep0 - 1];
        pos++;
      }
    }
    return out;
  }

  function unpack(element) {
    var size = +element.getAttribute("data-packed-size");
    var plain = +element.getAttribute("data-size");
    var code = unlzma(bytesFromText(element.textContent, size), plain);
    return new TextDecoder("utf-8").decode(code);
  }

  function fail(error) {
    var charts = document.querySelectorAll(".chart");
    for (var i = 0; i < charts.length; i++) {
      var note = document.createElement("p");
      note.className = "chart-failed";
      note.textContent =
        "This chart could not be drawn in this browser (" + error + "). " +
        "The tables hold every number it shows.";
      charts[i].appendChild(note);
      charts[i].className += " chart-unavailable";
    }
  }

  function load() {
    var element = document.getElementById("assess-plotly");
    try {
      var script = document.createElement("script");
      script.text = unpack(element);
      document.head.appendChild(script);
      if (typeof window.Plotly === "undefined") throw new Error("plotly.js did not start");
    } catch (error) {
      fail(error && error.message ? error.message : String(error));
      return;
    }
    element.parentNode.removeChild(element); // 1.3 MB of text the page no longer needs
    window.assessCharts.start();
  }

  window.assessUnpack = { bytesFromText: bytesFromText, unlzma: unlzma };
  if (typeof document !== "undefined" && document.getElementById("assess-plotly")) {
    // let the text paint first: unpacking and starting plotly.js take a moment
    window.requestAnimationFrame(function () {
      window.setTimeout(load, 0);
    });
  }
})();
