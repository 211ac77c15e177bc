/* Search that finds a word's other forms: "vértebras" finds "vértebra", "stretches" finds
 * "stretch". The build puts this script in front of Material for MkDocs' search worker
 * (limber/stemming.py), in every language's site.
 *
 * Material adds a wildcard to each word of a query ("vértebras*"), and lunr does not stem a word
 * with a wildcard, while the index keeps whole words: so a plural never found its singular.
 * Here each word of a query is cut to its stem by the index language's own stemmer (lunr's for
 * English, lunr-languages' for the others, which Material loads) before Material sees it; with
 * Material's wildcard the stem then finds every word that starts with it. The stem is written
 * with the reader's own letters ("vértebr"). The index also holds each word without its accents,
 * as people often type on a phone: "vertebras" finds "vértebra" too. An entry's hidden tags
 * (a stretch's own names, and its areas' other names: "lumbar" for the lower back) are indexed
 * with its tags, which weigh most, never shown on a result. A stop word the index leaves out
 * ("to", "al") is left out of the query, once the next word is begun.
 *
 * It wraps the worker's message listener, so it runs the same in a real worker and in the
 * iframe that stands in for one where pages are opened from a folder. */
"use strict";

(function () {
  // Material's message types (src/templates/assets/javascripts/integrations/search/worker).
  var SETUP = 0;
  var QUERY = 2;
  // Shorter words are left whole, and so is a word whose stem would keep fewer letters: a query
  // for "lying" ("ly") must not find "lymph".
  var SHORTEST_WORD = 4;
  var SHORTEST_STEM = 3;
  // What separates words in a query: spaces and lunr's query syntax (+required -excluded
  // field: term~fuzzy term^boost wildcard*).
  var SYNTAX = /([\s+\-~^*:"]+)/;

  var languages = [];
  var pipeline = [];  // the index's pipeline functions, from Material's setup message

  function fold(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "");
  }

  function stemmer() {
    return ofLanguage("stemmer");
  }

  // The word's first letters, as many as its stem has: the stem is lunr's in plain letters
  // ("vertebr"), the word keeps its accents ("vértebras" → "vértebr"); where the stemmer
  // changed a letter ("doorway" → "doorwai") the part the two share.
  function stemOf(word, stem) {
    if (word.length < SHORTEST_WORD) return word;
    var lower = word.toLowerCase();
    var cut = fold(String(stem(new self.lunr.Token(lower, {}))));
    var letters = Array.from(lower);
    var kept = 0;
    var folded = "";
    for (var i = 0; i < letters.length; i++) {
      var next = folded + fold(letters[i]);
      if (next.length > cut.length || cut.slice(0, next.length) !== next) break;
      folded = next;
      kept = i + 1;
    }
    return kept < SHORTEST_STEM ? word : letters.slice(0, kept).join("");
  }

  // The index language's own function `name` (lunr's for English, lunr-languages' for others).
  function ofLanguage(name) {
    var lunr = self.lunr;
    if (!lunr || languages.length !== 1) return null;  // several languages: Material mixes them
    var language = languages[0];
    var found = language === "en" ? lunr[name] : lunr[language] && lunr[language][name];
    return typeof found === "function" ? found : null;
  }

  // The stop words ("to", "al", "de"), if the index leaves them out (the site's search
  // `pipeline` may not).
  function stopWords() {
    return pipeline.indexOf("stopWordFilter") >= 0 ? ofLanguage("stopWordFilter") : null;
  }

  function stemQuery(query) {
    var stem = stemmer();
    if (!stem || typeof query !== "string") return query;
    var stop = stopWords();
    var parts = query.split(SYNTAX);
    var last = parts.length - 1;
    while (last > 0 && !parts[last]) last -= 2;  // the word being typed
    for (var i = 0; i < parts.length; i += 2) {
      var before = parts[i - 1] || "";
      var after = parts[i + 1] || "";
      // Not a field name ("title:"), a boost or fuzziness ("^2", "~1"), or a prefix already.
      if (!parts[i] || /^:/.test(after) || /^\*/.test(after) || /[~^]$/.test(before)) continue;
      // A stop word the index left out is left out here too, once the next word is begun: with
      // Material's wildcard "to" would find "towel", and "al" "alta", above the stretch named.
      // The word being typed stays: it may be the start of "towel".
      var plain = /^\s*$/.test(before) && /^\s+$/.test(after);
      if (plain && i !== last && stop && !stop(new self.lunr.Token(parts[i].toLowerCase(), {}))) {
        parts[i] = "";
        continue;
      }
      parts[i] = stemOf(parts[i], stem);
    }
    return parts.join("");
  }

  // Each indexed word also without its accents ("vértebra" and "vertebra"), at the end of the
  // pipeline Material sets up for the language. And an entry's hidden tags (ALSO_TAGS in
  // limber/search.py: a stretch's own names, and its areas' other names, "lumbar" for the lower
  // back) indexed with its tags, which weigh most: the entry a result shows is Material's own,
  // and keeps only the tags it had.
  var ALSO_TAGS = "limber_also";
  var preparing = false;
  function prepareIndex(lunr) {
    if (preparing || !lunr || !lunr.Builder || !lunr.Pipeline) return;
    preparing = true;
    var plain = function (token) {
      var word = token.toString();
      var folded = fold(word);
      return folded === word ? token : [token, token.clone(function () { return folded; })];
    };
    lunr.Pipeline.registerFunction(plain, "limberWithoutAccents");
    var add = lunr.Builder.prototype.add;
    lunr.Builder.prototype.add = function (doc, attributes) {
      if (this.pipeline._stack.indexOf(plain) < 0) this.pipeline.add(plain);
      var also = doc && doc[ALSO_TAGS];
      if (Array.isArray(also) && also.length) {
        doc = Object.assign({}, doc, { tags: (doc.tags || []).concat(also) });
      }
      return add.call(this, doc, attributes);
    };
    // A word and its copy without accents share their place in the text: a query that finds
    // both ("beb*": "bebé", "bebe") would have Material mark that place twice, and the second
    // mark, put in where the first already stands, broke the result's title ("<mar<mark>k>").
    // Each place is kept for the first word that finds it.
    var query = lunr.Index.prototype.query;
    lunr.Index.prototype.query = function () {
      var results = query.apply(this, arguments);
      results.forEach(function (result) { markOnce(result.matchData && result.matchData.metadata); });
      return results;
    };
  }

  function markOnce(metadata) {
    var seen = {};
    Object.keys(metadata || {}).forEach(function (term) {
      Object.keys(metadata[term]).forEach(function (field) {
        var found = metadata[term][field], places = found && found.position;
        if (!Array.isArray(places)) return;
        var marked = seen[field] || (seen[field] = {});
        var fresh = places.filter(function (place) {  // a number in Material's index
          return marked[place] ? false : (marked[place] = true);
        });
        if (fresh.length) found.position = fresh;
        else delete metadata[term][field];
      });
    });
  }

  var listen = self.addEventListener.bind(self);
  self.addEventListener = function (type, listener, options) {
    if (type !== "message") return listen(type, listener, options);
    return listen(type, function (event) {
      var message = event.data;
      if (message && message.type === SETUP && message.data && message.data.config) {
        languages = message.data.config.lang || [];
        pipeline = message.data.config.pipeline || [];
        prepareIndex(self.lunr);
      }
      if (message && message.type === QUERY) {
        var data = stemQuery(message.data);
        if (data !== message.data) {
          return listener.call(this, { data: { type: message.type, data: data } });
        }
      }
      return listener.call(this, event);
    }, options);
  };
})();
