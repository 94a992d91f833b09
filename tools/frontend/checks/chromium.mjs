// A minimal DevTools-protocol client over --remote-debugging-pipe (no npm package, no network):
// opens a page in headless Chromium at a given viewport size and lets a check evaluate scripts,
// press keys and take screenshots in it.
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

export async function withPage(chromium, url, { width, height }, use) {
  const profile = mkdtempSync(join(tmpdir(), "zaitaku-look-"));
  const browser = spawn(chromium, [
    "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--lang=ja-JP", "--remote-debugging-pipe", `--user-data-dir=${profile}`, "about:blank",
  ], { stdio: ["ignore", "ignore", "ignore", "pipe", "pipe"], env: { ...process.env, LANGUAGE: "ja" } });

  let nextId = 1;
  const pending = new Map();
  const listeners = [];
  let buffer = "";
  browser.stdio[4].setEncoding("utf8");
  browser.stdio[4].on("data", (chunk) => {
    buffer += chunk;
    let end;
    while ((end = buffer.indexOf("\0")) >= 0) {
      const message = JSON.parse(buffer.slice(0, end));
      buffer = buffer.slice(end + 1);
      if (message.id && pending.has(message.id)) {
        const { resolve, reject } = pending.get(message.id);
        pending.delete(message.id);
        message.error ? reject(new Error(`${message.error.message} ${message.error.data ?? ""}`)) : resolve(message.result);
      } else {
        listeners.slice().forEach((listener) => listener(message));
      }
    }
  });

  const send = (method, params = {}, sessionId = undefined) => new Promise((resolve, reject) => {
    const id = nextId++;
    pending.set(id, { resolve, reject });
    browser.stdio[3].write(JSON.stringify({ id, method, params, sessionId }) + "\0");
  });
  const once = (method, sessionId) => new Promise((resolve) => {
    const listener = (message) => {
      if (message.method === method && message.sessionId === sessionId) {
        listeners.splice(listeners.indexOf(listener), 1);
        resolve(message.params);
      }
    };
    listeners.push(listener);
  });

  const exited = new Promise((resolve) => browser.on("exit", resolve));
  try {
    const { targetInfos } = await send("Target.getTargets");
    const target = targetInfos.find((t) => t.type === "page");
    const { sessionId } = await send("Target.attachToTarget", { targetId: target.targetId, flatten: true });
    const page = (method, params) => send(method, params, sessionId);
    await page("Emulation.setDeviceMetricsOverride", { width, height, deviceScaleFactor: 1, mobile: false });
    await page("Page.enable");
    const loaded = once("Page.loadEventFired", sessionId);
    await page("Page.navigate", { url });
    await loaded;

    const evaluate = async (expression) => {
      const { result, exceptionDetails } = await page("Runtime.evaluate", { expression, returnByValue: true, awaitPromise: true });
      if (exceptionDetails) {
        throw new Error(exceptionDetails.exception?.description ?? exceptionDetails.text);
      }
      return result.value;
    };
    const press = async (key, code, keyCode, modifiers = 0) => {
      await page("Input.dispatchKeyEvent", { type: "keyDown", key, code, windowsVirtualKeyCode: keyCode, modifiers });
      await page("Input.dispatchKeyEvent", { type: "keyUp", key, code, windowsVirtualKeyCode: keyCode, modifiers });
    };
    const screenshot = async () => Buffer.from((await page("Page.captureScreenshot", { format: "png" })).data, "base64");
    return await use({ evaluate, press, screenshot });
  } finally {
    browser.stdio[3].write(JSON.stringify({ id: nextId++, method: "Browser.close" }) + "\0");
    const timer = setTimeout(() => browser.kill("SIGKILL"), 5000);
    await exited;
    clearTimeout(timer);
    rmSync(profile, { recursive: true, force: true });
  }
}
