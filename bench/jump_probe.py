"""Where does the beat network know to cut? Its teacher-forced probability of continuing the raw, at the steps where the true
edit jumps (inside the edit: not its first step, not the stop) against the steps where it continues.

Per style: how many inner jumps, the median P(continue) at them, the share below 0.6 and 0.9 (at jumps, and at continues: the
false alarms a threshold there would make), and where the true jumps rank among the song's steps by P(continue) (0: the least
sure step of the song). A network that knows where to cut gives the jumps low P(continue) and ranks them first.

    python bench/jump_probe.py pretrained --pointer-dir corpus/heldout5/truth --cache-dir corpus/cache [--max-songs 60] [--json out.json]
"""
import argparse, collections, json, time
from pathlib import Path
import numpy as np
import torch
from editorbot.evaluate import load_items, item_style, _collate
from editorbot.models.registry import load_model, preset_latent

def probe(m, items):
    "Per style: P(continue) at inner jumps (`jump`) and at continues (`cont`), and the jumps' ranks in their song (`rank`)."
    out = collections.defaultdict(lambda: dict(jump=[], cont=[], rank=[]))
    with torch.no_grad():
        for it in items:
            st = item_style(it)
            z = preset_latent(m, st) if st in (m.style_presets or {}) else None                  # style by name (else the true edit's latent)
            r = m.teacher_forced(_collate([it]), z=z)[0]
            has = r['step_cont'] >= 0                                                          # steps with a beat to continue to
            pc = r['step_p_cont']
            jump = r['step_jump'] & has
            jump[0] = jump[-1] = False                                                        # the start and the stop are not inner cuts
            d = out[st]
            d['jump'] += pc[jump].tolist(); d['cont'] += pc[~jump & has].tolist()
            if jump.any():
                rank = np.empty(has.sum(), np.int64); rank[np.argsort(pc[has], kind='stable')] = np.arange(has.sum())
                d['rank'] += rank[jump[has]].tolist()
    return out

def summary(d):
    j, k, r = np.asarray(d['jump']), np.asarray(d['cont']), np.asarray(d['rank'])
    f = lambda x: round(float(x), 3)
    return dict(inner_jumps=len(j), continues=len(k), p_cont_at_jumps_median=f(np.median(j)) if len(j) else None,
                jumps_below_06=f((j < 0.6).mean()) if len(j) else None, jumps_below_09=f((j < 0.9).mean()) if len(j) else None,
                continues_below_06=f((k < 0.6).mean()) if len(k) else None, continues_below_09=f((k < 0.9).mean()) if len(k) else None,
                jump_rank_median=f(np.median(r)) if len(r) else None)

if __name__ == '__main__':
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument('checkpoint'); ap.add_argument('--pointer-dir', required=True); ap.add_argument('--cache-dir', required=True)
    ap.add_argument('--max-songs', type=int, default=0); ap.add_argument('--json', default='')
    a = ap.parse_args()
    torch.set_num_threads(1); t0 = time.time()
    m = load_model(a.checkpoint); m.eval()
    if not hasattr(m, 'plan'): raise SystemExit(f"error: {a.checkpoint}: not a beat-level network (the probe reads its continue-or-jump steps)")
    items = load_items(a.pointer_dir, a.cache_dir, 'test', (0, 0, 1), progress=False, max_songs=a.max_songs)
    res = probe(m, items)
    rows = {st: summary(d) for st, d in sorted(res.items())}
    rows['all'] = summary({k: sum((d[k] for d in res.values()), []) for k in ('jump', 'cont', 'rank')})
    print(f"{a.checkpoint}: {len(items)} songs, teacher-forced, each in its own style by name ({time.time() - t0:.0f} s)\n")
    print('| style | inner jumps | median P(continue) at jumps | jumps < 0.6 | jumps < 0.9 | continues < 0.6 | continues < 0.9 | median rank of a jump |')
    print('|---|---|---|---|---|---|---|---|')
    for st, r in rows.items():
        print(f"| {st} | {r['inner_jumps']} | {r['p_cont_at_jumps_median']} | {r['jumps_below_06']} | {r['jumps_below_09']} | {r['continues_below_06']} | {r['continues_below_09']} | {r['jump_rank_median']} |")
    if a.json: Path(a.json).write_text(json.dumps(dict(checkpoint=a.checkpoint, songs=len(items), styles=rows), indent=1))
