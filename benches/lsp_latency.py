#!/usr/bin/env python3
"""Latency of the language server on a generated corpus, as an editor meets it.

    python3 benches/lsp_latency.py [corpus root] [runs]

Starts `target/release/guidesite lsp`, waits for the first load (initialize to first
diagnostics), opens one indicator page, then times, `runs` times each: an edit to the first
diagnostics after it (a wrong reference typed, then fixed), completion after `[[7.9`, hover
on a reference, and find references. Prints median and worst in milliseconds.
Default corpus: target/bench/10k/guidesite (made by benches/run.sh or benches/gen_corpus.py).
"""
import json
import os
import statistics
import subprocess
import sys
import time

ROOT = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else "target/bench/10k/guidesite")
RUNS = int(sys.argv[2]) if len(sys.argv) > 2 else 20
BIN = os.path.abspath(os.environ.get("GUIDESITE_BIN", "target/release/guidesite"))


class Server:
    def __init__(self):
        self.proc = subprocess.Popen([BIN, "lsp", "--root", ROOT], stdin=subprocess.PIPE, stdout=subprocess.PIPE)
        self.next_id = 0

    def send(self, message):
        body = json.dumps(message).encode()
        self.proc.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.proc.stdin.flush()

    def read(self):
        length = None
        while True:
            line = self.proc.stdout.readline().strip()
            if not line:
                break
            if line.startswith(b"Content-Length:"):
                length = int(line.split(b":")[1])
        return json.loads(self.proc.stdout.read(length))

    def request(self, method, params):
        self.next_id += 1
        self.send({"jsonrpc": "2.0", "id": self.next_id, "method": method, "params": params})
        while True:
            message = self.read()
            if message.get("id") == self.next_id:
                return message.get("result")

    def notify(self, method, params):
        self.send({"jsonrpc": "2.0", "method": method, "params": params})

    def diagnostics_for(self, uri):
        while True:
            message = self.read()
            if message.get("method") == "textDocument/publishDiagnostics" and message["params"]["uri"] == uri:
                return message["params"]["diagnostics"]


def timed(action):
    started = time.perf_counter()
    result = action()
    return (time.perf_counter() - started) * 1000, result


def main():
    page = os.path.join(ROOT, "content/p7/s09/i29.md")
    uri = "file://" + page
    text = open(page, encoding="utf-8").read()
    text = text.replace("\n\n", "\n\nSee [[7.9.2]] here.\n\n", 1)
    line = text.split("\n").index("See [[7.9.2]] here.")
    server = Server()
    started = time.perf_counter()
    server.request("initialize", {"processId": None, "rootUri": "file://" + ROOT, "capabilities": {}})
    server.notify("initialized", {})
    server.notify("textDocument/didOpen", {"textDocument": {"uri": uri, "languageId": "markdown", "version": 1, "text": text}})
    server.diagnostics_for(uri)
    load = (time.perf_counter() - started) * 1000
    figures = {"diagnostics after an edit": [], "completion": [], "hover": [], "references": []}
    for run in range(RUNS):
        broken = run % 2 == 0
        new = text.replace("[[7.9.2]]", "[[7.9.999]]") if broken else text
        params = {"textDocument": {"uri": uri, "version": run + 2}, "contentChanges": [{"text": new}]}
        took, found = timed(lambda: (server.notify("textDocument/didChange", params), server.diagnostics_for(uri))[1])
        assert bool(found) == broken, found
        figures["diagnostics after an edit"].append(took)
        at = {"textDocument": {"uri": uri}, "position": {"line": line, "character": 9}}
        took, items = timed(lambda: server.request("textDocument/completion", at))
        assert items and items["items"], items
        figures["completion"].append(took)
        took, card = timed(lambda: server.request("textDocument/hover", at))
        assert card, card
        figures["hover"].append(took)
        refs = dict(at, context={"includeDeclaration": False})
        took, found = timed(lambda: server.request("textDocument/references", refs))
        figures["references"].append(took)
    server.request("shutdown", None)
    server.notify("exit", None)
    server.proc.wait()
    pages = sum(len(files) for _, _, files in os.walk(os.path.join(ROOT, "content")))
    print(f"corpus {ROOT} ({pages} files), {RUNS} runs each")
    print(f"| what | median ms | worst ms |\n|---|---|---|\n| first load (initialize to first diagnostics) | {load:.0f} | |")
    for what, times in figures.items():
        print(f"| {what} | {statistics.median(times):.1f} | {max(times):.1f} |")


main()
