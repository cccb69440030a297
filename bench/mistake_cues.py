"""How well do simple per-beat cues single out the beats of a fluffed take (the synthesiser's `mistake` artefact)?

For the validation songs: per raw beat, cues from the beat-level self-similarity (`context_similarity`, of the mean log-mel
and of the chroma), "is the music before this beat played again within 4 to 24 beats, and does it go on differently", and
the beat's chroma against the song's key profile. Printed: ROC AUC of each cue for telling the beats at which a mistake
starts (similarity cues) or that lie inside one (key cues) from all other beats (0.5: no better than chance).

    python bench/mistake_cues.py [--split valid]
"""
import argparse, json
from pathlib import Path
import numpy as np, torch, librosa, soundfile as sf
from sklearn.metrics import roc_auc_score
from editorbot.evaluate import load_items
from editorbot.models.beat_pointer import context_similarity, beat_starts

def beat_mean(x, bi):
    "Mean of frame features x (S, F) per beat (NB, F)."
    nb = int(bi.max()) + 1; out = np.zeros((nb, x.shape[1])); np.add.at(out, bi, x)
    return out / np.maximum(np.bincount(bi, minlength=nb), 1)[:, None]

def repeat_cues(bm):
    "Per beat c: max backward similarity over beats c+4..c+24, the forward similarity there, and max(backward - forward), for widths 4 and 12."
    nb = len(bm); cs = context_similarity(torch.tensor(bm, dtype=torch.float32)[None], torch.ones(1, nb, dtype=torch.bool))[0].numpy()
    rows = []
    for c in range(nb):
        lo, hi = c + 4, min(c + 25, nb)
        if hi <= lo: rows.append([np.nan] * 4); continue
        b4, f4, b12, f12 = (cs[c, lo:hi, k] for k in range(4))
        rows.append([b4.max(), f4[np.argmax(b4)], (b4 - f4).max(), (b12 - f12).max()])
    return np.array(rows)

if __name__ == '__main__':
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument('--cache-dir', default='bench/out/cache'); ap.add_argument('--data', default='bench/out/synth')
    ap.add_argument('--fractions', default='0.78,0.07,0.15'); ap.add_argument('--split', default='valid')
    a = ap.parse_args(); torch.set_num_threads(1)
    items = load_items(f'{a.data}/truth', a.cache_dir, a.split, tuple(float(x) for x in a.fractions.split(',')), 0, progress=False)
    names = ['max backward similarity ahead', 'forward similarity there', 'max(backward - forward)', 'the same over 12 beats']
    cues = {f'{src}: {n}': [] for src in ('log-mel', 'chroma') for n in names}
    cues.update({'chroma against the key profile (low)': [], 'the same, 4-beat mean (low)': []})
    start, inside = [], []
    for it in items:
        tj = json.loads((Path(a.data) / 'truth' / f"{it['name']}.json").read_text()); fps = tj['sr'] / tj['hop_length']
        y, sr = sf.read(next((Path(a.data) / 'input').glob(it['name'] + '*')), dtype='float32'); y = y.mean(1) if y.ndim > 1 else y
        ch = librosa.feature.chroma_stft(y=y, sr=sr, hop_length=tj['hop_length']).T
        n = min(len(ch), len(it['raw_mel'])); bi = np.asarray(it['beat_index'])[:n]; st = beat_starts(bi)
        for src, x in (('log-mel', np.asarray(it['raw_mel'])[:n]), ('chroma', ch[:n])):
            for k, v in zip(names, repeat_cues(beat_mean(x, bi)).T): cues[f'{src}: {k}'] += v.tolist()
        bc = beat_mean(ch[:n], bi); prof = bc.mean(0) / np.linalg.norm(bc.mean(0))
        cos = bc @ prof / (np.linalg.norm(bc, axis=1) + 1e-9)
        cues['chroma against the key profile (low)'] += (-cos).tolist()
        cues['the same, 4-beat mean (low)'] += (-np.convolve(cos, np.ones(4) / 4, mode='same')).tolist()
        ms = [(x['start'] * fps, x['end'] * fps) for x in tj['artefacts'] if x['kind'] == 'mistake']
        start += [any(abs(s - m0) <= 10 for m0, _ in ms) for s in st]; inside += [any(m0 - 5 <= s < m1 - 5 for m0, m1 in ms) for s in st]
    start, inside = np.array(start), np.array(inside)
    print(f"{len(items)} {a.split} songs, {len(start)} beats: {start.sum()} mistake starts, {inside.sum()} beats inside mistakes\n\n| cue | ROC AUC |\n|---|---|")
    for k, v in cues.items():
        v = np.array(v); lab = inside if 'key' in k or k.startswith('the same, 4') else start; ok = ~np.isnan(v)
        print(f"| {k} | {roc_auc_score(lab[ok], v[ok]):.2f} |")
