#!/usr/bin/env node
// Runs the TypeScript sources of the pipeline directly (through tsx), so that codegen needs no build step.
import { register } from "tsx/esm/api";

register();
await import("../src/cli.ts");
