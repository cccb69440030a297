"""How far is a fluffed bar from the same bar played right, measured where the bars really are?

The beat network misses most cuts around a mistake (`09a_evaluate`). This asks whether the information is there at all, with
the synthesiser's own bar timeline (exact bar boundaries, no beat tracking): N takes with a mistake
(`plan_take(..., ['mistake'])`, the layout `generate_pair` renders), each performed bar described by the raw's log-mel
(`editorbot.audio.log_mel`, in dB: what the network hears, before scaling) pooled to 4 slots per bar (the beat means the beat network sees)
or 32 (8 per beat), and compared by RMS distance (dB) with

- another correct performance of the same song bar (the first take against its retake),
- the correct performance of the bar that a wrong take (`wrong_notes`, `stumble`) stands for,
- the nearest performance of any other song bar (correct bars only).

Printed per song length: medians per comparison, and ROC AUC of "this bar is a wrong take" from two distances a comparator
could use: to the same bar's correct performance (it must first know which bar that is) and to the nearest bar of any kind
(no knowledge needed, but only useful where the song repeats its bars). The short training songs of `09_train` are 30-s plans.

    python bench/mistake_oracle.py [--n 30] [--durations 30,60,120] [--slots 4,32]
"""
import argparse
import numpy as np
from sklearn.metrics import roc_auc_score
from editorbot.core import AudioConfig
from editorbot.audio import log_mel
from editorbot.synth import generate_pair, plan_song, plan_take

def bar_vectors(mel, timeline, fps, slots):
    "Each performed bar's mel frames (T, n_mels) pooled to `slots` equal time slots, flattened."
    out = []
    for e in timeline:
        a = int(round(e['start'] * fps)); b = max(int(round((e['start'] + e['dur']) * fps)), a + slots)
        seg = mel[a:min(b, len(mel))]
        out.append(np.concatenate([seg[q * len(seg) // slots:max((q + 1) * len(seg) // slots, q * len(seg) // slots + 1)].mean(0) for q in range(slots)]))
    return np.stack(out)

def distances(seed, duration, cfg, slots=(4, 32)):
    """{slots: rows (kind, to the same bar played right, to the nearest other bar, to the nearest bar of any kind)} of one take
    (synthesised once for all slot counts), or {} if it has no mistake."""
    tk = plan_take(plan_song(seed, duration), [seed, 1], ['mistake'])
    if not {'wrong_notes', 'stumble'} & {e['kind'] for e in tk.timeline}: return {}
    pr = generate_pair(seed, duration=duration, artefacts=['mistake'])
    assert [x['kind'] for x in pr.truth['artefacts']] == [x['kind'] for x in tk.artefacts], f"seed {seed}: the take's layout differs from generate_pair's"
    mel = np.asarray(log_mel(pr.raw.astype(np.float32), cfg)).T            # (T, n_mels), dB
    tl = tk.timeline; bars = np.array([e['bar'] for e in tl]); kind = [e['kind'] for e in tl]
    ok = np.array([k in ('song', 'ending') for k in kind])
    out = {}
    for n in slots:
        V = bar_vectors(mel, tl, cfg.sr / cfg.hop_length, n)
        D = np.sqrt(((V[:, None] - V[None]) ** 2).mean(-1))
        rows = out[n] = []
        for i, k in enumerate(kind):
            if k not in ('song', 'wrong_notes', 'stumble'): continue
            same = ok & (bars == bars[i]); same[i] = False
            other, anyb = ok & (bars != bars[i]), ok.copy(); anyb[i] = False
            if other.any(): rows.append(('correct' if k == 'song' else k, D[i, same].min() if same.any() else np.nan, D[i, other].min(), D[i, anyb].min()))
    return out

if __name__ == '__main__':
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument('--n', type=int, default=30, help='takes per duration'); ap.add_argument('--durations', default='30,60,120', help='song lengths (s), comma separated')
    ap.add_argument('--slots', default='4,32', help='time slots per bar, comma separated'); ap.add_argument('--seed', type=int, default=7000)
    a = ap.parse_args(); cfg = AudioConfig()
    med = lambda v: f"{np.nanmedian(v):.1f}" if np.isfinite(v).any() else 'n/a'
    print(f"{a.n} seeds per song length, each a take with a mistake; RMS distance in dB of the log-mel pooled to slots per bar, medians\n")
    print("| song length (s) | slots per bar | bars (wrong) | correct bar: to its other performance | to the nearest other bar | wrong take: to the bar played right | to the nearest other bar | AUC, to the bar played right | AUC, to the nearest bar |")
    print("|---|---|---|---|---|---|---|---|---|")
    slot_counts = tuple(int(x) for x in a.slots.split(','))
    for dur in (float(x) for x in a.durations.split(',')):
        takes = [distances(s, dur, cfg, slot_counts) for s in range(a.seed, a.seed + a.n)]
        for slots in slot_counts:
            r = [x for t in takes for x in t.get(slots, [])]
            kind = np.array([x[0] for x in r]); same, other, near = (np.array([x[i] for x in r], np.float64) for i in (1, 2, 3))
            wrong = kind != 'correct'; has = np.isfinite(same)
            print(f"| {dur:.0f} | {slots} | {len(r)} ({wrong.sum()}) | {med(same[~wrong])} | {med(other[~wrong])} | {med(same[wrong])} | {med(other[wrong])} | "
                  f"{roc_auc_score(wrong[has], same[has]):.3f} | {roc_auc_score(wrong, near):.3f} |", flush=True)
