-- One editing session in a real editor: Neovim's own LSP client (0.7 or later) starts
-- `guidesite lsp`, opens a page of a copy of the `basic` fixture, asks for completion and
-- hover, types a wrong reference and waits for the diagnostic, then fixes it and waits for it
-- to clear. Any failure quits with status 1 and says why; success writes what it saw to $OUT.
-- Run by tests/editors/neovim.sh.
local bin, root, out = os.getenv('GUIDESITE_BIN'), os.getenv('SITE_ROOT'), os.getenv('OUT')
local seen = {}

local function fail(why)
  io.stderr:write('neovim session failed: ' .. why .. '\n')
  vim.cmd('cquit 1')
end

local function check(ok, why)
  if not ok then fail(why) end
end

local client_id = vim.lsp.start_client({ name = 'guidesite', cmd = { bin, 'lsp', '--root', root }, root_dir = root })
check(client_id, 'the client did not start')
local page = root .. '/content/framework/1/1.1.2.md'
vim.cmd('edit ' .. vim.fn.fnameescape(page))
vim.lsp.buf_attach_client(0, client_id)
check(vim.wait(10000, function()
  local client = vim.lsp.get_client_by_id(client_id)
  return client ~= nil and client.initialized
end, 50), 'the server did not answer initialize')

local function request(method, line, character)
  local params = { textDocument = { uri = vim.uri_from_bufnr(0) }, position = { line = line, character = character } }
  local answers = vim.lsp.buf_request_sync(0, method, params, 10000)
  check(answers and answers[client_id], method .. ': no answer')
  check(not answers[client_id].err, method .. ': ' .. vim.inspect(answers[client_id].err))
  return answers[client_id].result
end

-- The line that holds `[[1.1.1#how-to-comply]]` (0-based).
local lines = vim.api.nvim_buf_get_lines(0, 0, -1, false)
local at
for i, line in ipairs(lines) do
  if line:find('[[1.1.1#how-to-comply]]', 1, true) then at = i - 1 end
end
check(at, 'the fixture changed: no [[1.1.1#how-to-comply]]')

-- Hover on the reference: the target's number and name.
local hover = request('textDocument/hover', at, 16)
check(hover and hover.contents.value:find('1.1.1 The FI researches client needs', 1, true), 'hover: ' .. vim.inspect(hover))
seen.hover = hover.contents.value

-- Completion while typing `[[1.1` on a new line.
vim.api.nvim_buf_set_lines(0, at + 1, at + 1, false, { 'See [[1.1' })
local completion = request('textDocument/completion', at + 1, 9)
local labels = {}
for _, item in ipairs(completion.items or completion) do table.insert(labels, item.label) end
check(vim.tbl_contains(labels, '1.1.1') and vim.tbl_contains(labels, '1.1.10'), 'completion: ' .. vim.inspect(labels))
seen.completion = labels

-- A wrong reference is reported as typed, and the report clears once it is fixed (the
-- fixture's pages also have warnings: no short titles).
local function errors() return vim.diagnostic.get(0, { severity = vim.diagnostic.severity.ERROR }) end
check(#errors() == 0, 'errors before the edit: ' .. vim.inspect(errors()))
vim.api.nvim_buf_set_lines(0, at + 1, at + 2, false, { 'See [[9.9.9]].' })
check(vim.wait(10000, function() return #errors() > 0 end, 50), 'no diagnostic for [[9.9.9]]')
local diagnostic = errors()[1]
check(diagnostic.lnum == at + 1 and diagnostic.message:find('9.9.9', 1, true), 'diagnostic: ' .. vim.inspect(diagnostic))
seen.diagnostic = diagnostic.message
vim.api.nvim_buf_set_lines(0, at + 1, at + 2, false, { 'See [[1.1.1]].' })
check(vim.wait(10000, function() return #errors() == 0 end, 50), 'the diagnostic did not clear')

vim.fn.writefile({ vim.fn.json_encode(seen) }, out)
vim.lsp.stop_client(client_id)
vim.wait(2000, function() return vim.lsp.get_client_by_id(client_id) == nil end, 50)
vim.cmd('qall!')
