"""How often can any network stop at the true step? The synthesiser's ring-out ends, and the stop rule.

The synthetic editor ends an edit that keeps the final chord's ring-out 1.5 to 2.5 s (uniform, drawn apart from the audio)
after the last bar ends. Training steps end at the beat line nearest the edit's end (`beat_steps`), so even an oracle that
knows exactly where the last bar ends, and how the editor draws the rest, can only pick the likeliest beat line. Printed
for a split: how many edits end in the ring-out, how often that oracle picks the true line, how well the raw's level tells
where the editor ended (songs with trailing noise or silence), and, for the network, teacher-
forced stop precision and recall and where its first stop falls, under plain argmax and under stop thresholds (`stop_rule`).

    python bench/stop_ceiling.py --checkpoint models/beat_mini_snap32/best.pt [--split valid]
"""
import json
from pathlib import Path
import numpy as np, soundfile as sf
from editorbot.evaluate import _collate, stop_precision, stop_recall
from editorbot.models.beat_pointer import beat_starts
from editorbot.synth import plan_song
from probe_common import probe_parser, load_probe

def oracle_hit(item: dict, truth: dict, n_tail: int = 401):
    "None if the edit does not end in the ring-out, else whether the likeliest beat line of `last bar end + U(1.5, 2.5) s` is the true one."
    fps = truth['sr'] / truth['hop_length']; seg = truth['segments'][-1]
    end, song_end = (seg['raw_start'] + seg['length']) / truth['sr'], truth['sections'][-1]['end']
    if abs(end - song_end) > 0.05: return None
    e0 = song_end - plan_song(truth['seed'], truth['requested_duration']).tail          # where the last bar ends
    lines = np.r_[beat_starts(np.asarray(item['beat_index'])), len(item['beat_index'])] / fps
    near = lambda t: int(np.argmin(np.abs(lines - t)))
    votes = np.bincount([near(e0 + t) for t in np.linspace(1.5, 2.5, n_tail)])
    return bool(votes.argmax() == near(end))

def sound_end(item: dict, truth: dict, root: Path):
    "None without trailing noise or silence, else `(tail, t)`: seconds from the last bar's end to the editor's end, and to where the raw's level last stands 6 dB over the trailing part's median."
    tr = [x for x in truth['artefacts'] if x['kind'] in ('trail_noise', 'trail_silence')]
    if not tr: return None
    tail = plan_song(truth['seed'], truth['requested_duration']).tail; e0 = tr[0]['start'] - tail
    y, sr = sf.read(next((root / 'input').glob(f"{item['name']}_raw.*")), dtype='float32'); y = y.mean(1) if y.ndim > 1 else y
    hop = 512; lev = 10 * np.log10(np.convolve(y ** 2, np.ones(hop) / hop, 'same')[::hop] + 1e-12); t = np.arange(len(lev)) * hop / sr
    floor = np.median(lev[t > tr[0]['start']]) if (t > tr[0]['start']).sum() > 5 else -120.0
    loud = np.flatnonzero((lev > floor + 6) & (t > e0 - 0.1))
    return tail, (t[loud[-1]] if len(loud) else e0) - e0

if __name__ == '__main__':
    ap = probe_parser(__doc__); ap.add_argument('--thresholds', default='0.5,0.6,0.667,0.7,0.8,0.9')
    a = ap.parse_args(); model, items = load_probe(a, beat_only=True)
    hits = [oracle_hit(it, json.loads((Path(a.pointer_dir) / f"{it['name']}.json").read_text())) for it in items]
    ring = [h for h in hits if h is not None]
    print(f"{len(items)} {a.split} songs; {len(ring)} edits end in the ring-out. The oracle picks their true end line for "
          f"{np.mean(ring):.0%} of them; counting every other song as right, its first stop is right for {(len(items) - len(ring) + sum(ring)) / len(items):.0%} of the songs.\n")
    se = np.array([x for x in (sound_end(it, json.loads((Path(a.pointer_dir) / f"{it['name']}.json").read_text()), Path(a.pointer_dir).parent) for it in items) if x is not None])
    print(f"Songs with trailing noise or silence: {len(se)}. From the last bar's end, the editor ends {se[:, 0].min():.2f} to {se[:, 0].max():.2f} s later; the raw's level "
          f"last stands 6 dB over the noise after a median {np.median(se[:, 1]):.2f} s; correlation of the two: {np.corrcoef(se[:, 0], se[:, 1])[0, 1]:.2f}.\n")
    print(f"{a.checkpoint}, teacher-forced, the song's own edit's latent:\n\n| stop rule | stop precision | stop recall | first stop at the true step | a step or more early | no stop |\n|---|---|---|---|---|---|")
    for t in [None] + [float(x) for x in a.thresholds.split(',')]:
        rows = [model.teacher_forced(_collate([it]), stop_threshold=t)[0] for it in items]
        cat = lambda k: np.concatenate([r[k] for r in rows])
        off = [(np.flatnonzero(r['stop'])[:1] - np.flatnonzero(r['ref_stop'])[:1]).tolist() for r in rows]
        print(f"| {'argmax' if t is None else f'p(stop) >= {t:g}'} | {stop_precision(cat('ref_stop'), cat('stop')):.1%} | {stop_recall(cat('ref_stop'), cat('stop')):.1%} | "
              f"{np.mean([o == [0] for o in off]):.0%} | {np.mean([bool(o) and o[0] < 0 for o in off]):.0%} | {np.mean([not o for o in off]):.0%} |")
