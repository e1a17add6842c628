// medsite search: searches the index embedded in the search page. No server, no libraries.
(function () {
  "use strict";
  var indexElement = document.getElementById("search-index");
  var input = document.getElementById("search-input");
  var results = document.getElementById("search-results");
  var status = document.getElementById("search-status");
  if (!indexElement || !input || !results || !status) return;
  var pages = JSON.parse(indexElement.textContent);

  // Lower case, accents removed, so "Ménière" matches "meniere".
  function fold(text) {
    return (text || "").toLowerCase().normalize("NFD").replace(/[\u0300-\u036f]/g, "");
  }
  // Field weights: a match in the title counts more than one in a section heading.
  var fields = [["t", 10], ["q", 8], ["c", 6], ["g", 5], ["h", 3], ["d", 2]];
  var prepared = pages.map(function (page) {
    var folded = {};
    fields.forEach(function (field) {
      var value = page[field[0]];
      folded[field[0]] = fold(Array.isArray(value) ? value.join(" \u2022 ") : value);
    });
    return { page: page, folded: folded };
  });

  function search(query) {
    var words = fold(query).split(/[^a-z0-9]+/).filter(function (word) { return word.length > 0; });
    if (words.length === 0) return null;
    var found = [];
    prepared.forEach(function (entry) {
      var score = 0;
      for (var i = 0; i < words.length; i++) {
        var best = 0;
        fields.forEach(function (field) {
          var text = entry.folded[field[0]];
          var at = text.indexOf(words[i]);
          if (at < 0) return;
          var atWordStart = at === 0 || /[^a-z0-9]/.test(text.charAt(at - 1));
          best = Math.max(best, field[1] * (atWordStart ? 2 : 1));
        });
        if (best === 0) return; // every word must match somewhere
        score += best;
      }
      found.push({ page: entry.page, score: score });
    });
    found.sort(function (a, b) { return b.score - a.score || a.page.t.localeCompare(b.page.t); });
    return found;
  }

  function show(query) {
    var found = search(query);
    results.textContent = "";
    if (found === null) { status.textContent = ""; return; }
    status.textContent = found.length === 0
      ? "No pages match \u201c" + query + "\u201d. Try fewer or different words, or browse the conditions A to Z."
      : found.length + (found.length === 1 ? " page matches" : " pages match") + " \u201c" + query + "\u201d.";
    found.forEach(function (result) {
      var item = document.createElement("li");
      var link = document.createElement("a");
      link.href = "../" + result.page.u;
      link.textContent = result.page.t;
      item.appendChild(link);
      if (result.page.d) {
        var description = document.createElement("p");
        description.textContent = result.page.d;
        item.appendChild(description);
      }
      results.appendChild(item);
    });
  }

  var timer = null;
  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(function () { show(input.value); }, 150);
  });
  input.form.addEventListener("submit", function (event) {
    event.preventDefault();
    show(input.value);
    if (window.history && history.replaceState) {
      history.replaceState(null, "", "?q=" + encodeURIComponent(input.value));
    }
  });
  var initial = new URLSearchParams(window.location.search).get("q");
  if (initial) { input.value = initial; show(initial); }
})();
