"""Free-running figures of an `editorbot_eval` JSON split by what the songs' raw takes hold (synthetic truth).

For each artefact kind of the synthesiser (`mistake`, `jam`, `false_start`, ...): the songs whose raw holds it against the
songs whose raw does not, with mean cut-point F1, median length error (beats) and the share within 2 beats. Shows which
artefact the free-running shortfall comes from.

    python bench/by_artefact.py bench/out/eval_snap32_test.json [--truth bench/out/synth/truth]
"""
import argparse, json
from pathlib import Path
import numpy as np

if __name__ == '__main__':
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument('eval'); ap.add_argument('--truth', default='bench/out/synth/truth')
    a = ap.parse_args()
    songs = [s for s in json.load(open(a.eval))['songs'] if 'cut_f1' in s]
    if not songs: raise SystemExit(f"{a.eval}: no free-running figures per song")
    kinds = [{x['kind'] for x in json.loads((Path(a.truth) / f"{s['name']}.json").read_text())['artefacts']} for s in songs]
    f1 = np.array([s['cut_f1'] for s in songs], float); le = np.array([s['length_error_beats'] for s in songs], float)
    cell = lambda m: f"{m.sum()} | {np.nanmean(f1[m]):.3f} | {np.median(le[m]):.1f} | {np.mean(le[m] <= 2):.0%}" if m.any() else "0 | - | - | -"
    print(f"{a.eval}: {len(songs)} songs\n\n| raw holds | songs | cut-point F1 | median length error (beats) | within 2 beats | without it: songs | cut-point F1 | median length error | within 2 beats |\n|---|---|---|---|---|---|---|---|---|")
    for k in sorted(set().union(*kinds)):
        m = np.array([k in ks for ks in kinds]); print(f"| {k} | {cell(m)} | {cell(~m)} |")
    print(f"| all | {cell(np.ones(len(songs), bool))} | | | | |")
