"""Which true cut points does free-running decoding find, by what the cut removes or joins?

Every true cut point (raw frame where the edit leaves or enters the raw) of the synthetic songs of a split is labelled by
the raw take's artefact it touches (`lead_noise`, `count_in`, `false_start`, `mistake`, `retake`, `jam`, `trail_noise`, ...;
from `DATA/truth/NAME.json`), else `start` / `end` (within two beats of the raw's ends), else the section that starts there
(`sec:chorus`, ...), else `other`. For each label: how many of the true cut points a decoded edit has within +-1 beat
(recall), and how many decoded cut points near such places match none (false). Style latent: the song's own edit's.

    python bench/cut_misses.py --checkpoint models/beat_mini_snap/best.pt [--split valid] [--jump-threshold -1]
"""
import json
from collections import Counter
from pathlib import Path
import numpy as np, torch
from editorbot.evaluate import generate_item, cut_points, beat_frames, item_style, _collate
from probe_common import probe_parser, load_probe

def label(x, arts, secs, n_raw, beat):
    "What the raw holds at frame x: the artefact, the raw's ends, a section start, or 'other'."
    for k, a, b in arts:
        if a - beat <= x <= b + beat: return k
    if x <= 2 * beat: return 'start'
    if x >= n_raw - 2 * beat: return 'end'
    for l, a in secs:
        if abs(x - a) <= beat: return 'sec:' + l
    return 'other'

if __name__ == '__main__':
    ap = probe_parser(__doc__)
    ap.add_argument('--jump-threshold', type=float, default=None, help="decoding rule (default: the checkpoint's own; negative: argmax)")
    a = ap.parse_args(); model, items = load_probe(a)
    hit, tot, false = Counter(), Counter(), Counter()
    for it in items:
        tj = json.loads((Path(a.pointer_dir) / f"{it['name']}.json").read_text()); fps = tj['sr'] / tj['hop_length']
        ref = np.asarray(it['pointers']); ref = ref[ref >= -1]; n_raw = len(it['raw_mel'])
        with torch.no_grad(): z = model.encode_style(_collate([it])) if model.cfg.use_vae else None
        est = generate_item(model, it, z=z, jump_threshold=a.jump_threshold)
        beat, st = beat_frames(it), item_style(it)
        arts = [(x['kind'], x['start'] * fps, x['end'] * fps) for x in tj['artefacts']]
        secs = [(s['label'], s['start'] * fps) for s in tj['sections']]
        r, e = cut_points(ref, n_raw), cut_points(est, n_raw)
        for x in r:
            k = label(x, arts, secs, n_raw, beat); tot[k] += 1; tot[(st, k)] += 1
            ok = int(len(e) > 0 and np.min(np.abs(e - x)) <= beat); hit[k] += ok; hit[(st, k)] += ok
        for x in e:
            if not len(r) or np.min(np.abs(r - x)) > beat: false[label(x, arts, secs, n_raw, beat)] += 1
    print(f"{len(items)} {a.split} songs; {a.checkpoint}\n\n| what the cut touches | true cut points | found (+-1 beat) | recall | false cut points there |\n|---|---|---|---|---|")
    for k in sorted({k for k in tot if isinstance(k, str)} | set(false)):
        print(f"| {k} | {tot[k]} | {hit[k]} | {hit[k] / tot[k] if tot[k] else float('nan'):.2f} | {false[k]} |")
    print(f"| all | {sum(v for k, v in tot.items() if isinstance(k, str))} | {sum(v for k, v in hit.items() if isinstance(k, str))} | "
          f"{sum(v for k, v in hit.items() if isinstance(k, str)) / max(1, sum(v for k, v in tot.items() if isinstance(k, str))):.2f} | {sum(false.values())} |")
