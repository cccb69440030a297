"""Run a notebook as nbdev_test does (flagged cells skipped) and keep the outputs a reader should see: the figures
(PNG, at a small dpi) and the tables (HTML) of the cells that make them; every other output is left empty.

    python scripts/fill_outputs.py nbs/04_beats.ipynb [--dpi 70] [--max-kb 80] [--also TEXT]

`--also TEXT` also runs the flagged (slow) cells whose source holds TEXT, for a figure made from a local run's logs.

Then `nbdev_clean` (which keeps outputs) and commit the notebook. Fails if a cell errors or a figure is larger than
--max-kb.
"""
import argparse, base64, json, os, sys, warnings
from pathlib import Path

from execnb.nbio import read_nb
from execnb.shell import CaptureShell
from nbdev.config import get_config
from nbdev.process import NBProcessor

KEEP = ('image/png', 'text/html', 'text/markdown')   # figures, tables (HTML or Markdown)


def _skip(cell, flags, also=None):
    d = cell.directives_
    if also and also in cell.source: return False
    if d.get('eval:', [''])[0].lower() == 'false': return True
    return any(f in d for f in flags)


def _media(data):
    "an HTML output that embeds audio or is large (players, widgets): not kept"
    h = data.get('text/html', '')
    h = ''.join(h) if isinstance(h, list) else h
    return 'image/png' not in data and ('<audio' in h or 'data:' in h or len(h) > 20_000)


def fill(path, dpi=70, max_kb=80, also=None):
    path = Path(path).resolve()
    flags = get_config().tst_flags.split()
    nb = read_nb(path)
    NBProcessor(nb=nb)                                  # parses the directives
    raw = json.loads(path.read_text())
    os.environ['IN_TEST'] = '1'
    cwd = os.getcwd()
    os.chdir(path.parent)
    try:
        k = CaptureShell(mpl_format='png')               # not retina: the figures stay small
        k.run_cell(f"import matplotlib.pyplot as _plt; _plt.rcParams['figure.dpi'] = {dpi}; _plt.rcParams['savefig.dpi'] = {dpi}")
        kept = []
        for c, rc in zip(nb.cells, raw['cells']):
            if c.cell_type != 'code': continue
            rc['outputs'] = []
            if _skip(c, flags, also): continue
            k.cell(c)
            if 'show_doc' in c.source: continue           # API docs: nbdev renders them when it processes the notebook
            if k.exc: raise RuntimeError(f'{path.name}: cell {c.idx_} failed:\n{c.source}') from k.exc
            outs = [o for o in c.outputs if o.get('output_type') in ('display_data', 'execute_result')
                    and set(o.get('data', {})) & set(KEEP) and not _media(o['data'])]
            for o in outs:
                d = {m: v for m, v in o['data'].items() if m in KEEP + ('text/plain',)}
                if 'image/png' in d:
                    kb = len(base64.b64decode(''.join(d['image/png']) if isinstance(d['image/png'], list) else d['image/png'])) / 1024
                    if kb > max_kb:
                        Path("/tmp/fill_big.png").write_bytes(base64.b64decode(d["image/png"] if isinstance(d["image/png"], str) else "".join(d["image/png"])))
                        raise RuntimeError(f'{path.name}: cell {c.idx_}: a {kb:.0f} KB figure (at most {max_kb})')
                    kept.append(f'cell {c.idx_}: PNG {kb:.0f} KB')
                else: kept.append(f'cell {c.idx_}: table')
                if 'text/markdown' in d: d.pop('text/plain', None)
                rc['outputs'].append({'data': d, 'metadata': {}, 'output_type': 'display_data'})
    finally: os.chdir(cwd)
    path.write_text(json.dumps(raw, indent=1, ensure_ascii=False) + '\n')
    print(f'{path.name}: ' + ('; '.join(kept) if kept else 'no figure or table'))


if __name__ == '__main__':
    warnings.simplefilter('ignore')
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument('notebooks', nargs='+')
    ap.add_argument('--dpi', type=int, default=70)
    ap.add_argument('--max-kb', type=float, default=80)
    ap.add_argument('--also', default=None, help='also run the flagged cells whose source holds this text')
    a = ap.parse_args()
    for p in a.notebooks: fill(p, a.dpi, a.max_kb, a.also)
