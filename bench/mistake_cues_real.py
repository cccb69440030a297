"""Can a cheap per-beat cue single out the mistake bars of the real-recording takes? ROC AUC (0.5: chance) of each cue for the
beats inside a mistake (`editorbot_corpus`: wrong notes, a semitone or two off, or a stumble) against every other beat of the raws.

Cues, each on bar-long windows (the beat and the 3 after it) of beat-synchronous chroma or log-energy:
- `repeat`: how well the window comes again 4-32 beats later (the best cosine): a retake repeats what came before the mistake;
- `shifted`: how much better it comes again once transposed by 1 or 2 semitones (best shifted cosine minus `repeat`): a bar of
  wrong notes is its own later take, transposed;
- `off_key`: 1 - cosine with the song's mean chroma (wrong notes leave the key);
- `dip`: how far the window's quietest beat falls below the song's median beat energy (dB; a stumble drops out).

    python bench/mistake_cues_real.py --truth corpus/heldout5/truth [--max-songs 40] [--json out.json]
"""
import argparse, json, time
from pathlib import Path
import numpy as np
from editorbot.audio import load_audio
from editorbot.beats import analyze, chroma_features, BeatConfig

def auc(pos, neg):
    "Mann-Whitney AUC of scores `pos` above `neg` (ties count half)."
    s = np.r_[pos, neg]
    r = np.argsort(np.argsort(s, kind='stable'), kind='stable').astype(float) + 1
    for v in np.unique(s[np.r_[np.diff(np.sort(s)) == 0, False]]):     # average ranks of ties
        m = s == v; r[m] = r[m].mean()
    n1, n0 = len(pos), len(neg)
    return float((r[:n1].sum() - n1 * (n1 + 1) / 2) / (n1 * n0)) if n1 and n0 else float('nan')

def beat_sync(X, frame_times, beats):
    "Mean of the columns of X (d, T) between consecutive beats: (d, n_beats - 1)."
    idx = np.searchsorted(frame_times, beats)
    return np.stack([X[:, a:max(b, a + 1)].mean(1) for a, b in zip(idx[:-1], idx[1:])], 1)

def cues(y, sr):
    cfg = BeatConfig(sr=sr)
    a = analyze(y, sr, cfg)
    b = np.asarray(a.beat_times)
    ch = chroma_features(y, cfg)
    C = beat_sync(ch['chroma'], np.arange(ch['chroma'].shape[1]) * ch['hop'] / sr, b)          # (12, n)
    hop = cfg.hop_length
    rms = np.sqrt(np.convolve(y.astype(np.float64) ** 2, np.ones(hop) / hop, 'valid')[::hop] + 1e-12)
    E = 20 * np.log10(beat_sync(rms[None], np.arange(len(rms)) * hop / sr, b)[0] + 1e-9)      # (n,) dB
    n = C.shape[1]
    W = np.stack([C[:, i:i + 4].mean(1) if i + 4 <= n else C[:, i:].mean(1) for i in range(n)], 1)
    Wn = W / (np.linalg.norm(W, axis=0, keepdims=True) + 1e-9)
    rep, shf = np.zeros(n), np.zeros(n)
    for i in range(n):
        js = np.arange(i + 4, min(n, i + 33))
        if not len(js): continue
        rep[i] = (Wn[:, js].T @ Wn[:, i]).max()
        shf[i] = max((Wn[:, js].T @ np.roll(Wn[:, i], k)).max() for k in (-2, -1, 1, 2)) - rep[i]
    prof = C.mean(1); prof /= np.linalg.norm(prof) + 1e-9
    off = 1 - Wn.T @ prof
    med = np.median(E)
    dip = np.array([med - E[i:i + 4].min() for i in range(n)])
    return b[:-1], dict(repeat=rep, shifted=shf, off_key=off, dip=dip)

if __name__ == '__main__':
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument('--truth', required=True); ap.add_argument('--max-songs', type=int, default=0); ap.add_argument('--json', default='')
    a = ap.parse_args()
    t0 = time.time()
    files = sorted(Path(a.truth).glob('*.json'))
    files = [f for f in files if any(x['kind'] == 'mistake' for x in json.loads(f.read_text())['artefacts'])]
    if a.max_songs: files = files[:a.max_songs]
    pos, neg = {}, {}
    for f in files:
        tr = json.loads(f.read_text())
        y, sr = load_audio(Path(a.truth).parent / tr['files']['raw'], sr=22050)
        bt, cs = cues(y, sr)
        mis = np.zeros(len(bt), bool)
        for x in tr['artefacts']:
            if x['kind'] == 'mistake': mis |= (bt >= x['start'] - 0.05) & (bt < x['end'])
        for k, v in cs.items():
            pos.setdefault(k, []).extend(v[mis]); neg.setdefault(k, []).extend(v[~mis])
    res = {k: round(auc(np.array(pos[k]), np.array(neg[k])), 3) for k in pos}
    print(f"{len(files)} raws with a mistake, {len(pos['repeat'])} beats inside mistakes, {len(neg['repeat'])} others ({time.time() - t0:.0f} s)")
    for k, v in res.items(): print(f"{k:>8}: AUC {v:.3f}")
    if a.json: Path(a.json).write_text(json.dumps(dict(songs=len(files), mistake_beats=len(pos['repeat']), other_beats=len(neg['repeat']), auc=res), indent=1))
