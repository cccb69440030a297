"""Fill a data folder's caches with several processes, before `editorbot_train` or `editorbot_eval` reads them one song at a time:
the beat analysis (`cache_dir/beats/`: beats, downbeats, sections) and the log-mels of each raw and edit (`--no-mels`: beats only).

    python bench/warm_cache.py corpus/mix corpus/heldout4 --cache-dir corpus/cache --jobs 2
"""
import argparse, os, time
from multiprocessing import Pool
from pathlib import Path

def _one(a):
    pair, cache_dir, mels = a
    os.environ.setdefault('OMP_NUM_THREADS', '1')
    import torch
    torch.set_num_threads(1)
    from editorbot.data import _analysis_beats, MelCache
    from editorbot.core import AudioConfig
    cache = MelCache(cache_dir)
    _analysis_beats(pair, AudioConfig(), cache)
    if mels:
        for path in (pair.raw, pair.edit): cache.ensure(path)
    cache.flush()
    return pair.name

if __name__ == '__main__':
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument('data', nargs='+'); ap.add_argument('--cache-dir', required=True); ap.add_argument('--jobs', type=int, default=2)
    ap.add_argument('--labels', default='truth'); ap.add_argument('--no-mels', action='store_true', help='fill the beat cache only')
    a = ap.parse_args()
    from editorbot.data import find_pairs
    todo = [(p, a.cache_dir, not a.no_mels) for d in a.data for p in find_pairs(d, a.labels, strict=False)]
    t0 = time.time()
    with Pool(a.jobs) as pool:
        for k, _ in enumerate(pool.imap_unordered(_one, todo, chunksize=4)):
            if k % 100 == 0: print(f"{k}/{len(todo)} in {time.time() - t0:.0f} s", flush=True)
    print(f"{len(todo)} songs analysed or found in {time.time() - t0:.0f} s")
