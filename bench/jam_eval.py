"""Recall, placement and false alarms of `retakes.find_jams` on real-recording pairs (`editorbot_corpus`), and its false alarms on finished recordings.

Per raw with a jam (the truth's 'jam'): found when a span lies within half a bar of the jam at both ends; left out when at least
90% of the jam lies inside the spans. A span that overlaps no jam is a false alarm: that span's music is lost from the edit. Bar
lines come from our beat analysis (`editorbot_edit`'s), cached in `--cache-dir`. With `--finished`, the folder holds finished
recordings (`scripts/fetch_music.sh`'s packages, the first 240 s of each): every span found there is a false alarm.

    python bench/jam_eval.py corpus/heldout5 --cache-dir corpus/cache [--json out.json]
    python bench/jam_eval.py real_music --finished --folders wesnoth-1.16-music,supertux-data --cache-dir corpus/cache
"""
import argparse, json, time
from pathlib import Path
import numpy as np
from editorbot.core import AudioConfig
from editorbot.audio import load_audio, audio_files
from editorbot.retakes import find_jams
from retake_eval import summary, corpus_rows   # bench/ is on the path when this runs as a script

def score_raw(spans, truth: dict, bar: float) -> dict:
    "Found / left out / false alarms of one raw's jam spans against its truth (seconds; `bar` the bar length in seconds)."
    jams = [(a['start'], a['end']) for a in truth['artefacts'] if a['kind'] == 'jam']
    false = [s for s in spans if not any(s.start < j[1] and s.end > j[0] for j in jams)]
    out = dict(has=bool(jams), false=len(false), false_s=float(sum(s.end - s.start for s in false)))
    if jams:
        j = jams[0]
        out['found'] = any(abs(s.start - j[0]) <= bar / 2 and abs(s.end - j[1]) <= bar / 2 for s in spans)
        out['left_out'] = sum(max(0.0, min(s.end, j[1]) - max(s.start, j[0])) for s in spans) >= 0.9 * (j[1] - j[0])
    return out

def finished_rows(folder: str, folders: str | None, cache_dir: str, max_s: float = 240.0) -> list:
    from editorbot.beats import analyze_file, analysis_entry
    tops = [Path(folder) / f for f in folders.split(',')] if folders else [Path(folder)]
    files = [f for d in tops for f in audio_files(d)]
    if not files: raise SystemExit(f"error: {folder}: no audio files")
    rows = []
    for f in files:
        an, _ = analyze_file(f, cache_dir=cache_dir, entry=analysis_entry(f.relative_to(folder)))
        y, sr = load_audio(f, AudioConfig().sr)
        y = y[:int(max_s * sr)]
        t0 = time.perf_counter(); spans = find_jams(y, sr, an.downbeat_times[an.downbeat_times < max_s]); dt = time.perf_counter() - t0
        rows.append(dict(name=str(f.relative_to(folder)), seconds=dt, spans=[(s.start, s.end, s.kind) for s in spans], has=False,
                         false=len(spans), false_s=float(sum(s.end - s.start for s in spans))))
    return rows

if __name__ == '__main__':
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument('data', help='corpus folder (input/, truth/) made by editorbot_corpus, or with --finished a folder of finished recordings')
    ap.add_argument('--cache-dir', required=True, help='the data cache (beat analyses are read from and written to it)')
    ap.add_argument('--finished', action='store_true', help='DATA holds finished recordings: count the spans found (all false alarms)')
    ap.add_argument('--folders', help='with --finished: only these comma-separated first-level folders of DATA')
    ap.add_argument('--json', help='write the per-raw rows and the summary here')
    a = ap.parse_args()
    rows = finished_rows(a.data, a.folders, a.cache_dir) if a.finished else corpus_rows(a.data, a.cache_dir, find_jams, score_raw)
    s = summary(rows, has='jams')
    print(f"| raws | jams found | jam left out | raws with a span over music | seconds per raw (median, most) |\n|---|---|---|---|---|\n"
          f"| {s['raws']} ({s['jams']} with a jam) | {s['found']} of {s['jams']} ({s['found'] / max(s['jams'], 1):.0%}) | "
          f"{s['left_out']} ({s['left_out'] / max(s['jams'], 1):.0%}) | {s['false_raws']} of {s['raws']} ({s['false_seconds']:.0f} s) | "
          f"{s['seconds_median']:.2f}, {s['seconds_max']:.2f} |")
    for r in rows:
        if r['false']: print(f"  span over music: {r['name']}: " + ', '.join(f"{a:.1f}-{b:.1f} s" for a, b, _ in r['spans']))
    if a.json: Path(a.json).write_text(json.dumps(dict(summary=s, rows=rows), indent=1))
