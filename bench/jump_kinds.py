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
import numpy as np, torch
from editorbot.evaluate import _collate
import editorbot.models.beat_pointer as bp
from cut_misses import label
from probe_common import probe_parser, load_probe

if __name__ == '__main__':
    a = probe_parser(__doc__).parse_args(); model, items = load_probe(a, beat_only=True); c = model.cfg
    R = defaultdict(lambda: [0, 0, 0])                       # label -> [true jumps, decided to jump, target within +-1 beat]
    for it in items:
        tj = json.loads((Path(a.pointer_dir) / f"{it['name']}.json").read_text()); fps = tj['sr'] / tj['hop_length']
        arts = [(x['kind'], x['start'] * fps, x['end'] * fps) for x in tj['artefacts']]
        secs = [(s['label'], s['start'] * fps) for s in tj['sections']]
        batch = _collate([it]); n_raw = len(it['raw_mel'])
        with torch.no_grad():
            enc = model.encode(batch); rt = bp.step_targets(batch, enc, c.null_frames, c.max_plays, c.end_slack)
            z = bp._style(model, batch, enc, False)[0]; enc = model.plan(enc, z)
            h = model.decode(model.step_inputs(enc, rt['prev'], rt['start'], rt['jumped'], rt['step'], None, z, rt['plays'], rt['since']), enc)
            lg, valid, cb = model.pointer_logits(h, enc, rt['prev'])
        NB = enc['beat'].shape[1]; pred = lg.float().masked_fill(~valid, -torch.inf).argmax(-1)[0].numpy()
        cls, cbb, pv = rt['cls'][0].numpy(), cb[0].numpy(), rt['prev'][0].numpy()
        beat = float(np.median(np.diff(enc['beat_start'][0, enc['beat_mask'][0]].numpy()))) if int(enc['beat_mask'][0].sum()) > 1 else 43.0
        for s in range(int(rt['mask'][0].sum())):
            t = cls[s]
            if t == cbb[s] or t < 0 or t >= NB or pv[s] < 0: continue
            k = label(pv[s] + 1, arts, secs, n_raw, beat)
            for key in (k, 'all'):
                r = R[key]; r[0] += 1; r[1] += int(pred[s] != cbb[s]); r[2] += int(abs(int(pred[s]) - int(t)) <= 1)
    print(f"{len(items)} {a.split} songs; {a.checkpoint}\n\n| out-point touches | true jumps | left the continuation | target +-1 beat |\n|---|---|---|---|")
    for k in sorted(R, key=lambda k: (k == 'all', k)):
        n, j, h = R[k]; print(f"| {k} | {n} | {j / n:.2f} | {h / n:.2f} |")
