#!/usr/bin/env bash
# The language server in a real editor: Debian's Neovim, headless, with its built-in LSP
# client (tests/editors/neovim.lua). Needs `nvim` and a built guidesite (release or debug).
set -euo pipefail
cd "$(dirname "$0")/../.."
bin=${GUIDESITE_BIN:-$PWD/target/release/guidesite}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp -r tests/fixtures/basic "$work/site"
GUIDESITE_BIN="$bin" SITE_ROOT="$work/site" OUT="$work/seen.json" \
  timeout 120 nvim --headless -u NONE -i NONE -n -c "luafile tests/editors/neovim.lua"
echo "Neovim $(nvim --version | head -1 | cut -d' ' -f2): $(cat "$work/seen.json")"
