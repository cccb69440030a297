"""Evaluate `editorbot.align` (and the original design's baseline) on synthetic pairs with degraded edits,
and benchmark speed and memory. Results: bench/out/align_eval.jsonl (one line per pair) and align_eval.json (summary).

    python bench/align_eval.py --n 200 --baseline-n 50 --jobs 2     # accuracy
    python bench/align_eval.py --summarize                          # summary of the lines written so far
    python bench/align_eval.py --bench                              # 5-min raw + 3-min edit, one thread
"""
from __future__ import annotations
import argparse, json, os, sys, time
from pathlib import Path
import numpy as np

OUT = Path(__file__).resolve().parent / 'out'
N_OPS = 7

def eval_seed(args):
    seed, do_base, do_reject = args
    import torch; torch.set_num_threads(1)
    from editorbot.core import AudioConfig, segments_to_pointers, label_ops
    from editorbot.audio import resample
    from editorbot.synth import generate_pair, generate_song
    from editorbot.align import (align, baseline_align, degrade, pointer_accuracy, boundaries_from_pointers, boundary_recall,
                                 ops_confusion)
    p = generate_pair(seed); tr = p.truth; H = 256
    y, esr = degrade(p.edit, p.sr, seed=seed)
    t = time.process_time(); al = align(p.raw, y, p.sr, edit_sr=esr); dt = time.process_time() - t
    ref = tr['pointers']; xf = int(tr['crossfade'])
    def metrics(ptr, ops):
        acc, n = pointer_accuracy(ref, ptr, p.segments, hop_length=H, crossfade=xf)
        rb = [(0, int(ref[0]))] + boundaries_from_pointers(ref); eb = [(0, int(ptr[0]))] + boundaries_from_pointers(ptr)
        found, total = boundary_recall(rb, eb)
        return dict(acc=acc, n_frames=n, b_found=found, b_total=total, b_est=len(eb), conf=ops_confusion(tr['ops'], ops, N_OPS).tolist())
    r = dict(seed=seed, style=p.style, edit_sr=esr, raw_s=len(p.raw) / p.sr, edit_s=len(p.edit) / p.sr, n_segments=len(p.segments),
             ours=dict(metrics(al.pointers, al.ops), ok=al.ok, score=al.score, cpu_s=dt))
    if do_base:
        ye = resample(y, esr, p.sr)
        t = time.process_time(); b = baseline_align(p.raw, ye, p.sr); dt = time.process_time() - t
        r['baseline'] = dict(metrics(b['pointers'], b['ops']), cpu_s=dt)
    if do_reject:                                                       # the edit against another song's raw
        other = generate_song(seed + 100000)
        alr = align(other.y, y, p.sr, edit_sr=esr)
        r['wrong_song'] = dict(ok=alr.ok, score=alr.score, aligned_ratio=alr.aligned_ratio)
    return r

def summarize(lines):
    from editorbot.align import macro_f1
    out = {}
    for m in ('ours', 'baseline'):
        L = [l for l in lines if m in l]
        if not L: continue
        acc_frames = sum(l[m]['acc'] * l[m]['n_frames'] for l in L) / sum(l[m]['n_frames'] for l in L)
        C = np.sum([np.array(l[m]['conf']) for l in L], 0)
        f1, per = macro_f1(C)
        f1_nostop, _ = macro_f1(C, [k for k in range(N_OPS - 1) if C[k].sum() > 0])
        s = dict(pairs=len(L), frames_within_1=acc_frames, pairs_all_frames_ok=float(np.mean([l[m]['acc'] >= 0.995 for l in L])),
                 boundary_recall=sum(l[m]['b_found'] for l in L) / max(sum(l[m]['b_total'] for l in L), 1),
                 boundary_precision_proxy=sum(l[m]['b_total'] for l in L) / max(sum(l[m]['b_est'] for l in L), 1),
                 ops_macro_f1=f1, ops_macro_f1_without_stop=f1_nostop, ops_f1=per,
                 cpu_s_mean=float(np.mean([l[m]['cpu_s'] for l in L])), cpu_s_max=float(np.max([l[m]['cpu_s'] for l in L])))
        if m == 'ours': s.update(false_rejections=int(sum(not l[m]['ok'] for l in L)))
        out[m] = s
    B = [l for l in lines if 'baseline' in l]
    if B:   # ours on the baseline's subset, for a like-for-like comparison
        from editorbot.align import macro_f1 as mf
        C = np.sum([np.array(l['ours']['conf']) for l in B], 0)
        out['ours_on_baseline_subset'] = dict(pairs=len(B), frames_within_1=sum(l['ours']['acc'] * l['ours']['n_frames'] for l in B) / sum(l['ours']['n_frames'] for l in B),
                                              boundary_recall=sum(l['ours']['b_found'] for l in B) / max(sum(l['ours']['b_total'] for l in B), 1),
                                              ops_macro_f1=mf(C)[0])
    W = [l['wrong_song'] for l in lines if 'wrong_song' in l]
    if W: out['wrong_song'] = dict(pairs=len(W), rejected=int(sum(not w['ok'] for w in W)), max_score=float(max(w['score'] for w in W)))
    seeds = sorted(l['seed'] for l in lines); runs = []
    for x in seeds:
        if runs and x == runs[-1][1] + 1: runs[-1][1] = x
        else: runs.append([x, x])
    out['seeds'] = ', '.join(f'{a}-{b}' if b > a else f'{a}' for a, b in runs)
    out['styles'] = {s: sum(l['style'] == s for l in lines) for s in sorted({l['style'] for l in lines})}
    out['edit_sr'] = {str(s): sum(l['edit_sr'] == s for l in lines) for s in sorted({l['edit_sr'] for l in lines})}
    return out

