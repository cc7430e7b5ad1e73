// The editor's totals, recomputed as the drafter types: every input with data-sum holds the sum of the inputs it names
// (ids separated by "|"). Only totals whose parts changed are rewritten, so a total typed by hand elsewhere is kept;
// parts holding text leave the total alone. Saving still sends every cell as typed and the server's validation decides.
(function () {
  "use strict";
  var totals = Array.prototype.slice.call(document.querySelectorAll("input[data-sum]"));
  if (totals.length === 0) return;

  function parse(text) {
    var t = text.replace(/[,，\s]/g, "");
    if (t === "") return { blank: true };
    return /^-?\d+(\.\d+)?$/.test(t) ? { value: Number(t) } : null;
  }

  function format(n) {
    return String(Math.round(n * 10000) / 10000);
  }

  function recompute(changedId) {
    var changed = {};
    changed[changedId] = true;
    totals.forEach(function (total) {
      var parts = total.getAttribute("data-sum").split("|");
      if (!parts.some(function (id) { return changed[id]; })) return;
      var sum = 0, anyValue = false;
      for (var i = 0; i < parts.length; i++) {
        var input = document.getElementById(parts[i]);
        if (!input) return;
        var cell = parse(input.value);
        if (cell === null) return;
        if (!cell.blank) { sum += cell.value; anyValue = true; }
      }
      if (!anyValue) return;
      var text = format(sum);
      if (total.value !== text) {
        total.value = text;
        total.classList.add("computed");
        changed[total.id] = true;
      }
    });
  }

  document.addEventListener("input", function (event) {
    var target = event.target;
    if (target && target.classList && target.classList.contains("cell")) recompute(target.id);
  });
})();
