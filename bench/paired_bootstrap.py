"""Paired bootstrap over songs of the difference in a per-song figure between two `editorbot_eval` JSON files.

Resamples the songs both files scored (5000 times, seed 0) and prints the mean difference (B - A) with its 95% interval
(`editorbot.evaluate.paired_bootstrap`). It covers the choice of test songs, not the spread between training runs (seeds).

    python bench/paired_bootstrap.py A.json B.json [--metric cut_f1]
"""
import argparse, json
from editorbot.evaluate import paired_bootstrap, paired_songs

if __name__ == '__main__':
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument('a'); ap.add_argument('b'); ap.add_argument('--metric', default='cut_f1'); ap.add_argument('--n', type=int, default=5000)
    a = ap.parse_args()
    try: d = paired_songs(*(json.load(open(p)) for p in (a.a, a.b)), metric=a.metric)
    except ValueError as e: raise SystemExit(f"error: {a.a}, {a.b}: {e}")
    m, lo, hi = paired_bootstrap(d, a.n)
    print(f"{a.metric}: {len(d)} songs, mean difference {m:+.3f}, 95% interval [{lo:+.3f}, {hi:+.3f}]")
