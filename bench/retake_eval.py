"""Recall, placement and false alarms of `retakes.find_retakes` on real-recording pairs (`editorbot_corpus`), against the truth files.

Per raw with a botched take (the truth's 'mistake', and its 'retake' when the phrase was played again): found when a span lies
within half a bar of the truth span [mistake start, retake end] at both ends; left out when at least 90% of the mistake lies
inside the spans. Per raw: a false alarm when a span overlaps no botched take (that span's music is lost from the edit). Bar
lines come from our beat analysis of the raw (`editorbot_edit`'s), cached in `--cache-dir` as the data pipeline caches them.

    python bench/retake_eval.py corpus/heldout5 --cache-dir corpus/cache [--every 8] [--json out.json]
"""
import argparse, json, time
from pathlib import Path
import numpy as np
from editorbot.core import AudioConfig
from editorbot.audio import load_audio
from editorbot.data import find_pairs, MelCache, _analysis_beats
from editorbot.retakes import find_retakes

def truth_spans(truth: dict) -> tuple:
    "The truth's botched take `(mistake start, retake end)` and the mistake `(start, end)` in seconds, or `(None, None)`."
    art = {a['kind']: (a['start'], a['end']) for a in truth['artefacts']}
    if 'mistake' not in art: return None, None
    m = art['mistake']
    return (m[0], art['retake'][1] if 'retake' in art else m[1]), m

def score_raw(spans, truth: dict, bar: float) -> dict:
    "Found / left out / false alarm of one raw's `Retake`s against its truth (seconds; `bar` the bar length in seconds)."
    span, mis = truth_spans(truth)
    false = [s for s in spans if span is None or not (s.start < span[1] and s.end > span[0])]
    out = dict(has=span is not None, false=len(false), false_s=float(sum(s.end - s.start for s in false)))
    if span is not None:
        out['found'] = any(abs(s.start - span[0]) <= bar / 2 and abs(s.end - span[1]) <= bar / 2 for s in spans)
        inside = sum(max(0.0, min(s.end, mis[1]) - max(s.start, mis[0])) for s in spans)
        out['left_out'] = inside >= 0.9 * (mis[1] - mis[0])
    return out

def summary(rows: list, has: str = 'botched') -> dict:
    "Totals of per-raw rows (`score_raw`'s, with `seconds`); `has` names the count of raws with the artefact (also `bench/jam_eval.py`'s)."
    b = [r for r in rows if r['has']]
    t = np.array([r['seconds'] for r in rows])
    return {'raws': len(rows), has: len(b)} | dict( found=int(sum(r['found'] for r in b)), left_out=int(sum(r['left_out'] for r in b)),
                false_raws=int(sum(r['false'] > 0 for r in rows)), false_spans=int(sum(r['false'] for r in rows)),
                false_seconds=float(sum(r['false_s'] for r in rows)), seconds_median=float(np.median(t)), seconds_max=float(t.max()))

def corpus_rows(data: str, cache_dir: str, find, score, every: int = 1) -> list:
    "Per real raw of a corpus (every `every`-th): `find(y, sr, downbeat_times)`'s spans, its seconds, and `score(spans, truth, bar)`."
    cfg = AudioConfig(); cache = MelCache(cache_dir, cfg)
    pairs = []
    for p in find_pairs(data, labels='truth', strict=False):
        t = json.loads(Path(p.truth_json).read_text())
        if t.get('generator') == 'editorbot.corpus': pairs.append((p, t))   # real recordings only (synthetic takes have no retakes)
    pairs = pairs[::every]
    if not pairs: raise SystemExit(f"error: {data}: no real-recording pairs (editorbot_corpus) with truth files")
    rows = []
    for p, t in pairs:
        _, db, _ = _analysis_beats(p, cfg, cache)
        y, sr = load_audio(p.raw, cfg.sr)
        t0 = time.perf_counter(); spans = find(y, sr, db); dt = time.perf_counter() - t0
        bar = float(np.median(np.diff(db))) if len(db) > 1 else 2.0
        rows.append(dict(name=p.name, seconds=dt, spans=[(s.start, s.end, s.kind) for s in spans], **score(spans, t, bar)))
    return rows

if __name__ == '__main__':
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument('data', help='corpus folder (input/, truth/) made by editorbot_corpus')
    ap.add_argument('--cache-dir', required=True, help='the data cache (beat analyses are read from and written to it)')
    ap.add_argument('--every', type=int, default=1, help='every n-th real raw only')
    ap.add_argument('--json', help='write the per-raw rows and the summary here')
    a = ap.parse_args()
    rows = corpus_rows(a.data, a.cache_dir, find_retakes, score_raw, a.every)
    s = summary(rows)
    print(f"| raws | botched takes found | mistake left out | raws with a span over music | seconds per raw (median, most) |\n|---|---|---|---|---|\n"
          f"| {s['raws']} ({s['botched']} botched) | {s['found']} of {s['botched']} ({s['found'] / max(s['botched'], 1):.0%}) | "
          f"{s['left_out']} ({s['left_out'] / max(s['botched'], 1):.0%}) | {s['false_raws']} of {s['raws']} ({s['false_seconds']:.0f} s) | "
          f"{s['seconds_median']:.2f}, {s['seconds_max']:.2f} |")
    if a.json: Path(a.json).write_text(json.dumps(dict(summary=s, rows=rows), indent=1, default=lambda o: o.item() if hasattr(o, "item") else str(o)))
