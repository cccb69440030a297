"""Teacher-forced stops by where the true edit ends inside its raw beat.

For each song of a split: the fraction of its beat at which the true edit's last raw frame ends (0: just past a beat line,
1: on the next one; songs whose edit runs to the raw's end apart), and whether the network's first teacher-forced stop is the
true stop step (the steps of the checkpoint's own `end_slack` rule). Mid-beat ends are where rounding to the nearest beat line
made the stop a coin toss. Style latent: the song's own edit's.

    python bench/stop_by_end.py --checkpoint models/beat_mini_snap32/best.pt [--split valid]
"""
import numpy as np, torch
from editorbot.evaluate import _collate
from probe_common import probe_parser, load_probe
from editorbot.models.beat_pointer import beat_starts

if __name__ == '__main__':
    a = probe_parser(__doc__).parse_args(); model, items = load_probe(a, beat_only=True)
    rows = []
    for it in items:
        o = model.teacher_forced(_collate([it]))[0]
        ref = np.asarray(it['pointers']); ref = ref[ref >= 0]; n_raw = len(it['raw_mel']); bi = np.asarray(it['beat_index'])[:n_raw]
        e = int(ref[-1]) + 1; st = np.r_[beat_starts(bi), n_raw]
        frac = -1.0 if e >= n_raw else (e - st[bi[e - 1]]) / max(st[bi[e - 1] + 1] - st[bi[e - 1]], 1)
        ps, rs = np.flatnonzero(o['stop']), np.flatnonzero(o['ref_stop'])
        rows.append((frac, bool(len(ps) and len(rs) and ps[0] == rs[0]), int(ps[0] - rs[0]) if len(ps) and len(rs) else None))
    fr = np.array([r[0] for r in rows]); ok = np.array([r[1] for r in rows])
    print(f"{len(items)} {a.split} songs; {a.checkpoint} (end_slack {getattr(model.cfg, 'end_slack', -1)})\n\n"
          "| edit ends at (fraction of its beat) | songs | first stop at the true step | wrong stops: steps off (none: no stop) |\n|---|---|---|---|")
    for lo, hi, name in ((-2, 0, "the raw's end"), (0, .15, '0-0.15'), (.15, .35, '0.15-0.35'), (.35, .65, '0.35-0.65'), (.65, .85, '0.65-0.85'), (.85, 1.01, '0.85-1')):
        m = (fr >= lo) & (fr < hi)
        offs = ', '.join('none' if r[2] is None else f'{r[2]:+d}' for r, mm in zip(rows, m) if mm and not r[1])
        print(f"| {name} | {int(m.sum())} | {ok[m].mean() if m.any() else float('nan'):.2f} | {offs} |")
    print(f"| all | {len(rows)} | {ok.mean():.2f} | |")
