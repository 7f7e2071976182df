// engine-start.js — starts the engine at the top of the pages that run it
// (calculator, worksheet, checklist, search): loaded as an async module
// from <head>, it runs as soon as it arrives, before the page has finished
// parsing, so that when the page has something to compute on arrival the
// worker fetches and compiles the module in parallel with everything else
// (engine.begin decides when). The page's own script finds it started.
import { engine } from './engine.js';

if (engine.supported) engine.begin().catch(() => {}); // the page reports failures
