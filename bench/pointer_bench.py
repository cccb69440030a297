"""Benchmarks of editorbot's PointerNetwork against the plain reference model (../shared/bench/reference_pointer.py).

    python bench/pointer_bench.py [--threads N] [--what train,generate,memory] [--device cpu] [--arch run|beat]

- train: training-step throughput (target frames/s) of the default config as a ratio of
  `reference_pointer.train_throughput(RefPointer())`, measured in the same process (T=1024, B=4 on CPU; T=2048, B=16 on CUDA),
  with the reference's random pointer targets (every frame a jump: one decoder step per frame, our worst case)
  and with edit-like targets (runs of consecutive frames with a jump every 4 bars).
  `--arch beat` measures the beat-level `BeatPointerNetwork` (the default network since 08b, default config) instead (train only;
  its decoding speed and memory are in bench/beat_bench.py).
- generate: seconds for `generate` of a 3-minute raw (15,500 frames) with the default config, forced to output 15,500 frames.
- memory: peak resident memory (each measurement in a fresh subprocess) of a forward/backward pass at T = 2048, 4096, 8192
  and of `generate` on 2.5-, 5- and 10-minute raws, to show growth is linear, not quadratic.
"""
import argparse, json, os, resource, subprocess, sys, time
from pathlib import Path
import numpy as np, torch

ROOT = Path(__file__).resolve().parents[1]
for p in (ROOT.parent / 'shared' / 'bench', ROOT / 'shared' / 'bench', Path('/work/shared/bench')):
    if (p / 'reference_pointer.py').exists(): sys.path.insert(0, str(p)); break
sys.path.insert(0, str(ROOT))
from editorbot.core import STOP_TOKEN
from editorbot.models.pointer import PointerNetwork, PointerConfig
from editorbot.models.common import make_batch, grid_tensors
from editorbot.models.beat_pointer import BeatPointerNetwork

_grids = {}
def _batch(raw, tgt, op):
    "Reference inputs -> our batch (fixed beat grid, targets ending with STOP)."
    B, T, M = raw.shape
    if T not in _grids: _grids[T] = grid_tensors(T)
    g = _grids[T]; dev = raw.device
    stop = torch.full((B, 1), STOP_TOKEN, dtype=torch.long, device=dev)
    return dict(raw_mel=raw, raw_mask=torch.ones(B, T, dtype=torch.bool, device=dev),
                raw_pos=g['raw_pos'][None].expand(B, -1, -1).to(dev), beat_index=g['beat_index'][None].expand(B, -1).to(dev),
                bar_index=g['bar_index'][None].expand(B, -1).to(dev), edit_mel=torch.cat([raw, raw[:, :1]], 1),
                pointers=torch.cat([tgt, stop], 1), ops=torch.cat([op, torch.full_like(stop, 6)], 1),
                target_mask=torch.ones(B, T + 1, dtype=torch.bool, device=dev), length=torch.full((B,), T, device=dev))

def step_random(model, raw, prev, tgt, op):
    "Our training step on the reference's own random targets (every frame is a jump)."
    return model(_batch(raw, tgt, op))['loss']

def edit_like(B, T, seed=0):
    "Edit-like pointers: runs of consecutive raw frames, a jump (cut or loop) every 4 bars (688 frames)."
    rng = np.random.default_rng(seed); out = np.zeros((B, T), np.int64)
    for b in range(B):
        t, p = 0, 0
        while t < T:
            n = min(688, T - t); p = int(np.clip(p, 0, T - n)); out[b, t:t + n] = np.arange(p, p + n); t += n; p += n + int(rng.integers(-344, 344))
    return torch.from_numpy(out)

def step_edit_like(model, raw, prev, tgt, op):
    return model(_batch(raw, edit_like(*tgt.shape).to(raw.device), op))['loss']

