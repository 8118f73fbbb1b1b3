# nbconvert configuration for scripts/run-notebooks.sh (passed with --config).
#
# tslab reports a failing cell only as an execute_reply with status "error": what went wrong is in the cell's
# stderr stream, which nbconvert's CellExecutionError leaves out. report_cell_error prints it between markers
# that run-notebooks.sh looks for.
#
# After a failed cell, tslab's kernel answers "abort" to every request that arrives within 200 ms (its
# execQueue.reset(200)), and nbclient takes "abort" for success: under a cell tagged raises-exception, the
# following cells would silently not run. So no cell may fail (force_raise_errors), and an abort is a failure.
import sys


def _text(value):
    return "".join(value) if isinstance(value, list) else str(value)


def _report(cell, cell_index, why):
    lines = [f"=== cell {cell_index} {why}:", _text(cell.source).rstrip(), "--- what it wrote:"]
    for output in cell.get("outputs", []):
        kind = output.get("output_type")
        if kind == "stream":
            lines.append(_text(output.get("text", "")).rstrip())
        elif kind == "error":
            lines.append("\n".join(output.get("traceback", [])) or f"{output.get('ename')}: {output.get('evalue')}")
    lines.append("=== end of cell")
    print("\n".join(lines), file=sys.stderr, flush=True)


def report_cell_error(cell, cell_index, execute_reply):
    _report(cell, cell_index, "failed")


def refuse_aborted_cell(cell, cell_index, execute_reply):
    if execute_reply and execute_reply["content"].get("status") == "abort":
        _report(cell, cell_index, "failed: the kernel aborted it without running it")
        raise RuntimeError(f"cell {cell_index} was aborted by the kernel")


c = get_config()  # noqa: F821 (provided by traitlets when it loads this file)
c.ExecutePreprocessor.force_raise_errors = True
c.ExecutePreprocessor.on_cell_error = report_cell_error
c.ExecutePreprocessor.on_cell_executed = refuse_aborted_cell
