// Preloaded into the Prism child process (`node --require`): Prism must judge our specs offline, so
// any attempt to open a connection or resolve a name beyond this machine is refused and reported on
// stderr, where the conformance tests look for it.
"use strict";
const net = require("node:net");
const dns = require("node:dns");

const LOOPBACK = /^(localhost|127(?:\.\d{1,3}){3}|::1|::ffff:127(?:\.\d{1,3}){3}|\[::1\])$/i;
const MARK = "[loopback-only] blocked";

function report(what) {
  process.stderr.write(`${MARK} ${what}\n`);
}

/** The host a `Socket#connect` call is aimed at, or undefined for an IPC path. */
function targetHost(args) {
  // net.connect() hands connect() an internal [options, callback] pair.
  const first = Array.isArray(args[0]) ? args[0][0] : args[0];
  if (first !== null && typeof first === "object") {
    return typeof first.path === "string" ? undefined : (first.host ?? "localhost");
  }
  if (typeof first === "number" || (typeof first === "string" && /^\d+$/.test(first))) {
    return typeof args[1] === "string" ? args[1] : "localhost";
  }
  return undefined;
}

const connect = net.Socket.prototype.connect;
net.Socket.prototype.connect = function guardedConnect(...args) {
  const host = targetHost(args);
  if (host !== undefined && !LOOPBACK.test(host)) {
    report(`connection to ${host}`);
    process.nextTick(() => this.destroy(new Error(`${MARK}: ${host} is not a loopback address`)));
    return this;
  }
  return connect.apply(this, args);
};

const lookup = dns.lookup;
dns.lookup = function guardedLookup(hostname, ...rest) {
  if (typeof hostname === "string" && !LOOPBACK.test(hostname)) {
    report(`name lookup of ${hostname}`);
    const callback = rest[rest.length - 1];
    const error = Object.assign(new Error(`${MARK}: ${hostname}`), { code: "ENOTFOUND" });
    if (typeof callback === "function") process.nextTick(() => callback(error));
    return {};
  }
  return lookup.call(this, hostname, ...rest);
};

const lookupPromise = dns.promises.lookup;
dns.promises.lookup = function guardedLookupPromise(hostname, ...rest) {
  if (typeof hostname === "string" && !LOOPBACK.test(hostname)) {
    report(`name lookup of ${hostname}`);
    return Promise.reject(Object.assign(new Error(`${MARK}: ${hostname}`), { code: "ENOTFOUND" }));
  }
  return lookupPromise.call(this, hostname, ...rest);
};
