"""Held-out figures of an `editorbot_eval` JSON on real-recording pairs (`editorbot_corpus`): per style, and whether each edit removed the artefacts.

Per style: songs, cut-point F1 (+-1 beat), median length error (beats), raw-frame IoU, against copy-raw and trim. Per artefact kind of
the raw takes (false start, count-in, mistake, ...): the share of songs whose free-running edit left it out, i.e. played at most
`--max-played` of its frames (or at most one beat of it). The perfect listener who knows the style and hears the recording's form
scores 1.0 on these pairs by construction (`05a_corpus`: the styles are rules over the analysed form with no random parameters).

    python bench/real_eval.py models/real_mini/eval_heldout.json --truth corpus/heldout/truth [--json out.json]
"""
import argparse, json
from collections import defaultdict
from pathlib import Path
import numpy as np

HOP, SR = 256, 22050

def played_share(runs, start_s: float, end_s: float, beat_frames: float) -> tuple[float, int]:
    "Share of the raw frames of [start_s, end_s) that the edit (`runs` of [raw_start, n]) plays at least once, and how many frames."
    a, b = int(round(start_s * SR / HOP)), int(round(end_s * SR / HOP))
    if b <= a: return 0.0, 0
    hit = np.zeros(b - a, bool)
    for r0, n in runs:
        if r0 < 0: continue
        lo, hi = max(r0, a), min(r0 + n, b)
        if hi > lo: hit[lo - a:hi - a] = True
    return float(hit.mean()), int(hit.sum())

def summarise(ev: dict, truth_dir: Path, max_played: float = 0.1) -> dict:
    "Per-style free-running figures and per-artefact removal rates of the songs of an eval JSON."
    songs = [s for s in ev['songs'] if 'runs' in s]
    if not songs: raise SystemExit("the eval JSON holds no free-running edits with runs (evaluate with a current editorbot_eval)")
    by_style, removed = defaultdict(list), defaultdict(list)
    for s in songs:
        tr = json.loads((truth_dir / f"{s['name']}.json").read_text())
        by_style[s['style']].append(s)
        beat = 60.0 / tr['bpm'] * SR / HOP
        for a in tr['artefacts']:
            if a['kind'] in ('lead_noise', 'trail_noise', 'retake'): continue
            share, n = played_share(s['runs'], a['start'], a['end'], beat)
            removed[a['kind']].append(share <= max_played or n <= beat)
    agg = lambda rows, k: float(np.nanmean([r[k] for r in rows]))
    med = lambda rows, k: float(np.nanmedian([r[k] for r in rows]))
    styles = {st: dict(n=len(rows), cut_f1=agg(rows, 'cut_f1'), copy_cut_f1=agg(rows, 'copy_cut_f1'), trim_cut_f1=agg(rows, 'trim_cut_f1'),
                       length_error_beats=med(rows, 'length_error_beats'), within_1_beat=float(np.mean([r['length_error_beats'] <= 1 for r in rows])),
                       iou=agg(rows, 'iou'), copy_iou=agg(rows, 'copy_iou'))
              for st, rows in sorted(by_style.items())}
    styles['overall'] = dict(n=len(songs), cut_f1=agg(songs, 'cut_f1'), copy_cut_f1=agg(songs, 'copy_cut_f1'), trim_cut_f1=agg(songs, 'trim_cut_f1'),
                             length_error_beats=med(songs, 'length_error_beats'), within_1_beat=float(np.mean([r['length_error_beats'] <= 1 for r in songs])),
                             iou=agg(songs, 'iou'), copy_iou=agg(songs, 'copy_iou'))
    return dict(styles=styles, removed={k: dict(n=len(v), share=float(np.mean(v))) for k, v in sorted(removed.items())},
                style=ev.get('style'), length_given=ev.get('length_given'))

def table(r: dict) -> str:
    rows = ["| style | songs | cut-point F1 | copy-raw | trim | median length error (beats) | within 1 beat | raw IoU | copy-raw IoU |", "|---|---|---|---|---|---|---|---|---|"]
    for st, d in r['styles'].items():
        rows.append(f"| {st} | {d['n']} | {d['cut_f1']:.3f} | {d['copy_cut_f1']:.3f} | {d['trim_cut_f1']:.3f} | {d['length_error_beats']:.1f} | {d['within_1_beat']:.0%} | {d['iou']:.3f} | {d['copy_iou']:.3f} |")
    rows += ["", "| artefact | songs with it | left out of the edit |", "|---|---|---|"]
    rows += [f"| {k} | {d['n']} | {d['share']:.0%} |" for k, d in r['removed'].items()]
    return '\n'.join(rows)

if __name__ == '__main__':
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument('eval'); ap.add_argument('--truth', required=True); ap.add_argument('--json', default='')
    ap.add_argument('--max-played', type=float, default=0.1, help='an artefact counts as left out when the edit plays at most this share of it (or one beat)')
    a = ap.parse_args()
    r = summarise(json.loads(Path(a.eval).read_text()), Path(a.truth), a.max_played)
    print(f"{a.eval}: style latent {r['style']!r}{', true length given' if r['length_given'] else ''}\n")
    print(table(r))
    if a.json: Path(a.json).write_text(json.dumps(r, indent=1))
