// ESLint for the site's own scripts (hooks/limber/assets): dependency-free browser scripts with
// no build step, so the rules catch what a build would: undefined names, unused variables, typos.
// Run by the tests (tests/test_assets.py) and by `npx eslint` from the repository root.
"use strict";

const browser = Object.fromEntries([
  "window", "document", "navigator", "location", "history", "localStorage", "setTimeout",
  "setInterval", "clearInterval", "URL", "URLSearchParams", "CSS", "CustomEvent", "globalThis",
  "performance", "self", "caches", "fetch", "Request", "Response", "Promise", "module", "Blob",
  "FileReader", "atob", "OfflineAudioContext", "MutationObserver",
].map((name) => [name, "readonly"]));

module.exports = [
  {
    files: ["hooks/limber/assets/*.js"],
    languageOptions: { ecmaVersion: 2017, sourceType: "script", globals: browser },
    linterOptions: { reportUnusedDisableDirectives: "error" },
    rules: {
      "no-undef": "error",
      "no-unused-vars": ["error", { args: "none", caughtErrors: "none" }],
      "no-redeclare": "error",
      "no-dupe-keys": "error",
      "no-dupe-args": "error",
      "no-duplicate-case": "error",
      "no-unreachable": "error",
      "no-fallthrough": "error",
      "no-self-assign": "error",
      "no-const-assign": "error",
      "no-sparse-arrays": "error",
      "no-unsafe-negation": "error",
      "use-isnan": "error",
      "valid-typeof": "error",
      eqeqeq: ["error", "always", { null: "ignore" }],
    },
  },
  {
    // Filled in by limber/offline.py when the build writes sw.js.
    files: ["hooks/limber/assets/service-worker.js"],
    languageOptions: {
      globals: { __VERSION__: "readonly", __FILES__: "readonly", __PATHS__: "readonly", __LATER__: "readonly" },
    },
  },
];
