import { getEventListeners } from "node:events";
import { describe, expect, it, vi } from "vitest";
import { onAbort } from "./abort.js";

const listeners = (signal: AbortSignal) => getEventListeners(signal, "abort").length;

describe("onAbort", () => {
  it("adds one listener per signal however many watchers it has", () => {
    const controller = new AbortController();
    const callbacks = Array.from({ length: 100 }, () => vi.fn());
    for (const callback of callbacks) onAbort(controller.signal, callback);
    expect(listeners(controller.signal)).toBe(1);
    const other = new AbortController();
    onAbort(other.signal, vi.fn());
    expect(listeners(other.signal)).toBe(1);
    expect(listeners(controller.signal)).toBe(1);
  });

  it("calls every watcher once on abort and then removes its listener", () => {
    const controller = new AbortController();
    const callbacks = Array.from({ length: 3 }, () => vi.fn());
    for (const callback of callbacks) onAbort(controller.signal, callback);
    controller.abort();
    for (const callback of callbacks) expect(callback).toHaveBeenCalledTimes(1);
    expect(listeners(controller.signal)).toBe(0);
    // A second "abort" event (dispatched by hand) calls nobody again.
    controller.signal.dispatchEvent(new Event("abort"));
    for (const callback of callbacks) expect(callback).toHaveBeenCalledTimes(1);
  });

  it("stops calling a watcher that unsubscribed, and only that one", () => {
    const controller = new AbortController();
    const kept = vi.fn();
    const dropped = vi.fn();
    onAbort(controller.signal, kept);
    const stop = onAbort(controller.signal, dropped);
    stop();
    stop();
    controller.abort();
    expect(dropped).not.toHaveBeenCalled();
    expect(kept).toHaveBeenCalledTimes(1);
  });

  it("starts afresh after an abort event: a later watcher gets its own listener", () => {
    const target = new AbortController().signal;
    const first = vi.fn();
    onAbort(target, first);
    target.dispatchEvent(new Event("abort"));
    expect(first).toHaveBeenCalledTimes(1);
    expect(listeners(target)).toBe(0);
    const second = vi.fn();
    onAbort(target, second);
    expect(listeners(target)).toBe(1);
    target.dispatchEvent(new Event("abort"));
    expect(second).toHaveBeenCalledTimes(1);
    expect(first).toHaveBeenCalledTimes(1);
  });
});
