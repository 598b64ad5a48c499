// The VS Code client's own logic, run under Node with stand-ins for `vscode` and
// `vscode-languageclient/node`, in a tenth of a second: on activation it starts
// `guidesite lsp` (or the configured program) in the workspace folder for the site's Markdown
// files, and stops it on deactivation. The extension inside VS Code is vscode.e2e.mjs; what
// the server answers, tests/testsuite/lsp.rs and neovim.lua.
const test = require('node:test');
const assert = require('node:assert');
const Module = require('node:module');
const path = require('node:path');

const made = [];
class LanguageClient {
  constructor(id, name, server, documents) {
    Object.assign(this, { id, name, server, documents, started: false, stopped: false });
    made.push(this);
  }
  start() { this.started = true; return Promise.resolve(); }
  stop() { this.stopped = true; return Promise.resolve(); }
}
const configured = {};
const vscode = {
  workspace: {
    getConfiguration: (section) => ({ get: (key, fallback) => configured[`${section}.${key}`] ?? fallback }),
    workspaceFolders: [{ uri: { fsPath: '/sites/guide' } }],
  },
};
const load = Module._load;
Module._load = function (request, ...rest) {
  if (request === 'vscode') return vscode;
  if (request === 'vscode-languageclient/node') return { LanguageClient };
  return load.call(this, request, ...rest);
};
const extension = require(path.join(__dirname, '../../editors/vscode/extension.js'));

test('activation starts guidesite lsp in the workspace for the site Markdown files', async () => {
  const context = { subscriptions: [] };
  await extension.activate(context);
  const client = made.at(-1);
  assert.strictEqual(client.id, 'guidesite');
  assert.deepStrictEqual(client.server.run, { command: 'guidesite', args: ['lsp'], options: { cwd: '/sites/guide' } });
  assert.deepStrictEqual(client.documents.documentSelector, [{ scheme: 'file', language: 'markdown', pattern: '**/content/**/*.md' }]);
  assert.ok(client.started);
  await extension.deactivate();
  assert.ok(client.stopped);
});

test('the guidesite.path setting names the program', async () => {
  configured['guidesite.path'] = '/opt/guidesite/bin/guidesite';
  await extension.activate({ subscriptions: [] });
  assert.strictEqual(made.at(-1).server.run.command, '/opt/guidesite/bin/guidesite');
});

test('the manifest activates on a site and points at the client', () => {
  const manifest = require(path.join(__dirname, '../../editors/vscode/package.json'));
  assert.deepStrictEqual(manifest.activationEvents, ['workspaceContains:content/site.yaml']);
  assert.strictEqual(manifest.main, './extension.js');
  assert.ok(manifest.dependencies['vscode-languageclient']);
});
