// ESLint: the site's scripts are ES2022 modules run by browsers; no
// framework, no bundler. wasm_exec.js is Go's and is not linted.
import js from "@eslint/js";
import globals from "globals";

export default [
  { ignores: ["build/", "perf/node_modules/"] },
  js.configs.recommended,
  {
    files: ["site/assets/js/**/*.js"],
    languageOptions: {
      ecmaVersion: 2022,
      sourceType: "module",
      globals: globals.browser,
    },
    rules: {
      // "catch (e) {}" names the error it ignores.
      "no-unused-vars": ["error", { caughtErrors: "none" }],
    },
  },
  {
    // The engine's worker is a classic script (it loads wasm_exec.js with
    // importScripts) with a worker's globals.
    files: ["site/assets/js/engine-worker.js"],
    languageOptions: { sourceType: "script", globals: globals.worker },
  },
  {
    // theme.js (blocking) and engine-boot.js (async) are classic scripts:
    // they run in <head> while the page parses, which a module does not.
    files: ["site/assets/js/theme.js", "site/assets/js/engine-boot.js"],
    languageOptions: { sourceType: "script" },
  },
  {
    // The service worker: a classic script; the build puts VERSION in front.
    files: ["site/serviceworker/**/*.js"],
    languageOptions: {
      ecmaVersion: 2022,
      sourceType: "script",
      globals: { ...globals.serviceworker, VERSION: "readonly" },
    },
    rules: {
      "no-unused-vars": ["error", { caughtErrors: "none" }],
    },
  },
  {
    files: ["eslint.config.js"],
    languageOptions: { ecmaVersion: 2022, sourceType: "module", globals: globals.node },
  },
];
