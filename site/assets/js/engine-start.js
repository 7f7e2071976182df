// engine-start.js — starts the engine at the top of the pages that run it
// (calculator, worksheet, search): loaded as an async module from <head>,
// it runs as soon as it arrives, before the page has finished parsing, so
// that the worker fetches and compiles the module in parallel with
// everything else. The page's own script finds it started.
import { engine } from './engine.js';

if (engine.supported) engine.start().catch(() => {}); // the page reports failures