def bench_train(device, T, B, arch='run'):
    from reference_pointer import RefPointer, train_throughput
    torch.manual_seed(0); net = BeatPointerNetwork if arch == 'beat' else PointerNetwork
    ref = train_throughput(RefPointer(), T=T, B=B, device=device, reps=5, warm=2)
    ours_r = train_throughput(net(), T=T, B=B, device=device, step=step_random, reps=5, warm=2)
    ours_e = train_throughput(net(), T=T, B=B, device=device, step=step_edit_like, reps=5, warm=2)
    ref2 = train_throughput(RefPointer(), T=T, B=B, device=device, reps=5, warm=2)
    refm = (ref + ref2) / 2
    return dict(arch=arch, T=T, B=B, reference_fps=[round(ref), round(ref2)], ours_random_targets_fps=round(ours_r), ours_edit_like_fps=round(ours_e),
                ratio_random=round(ours_r / refm, 3), ratio_edit_like=round(ours_e / refm, 3))

def bench_generate(device, S=15500, copy_prior=False, bf16=False):
    """`generate` on an S-frame random raw, forced to S output frames. Untrained weights choose run lengths at random (many short runs);
    `copy_prior=True` biases the cut head towards full one-beat runs, the step count of a model that mostly copies (as trained edits do)."""
    torch.manual_seed(0)
    m = PointerNetwork().to(device).eval(); raw = torch.rand(S, 128, device=device)
    if copy_prior:
        with torch.no_grad(): m.cut_bias.bias[-1] = 5.0
    with torch.no_grad(), torch.autocast(torch.device(device).type, dtype=torch.bfloat16, enabled=bf16):
        t = time.perf_counter(); enc = m.encode(dict(raw_mel=raw[None])); t_enc = time.perf_counter() - t
    t = time.perf_counter(); g = m.generate(raw, max_length=S, min_length=S, seed=0, bf16=bf16); dt = time.perf_counter() - t
    return dict(S=S, copy_prior=copy_prior, bf16=bf16, seconds=round(dt, 2), encode_seconds=round(t_enc, 2), out_frames=int(g['length'][0]), decoder_steps=int(g['n_steps'][0]))

def _maxrss_mb(): return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

def mem_child(kind, n):
    "Run in a fresh process: peak RSS growth (MB) of one forward/backward at T=n (B=1) or of generate on an n-frame raw."
    torch.manual_seed(0); m = PointerNetwork()
    if kind == 'train':
        raw = torch.rand(1, n, 128); tgt = edit_like(1, n); op = torch.zeros(1, n, dtype=torch.long)
        b = _batch(raw, tgt, op); base = _maxrss_mb()
        m.train(); m(b)['loss'].backward()
    else:
        raw = torch.rand(n, 128); base = _maxrss_mb()
        m.generate(raw, max_length=n, min_length=n, seed=0)
    print(json.dumps(dict(kind=kind, n=n, peak_mb=round(_maxrss_mb() - base, 1))))

def bench_memory(threads):
    res = []
    for kind, ns in (('train', (2048, 4096, 8192)), ('generate', (12900, 25800, 51700))):
        for n in ns:
            out = subprocess.run([sys.executable, __file__, '--child', kind, str(n), '--threads', str(threads)], capture_output=True, text=True)
            res.append(json.loads(out.stdout.strip().splitlines()[-1]) if out.returncode == 0 else dict(kind=kind, n=n, error=out.stderr[-500:]))
            print(res[-1], flush=True)
    return res

if __name__ == '__main__':
    ap = argparse.ArgumentParser()
    ap.add_argument('--threads', type=int, default=0); ap.add_argument('--what', default='train,generate,memory')
    ap.add_argument('--device', default=None); ap.add_argument('--child', nargs=2, default=None)
    ap.add_argument('--arch', default='run', choices=('run', 'beat'))
    a = ap.parse_args()
    if a.threads: torch.set_num_threads(a.threads)
    if a.child: mem_child(a.child[0], int(a.child[1])); sys.exit(0)
    device = a.device or ('cuda' if torch.cuda.is_available() else 'cpu')
    T, B = (2048, 16) if device == 'cuda' else (1024, 4)
    res = dict(device=device, threads=torch.get_num_threads(), date=time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime()))
    for w in a.what.split(','):
        if w == 'train': res['train'] = bench_train(device, T, B, a.arch)
        if w == 'generate': res['generate'] = [bench_generate(device, copy_prior=cp, bf16=bf) for bf in (False, True) for cp in (False, True)]
        if w == 'memory': res['memory'] = bench_memory(torch.get_num_threads())
        print(json.dumps(res), flush=True)
