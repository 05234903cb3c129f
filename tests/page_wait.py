"""Waiting for a Streamlit page in Playwright until it is idle, on a condition rather than a fixed
time: the browser and reliability tests use it after each click (a module of its own name, beside
app_server, so that both folders can import it)."""

from __future__ import annotations

import itertools

# Installed once per document: when the page last asked the server to rerun the script (a BackMsg
# whose first field is rerun_script, field 11 length-delimited: tag byte 0x5a) and when a run last
# ended (stApp's data-test-script-state leaving "running"). A wait after a click can then tell "the
# rerun has not started yet" (which takes up to a second on a loaded machine) from "idle".
_WATCH_JS = """() => {
  if (window.__runstrongIdle) return;
  const w = window.__runstrongIdle = {asked: -1, done: -1, quiet: null, key: null};
  const send = WebSocket.prototype.send;
  WebSocket.prototype.send = function (data) {
    const b = data instanceof ArrayBuffer ? new Uint8Array(data)
      : ArrayBuffer.isView(data) ? new Uint8Array(data.buffer, data.byteOffset, data.byteLength) : null;
    if (b && b.length && b[0] === 0x5a) w.asked = performance.now();
    return send.call(this, data);
  };
  new MutationObserver(ms => { if (ms.some(m => m.oldValue === 'running')) w.done = performance.now(); })
    .observe(document, {subtree: true, attributes: true, attributeOldValue: true,
                        attributeFilter: ['data-test-script-state']});
}"""

# Polled in the page: the script is not running, no rerun the page asked for is still to come (one
# whose run never showed, e.g. drawn in one frame, is given up after `grace` ms), and no spinner or
# placeholder is drawn, for `quiet` ms in a row.
_IDLE_JS = """([quiet, grace, key]) => {
  const w = window.__runstrongIdle, now = performance.now();
  const app = document.querySelector('[data-testid=stApp]');
  const pending = w.asked > w.done && now - w.asked < grace;
  const busy = !app || app.getAttribute('data-test-script-state') !== 'notRunning' || pending
    || document.querySelector('[data-testid=stSpinner], [data-testid=stSkeleton]') !== null;
  if (busy || w.key !== key) { w.key = key; w.quiet = busy ? null : now; return false; }
  if (w.quiet === null) w.quiet = now;
  return now - w.quiet >= quiet;
}"""
_keys = itertools.count()  # each wait's own quiet period in the page


def watch(p) -> None:
    """Install the rerun watch in the page's document (again after a full page load)."""
    p.evaluate(_WATCH_JS)


def idle(p, quiet_ms: int = 200, grace_ms: int = 5000, timeout_ms: int = 120_000) -> None:
    """Wait until the app is idle: the script has finished (stApp's data-test-script-state; the
    status widget is not drawn in this toolbar mode), any rerun the page asked for since has run,
    and no spinner or placeholder is left, for `quiet_ms` in a row (checked in the page every 50 ms).
    Raises playwright's TimeoutError after `timeout_ms`."""
    watch(p)
    p.wait_for_function(_IDLE_JS, arg=[quiet_ms, grace_ms, next(_keys)], polling=50, timeout=timeout_ms)
