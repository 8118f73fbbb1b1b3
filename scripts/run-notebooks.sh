#!/usr/bin/env bash
# Executes notebooks through real Jupyter (nbconvert, the tslab kernel), stopping at the first cell that fails.
#
# Usage: scripts/run-notebooks.sh [NAME=value ...] NOTEBOOK.ipynb [NAME=value ...] [NOTEBOOK.ipynb [NAME=value ...]] ...
#   NAME=value after a notebook sets that notebook's parameter NAME (its cell tagged "parameters" must declare it);
#   NAME=value before the first notebook sets NAME in every notebook that declares it. value is JSON (30, true,
#   "30") or else a string (local).
# Each notebook runs from its own folder, as in JupyterLab; a copy with the parameters set, and after the run with
# its outputs, is written to <its folder>/.run/<name>.ipynb (a folder git ignores).
# Environment: PYTHON, the Python with nbconvert (default: /usr/bin/python3, else python3);
#   NOTEBOOK_CELL_TIMEOUT, seconds one cell may take (default 600).
#   The notebooks' ENDPOINT = "" finds this checkout's emulator (docs/emulator.md, "Which emulator each command
#   uses"): GPU_STREAM_EMULATOR_DATA_DIR chooses its data directory (default data/emulator), GPU_STREAM_ENDPOINT
#   names another emulator instead.
# Needs: `npm install` done (tslab, compiled scripts/dist), and nbconvert: on Debian/Ubuntu
#   apt-get install jupyter-nbconvert python3-nbclient python3-ipykernel
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
inject="$root/scripts/dist/notebooks/injectCli.js"
nbconvert_config="$root/scripts/src/notebooks/nbconvert_config.py"
cell_timeout=${NOTEBOOK_CELL_TIMEOUT:-600}

fail() {
  echo "run-notebooks: $*" >&2
  exit 1
}

has_jupyter() {
  "$1" -c "import nbconvert, nbclient, jupyter_client, IPython" 2>/dev/null
}

pick_python() {
  if [ -n "${PYTHON:-}" ]; then
    has_jupyter "$PYTHON" || fail "$PYTHON cannot import nbconvert, nbclient and IPython: install them for it (pip install nbconvert ipykernel)"
    echo "$PYTHON"
    return
  fi
  for candidate in /usr/bin/python3 python3; do
    if command -v "$candidate" >/dev/null && has_jupyter "$candidate"; then
      echo "$candidate"
      return
    fi
  done
  fail "no Python here has Jupyter's nbconvert: on Debian/Ubuntu apt-get install jupyter-nbconvert python3-nbclient python3-ipykernel; elsewhere python3 -m pip install nbconvert ipykernel (and set PYTHON=... if it is not python3)"
}

is_assignment() {
  [[ "$1" =~ ^[A-Za-z_$][A-Za-z0-9_$]*= ]]
}

[ $# -gt 0 ] || fail "name the notebooks to run (see the usage at the top of $0)"
[ -f "$inject" ] || fail "$inject is missing: build first (npm install, or npm run build)"
[ -x "$root/node_modules/.bin/tslab" ] || fail "tslab is not installed: run 'npm install' in $root"

# Check every argument before running anything, so a typo in the last one does not wait for the first to finish.
globals=()
seen_notebook=false
for arg in "$@"; do
  if is_assignment "$arg"; then
    $seen_notebook || globals+=("--if-declared=$arg")
  elif [[ "$arg" == *.ipynb ]]; then
    [ -f "$arg" ] || fail "no notebook at $arg"
    seen_notebook=true
  else
    fail "'$arg' is neither a notebook (.ipynb) nor NAME=value"
  fi
done
$seen_notebook || fail "no notebook named: give at least one .ipynb"

python=$(pick_python)

# A kernel registry of our own, naming this checkout's tslab: nothing is installed for the user, and a "tslab"
# kernel registered elsewhere (another checkout, a global tslab) cannot be picked up instead.
kernels=$(mktemp -d)
trap 'rm -rf "$kernels"' EXIT
export JUPYTER_PATH="$kernels/share/jupyter${JUPYTER_PATH:+:$JUPYTER_PATH}"
if ! registration=$(PYTHON="$python" sh "$root/scripts/install-jupyter-kernel.sh" --prefix "$kernels" 2>&1); then
  fail "could not register the tslab kernel: $registration"
fi

# Writes <folder>/.run/<name>.ipynb, the notebook with its parameters set.
prepare_notebook() {
  local notebook=$1
  shift
  local folder name
  folder=$(cd "$(dirname "$notebook")" && pwd)
  name=$(basename "$notebook" .ipynb)
  mkdir -p "$folder/.run"
  [ -f "$folder/.run/.gitignore" ] || printf '*\n' >"$folder/.run/.gitignore"
  node "$inject" "$notebook" "$folder/.run/$name.ipynb" ${globals[@]+"${globals[@]}"} "$@" >/dev/null || return 1
  prepared+=("$notebook")
  descriptions+=("$notebook${*:+ with $*}")
}

run_notebook() {
  local notebook=$1 description=$2
  local folder name copy log started
  folder=$(cd "$(dirname "$notebook")" && pwd)
  name=$(basename "$notebook" .ipynb)
  copy="$folder/.run/$name.ipynb"
  log="$folder/.run/$name.nbconvert.log"
  started=$SECONDS
  echo "running $description"
  # From stdin, so the kernel starts in the notebook's own folder (nbconvert would start it in the copy's folder,
  # .run/), where its relative paths and module resolution are what they are in JupyterLab.
  if (cd "$folder" && "$python" -m nbconvert --to notebook --execute --stdin \
    --output-dir "$folder/.run" --output "$name" \
    --ExecutePreprocessor.kernel_name=tslab --ExecutePreprocessor.timeout="$cell_timeout" \
    --config "$nbconvert_config" <"$copy" >/dev/null 2>"$log"); then
    echo "  ok in $((SECONDS - started)) s: $copy"
    return 0
  fi
  echo "run-notebooks: $notebook failed after $((SECONDS - started)) s" >&2
  if grep -q '^=== cell [0-9]* failed' "$log"; then
    sed -n '/^=== cell [0-9]* failed/,/^=== end of cell/p' "$log" >&2
  else
    cat "$log" >&2
  fi
  echo "(nbconvert's whole log: $log)" >&2
  return 1
}

# Every copy first, each notebook with the NAME=value arguments that follow it, so a parameter a notebook does
# not declare stops the run before anything ran.
prepared=()
descriptions=()
notebook=""
params=()
for arg in "$@" ""; do
  if [ -n "$arg" ] && is_assignment "$arg"; then
    [ -z "$notebook" ] || params+=("$arg")
    continue
  fi
  if [ -n "$notebook" ]; then
    prepare_notebook "$notebook" ${params[@]+"${params[@]}"} || exit 1
  fi
  notebook=$arg
  params=()
done
for i in "${!prepared[@]}"; do
  run_notebook "${prepared[$i]}" "${descriptions[$i]}" || exit 1
done
