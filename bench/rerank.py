"""Choosing among candidate edits: the greedy edit against a pick from sampled ones, by the play plan, by agreement, or by a learned score.

The greedy edit under-cuts (`09a`), and the network's samples hold better edits: the best of the greedy edit and 8 samples
at temperature 0.5 has a far higher cut-point F1 than the greedy one. This script measures how well a rule finds it.

`dump`: decode every song of a split free-running with its own edit's latent (as `editorbot_eval`): the greedy edit and
`--samples` sampled edits at `--temperature`, and store per candidate its score against the true edit (cut-point F1 at
+-1 beat, length error, raw IoU) and the features a rule may use (all from the network and the raw, none from the truth):
- `plan`: log-likelihood of the candidate's plays of every raw beat (`beat_plays`) under the network's play plan;
- `lp`, `lp_mean`: sum and mean log-probability of its decisions (the greedy or sampled choice at every beat line, and the stop);
- `mbr`: mean cut-point F1 it gets if each other candidate were the truth (minimum Bayes risk);
- `len_dev`: |its length - the length head's prediction| in beats; `n_cuts`; `greedy`.

`fit`: rules that pick one candidate per song, scored over songs (mean cut-point F1, median length error, IoU), with a paired
bootstrap against the greedy edit: `greedy`, `plan`, `lp`, `mbr`, the hindsight `oracle`, and `learned`, a linear score of the
within-song centred features fitted on `--train` dumps (RankNet: logistic loss on candidate pairs ordered by cut-point F1).

    python bench/rerank.py dump --checkpoint models/beat_mini_snap32/best.pt --split valid --out bench/out/rerank_valid.json
    python bench/rerank.py fit --train bench/out/rerank_valid.json --test bench/out/rerank_heldout_short.json [--picks bench/out/picks]
"""
import argparse, json, sys, time
from pathlib import Path
import numpy as np, torch
from editorbot.edit import decision_score
from editorbot.evaluate import _collate, beat_frames, cut_points, cut_set_scores, free_running_scores, item_style, load_items
from editorbot.models.beat_pointer import beat_plays
from editorbot.models.pointer import load_pointer_network
from paired_bootstrap import paired_bootstrap

FEATURES = ('plan', 'lp', 'lp_mean', 'mbr', 'len_dev', 'n_cuts', 'greedy')

@torch.no_grad()
def candidates(model, item: dict, z, n_samples: int, temperature: float, seed: int = 0) -> list[dict]:
    "The greedy edit and `n_samples` sampled ones of an item's raw: dicts `pointers` (T,), `lp_mean` (`decision_score`) and `n_decisions`."
    t = lambda k, dt=None: torch.as_tensor(np.asarray(item[k]), dtype=dt)[None]
    kw = dict(raw_pos=t('raw_pos', torch.float32), beat_index=t('beat_index', torch.long), bar_index=t('bar_index', torch.long), z=z,
              max_length=2 * len(item['raw_mel']), **({'raw_chroma': t('raw_chroma', torch.float32)} if 'raw_chroma' in item else {}))
    out = []
    for k in range(n_samples + 1):
        g = model.generate(t('raw_mel', torch.float32), greedy=k == 0, temperature=temperature, seed=seed + k, **kw)
        out.append(dict(pointers=g['pointers'][0, :int(g['length'][0])].cpu().numpy(), lp_mean=decision_score(g), n_decisions=len(g['runs'][0]) + 1))
    return out

def agreement(cuts: list, beat: float) -> np.ndarray:
    "(K,) mean cut-point F1 of every candidate's cut points against each other candidate's."
    K = len(cuts); U = np.zeros((K, K))
    for i in range(K):
        for j in range(K):
            if i != j: U[i, j] = cut_set_scores(cuts[j], cuts[i], beat)['cut_f1']
    return U.sum(1) / max(K - 1, 1)

