"""How well can any editor that knows the style, but not the synthetic editor's draw, cut these songs?

Each synthetic edit is the raw take (fully known here: the song's plan, every bar's performance, every artefact) cut in a
style whose few parameters the editor draws at random, apart from the audio (`editorbot.synth.style_params`): the radio
edit's target length (0.55 to 0.8 of the song) and how much intro it keeps, which section an extended edit repeats and how
often, which phrase a loop edit loops and how many times. Only the clean-up is fixed by the raw. So this script plays a
listener who hears the raw perfectly and knows the style, draws `--samples` parameter sets from the editor's own
distribution, and hands in the one edit with the best *expected* cut-point F1 over them (the Bayes choice for that
score among the editor's possible edits). It scores that edit against the true one with `editorbot.evaluate`'s
cut-point score (+-1 beat, the song's beat in frames) and length error, as `editorbot_eval` does.

Teacher-forced, as `editorbot_eval` scores jump targets, the listener is given the true edit up to each true jump and names
the pointer that most of the draws that played the same so far agree with (+-1 beat): its jump-target accuracy.

A second oracle is also told the true edit's length (the draws whose edit is within one beat of it), the information
the network's style latent of the song's own edit could carry, or `--length-given` hands it.

    python bench/style_ceiling.py [--truth bench/out/heldout_short/truth] [--eval bench/out/eval_snap32_heldout_short.json]
"""
import argparse, json
from collections import defaultdict
from pathlib import Path
import numpy as np
from editorbot.core import AudioConfig, segments_to_pointers
from editorbot.evaluate import cut_point_scores, cut_points, cut_set_scores, plus_one
from editorbot.synth import plan_song, plan_take, style_params, edit_bars, bars_to_segments

def edit_pointers(plan, take, style, params, cfg, n_raw_samples):
    "Pointers (T,) of the synthetic editor's edit with `params` (no STOP), and the song bars it plays."
    bars, fi, fo, tail = edit_bars(plan, style, params)
    segs = bars_to_segments(plan, take, bars, cfg.sr, fi, fo, tail, params['tail_fade'])
    ptr = segments_to_pointers(segs, sum(s.length for s in segs), cfg, n_raw_samples=n_raw_samples)[0]
    return ptr[:-1], tuple(bars)

def song_ceiling(truth_json: Path, n_samples: int = 64):
    "The two oracles' scores on one song: `{'style', 'known': {...}, 'length': {...}}` (None if the truth is not reproduced)."
    t = json.loads(truth_json.read_text())
    with np.load(truth_json.with_suffix('.npz')) as z: ref = np.asarray(z['pointers'])
    ref = ref[:np.flatnonzero(ref < 0)[0]] if (ref < 0).any() else ref          # up to STOP
    cfg = AudioConfig(sr=int(t['sr']), hop_length=int(t['hop_length']))
    plan = plan_song(int(t['seed']), t.get('requested_duration'))
    take = plan_take(plan, [int(t['seed']), 1])
    n_raw = int(t['n_raw_samples']); S = cfg.n_frames(n_raw)
    mine, bars = edit_pointers(plan, take, t['style'], t['style_params'], cfg, n_raw)
    if list(bars) != list(t['edit_bars']) or not np.array_equal(mine, ref): return None    # not this synthesiser's song
    beat = plan.beat_sec * cfg.sr / cfg.hop_length
    rng = np.random.default_rng([int(t['seed']), 99])
    edits = {}
    for _ in range(n_samples):
        p, b = edit_pointers(plan, take, t['style'], style_params(t['style'], rng), cfg, n_raw)
        e = edits.setdefault(b, dict(ptr=p, n=0)); e['n'] += 1
    cands = list(edits.values())
    for c in cands: c['cuts'] = cut_points(c['ptr'], S)
    exp = np.array([[cut_set_scores(s['cuts'], c['cuts'], beat)['cut_f1'] for s in cands] for c in cands])   # exp[c, s]: F1 of c if s is the truth
    w = np.array([c['n'] for c in cands], dtype=np.float64)
    def pick(mask):
        m = mask if mask.any() else np.ones_like(mask)
        c = cands[int(np.argmax(exp[:, m] @ w[m]))]
        d = cut_point_scores(ref, c['ptr'], S, tol=beat)
        return dict(cut_f1=d['cut_f1'], cut_precision=d['cut_precision'], cut_recall=d['cut_recall'],
                    length_error_beats=abs(len(c['ptr']) - len(ref)) / beat, n_edits=len(cands))
    near = np.array([abs(len(c['ptr']) - len(ref)) <= beat for c in cands])
    return dict(name=t['name'], style=t['style'], known=pick(np.ones(len(cands), bool)), length=pick(near), **jump_ceiling(ref, cands, beat))

