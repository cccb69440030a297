"""Free-running figures of an `editorbot_eval` JSON split by what the songs' raw takes hold (synthetic truth).

For each artefact kind of the synthesiser (`mistake`, `jam`, `false_start`, ...): the songs whose raw holds it against the
songs whose raw does not, with mean cut-point F1, median length error (beats) and the share within 2 beats
(`editorbot.evaluate.artefact_table`). Shows which artefact the free-running shortfall comes from.

    python bench/by_artefact.py bench/out/eval_snap32_test.json [--truth bench/out/synth/truth]
"""
import argparse, json
from pathlib import Path
from editorbot.evaluate import artefact_table

if __name__ == '__main__':
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument('eval'); ap.add_argument('--truth', default='bench/out/synth/truth')
    a = ap.parse_args()
    songs = [s for s in json.load(open(a.eval))['songs'] if 'cut_f1' in s]
    if not songs: raise SystemExit(f"error: {a.eval}: no free-running figures per song")
    kinds = [{x['kind'] for x in json.loads((Path(a.truth) / f"{s['name']}.json").read_text())['artefacts']} for s in songs]
    print(f"{a.eval}: {len(songs)} songs\n\n{artefact_table(songs, kinds)}")
