#!/usr/bin/env node
// Composition root: filled in as the engine lands.
export {};
