"""Runs code cells in a real tslab kernel through jupyter_client, as Jupyter does.

Reads a JSON request on stdin: {"cwd": folder to start the kernel in, "kernel": kernel name, "cells": [source, ...],
"timeout": seconds per cell}. Writes one JSON object to stdout: {"pid": the kernel's process id, "cells": [{"status":
"ok" | "error", "stdout": ..., "stderr": ...}, ...]}; it stops at the first cell whose execute_reply is an error.
The kernel must be registered where JUPYTER_PATH points (the caller's own registry, never the user's).
tslab sends a cell's value and its errors as stream text, not as execute_result or error messages
(tslab/dist/jupyter.js), so stdout and stderr are all there is to collect.
"""
import json
import sys

from jupyter_client.manager import start_new_kernel


def run_cell(client, source, timeout):
    stdout, stderr = [], []

    def on_output(message):
        if message["msg_type"] == "stream":
            (stdout if message["content"]["name"] == "stdout" else stderr).append(message["content"]["text"])

    reply = client.execute_interactive(source, timeout=timeout, output_hook=on_output, store_history=False)
    return {"status": reply["content"]["status"], "stdout": "".join(stdout), "stderr": "".join(stderr)}


def main():
    request = json.load(sys.stdin)
    manager, client = start_new_kernel(kernel_name=request["kernel"], cwd=request["cwd"], startup_timeout=120)
    results = []
    try:
        pid = manager.provisioner.process.pid
        for source in request["cells"]:
            results.append(run_cell(client, source, request["timeout"]))
            if results[-1]["status"] != "ok":
                break
    finally:
        client.stop_channels()
        manager.shutdown_kernel(now=False)
    json.dump({"pid": pid, "cells": results}, sys.stdout)


main()
