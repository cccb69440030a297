"""Teacher-forced jump decisions by what the cut touches: does the network decide to jump where the true edit jumps, and where to?

For every step of the synthetic songs of a split whose true decision is a jump to a raw beat (not the continuation, stop or
silence), given the true past: whether the network's argmax leaves the continuation (decided to jump) and whether its choice
lies within +-1 beat of the true target. Steps are labelled by the raw take's artefact at the jump's out-point
(`bench/cut_misses.py`'s labels: `mistake`, `jam`, ...; else `other`). Style latent: the song's own edit's.

    python bench/jump_kinds.py --checkpoint models/beat_mini_snap32/best.pt [--split valid]
"""
import json
from collections import defaultdict
from pathlib import Path
import numpy as np
from editorbot.evaluate import _collate
from editorbot.models.beat_pointer import beat_starts
from cut_misses import label
from probe_common import probe_parser, load_probe

if __name__ == '__main__':
    a = probe_parser(__doc__).parse_args(); model, items = load_probe(a, beat_only=True)
    R = defaultdict(lambda: [0, 0, 0])                       # label -> [true jumps, decided to jump, target within +-1 beat]
    for it in items:
        tj = json.loads((Path(a.pointer_dir) / f"{it['name']}.json").read_text()); fps = tj['sr'] / tj['hop_length']
        arts = [(x['kind'], x['start'] * fps, x['end'] * fps) for x in tj['artefacts']]
        secs = [(s['label'], s['start'] * fps) for s in tj['sections']]
        n_raw = len(it['raw_mel']); o = model.teacher_forced(_collate([it]))[0]
        bi = np.asarray(it['beat_index'])[:n_raw]; beat = float(np.median(np.diff(beat_starts(bi)))) if bi.max() > 0 else 43.0
        for pred, t, cont, prev in zip(o['step_pred'], o['step_ref'], o['step_cont'], o['step_prev']):
            if t < 0 or t == cont or prev < 0: continue                 # only true jumps to a raw beat
            k = label(prev + 1, arts, secs, n_raw, beat)
            for key in (k, 'all'):
                r = R[key]; r[0] += 1; r[1] += int(pred != cont); r[2] += int(pred >= 0 and abs(int(pred) - int(t)) <= 1)
    print(f"{len(items)} {a.split} songs; {a.checkpoint}\n\n| out-point touches | true jumps | left the continuation | target +-1 beat |\n|---|---|---|---|")
    for k in sorted(R, key=lambda k: (k == 'all', k)):
        n, j, h = R[k]; print(f"| {k} | {n} | {j / n:.2f} | {h / n:.2f} |")
