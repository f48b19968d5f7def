#!/usr/bin/env node
// Launcher of the `specc` npm package: runs the native binary from the platform package npm installed
// as an optional dependency (specc-linux-x64, specc-darwin-arm64, ...). SPECC_BINARY overrides the path.
"use strict";

const { spawnSync } = require("child_process");

const PACKAGES = {
  "linux-x64": "specc-linux-x64",
  "linux-arm64": "specc-linux-arm64",
  "darwin-x64": "specc-darwin-x64",
  "darwin-arm64": "specc-darwin-arm64",
  "win32-x64": "specc-win32-x64",
  "win32-arm64": "specc-win32-arm64",
};

function binaryPath() {
  if (process.env.SPECC_BINARY) {
    return process.env.SPECC_BINARY;
  }
  const key = `${process.platform}-${process.arch}`;
  const pkg = PACKAGES[key];
  if (!pkg) {
    fail(`there is no prebuilt specc for ${key}; build it with \`cargo install --git https://github.com/specc-dev/specc specc\``);
  }
  const exe = process.platform === "win32" ? "specc.exe" : "specc";
  try {
    return require.resolve(`${pkg}/bin/${exe}`);
  } catch (_) {
    fail(
      `the package ${pkg} is not installed. It is an optional dependency of specc: ` +
        "install again without --no-optional / --omit=optional, or set SPECC_BINARY to a specc binary",
    );
  }
}

function fail(message) {
  process.stderr.write(`specc: error: ${message}\n`);
  process.exit(2);
}

const result = spawnSync(binaryPath(), process.argv.slice(2), { stdio: "inherit", windowsHide: true });
if (result.error) {
  fail(`cannot run ${result.error.path || "specc"}: ${result.error.message}`);
}
if (result.signal) {
  process.kill(process.pid, result.signal);
}
process.exit(result.status === null ? 2 : result.status);
