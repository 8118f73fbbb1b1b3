#!/bin/sh
# Registers this package's own tslab as Jupyter's TypeScript kernel (and JavaScript beside it).
# Usage: npm run jupyter:kernel [-- --user | --sys-prefix | --prefix DIR]   (PYTHON=... to pick the Python that runs Jupyter)
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
tslab="$root/node_modules/.bin/tslab"
python=${PYTHON:-python3}
if [ ! -x "$tslab" ]; then
  echo "tslab is not installed: run 'npm install' in $root first" >&2
  exit 1
fi
if ! "$python" -c "import jupyter_client" 2>/dev/null; then
  echo "Jupyter is not installed for $python: run '$python -m pip install jupyterlab' (or set PYTHON=...)" >&2
  exit 1
fi
# --binary is an absolute path, so the kernel starts without node_modules/.bin on PATH.
"$tslab" install --python="$python" --binary="$tslab" "$@"
"$python" -c "
from jupyter_client.kernelspec import KernelSpecManager
for name, path in sorted(KernelSpecManager().find_kernel_specs().items()):
    print(f'  {name}: {path}')
"
