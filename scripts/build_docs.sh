#!/usr/bin/env bash
# Build the docs site locally, without quarto, and check it in headless Chromium:
#   scripts/build_docs.sh            -> _site_local/index.html (open it in a browser)
#   scripts/build_docs.sh --no-check -> skip the Chromium check
# 1. nbdev's own processing of every notebook (nbdev.serve.proc_nbs, the step before quarto in nbdev_proc_nbs, nbdev_docs
#    and nbdev_preview: it runs the imports, the exported cells and show_doc, and fails on an error) -> _proc/.
#    (The nbdev_proc_nbs command first tries to download and install quarto and to pip-install the package again.)
# 2. scripts/nb2md.py: the processed notebooks -> Markdown pages + navigation (_site_src/)
# 3. mkdocs build (mkdocs-material, search) -> _site_local/
# 4. scripts/check_site.py: every page loaded in Chromium shows its API blocks, figures and tables; no internal link is
#    broken; the pages of the beats, alignment, edit, training and RL notebooks show a figure, the evaluation page a table.
# Needs the dev requirements (pip install -e ".[dev]") and, for the check, Debian's chromium (apt-get install -y chromium).
set -euo pipefail
cd "$(dirname "$0")/.."
check=1
[ "${1:-}" = "--no-check" ] && check=0
t0=$(date +%s)
echo "== nbdev's processing of every notebook (nbdev.serve.proc_nbs)"
python -c "import sys; from nbdev.serve import proc_nbs; proc_nbs(n_workers=int(sys.argv[1]), force=True)" "${EDITORBOT_DOCS_WORKERS:-2}"
echo "== Markdown pages (scripts/nb2md.py)"
python scripts/nb2md.py --proc _proc --out _site_src
echo "== mkdocs build"
NO_MKDOCS_2_WARNING=1 mkdocs build --quiet --clean -f _site_src/mkdocs.yml -d "$PWD/_site_local"
echo "site built in $(( $(date +%s) - t0 )) s: _site_local/index.html"
if [ $check = 1 ]; then
  echo "== the site in headless Chromium (scripts/check_site.py)"
  python scripts/check_site.py _site_local --expect _site_src/expect.json \
    --require-figures "${EDITORBOT_DOCS_FIGURES:-beats,align,edit,train,rl.train}" --require-tables evaluate
fi
