// Runs the Node-dependent parts (per-call, call costs, loopback) in this process, under whichever Node
// started it, and writes their results as JSON to the file named by the first argument.
// bench/src/node-matrix.ts starts it once or twice per Node version.
import { writeFile } from "node:fs/promises";
import { type CallCostsResult, measureCallCosts } from "./call-costs.ts";
import { type LoopbackResult, measureLoopback } from "./loopback.ts";
import { measurePerCall, type PerCallOptions, type PerCallResult } from "./per-call.ts";

export interface RunnerOptions {
  perCall?: PerCallOptions;
  callCosts?: Parameters<typeof measureCallCosts>[0];
  loopback?: Parameters<typeof measureLoopback>[0];
}

export interface RunnerResult {
  node: string;
  perCall?: PerCallResult;
  callCosts?: CallCostsResult;
  loopback?: LoopbackResult;
}

const [outFile, json] = process.argv.slice(2);
if (!outFile || !json) throw new Error("usage: node-runner.ts <result.json> <options as JSON>");
const options = JSON.parse(json) as RunnerOptions;
const result: RunnerResult = { node: process.version };
if (options.perCall) result.perCall = await measurePerCall(options.perCall);
if (options.callCosts) result.callCosts = await measureCallCosts(options.callCosts);
if (options.loopback) result.loopback = await measureLoopback(options.loopback);
await writeFile(outFile, `${JSON.stringify(result)}\n`);
// Keep-alive sockets of the clients measured would otherwise hold the process open a while.
process.exit(0);
