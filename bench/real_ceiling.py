"""How well can a listener who knows the rule of each real-recording style cut the held-out pairs, when it has to analyse
the music itself?

`editorbot_corpus` cuts each recording by a rule over the recording's *analysed* form (`corpus.real_edit_bars`: bars,
sections, phrases, from `beats.analyze` of the clean recording). A listener that runs that very analysis on that very
file reproduces every edit, so the perfect listener's cut-point F1 is 1.0 by construction. This script asks the
question that matters for a learned editor: how much of that survives when the analysis is made by a listener who
hears the music slightly differently? Each listener knows the style's rule and where every artefact is (so the
clean-up style, whose cuts are the artefacts, is 1.0 for all), analyses the music, applies the rule, and its edit is
mapped onto the pair's own raw take and scored as `editorbot_eval` scores (cut points in raw time, +-1 beat):

- `same`: the corpus's own analysis (the beat tracker of the commit that made the pairs) of the clean recording. A check: 1.0.
- `tracker`: the current beat tracker on the clean recording (one revision later: commit 6c5c9a1).
- `heard`: the current tracker on what the editor hears, the take's own performances in order with its room noise
  (the raw with its artefacts removed).
- `heard_same`: the corpus's tracker on what the editor hears (room noise alone, same analysis code).

    python bench/real_ceiling.py --truth corpus/heldout4/truth --old /work/scratch/oldeb [--out logs/real_ceiling.json]

`--old` is a folder holding `editorbot_old/`: a copy of the package with `beats.py` as it was when the pairs were made
(`git show 6c5c9a1^:editorbot/beats.py`).
"""
import argparse, importlib, json, sys, time
from collections import defaultdict
from pathlib import Path
import numpy as np
from editorbot.core import AudioConfig, Segment, segments_to_pointers
from editorbot.audio import load_audio
from editorbot.evaluate import cut_point_scores
from editorbot import corpus as new_corpus

def song_to_raw(bounds, tk):
    "Map song samples to the take's raw samples: `f(a, b)` -> list of raw runs `(r0, r1)` covering song samples [a, b)."
    starts = np.array([tk.pieces[tk.good[b]]['start'] for b in range(len(bounds) - 1)], np.int64)
    def f(a, b):
        out = []
        a, b = max(0, int(a)), min(int(bounds[-1]), int(b))
        while a < b:
            k = int(np.searchsorted(bounds, a, side='right') - 1); e = min(b, int(bounds[k + 1]))
            r0 = starts[k] + a - bounds[k]; r1 = r0 + e - a
            if out and out[-1][1] == r0: out[-1][1] = r1
            else: out.append([r0, r1])
            a = e
        return out
    return f

def edit_pointers(song, style, to_raw, cfg, n_raw):
    "Pointers (T,) in raw frames of `style`'s edit of the listener's analysed `song`, mapped through `to_raw` (no STOP)."
    bars = new_corpus.real_edit_bars(song, style)[0]
    runs = []
    for b in bars:
        a, e = int(song.bounds[b]), int(song.bounds[b + 1])
        if runs and runs[-1][1] == a: runs[-1][1] = e
        else: runs.append([a, e])
    segs, t = [], 0
    for a, e in runs:
        for r0, r1 in to_raw(a, e):
            if r1 > r0: segs.append(Segment(edit_start=t, raw_start=r0, length=r1 - r0)); t += r1 - r0
    return segments_to_pointers(segs, t, cfg, n_raw_samples=n_raw)[0][:-1]

def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument('--truth', default='corpus/heldout4/truth', help='truth/ folder of editorbot_corpus pairs')
    ap.add_argument('--old', required=True, help='folder holding editorbot_old/ (the package with the beat tracker that made the pairs)')
    ap.add_argument('--styles', default='cleanup,radio,extended,loop')
    ap.add_argument('--max-songs', type=int, default=0, help='first N songs only (0: all)')
    ap.add_argument('--out', default=None, help='JSON of every pair and listener')
    a = ap.parse_args()
    sys.path.insert(0, a.old); old = importlib.import_module('editorbot_old.corpus')
    truth = Path(a.truth); styles = a.styles.split(',')
    files = sorted(f for f in truth.glob('*.json') if json.loads(f.read_text()).get('style') in styles)
    songs = sorted({f.stem.rsplit('_', 1)[0] for f in files})
    if a.max_songs: songs = songs[:a.max_songs]; files = [f for f in files if f.stem.rsplit('_', 1)[0] in songs]
    rows, cache, t0 = [], {}, time.time()
    for i, f in enumerate(files):
        t = json.loads(f.read_text()); song, style = f.stem.rsplit('_', 1)
        with np.load(f.with_suffix('.npz')) as z: ref = np.asarray(z['pointers'])
        ref = ref[:np.flatnonzero(ref < 0)[0]] if (ref < 0).any() else ref
        cfg = AudioConfig(sr=int(t['sr']), hop_length=int(t['hop_length'])); sr = cfg.sr
        if song not in cache:
            y, _ = load_audio(t['source'], sr)
            so = old.real_song(y, sr, song, float(t['max_duration']))
            sn = new_corpus.real_song(y, sr, song, float(t['max_duration']))
            cache = {song: (so, sn)}
        so, sn = cache[song]
        if list(map(int, so.bounds)) != list(map(int, t['song_bars'])):
            print(f"{f.name}: the old analysis does not reproduce the pair's bars; left out", flush=True); continue
        tk = old.plan_real_take(so, [old._name_seed(t['name'], int(t['seed'])), 1])
        n_raw = int(t['n_raw_samples']); S = cfg.n_frames(n_raw); beat = 60.0 / so.tempo * sr / cfg.hop_length
        to_raw = song_to_raw(so.bounds, tk)
        score = lambda s: cut_point_scores(ref, edit_pointers(s, style, to_raw, cfg, n_raw), S, tol=beat)['cut_f1']
        r = dict(name=t['name'], style=style, same=score(so), tracker=score(sn))
        if style != 'cleanup':   # what the editor hears: the take's kept performances in song order, room noise and all
            raw, _ = load_audio(truth.parent / t['files']['raw'], sr)
            heard = np.concatenate([raw[r0:r1] for r0, r1 in to_raw(0, so.bounds[-1])])
            r['heard'] = score(new_corpus.real_song(heard, sr, song, 1e9))
            r['heard_same'] = score(old.real_song(heard, sr, song, 1e9))
        rows.append(r)
        print(f"[{i + 1}/{len(files)} {time.time() - t0:.0f}s] {r}", flush=True)
    print(f"\n{truth}: {len(rows)} pairs of {len(songs)} songs\n")
    print('| style | pairs | same analysis (check) | current tracker, clean recording | current tracker, what the editor hears | same tracker, what the editor hears |')
    print('|---|---|---|---|---|---|')
    by = defaultdict(list)
    for r in rows: by[r['style']].append(r); by['all'].append(r)
    for st in [*[s for s in styles if s in by], 'all']:
        rs = by[st]; m = lambda k: f"{np.mean([r[k] for r in rs if k in r]):.3f}" if any(k in r for r in rs) else '1.000 (by construction)'
        print(f"| {st} | {len(rs)} | {m('same')} | {m('tracker')} | {m('heard')} | {m('heard_same')} |")
    if a.out: Path(a.out).write_text(json.dumps(rows, indent=1))

if __name__ == '__main__': main()
