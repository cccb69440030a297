"""Paired bootstrap over songs of the difference in a per-song figure between two `editorbot_eval` JSON files.

Resamples the songs both files scored (5000 times, seed 0) and prints the mean difference (B - A) with its 95% interval.
It covers the choice of test songs, not the spread between training runs (seeds).

    python bench/paired_bootstrap.py A.json B.json [--metric cut_f1]
"""
import argparse, json
import numpy as np

def paired_bootstrap(d, n: int = 5000, seed: int = 0) -> tuple:
    "Mean of the per-song differences `d` and its 95% bootstrap interval over songs: `(mean, low, high)`."
    d = np.asarray(d, dtype=float); rng = np.random.default_rng(seed); bs = d[rng.integers(0, len(d), (n, len(d)))].mean(1)
    return d.mean(), np.percentile(bs, 2.5), np.percentile(bs, 97.5)

if __name__ == '__main__':
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument('a'); ap.add_argument('b'); ap.add_argument('--metric', default='cut_f1'); ap.add_argument('--n', type=int, default=5000)
    a = ap.parse_args()
    va, vb = ({r['name']: r[a.metric] for r in json.load(open(p))['songs']} for p in (a.a, a.b))
    names = sorted(set(va) & set(vb))
    if not names: raise SystemExit(f"{a.a} and {a.b} share no songs")
    m, lo, hi = paired_bootstrap([vb[n] - va[n] for n in names], a.n)
    print(f"{a.metric}: {len(names)} songs, mean difference {m:+.3f}, 95% interval [{lo:+.3f}, {hi:+.3f}]")