def jump_ceiling(ref, cands, beat: float) -> dict:
    "Teacher-forced jump targets of the perfect listener: at every true jump it is given the true edit so far, and names the pointer that most draws consistent with it agree with (within a beat)."
    nxt = plus_one(ref); hits = lost = 0; tj = np.flatnonzero((ref != nxt) & (ref >= 0))
    for t in tj:
        ok = [c for c in cands if len(c['ptr']) >= t and np.array_equal(c['ptr'][:t], ref[:t])]  # draws that played the same so far
        if not ok: lost += 1; continue                    # no draw played the same so far (the true edit was not drawn): counted as a miss
        v = np.array([c['ptr'][t] if len(c['ptr']) > t else -10 ** 9 for c in ok])           # a draw that ends here votes for the stop
        w = np.array([c['n'] for c in ok], dtype=np.float64)
        score = [(w * (np.abs(v - x) <= beat)).sum() for x in v]
        hits += int(abs(v[int(np.argmax(score))] - ref[t]) <= beat)
    return dict(n_jumps=len(tj), jump_hits=hits, jump_lost=lost)

def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument('--truth', default='bench/out/heldout_short/truth', help='a truth/ folder of synthetic pairs')
    ap.add_argument('--samples', type=int, default=64, help="parameter draws per song from the editor's distribution")
    ap.add_argument('--eval', default=None, help="an editorbot_eval --out JSON: its songs only, with the network's figures beside the oracles")
    a = ap.parse_args()
    net = {s['name']: s for s in json.loads(Path(a.eval).read_text())['songs']} if a.eval else {}
    rows, bad = [], []
    for f in sorted(Path(a.truth).glob('*.json')):
        if net and f.stem not in net: continue     # with an eval JSON: its songs only (e.g. one split of a data folder)
        r = song_ceiling(f, a.samples)
        (rows.append(r) if r is not None else bad.append(f.name))
    if bad: print(f"left out {len(bad)} songs whose truth this synthesiser does not reproduce: {', '.join(bad[:5])}")
    print(f"{a.truth}: {len(rows)} songs, {a.samples} draws of the style's parameters each\n")
    print('| style | songs | distinct edits (median) | style known: cut F1 / median length error (beats) | style and length known | '
          + 'style known: jump target (teacher-forced) | ' + ('network (eval JSON): cut F1 / median length error | jump target |' if net else ''))
    print('|---|---|---|---|---|---|' + ('---|---|' if net else ''))
    by = defaultdict(list)
    for r in rows: by[r['style']].append(r); by['all'].append(r)
    for st in [*sorted(k for k in by if k != 'all'), 'all']:
        rs = by[st]
        f = lambda k: f"{np.mean([r[k]['cut_f1'] for r in rs]):.3f} / {np.median([r[k]['length_error_beats'] for r in rs]):.1f}"
        jt = sum(r['jump_hits'] for r in rs) / max(sum(r['n_jumps'] for r in rs), 1)
        line = f"| {st} | {len(rs)} | {np.median([r['known']['n_edits'] for r in rs]):.0f} | {f('known')} | {f('length')} | {jt:.1%} of {sum(r['n_jumps'] for r in rs)} ({sum(r['jump_lost'] for r in rs)} undrawn) |"
        if net:
            ns = [net[r['name']] for r in rs if r['name'] in net]
            nj = sum(s.get('jump_hits', 0) for s in ns) / max(sum(s.get('n_jumps', 0) for s in ns), 1)
            line += f" {np.mean([s['cut_f1'] for s in ns]):.3f} / {np.median([s['length_error_beats'] for s in ns]):.1f} ({len(ns)}) | {nj:.1%} of {sum(s.get('n_jumps', 0) for s in ns)} |" if ns else ' | |'
        print(line)

if __name__ == '__main__': main()
