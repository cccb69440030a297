"""Does "the bar before this beat is played again, almost exactly, a few bars later" single out a retake?

A musician who fluffs a bar often goes back to the phrase's start and plays it again; the synthetic editor keeps the first
take up to the mistake and the good bar after the retake. So the bars before a mistake come again 4 to 24 beats later as
a near-exact re-performance. For every raw beat i of the validation songs, this compares the W beats before i with the W
beats before i + L (L = 4..24) and takes the best match ("max back"), and the same less the match of the 4 beats from i
and from i + L where the first is above 0.75 ("then goes on differently"). Two resolutions: each beat's mean log-mel
(as `context_similarity` of `08b` sees it) and the log-mel frames themselves (16 per beat, time-normalised). Printed:
ROC AUC for the beats where a mistake starts (all, and those followed by a retake) against all other beats, and the
precision of the cue where it flags half of the retakes (mistakes are rare: 12 of 6418 validation beats).

    python bench/retake_cue.py [--split valid]
"""
import argparse, json
from pathlib import Path
import numpy as np
from sklearn.metrics import roc_auc_score
from editorbot.evaluate import load_items
from editorbot.models.beat_pointer import beat_starts
from mistake_cues import beat_mean

def window_sim(mel, st, W, K=16):
    "Cosine similarity (NB, NB) of the W-beat windows starting at each beat: K frames per beat, time-normalised (K=1: the beat's mean)."
    nb = len(st) - 1; X = np.zeros((nb, K * W, mel.shape[1]), np.float32)
    means = np.r_[beat_mean(mel, np.repeat(np.arange(nb), np.diff(st))), np.zeros((W, mel.shape[1]))]
    for i in range(nb):
        if K == 1: X[i] = means[i:i + W]
        else: X[i] = mel[np.linspace(st[i], st[min(i + W, nb)], K * W, endpoint=False).astype(int).clip(0, len(mel) - 1)]
    F = X.reshape(nb, -1); F = F - F.mean(1, keepdims=True); F /= np.linalg.norm(F, axis=1, keepdims=True) + 1e-9
    return F @ F.T

def repeat_cues(SB, S4, W, lags=range(4, 25)):
    "Per beat: best match of the W beats before it, W..24 beats later, and the best (match - match of what follows) where the match is above 0.75."
    nb = len(S4); out = np.full((nb, 2), np.nan)
    for i in range(W, nb):
        v = np.array([(SB[i - W, i - W + L], S4[i, i + L]) for L in lags if i + L + 4 <= nb])
        if len(v): out[i] = v[:, 0].max(), np.max(np.where(v[:, 0] > 0.75, v[:, 0] - v[:, 1], -2.0))
    return out

if __name__ == '__main__':
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument('--cache-dir', default='bench/out/cache'); ap.add_argument('--pointer-dir', default='bench/out/synth/truth')
    ap.add_argument('--fractions', default='0.78,0.07,0.15'); ap.add_argument('--split', default='valid')
    a = ap.parse_args()
    items = load_items(a.pointer_dir, a.cache_dir, a.split, tuple(float(x) for x in a.fractions.split(',')), 0, progress=False)
    cues, start, retake = {}, [], []
    for it in items:
        tj = json.loads((Path(a.pointer_dir) / f"{it['name']}.json").read_text()); fps = tj['sr'] / tj['hop_length']
        mel = np.asarray(it['raw_mel'], dtype=np.float32); mel = mel - mel.mean(0)
        st = np.r_[beat_starts(np.asarray(it['beat_index'])), len(mel)]
        for res, K in (('beat means', 1), ('frames', 16)):
            S4 = window_sim(mel, st, 4, K)
            for W in (4, 8):
                c = repeat_cues(S4 if W == 4 else window_sim(mel, st, W, K), S4, W)
                cues.setdefault(f'{res}, {W} beats: max back', []).extend(c[:, 0]); cues.setdefault(f'{res}, {W} beats: then goes on differently', []).extend(c[:, 1])
        ms = [x['start'] * fps for x in tj['artefacts'] if x['kind'] == 'mistake']; has_retake = any(x['kind'] == 'retake' for x in tj['artefacts'])
        s = [any(abs(b - m) <= 10 for m in ms) for b in st[:-1]]; start += s; retake += [x and has_retake for x in s]
    start, retake = np.array(start), np.array(retake)
    print(f"{len(items)} {a.split} songs, {len(start)} beats: {start.sum()} mistake starts, {retake.sum()} of them followed by a retake\n")
    def precision_at_half(lab, v):
        "Share of true beats among the top-scored beats that hold half of them."
        o = np.argsort(-np.nan_to_num(v, nan=-9.0)); cum = np.cumsum(lab[o]); k = np.searchsorted(cum, int(np.ceil(lab.sum() / 2)))
        return cum[k] / (k + 1)
    print("| cue | ROC AUC, all mistake starts | ROC AUC, those with a retake | precision at half recall, those with a retake |\n|---|---|---|---|")
    for k, v in cues.items():
        v = np.array(v, float); ok = np.isfinite(v)
        print(f"| {k} | {roc_auc_score(start[ok], v[ok]):.2f} | {roc_auc_score(retake[ok], v[ok]):.2f} | {precision_at_half(retake, v):.1%} |")