@torch.no_grad()
def song_rows(model, item: dict, n_samples: int, temperature: float) -> dict:
    "One song's candidates: their features and their scores against the true edit."
    ref = np.asarray(item['pointers'][:int(item['length'])]); S = len(item['raw_mel']); beat = beat_frames(item)
    batch = _collate([item]); z = model.encode_style(batch)
    cands = candidates(model, item, z, n_samples, temperature)
    enc = model.encode(batch)
    L = float(torch.expm1(model.predict_length(enc, z))[0])
    enc = model.plan(enc, z); lp = enc['plan_logits'][0].float().log_softmax(-1).numpy()
    bi = enc['beat_index'][0, :int(enc['n_valid'][0])].numpy()
    cuts = [cut_points(c['pointers'], S) for c in cands]; mbr = agreement(cuts, beat)
    rows = []
    for k, c in enumerate(cands):
        pl = beat_plays(c['pointers'], bi, model.cfg.max_plays)
        f = dict(plan=float(lp[np.arange(len(pl)), pl].sum()), lp=c['lp_mean'] * c['n_decisions'], lp_mean=c['lp_mean'], mbr=float(mbr[k]),
                 len_dev=abs(len(c['pointers']) - L) / beat, n_cuts=float(len(cuts[k])), greedy=float(k == 0))
        rows.append(dict(features=f, **{k_: float(v) for k_, v in free_running_scores(ref, c['pointers'], S, beat).items()}))
    return dict(name=item.get('name'), style=item_style(item), candidates=rows)

def dump(a):
    torch.set_num_threads(a.threads)
    model = load_pointer_network(a.checkpoint).eval()
    items = load_items(a.pointer_dir, a.cache_dir, a.split, tuple(float(x) for x in a.fractions.split(',')), 0, progress=False,
                       chroma=bool(getattr(model.cfg, 'use_chroma', False)))
    i, n = (int(x) for x in a.shard.split('/'))
    items = items[i::n]; t0 = time.time(); songs = []
    for k, it in enumerate(items):
        songs.append(song_rows(model, it, a.samples, a.temperature))
        if k % 20 == 0: print(f"{k}/{len(items)} songs, {time.time() - t0:.0f} s", file=sys.stderr, flush=True)
    meta = dict(checkpoint=a.checkpoint, split=a.split, pointer_dir=a.pointer_dir, samples=a.samples, temperature=a.temperature, seconds=time.time() - t0)
    tmp = Path(a.out).with_suffix('.tmp'); tmp.write_text(json.dumps(dict(meta=meta, songs=songs))); tmp.replace(a.out)
    print(f"{len(songs)} songs in {time.time() - t0:.0f} s -> {a.out}")

def load(paths: str) -> list:
    return [s for p in paths.split(',') for s in json.loads(Path(p).read_text())['songs']]

def centred(song) -> np.ndarray:
    "(K, F) features of a song's candidates, centred within the song (rules compare candidates of one song only)."
    X = np.array([[c['features'][f] for f in FEATURES] for c in song['candidates']], dtype=np.float64)
    return X - X.mean(0)

def fit_ranknet(songs, l2: float = 1e-2, steps: int = 500) -> tuple:
    "Weights w (F,) and feature scales of a linear score, fitted by logistic loss on candidate pairs of a song ordered by cut-point F1."
    Xs = [centred(s) for s in songs]; sc = np.concatenate(Xs).std(0) + 1e-9
    D, Y = [], []
    for X, s in zip(Xs, songs):
        f1 = np.array([c['cut_f1'] for c in s['candidates']])
        for i in range(len(f1)):
            for j in range(len(f1)):
                if f1[i] > f1[j] + 1e-9: D.append((X[i] - X[j]) / sc); Y.append(f1[i] - f1[j])
    D, Y = torch.tensor(np.array(D)), torch.tensor(np.array(Y))
    w = torch.zeros(D.shape[1], dtype=torch.float64, requires_grad=True); opt = torch.optim.LBFGS([w], max_iter=steps)
    def closure():
        opt.zero_grad(); loss = (Y * torch.nn.functional.softplus(-(D @ w))).mean() + l2 * (w ** 2).sum(); loss.backward(); return loss
    opt.step(closure)
    return w.detach().numpy(), sc

