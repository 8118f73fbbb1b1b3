"""A Jupyter kernel driven as Jupyter's own front ends drive it, for test/support/jupyterKernel.ts.

Usage: python3 jupyterKernel.py KERNEL_NAME
Starts the kernel with jupyter_client's KernelManager in this process's cwd and environment (the caller chooses
the kernel registry through JUPYTER_PATH), then takes one JSON command a line on stdin and writes one JSON event
a line on stdout:
  {"op": "execute", "id": ID, "code": CODE}  -> {"event": "stream", "id": ID, "name": "stdout"|"stderr", "text": ...}
                                               {"event": "display", "id": ID, "data": {...}}
                                               {"event": "done", "id": ID, "status": "ok"|"error"|"abort"}
                                               (done: both its execute_reply and its idle status came, as a front
                                               end decides a cell has finished; later output would be dropped)
  {"op": "interrupt"}                        -> {"event": "interrupted"}: KernelManager.interrupt_kernel(), what the
                                               Interrupt button asks the server to do (SIGINT to the kernel's process
                                               group, the kernelspec's default interrupt_mode "signal")
  {"op": "status"}                           -> {"event": "status", "alive": bool, "pid": int}
At start {"event": "started", "pid": int}; when the kernel's process ends {"event": "died"}. The kernel is shut down
when stdin closes. Nothing here restarts a kernel: a dead one stays dead, so the caller sees it.
"""
import json
import queue
import sys
import threading

from jupyter_client.manager import KernelManager

POLL_S = 0.05


def emit(event):
    sys.stdout.write(json.dumps(event) + "\n")
    sys.stdout.flush()


def read_commands(commands):
    for line in sys.stdin:
        if line.strip():
            commands.put(json.loads(line))
    commands.put(None)


def kernel_pid(manager):
    return manager.provisioner.process.pid


def main(kernel_name):
    manager = KernelManager(kernel_name=kernel_name)
    # The kernel's own stdout would mix with our events: it goes to our stderr.
    manager.start_kernel(stdout=sys.stderr)
    client = manager.client()
    client.start_channels()
    try:
        client.wait_for_ready(timeout=120)
        emit({"event": "started", "pid": kernel_pid(manager)})
        serve(manager, client)
    finally:
        client.stop_channels()
        if manager.is_alive():
            manager.shutdown_kernel(now=True)


def serve(manager, client):
    commands = queue.Queue()
    threading.Thread(target=read_commands, args=(commands,), daemon=True).start()
    cells = {}  # execute_request msg_id -> {"id": the caller's id, "status": the reply's, "idle": bool}
    alive = True
    while True:
        try:
            command = commands.get(timeout=POLL_S)
        except queue.Empty:
            command = False
        if command is None:
            return
        if command:
            if command["op"] == "execute":
                cells[client.execute(command["code"], allow_stdin=False)] = {"id": command["id"], "status": None, "idle": False}
            elif command["op"] == "interrupt":
                manager.interrupt_kernel()
                emit({"event": "interrupted"})
            elif command["op"] == "status":
                emit({"event": "status", "alive": manager.is_alive(), "pid": kernel_pid(manager)})
        forward_messages(client, cells)
        if alive and not manager.is_alive():
            alive = False
            emit({"event": "died"})


def forward_messages(client, cells):
    for message in drain(client.get_iopub_msg):
        cell = cells.get(message["parent_header"].get("msg_id"))
        kind = message["msg_type"]
        if cell is None:
            continue
        if kind == "stream":
            emit({"event": "stream", "id": cell["id"], "name": message["content"]["name"], "text": message["content"]["text"]})
        elif kind in ("display_data", "update_display_data"):
            emit({"event": "display", "id": cell["id"], "data": message["content"]["data"]})
        elif kind == "status" and message["content"]["execution_state"] == "idle":
            cell["idle"] = True
            emit_done_once_finished(cells, message["parent_header"]["msg_id"])
    for message in drain(client.get_shell_msg):
        cell = cells.get(message["parent_header"].get("msg_id"))
        if cell is not None and message["msg_type"] == "execute_reply":
            cell["status"] = message["content"]["status"]
            emit_done_once_finished(cells, message["parent_header"]["msg_id"])


def drain(get_message):
    while True:
        try:
            yield get_message(timeout=0.01)
        except queue.Empty:
            return


def emit_done_once_finished(cells, msg_id):
    cell = cells[msg_id]
    if cell["idle"] and cell["status"] is not None:
        emit({"event": "done", "id": cell["id"], "status": cell["status"]})
        del cells[msg_id]


if __name__ == "__main__":
    main(sys.argv[1])
