// The guidesite extension: a client only. It starts `guidesite lsp` for the workspace and
// hands it the Markdown files of the site; everything else is the server's.
const vscode = require('vscode');
const { LanguageClient } = require('vscode-languageclient/node');

let client;

function activate(context) {
  const command = vscode.workspace.getConfiguration('guidesite').get('path', 'guidesite');
  const folder = vscode.workspace.workspaceFolders && vscode.workspace.workspaceFolders[0];
  const server = { command, args: ['lsp'], options: folder ? { cwd: folder.uri.fsPath } : {} };
  const documents = {
    documentSelector: [{ scheme: 'file', language: 'markdown', pattern: '**/content/**/*.md' }],
  };
  client = new LanguageClient('guidesite', 'guidesite', { run: server, debug: server }, documents);
  context.subscriptions.push({ dispose: () => client && client.stop() });
  return client.start();
}

function deactivate() {
  return client ? client.stop() : undefined;
}

module.exports = { activate, deactivate };