def picks(songs, rule: str, w=None, sc=None) -> list:
    "The candidate each song's rule hands in."
    out = []
    for s in songs:
        C = s['candidates']; F = {f: np.array([c['features'][f] for c in C]) for f in FEATURES}
        if rule == 'greedy': k = 0
        elif rule == 'oracle': k = int(np.argmax([c['cut_f1'] for c in C]))
        elif rule == 'learned': k = int(np.argmax(centred(s) / sc @ w))
        else: k = int(np.argmax(F[rule]))
        out.append(C[k])
    return out

def summary(rows) -> str:
    m = lambda k: np.mean([r[k] for r in rows])
    return f"{m('cut_f1'):.3f} | {m('cut_precision'):.3f} | {m('cut_recall'):.3f} | {np.median([r['length_error_beats'] for r in rows]):.1f} | {m('iou'):.3f}"

def bootstrap(a, b, n: int = 2000) -> str:
    "Mean paired difference b - a with its 95% bootstrap interval over songs (`paired_bootstrap.py`)."
    return '{:+.3f} [{:+.3f}, {:+.3f}]'.format(*paired_bootstrap(np.asarray(b) - np.asarray(a), n))

def fit(a):
    train, test = load(a.train), load(a.test)
    w, sc = fit_ranknet(train)
    print(f"learned score, fitted on {len(train)} songs ({a.train}): " + ', '.join(f"{f} {v:+.2f}" for f, v in zip(FEATURES, w)) + '\n')
    print(f"{a.test}: {len(test)} songs, {len(test[0]['candidates'])} candidates each\n")
    styles = sorted({s['style'] for s in test})
    print('| rule | cut F1 | precision | recall | median length error (beats) | IoU | greedy kept | against greedy (cut F1, 95% interval) | ' + ' | '.join(styles) + ' |')
    print('|---' * (8 + len(styles)) + '|')
    base = [r['cut_f1'] for r in picks(test, 'greedy')]
    for rule in ('greedy', 'plan', 'lp', 'lp_mean', 'mbr', 'learned', 'oracle'):
        rows = picks(test, rule, w, sc)
        kept = np.mean([r['features']['greedy'] == 1 for r in rows])
        per = ' | '.join(f"{np.mean([r['cut_f1'] for r, s in zip(rows, test) if s['style'] == st]):.3f}" for st in styles)
        if a.picks:   # per-song rows as `editorbot_eval --out` writes them, for `bench/by_artefact.py`
            keep = ('cut_f1', 'cut_precision', 'cut_recall', 'length_error_beats', 'iou')
            Path(f'{a.picks}_{rule}.json').write_text(json.dumps(dict(songs=[dict(name=t['name'], style=t['style'], **{k: r[k] for k in keep}) for r, t in zip(rows, test)])))
        print(f"| {rule} | {summary(rows)} | {kept:.0%} | {bootstrap(base, [r['cut_f1'] for r in rows]) if rule != 'greedy' else ''} | {per} |")

if __name__ == '__main__':
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0]); sub = ap.add_subparsers(dest='cmd', required=True)
    d = sub.add_parser('dump'); d.add_argument('--checkpoint', required=True); d.add_argument('--out', required=True)
    d.add_argument('--cache-dir', default='bench/out/cache'); d.add_argument('--pointer-dir', default='bench/out/synth/truth')
    d.add_argument('--fractions', default='0.78,0.07,0.15'); d.add_argument('--split', default='valid')
    d.add_argument('--samples', type=int, default=8); d.add_argument('--temperature', type=float, default=0.5)
    d.add_argument('--shard', default='0/1', help='I/N: every N-th song from the I-th (to run N processes)'); d.add_argument('--threads', type=int, default=1)
    f = sub.add_parser('fit'); f.add_argument('--train', required=True, help='dumps (comma-separated) to fit the learned score on')
    f.add_argument('--test', required=True, help='dumps (comma-separated) to score the rules on')
    f.add_argument('--picks', default=None, help="write each rule's picks on the test dumps to PICKS_RULE.json (per-song rows for bench/by_artefact.py)")
    a = ap.parse_args()
    dump(a) if a.cmd == 'dump' else fit(a)