_CHILD = r"""
import resource, sys, time, json, tracemalloc
import os
for k in ('OMP_NUM_THREADS', 'OPENBLAS_NUM_THREADS', 'MKL_NUM_THREADS'): os.environ[k] = '1'   # one core
import numpy as np
from editorbot.align import align                         # numpy only: torch is not imported
z = np.load(sys.argv[1]); raw, edit, sr = z['raw'], z['edit'], int(z['sr'])
def status(k): return int(next(l for l in open('/proc/self/status') if l.startswith(k)).split()[1]) / 1024
align(raw[:10 * sr], edit[:10 * sr], sr)                  # warm-up: imports, caches
hwm_import = status('VmHWM')
open('/proc/self/clear_refs', 'w').write('5')             # reset the peak-RSS mark (Linux)
rss0 = status('VmRSS')
times = []
for _ in range(int(sys.argv[2])):
    t = time.process_time(); w = time.time(); al = align(raw, edit, sr); times.append((time.process_time() - t, time.time() - w))
rss1 = status('VmHWM')
tracemalloc.start(); align(raw, edit, sr); peak = tracemalloc.get_traced_memory()[1]; tracemalloc.stop()
print(json.dumps(dict(torch_loaded='torch' in sys.modules, cpu_s=[round(t[0], 3) for t in times], wall_s=[round(t[1], 3) for t in times], peak_rss_during_imports_mb=hwm_import, rss_before_align_mb=rss0,
                      peak_rss_align_mb=rss1, align_rss_increase_mb=rss1 - rss0, tracemalloc_peak_mb=peak / 2 ** 20, pointers=al.pointers.tolist())))
"""

def bench(reps: int = 3):
    "5-minute raw, 3-minute edit (cuts, loops, a fade), one thread, in a fresh process: CPU seconds and peak memory of `align`."
    import subprocess
    from editorbot.core import Segment, segments_to_pointers
    from editorbot.audio import render_segments
    from editorbot.synth import generate_song
    from editorbot.align import degrade
    sr = 22050
    ys = []
    for k in range(7, 20):                                              # songs back to back until 5 minutes
        ys.append(generate_song(k).y)
        if sum(map(len, ys)) >= 300 * sr: break
    raw = np.concatenate(ys)[:300 * sr]
    rng = np.random.default_rng(0); segs = []; e = 0
    while e < 180 * sr:
        L = int(min(rng.uniform(4, 20) * sr, 180 * sr - e)); r = int(rng.uniform(0, len(raw) - L)); segs.append(Segment(e, r, L)); e += L
    segs[-1].fade_out = 3 * sr
    edit, _ = degrade(render_segments(raw, segs), sr, seed=0, new_sr=0)
    ptr = segments_to_pointers(segs, len(edit))[0]
    res = dict(raw_s=len(raw) / sr, edit_s=len(edit) / sr, n_segments=len(segs))
    for tag, r_ in (('', raw), ('raw_10min_', np.concatenate([raw, raw[::-1]]))):
        f = OUT / 'bench_pair.npz'; np.savez(f, raw=r_, edit=edit, sr=sr)
        out = subprocess.run([sys.executable, '-c', _CHILD, str(f), str(reps if not tag else 1)], capture_output=True, text=True)
        if out.returncode: raise RuntimeError(out.stderr[-2000:])
        d = json.loads(out.stdout.strip().splitlines()[-1]); p = np.array(d.pop('pointers'))
        if not tag: d['exact'] = float((p == ptr).mean())
        res.update({tag + k: v for k, v in d.items()})
        f.unlink()
    res['cpu_s_min'] = min(res['cpu_s'])
    return res

if __name__ == '__main__':
    ap = argparse.ArgumentParser()
    ap.add_argument('--n', type=int, default=200); ap.add_argument('--start', type=int, default=0)
    ap.add_argument('--baseline-n', type=int, default=50); ap.add_argument('--reject-n', type=int, default=20)
    ap.add_argument('--jobs', type=int, default=2); ap.add_argument('--summarize', action='store_true'); ap.add_argument('--bench', action='store_true')
    a = ap.parse_args()
    OUT.mkdir(parents=True, exist_ok=True)
    if a.bench:
        r = bench(); (OUT / 'align_bench.json').write_text(json.dumps(r, indent=1)); print(json.dumps(r, indent=1)); sys.exit()
    jl = OUT / 'align_eval.jsonl'
    if not a.summarize:
        done = set()
        if jl.exists(): done = {json.loads(l)['seed'] for l in jl.read_text().splitlines() if l.strip()}
        todo = [(s, s < a.baseline_n, s < a.reject_n) for s in range(a.start, a.n) if s not in done]
        import multiprocessing as mp
        from tqdm import tqdm
        with mp.get_context('spawn').Pool(a.jobs) as pool, open(jl, 'a') as f:
            for r in tqdm(pool.imap_unordered(eval_seed, todo), total=len(todo)):
                f.write(json.dumps(r) + '\n'); f.flush()
    lines = [json.loads(l) for l in jl.read_text().splitlines() if l.strip()]
    lines = list({l['seed']: l for l in lines if a.start <= l['seed'] < a.n}.values())   # one line per seed
    s = summarize(lines); (OUT / 'align_eval.json').write_text(json.dumps(s, indent=1)); print(json.dumps(s, indent=1))
