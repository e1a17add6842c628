// medsite search. The index is split (see SearchIndex.swift): search/manifest.json names the
// shards; a query loads only the shards of its words' first two letters, then the result files
// of the results it shows. No server, no libraries. Text from pages is only ever put in the page
// as text nodes (textContent, createTextNode), never as HTML.
(function () {
  "use strict";
  var form = document.getElementById("search-form");
  var input = document.getElementById("search-input");
  var results = document.getElementById("search-results");
  var status = document.getElementById("search-status");
  var moreButton = document.getElementById("search-more");
  if (!form || !input || !results || !status || !moreButton) return;
  var base = form.getAttribute("data-index") || "./";
  var root = form.getAttribute("data-root") || "../";
  var pageSize = 10;

  // The same rules as SearchText.swift: fold, words, stem, ignored.
  var accentTable = [["àáâãäåāăą", "a"], ["çćĉċč", "c"], ["ďđ", "d"], ["èéêëēĕėęě", "e"], ["ĝğġģ", "g"], ["ĥħ", "h"],
    ["ìíîïĩīĭįı", "i"], ["ĵ", "j"], ["ķ", "k"], ["ĺļľŀł", "l"], ["ñńņňŉ", "n"], ["òóôõöøōŏő", "o"],
    ["ŕŗř", "r"], ["śŝşš", "s"], ["ţťŧ", "t"], ["ùúûüũūŭůűų", "u"], ["ŵ", "w"], ["ýÿŷ", "y"], ["źżž", "z"],
    ["ß", "ss"], ["æ", "ae"], ["œ", "oe"]];
  var accents = {};
  accentTable.forEach(function (entry) {
    for (var i = 0; i < entry[0].length; i++) accents[entry[0].charAt(i)] = entry[1];
  });
  function fold(text) {
    var lower = (text || "").toLowerCase();
    var out = "";
    for (var i = 0; i < lower.length; i++) {
      var ch = lower.charAt(i);
      out += accents[ch] !== undefined ? accents[ch] : ch;
    }
    return out;
  }
  function words(text) {
    return fold(text).replace(/([0-9])\.(?=[0-9])/g, "$1").split(/[^a-z0-9]+/).filter(function (w) { return w.length > 0; });
  }
  function stem(word) {
    if (word.length > 3 && /s$/.test(word) && !/(ss|us|is)$/.test(word)) return word.slice(0, -1);
    return word;
  }
  var manifest = null;
  var stopWords = {};
  var synonymTerms = {}; // words of a synonym group: found through the group, never "corrected"
  function ignored(word) { return word.length < 2 || stopWords[word] === true; }
  function terms(text) {
    return words(text).filter(function (w) { return !ignored(w); }).map(stem);
  }

  function getJSON(url) {
    return fetch(url).then(function (response) {
      if (!response.ok) throw new Error(url + ": " + response.status);
      return response.json();
    });
  }
  var manifestPromise = null;
  function loadManifest() {
    if (!manifestPromise) {
      manifestPromise = getJSON(base + "manifest.json").then(function (loaded) {
        manifest = loaded;
        loaded.stop.forEach(function (word) { stopWords[word] = true; });
        loaded.synonyms.forEach(function (group) {
          group.forEach(function (phrase) { phrase.forEach(function (term) { synonymTerms[term] = true; }); });
        });
        return loaded;
      });
    }
    return manifestPromise;
  }
  var shards = {};
  function loadShard(prefix) {
    // No shard for a prefix means no page uses a word that starts with it.
    if (!/^[a-z0-9]{2}$/.test(prefix)) return Promise.resolve({});
    if (!shards[prefix]) {
      shards[prefix] = fetch(base + "index/" + prefix + ".json").then(function (response) {
        if (response.status === 404) return {};
        if (!response.ok) throw new Error(prefix + ": " + response.status);
        return response.json();
      });
    }
    return shards[prefix];
  }
  var documents = {};
  function loadDocument(id) {
    if (!documents[id]) documents[id] = getJSON(base + "doc/" + id + ".json");
    return documents[id];
  }

  // Edit distance (a swap of two neighbouring letters counts as one), stopping early past `limit`.
  function distance(a, b, limit) {
    if (Math.abs(a.length - b.length) > limit) return limit + 1;
    var older = null, previous = [], current, i, j;
    for (j = 0; j <= b.length; j++) previous[j] = j;
    for (i = 1; i <= a.length; i++) {
      current = [i];
      var rowBest = i;
      for (j = 1; j <= b.length; j++) {
        var cost = a.charAt(i - 1) === b.charAt(j - 1) ? 0 : 1;
        current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost);
        if (older && j > 1 && a.charAt(i - 1) === b.charAt(j - 2) && a.charAt(i - 2) === b.charAt(j - 1)) {
          current[j] = Math.min(current[j], older[j - 2] + 1);
        }
        rowBest = Math.min(rowBest, current[j]);
      }
      if (rowBest > limit) return limit + 1;
      older = previous;
      previous = current;
    }
    return previous[b.length];
  }

  // The query as concepts: a typed word, or a phrase from a synonym group with the group's other
  // phrases as alternatives ("fits" also finds "seizure").
  function concepts(queryTerms) {
    var found = [];
    var i = 0;
    while (i < queryTerms.length) {
      var best = null;
      manifest.synonyms.forEach(function (group) {
        group.forEach(function (phrase) {
          if (phrase.length <= queryTerms.length - i && (!best || phrase.length > best.phrase.length) &&
              phrase.every(function (term, k) { return queryTerms[i + k] === term; })) {
            best = { phrase: phrase, group: group };
          }
        });
      });
      if (best) {
        found.push({ typed: best.phrase, alternatives: best.group.map(function (phrase) {
          return { terms: phrase, weight: phrase === best.phrase ? 1 : 0.8 };
        }) });
        i += best.phrase.length;
      } else {
        found.push({ typed: [queryTerms[i]], alternatives: [{ terms: [queryTerms[i]], weight: 1 }] });
        i += 1;
      }
    }
    return found;
  }

  function prefixOf(term) { return term.slice(0, 2); }

  // A term's pages: {id: score}, and how many pages use it in all.
  function postings(shard, term) {
    var list = shard[term];
    var scores = {};
    if (!list) return { scores: scores, count: 0 };
    for (var i = 1; i + 1 < list.length; i += 2) scores[list[i]] = list[i + 1];
    return { scores: scores, count: list[0] };
  }

  // A word the index does not have: complete it (the last word, while typing) or correct it.
  function nearest(word, shard, isLast) {
    var keys = Object.keys(shard);
    if (isLast && word.length >= 3) {
      var completions = keys.filter(function (key) { return key.length > word.length && key.indexOf(word) === 0; });
      if (completions.length > 0) {
        completions.sort(function (a, b) { return shard[b][0] - shard[a][0] || (a < b ? -1 : 1); });
        return { completions: completions.slice(0, 10) };
      }
    }
    var limit = word.length <= 4 ? 1 : 2;
    var best = null, bestDistance = limit + 1;
    keys.forEach(function (key) {
      // Against the word as pages spell it too: "diabetis" is one letter from "diabetes" (term "diabete").
      var d = Math.min(distance(word, key, limit), distance(word, key + "s", limit));
      if (d < bestDistance || (d === bestDistance && best !== null && (shard[key][0] > shard[best][0] ||
          (shard[key][0] === shard[best][0] && key < best)))) {
        best = key;
        bestDistance = d;
      }
    });
    return best && bestDistance <= limit ? { correction: best } : {};
  }

  function search(query) {
    var queryTerms = terms(query);
    if (queryTerms.length === 0) {
      // Only common words: search them after all.
      queryTerms = words(query).filter(function (w) { return w.length > 1; }).map(stem);
    }
    if (queryTerms.length === 0) return Promise.resolve(null);
    var prefixes = {};
    queryTerms.forEach(function (term) { prefixes[prefixOf(term)] = true; });
    manifest.synonyms.forEach(function (group) {
      group.forEach(function (phrase) {
        if (phrase.some(function (term) { return queryTerms.indexOf(term) >= 0; })) {
          group.forEach(function (other) { other.forEach(function (term) { prefixes[prefixOf(term)] = true; }); });
        }
      });
    });
    var wanted = Object.keys(prefixes).sort();
    return Promise.all(wanted.map(loadShard)).then(function (loaded) {
      var byPrefix = {};
      wanted.forEach(function (prefix, i) { byPrefix[prefix] = loaded[i]; });
      var corrections = [];
      var truncated = false;
      var typedTerms = queryTerms.slice();
      // Correct or complete words no page uses, before synonyms are looked up.
      var extraAlternatives = {};
      queryTerms.forEach(function (term, i) {
        var shard = byPrefix[prefixOf(term)] || {};
        if (shard[term] || synonymTerms[term]) return;
        var near = nearest(term, shard, i === queryTerms.length - 1);
        if (near.correction) {
          corrections.push({ from: term, to: near.correction });
          queryTerms[i] = near.correction;
        } else if (near.completions) {
          extraAlternatives[i] = near.completions;
        }
      });
      var needMore = {};
      queryTerms.forEach(function (term) { if (!byPrefix[prefixOf(term)]) needMore[prefixOf(term)] = true; });
      manifest.synonyms.forEach(function (group) {
        group.forEach(function (phrase) {
          if (phrase.some(function (term) { return queryTerms.indexOf(term) >= 0; })) {
            group.forEach(function (other) {
              other.forEach(function (term) { if (!byPrefix[prefixOf(term)]) needMore[prefixOf(term)] = true; });
            });
          }
        });
      });
      var extra = Object.keys(needMore).sort();
      return Promise.all(extra.map(loadShard)).then(function (more) {
        extra.forEach(function (prefix, i) { byPrefix[prefix] = more[i]; });
        var list = concepts(queryTerms);
        var position = 0;
        var highlight = {};
        list.forEach(function (concept) {
          if (concept.typed.length === 1 && extraAlternatives[position]) {
            extraAlternatives[position].forEach(function (term) { concept.alternatives.push({ terms: [term], weight: 0.9 }); });
          }
          position += concept.typed.length;
        });
        var matches = {}; // id -> {concepts: n, score: s}
        list.forEach(function (concept) {
          var best = {};
          concept.alternatives.forEach(function (alternative) {
            var combined = null;
            alternative.terms.forEach(function (term) {
              var found = postings(byPrefix[prefixOf(term)] || {}, term);
              if (found.count > manifest.shown) truncated = true;
              if (found.count > 0) highlight[term] = true;
              if (combined === null) {
                combined = found.scores;
              } else {
                var next = {};
                Object.keys(combined).forEach(function (id) {
                  if (found.scores[id] !== undefined) next[id] = combined[id] + found.scores[id];
                });
                combined = next;
              }
            });
            Object.keys(combined || {}).forEach(function (id) {
              var score = combined[id] * alternative.weight;
              if (best[id] === undefined || score > best[id]) best[id] = score;
            });
          });
          Object.keys(best).forEach(function (id) {
            var match = matches[id] || (matches[id] = { id: Number(id), concepts: 0, score: 0 });
            match.concepts += 1;
            match.score += best[id];
          });
        });
        var found = Object.keys(matches).map(function (id) { return matches[id]; });
        var all = found.filter(function (match) { return match.concepts === list.length; });
        var partial = all.length === 0 && list.length > 1;
        if (!partial) found = all;
        found.sort(function (a, b) { return b.concepts - a.concepts || b.score - a.score || a.id - b.id; });
        return { found: found, corrections: corrections, typed: typedTerms, truncated: truncated,
                 partial: partial, highlight: highlight };
      });
    });
  }

  // Up to ~200 characters of the text around the first word searched for, the words marked.
  function snippet(text, highlight) {
    var pattern = /[A-Za-z0-9\u00C0-\u024F]+/g;
    var match, hits = [];
    while ((match = pattern.exec(text)) !== null) {
      if (highlight[stem(fold(match[0]))]) hits.push([match.index, match.index + match[0].length]);
    }
    if (hits.length === 0) return null;
    var start = Math.max(0, hits[0][0] - 70);
    if (start > 0) { var space = text.indexOf(" ", start); if (space >= 0 && space < hits[0][0]) start = space + 1; }
    var end = Math.min(text.length, start + 220);
    if (end < text.length) { var last = text.lastIndexOf(" ", end); if (last > hits[0][1]) end = last; }
    var paragraph = document.createElement("p");
    paragraph.className = "search-snippet";
    var at = start;
    if (start > 0) paragraph.appendChild(document.createTextNode("\u2026 "));
    hits.forEach(function (hit) {
      if (hit[0] < at || hit[1] > end) return;
      paragraph.appendChild(document.createTextNode(text.slice(at, hit[0])));
      var mark = document.createElement("mark");
      mark.textContent = text.slice(hit[0], hit[1]);
      paragraph.appendChild(mark);
      at = hit[1];
    });
    paragraph.appendChild(document.createTextNode(text.slice(at, end) + (end < text.length ? " \u2026" : "")));
    return paragraph;
  }

  var current = null;
  function showPage(state) {
    var page = state.found.slice(state.shown, state.shown + pageSize);
    state.shown += page.length;
    moreButton.hidden = true;
    return Promise.all(page.map(function (match) { return loadDocument(match.id); })).then(function (docs) {
      if (current !== state) return;
      docs.forEach(function (doc) {
        var item = document.createElement("li");
        var link = document.createElement("a");
        link.href = root + doc.u;
        link.textContent = doc.t;
        item.appendChild(link);
        var names = [];
        if (doc.c) names.push(doc.c);
        if (doc.a) names.push("also called " + doc.a);
        if (names.length > 0) {
          var meta = document.createElement("p");
          meta.className = "meta";
          meta.textContent = names.join(" \u00b7 ");
          item.appendChild(meta);
        }
        var cut = snippet(doc.x || "", state.highlight);
        if (!cut && doc.d) {
          cut = document.createElement("p");
          cut.textContent = doc.d;
        }
        if (cut) item.appendChild(cut);
        results.appendChild(item);
      });
      moreButton.hidden = state.shown >= state.found.length;
    });
  }

  function describe(query, result) {
    var count = result.found.length;
    var pages = count === 1 ? "1 page" : (result.truncated ? "More than " : "") + count + " pages";
    if (count === 0) {
      return "No pages match \u201c" + query + "\u201d. Try fewer or different words, or browse the conditions A to Z.";
    }
    var verb = count === 1 ? " matches" : " match";
    return pages + verb + (result.partial ? " some of \u201c" : " \u201c") + query + "\u201d.";
  }

  function displayWord(typed, term) {
    // Index terms drop a plural "s"; give it back when the reader typed one.
    return /s$/.test(typed) && !/s$/.test(term) ? term + "s" : term;
  }

  function show(query) {
    var state = { query: query, found: [], shown: 0 };
    current = state;
    return loadManifest().then(function () { return search(query); }).then(function (result) {
      if (current !== state) return;
      results.textContent = "";
      moreButton.hidden = true;
      if (result === null) { status.textContent = ""; return; }
      state.found = result.found;
      state.highlight = result.highlight;
      status.textContent = "";
      if (result.corrections.length > 0) {
        var corrected = words(query).map(function (word) {
          var correction = result.corrections.filter(function (c) { return c.from === stem(word); })[0];
          return correction ? displayWord(word, correction.to) : word;
        }).join(" ");
        var notice = document.createElement("span");
        notice.appendChild(document.createTextNode("Did you mean "));
        var suggestion = document.createElement("a");
        suggestion.href = "?q=" + encodeURIComponent(corrected);
        suggestion.textContent = corrected;
        suggestion.addEventListener("click", function (event) {
          event.preventDefault();
          input.value = corrected;
          run();
        });
        notice.appendChild(suggestion);
        notice.appendChild(document.createTextNode("? Showing results for \u201c" + corrected + "\u201d. "));
        status.appendChild(notice);
        status.appendChild(document.createTextNode(describe(corrected, result)));
      } else {
        status.textContent = describe(query, result);
      }
      return showPage(state);
    }).catch(function (error) {
      if (window.console) console.error("medsite search:", error);
      if (current !== state) return;
      status.textContent = "Search could not load. Browse the conditions A to Z instead.";
    });
  }

  function run() {
    show(input.value);
    if (window.history && history.replaceState) {
      history.replaceState(null, "", "?q=" + encodeURIComponent(input.value));
    }
  }

  var timer = null;
  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(function () { show(input.value); }, 300);
  });
  input.addEventListener("focus", function () { loadManifest().catch(function () {}); });
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    clearTimeout(timer);
    run();
  });
  moreButton.addEventListener("click", function () {
    if (current) showPage(current);
  });
  var initial = new URLSearchParams(window.location.search).get("q");
  if (initial) { input.value = initial; show(initial); }
})();
