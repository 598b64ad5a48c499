#!/usr/bin/env bash
# The VS Code extension in VS Code: installs code-server (VS Code for the browser, from the npm
# registry) into target/code-server once, packs editors/vscode as a .vsix, installs it, and
# runs tests/editors/vscode.e2e.mjs (Chromium through the browser suite's playwright-core).
# Needs: Node 20, Debian's chromium, ripgrep, and the headers code-server's native modules
# build against (.ci/run installs them), a release build, tests/browser/node_modules.
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$PWD
CODE_SERVER_VERSION=4.100.3   # VS Code 1.100.3; the last releases that run on Node 20
home=$root/target/code-server
bin=$home/node_modules/.bin/code-server

if [ ! -x "$bin" ] || ! "$bin" --version 2>/dev/null | grep -q "^$CODE_SERVER_VERSION "; then
  rm -rf "$home" && mkdir -p "$home"
  (cd "$home" && npm install --ignore-scripts --no-audit --no-fund "code-server@$CODE_SERVER_VERSION" >/dev/null)
  # VS Code's ripgrep package downloads its binary from GitHub, which these machines cannot
  # reach: its download cache is filled with Debian's rg instead.
  vscode=$home/node_modules/code-server/lib/vscode
  rg_version=$(node -p "require('$vscode/npm-shrinkwrap.json').packages['node_modules/@vscode/ripgrep'].version")
  (cd "$home" && npm pack --silent "@vscode/ripgrep@$rg_version" >/dev/null && tar xzf vscode-ripgrep-*.tgz)
  rg_tag=$(sed -n "s/^const VERSION = '\(.*\)';/\1/p" "$home/package/lib/postinstall.js")
  cache=$(node -p "require('os').tmpdir()")/vscode-ripgrep-cache-$rg_version
  mkdir -p "$cache" "$home/rg"
  cp "$(command -v rg)" "$home/rg/rg"
  tar czf "$cache/ripgrep-$rg_tag-x86_64-unknown-linux-musl.tar.gz" -C "$home/rg" rg
  # code-server's own postinstall installs VS Code's modules; it wants to know npm ran it.
  (cd "$home/node_modules/code-server" &&
    npm_config_user_agent="npm/$(npm --version) node/$(node --version) linux x64" npm_config_yes=true npm_config_unsafe_perm=true \
      sh ./postinstall.sh >"$home/postinstall.log" 2>&1) || { tail -30 "$home/postinstall.log"; exit 1; }
  # The password hashing module code-server loads at start (built from source here).
  (cd "$home" && npm rebuild argon2 >>"$home/postinstall.log" 2>&1) || { tail -30 "$home/postinstall.log"; exit 1; }
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
(cd editors/vscode && npm ci --no-audit --no-fund >/dev/null && npx vsce package --allow-missing-repository --skip-license -o "$work/guidesite.vsix" >/dev/null)
"$bin" --extensions-dir "$work/extensions" --user-data-dir "$work/user" --install-extension "$work/guidesite.vsix" >/dev/null
cp -r tests/fixtures/basic "$work/site"
CODE_SERVER="$bin" EXTENSIONS="$work/extensions" USER_DATA="$work/user" SITE="$work/site" \
  GUIDESITE_BIN="${GUIDESITE_BIN:-$root/target/release/guidesite}" SCREENSHOT="$root/tests/browser/screenshots/vscode-failure.png" \
  timeout 300 node tests/editors/vscode.e2e.mjs
