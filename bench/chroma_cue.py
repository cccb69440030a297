"""Do a take's wrong notes show in its pitch classes, and at what resolution?

Makes N synthetic raw takes with a fluffed bar or two (`generate_pair(..., artefacts=['mistake'])`: `wrong_notes` shifts 60% of
the pitched notes by -2, -1, +1 or +3 semitones, `stumble` drops parts and wobbles the timing), and scores per beat the share of
its chroma outside the song's scale (the song's 7 strongest pitch classes, as `chroma_features` of `08b`, or the major or minor
scale that holds most of its energy), alone and averaged
over 4 beats, from a 2048-sample STFT (the mel's FFT), an 8192-sample one (`chroma_frames`) and a CQT. Printed: ROC AUC for the
beats inside a mistake against all others (0.5: chance), for wrong-note and stumbling takes apart, and the precision where
half of the mistake beats are flagged.

    python bench/chroma_cue.py [--n 30]
"""
import argparse
import numpy as np, librosa
from sklearn.metrics import roc_auc_score
from editorbot.synth import generate_pair, plan_song, plan_take

MAJOR, MINOR = np.array([1, 0, 1, 0, 1, 1, 0, 1, 0, 1, 0, 1], bool), np.array([1, 0, 1, 1, 0, 1, 0, 1, 1, 0, 1, 0], bool)

def out_of_scale(C, fr, template=False):
    """Per beat (frames fr[i]:fr[i+1]): share of chroma energy outside the song's scale: its 7 strongest pitch classes, or
    (`template`) the major or minor scale that holds most of the song's energy."""
    B = np.stack([C[:, fr[i]:max(fr[i + 1], fr[i] + 1)].mean(1) for i in range(len(fr) - 1)])
    B = B / np.maximum(B.sum(1, keepdims=True), 1e-12); tot = B.sum(0)
    if template: scale = max((np.roll(t, k) for t in (MAJOR, MINOR) for k in range(12)), key=lambda m: tot[m].sum())
    else: scale = np.zeros(12, bool); scale[np.argsort(tot)[-7:]] = True
    return B[:, ~scale].sum(1)

if __name__ == '__main__':
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0]); ap.add_argument('--n', type=int, default=30); ap.add_argument('--seed', type=int, default=7000)
    a = ap.parse_args(); sr, hop = 22050, 512
    rows = []
    for s in range(a.seed, a.seed + a.n):
        p = plan_song(s, 30); tk = plan_take(p, [s, 1], ['mistake'])
        kind = ({e['kind'] for e in tk.timeline} & {'wrong_notes', 'stumble'} or {'none'}).pop()
        pr = generate_pair(s, duration=30, artefacts=['mistake']); y = pr.raw.astype(np.float32); bt = np.asarray(pr.truth['beat_times'])
        arts = [x for x in pr.truth['artefacts'] if x['kind'] == 'mistake']
        if not arts: continue
        fr = librosa.time_to_frames(np.r_[bt, bt[-1] + np.median(np.diff(bt))], sr=sr, hop_length=hop)
        inside = np.array([any(x['start'] - 0.02 <= t < x['end'] - 0.02 for x in arts) for t in bt])
        r = dict(inside=inside, wrong=np.full(len(bt), kind == 'wrong_notes'))
        for name, C in (('STFT 2048', librosa.feature.chroma_stft(y=y, sr=sr, n_fft=2048, hop_length=hop, tuning=0.0)),
                        ('STFT 8192', librosa.feature.chroma_stft(y=y, sr=sr, n_fft=8192, hop_length=hop, tuning=0.0)),
                        ('CQT', librosa.feature.chroma_cqt(y=y, sr=sr, hop_length=hop, tuning=0.0))):
            for t in (False, True):
                o = out_of_scale(C, fr, t); nm = name + (', key' if t else ', top 7')
                r[nm] = o; r[nm + ', 4 beats'] = np.convolve(o, np.ones(4) / 4, 'same')
        rows.append(r)
    cat = {k: np.concatenate([r[k] for r in rows]) for k in rows[0]}
    ins, wr = cat['inside'], cat['wrong']
    print(f"{len(rows)} takes, {len(ins)} beats, {ins.sum()} inside a mistake ({(ins & wr).sum()} wrong notes, {(ins & ~wr).sum()} stumbles)")
    print(f"{'cue: share outside the scale':34s} {'AUC all':>8s} {'wrong notes':>12s} {'stumbles':>9s} {'precision at half recall':>25s}")
    for k, v in cat.items():
        if k in ('inside', 'wrong'): continue
        mw, ms = ~ins | wr, ~ins | ~wr
        prec = ins[v >= np.quantile(v[ins], 0.5)].mean()
        print(f"{k:34s} {roc_auc_score(ins, v):8.3f} {roc_auc_score(ins[mw], v[mw]):12.3f} {roc_auc_score(ins[ms], v[ms]):9.3f} {prec:25.3f}")
