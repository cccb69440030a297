"""Length-bucketed vs plainly shuffled training batches on songs of mixed length, same process, same data, same network.

Exact: the padded frames per epoch (raw + edit frames a batch holds beyond its songs' own) of both orders, for every epoch of a run.
Timed: training steps (forward + backward + AdamW) of the mini beat network on the batches of one epoch's order, drawn alternately
from both orders (batch k of one, then batch k of the other), so a noisy machine slows both alike.

    python bench/bucket_bench.py [DATA/pointer_sequences] [CACHE] [N_BATCHES]
Defaults: bench/out/mix/pointer_sequences (1000 short + 200 full-length synthetic pairs, see bench/mix_data.py), bench/out/cache, 24.
"""
import sys, time
import numpy as np, torch
from editorbot.train import data_loaders, model_config, EpochSampler
from editorbot.models.registry import build_model

torch.set_num_threads(2)
pdir = sys.argv[1] if len(sys.argv) > 1 else 'bench/out/mix/pointer_sequences'
cache = sys.argv[2] if len(sys.argv) > 2 else 'bench/out/cache'
n_batches = int(sys.argv[3]) if len(sys.argv) > 3 else 24
bs, epochs = 8, 16

dl = data_loaders(pdir, cache, bs, fractions=(0.78, 0.07, 0.15), splits=('train',), progress=False)['train']
ds = dl.dataset; lens = ds.lengths
print(f"{len(ds)} training songs, {lens.min()} to {lens.max()} raw + edit frames (median {int(np.median(lens))})")

def padding(order):
    "Padded frames and held frames (songs' own + padding) of the batches of one order."
    b = [lens[order[j:j + bs]] for j in range(0, len(order), bs)]
    return sum(int(x.max() * len(x) - x.sum()) for x in b), sum(int(x.max() * len(x)) for x in b)

plain, buck = EpochSampler(len(ds), 0), EpochSampler(len(ds), 0, lengths=lens, batch_size=bs, bucket=50)
pp, pb = [], []
for e in range(epochs):
    plain.set_epoch(e); buck.set_epoch(e)
    pp.append(padding(list(plain))); pb.append(padding(list(buck)))
own = int(lens.sum())
print(f"per epoch, frames held in batches (songs' own frames {own}): plain {np.mean([h for _, h in pp]):.0f} "
      f"({np.mean([p for p, _ in pp]) / own:.0%} padding), bucketed {np.mean([h for _, h in pb]):.0f} ({np.mean([p for p, _ in pb]) / own:.0%} padding); "
      f"ratio {np.mean([h for _, h in pp]) / np.mean([h for _, h in pb]):.2f}x over {epochs} epochs")

plain.set_epoch(0); buck.set_epoch(0)
orders = dict(plain=list(plain), bucketed=list(buck))
nb = len(ds) // bs
picks = np.random.default_rng(0).choice(nb, size=min(n_batches, nb), replace=False)   # the same batch positions of either order
torch.manual_seed(0)
nets = {k: build_model(model_config('mini')).train() for k in orders}
opts = {k: torch.optim.AdamW(m.parameters(), 1e-3) for k, m in nets.items()}
ts = {k: [] for k in orders}
for j in picks:
    for k, o in orders.items():
        batch = dl.collate_fn([ds[i] for i in o[j * bs:(j + 1) * bs]])
        t = time.perf_counter()
        out = nets[k](batch); opts[k].zero_grad(); out['loss'].backward(); opts[k].step()
        ts[k].append(time.perf_counter() - t)
mean = {k: float(np.mean(v)) for k, v in ts.items()}
print(f"training step (mini beat network, 2 threads), mean over the same {len(picks)} batch positions: plain {mean['plain']:.2f} s, bucketed {mean['bucketed']:.2f} s; "
      f"ratio {mean['plain'] / mean['bucketed']:.2f}x; estimated epoch ({nb} batches): plain {nb * mean['plain'] / 60:.1f} min, bucketed {nb * mean['bucketed'] / 60:.1f} min")
