/* Proof of work for the intake form (see reprisals/intake/proof.py).
 *
 * Finds a number `proof` such that SHA-256("<challenge>:<proof>") starts with
 * `data-proof-bits` zero bits, in small slices so the page stays responsive,
 * starting as soon as the page loads (usually done before the form is
 * filled). SHA-256 is written out here because crypto.subtle exists only on
 * HTTPS pages, and its callbacks would cost more than the hashing. Without JavaScript the form is sent without a proof and the
 * server asks for a minimum time on the page instead.
 */
(function () {
  "use strict";

  var form = document.querySelector("form[data-proof-bits]");
  if (!form) { return; }
  var bits = parseInt(form.getAttribute("data-proof-bits"), 10);
  var prefix = form.elements.challenge.value + ":";
  var status = form.querySelector(".proof-status");
  var button = form.querySelector("button[type=submit]");

  var K = new Uint32Array([
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
    0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
    0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
    0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
    0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
    0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2
  ]);
  var W = new Uint32Array(64);
  var INITIAL = [0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a,
                 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19];

  /* One SHA-256 compression of the 16 words at words[offset], into state. */
  function compress(state, words, offset) {
    var t;
    for (t = 0; t < 16; t++) { W[t] = words[offset + t]; }
    for (t = 16; t < 64; t++) {
      var x = W[t - 15], y = W[t - 2];
      var s0 = ((x >>> 7) | (x << 25)) ^ ((x >>> 18) | (x << 14)) ^ (x >>> 3);
      var s1 = ((y >>> 17) | (y << 15)) ^ ((y >>> 19) | (y << 13)) ^ (y >>> 10);
      W[t] = (W[t - 16] + s0 + W[t - 7] + s1) | 0;
    }
    var a = state[0], b = state[1], c = state[2], d = state[3];
    var e = state[4], f = state[5], g = state[6], h = state[7];
    for (t = 0; t < 64; t++) {
      var S1 = ((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7));
      var t1 = (h + S1 + ((e & f) ^ (~e & g)) + K[t] + W[t]) | 0;
      var S0 = ((a >>> 2) | (a << 30)) ^ ((a >>> 13) | (a << 19)) ^ ((a >>> 22) | (a << 10));
      var t2 = (S0 + ((a & b) ^ (a & c) ^ (b & c))) | 0;
      h = g; g = f; f = e; e = (d + t1) | 0; d = c; c = b; b = a; a = (t1 + t2) | 0;
    }
    state[0] = (state[0] + a) | 0; state[1] = (state[1] + b) | 0;
    state[2] = (state[2] + c) | 0; state[3] = (state[3] + d) | 0;
    state[4] = (state[4] + e) | 0; state[5] = (state[5] + f) | 0;
    state[6] = (state[6] + g) | 0; state[7] = (state[7] + h) | 0;
  }

  /* The challenge's whole 64-byte blocks never change: hash them once
     (the "midstate"), then only the rest and the number for each try. */
  var whole = prefix.length - (prefix.length % 64);
  var midstate = new Int32Array(INITIAL);
  var head = new Uint32Array(whole / 4);
  for (var i = 0; i < whole; i++) { head[i >> 2] |= prefix.charCodeAt(i) << (24 - (i & 3) * 8); }
  for (var offset = 0; offset < head.length; offset += 16) { compress(midstate, head, offset); }
  var rest = prefix.slice(whole);
  var tail = new Uint32Array(32);
  var state = new Int32Array(8);

  /* SHA-256 of prefix + nonce, as eight 32-bit words (in `state`). */
  function sha256(nonce) {
    var text = rest + nonce, length = text.length;
    var blocks = length + 9 > 64 ? 2 : 1;
    tail.fill(0);
    for (var j = 0; j < length; j++) { tail[j >> 2] |= text.charCodeAt(j) << (24 - (j & 3) * 8); }
    tail[length >> 2] |= 0x80 << (24 - (length & 3) * 8);
    tail[blocks * 16 - 1] = (whole + length) * 8;
    state.set(midstate);
    for (var block = 0; block < blocks; block++) { compress(state, tail, block * 16); }
    return state;
  }

  function leadingZeros(hash) {
    var zeros = 0;
    for (var i = 0; i < hash.length; i++) {
      var count = Math.clz32(hash[i]);
      zeros += count;
      if (count < 32) { break; }
    }
    return zeros;
  }

  var nonce = 0, solved = false, sendWhenSolved = false;

  function work() {
    for (var end = nonce + 5000; nonce < end; nonce++) {
      if (leadingZeros(sha256(nonce)) >= bits) {
        form.elements.proof.value = String(nonce);
        solved = true;
        if (sendWhenSolved) { form.submit(); }
        return;
      }
    }
    setTimeout(work, 0);
  }

  form.addEventListener("submit", function (event) {
    if (solved) { return; }
    event.preventDefault();
    sendWhenSolved = true;
    button.disabled = true;
    status.textContent = form.getAttribute("data-working");
  });
  work();
}());
