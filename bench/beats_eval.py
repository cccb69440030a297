"""Evaluate `editorbot.beats` on synthetic songs (exact truth) with mir_eval, next to librosa's plain beat tracker.

Usage: python bench/beats_eval.py [--n 100] [--songs bench/out/beats_songs] [--out bench/out/beats_eval.json]
Songs are generated with `editorbot.synth.generate_song(seed, bpm=...)` for seeds 0..n-1, tempi spread evenly over
70-180 BPM, and cached as npz (audio + truth) so later runs only analyse. Also times the analysis of a 3-minute song
on one core (torch and BLAS limited to one thread).
"""
from __future__ import annotations
import argparse, json, os, sys, time
from pathlib import Path
import numpy as np

RANGES = ((70, 100), (100, 130), (130, 160), (160, 181))


def song_bpm(seed: int, n: int) -> float:
    "Tempi spread evenly over 70-180 BPM, in a scrambled order over the seeds."
    return round(70 + 110 * ((seed * 37) % n) / max(1, n - 1), 1)


def get_song(seed: int, n: int, folder: Path) -> dict:
    p = folder / f'song{seed:03d}.npz'
    if not p.exists():
        from editorbot.synth import generate_song
        s = generate_song(seed, bpm=song_bpm(seed, n))
        stems = np.stack([s.stems[k] for k in ('drums', 'bass', 'other', 'vocals')])
        folder.mkdir(parents=True, exist_ok=True)
        tmp = folder / f'.song{seed:03d}.tmp.npz'
        np.savez(tmp, y=s.y, stems=stems, beats=s.beat_times, downbeats=s.downbeat_times, bpm=s.bpm, sr=s.sr,
                 sections=json.dumps(s.sections))
        os.replace(tmp, p)
    with np.load(p) as z: d = {k: z[k] for k in z.files}
    d['sections'] = json.loads(str(d['sections']))
    return d


def octave_class(est: float, ref: float) -> str:
    r = est / ref
    for name, k in (('correct', 1.0), ('double', 2.0), ('half', 0.5), ('triple', 3.0), ('third', 1 / 3),
                    ('3/2', 1.5), ('2/3', 2 / 3)):
        if abs(r / k - 1) < 0.04: return name
    return 'other'


def intervals(secs): return np.array([[s['start'], s['end']] for s in secs])


def evaluate(d: dict) -> dict:
    import mir_eval, librosa
    from editorbot.beats import analyze
    y, sr = d['y'], int(d['sr'])
    ref_b, ref_d = d['beats'], d['downbeats']
    t0 = time.perf_counter(); a = analyze(y, sr); t_ours = time.perf_counter() - t0
    t0 = time.perf_counter(); lt, lb = librosa.beat.beat_track(y=y, sr=sr, units='time'); t_lib = time.perf_counter() - t0
    lt = float(np.atleast_1d(lt)[0])
    ref_int = intervals(d['sections'])
    est_int = intervals(a.sections)
    P, R, F = mir_eval.segment.detection(ref_int, est_int, window=3.0, trim=True)
    ref_lab = [s['label'] for s in d['sections']]; est_lab = [s['label'] for s in a.sections]
    try: pP, pR, pF = mir_eval.segment.pairwise(ref_int, ref_lab, est_int, est_lab)
    except Exception: pP = pR = pF = float('nan')
    bpm = float(d['bpm'])
    return dict(bpm=bpm, duration=len(y) / sr, tempo=a.tempo, tempo_class=octave_class(a.tempo, bpm),
                beat_f=mir_eval.beat.f_measure(ref_b, a.beat_times), down_f=mir_eval.beat.f_measure(ref_d, a.downbeat_times),
                meter=a.beats_per_bar, sec_p=P, sec_r=R, sec_f=F, n_ref_sections=len(ref_lab), n_est_sections=len(est_lab),
                label_pairwise_f=pF,
                lib_tempo=lt, lib_tempo_class=octave_class(lt, bpm), lib_beat_f=mir_eval.beat.f_measure(ref_b, lb),
                lib_down_f=mir_eval.beat.f_measure(ref_d, lb[::4]), t_ours=t_ours, t_lib=t_lib)


def summarise(rows: list[dict]) -> str:
    lines = ['| tempo range (BPM) | songs | beat F | downbeat F | tempo: correct / double / half / other | '
             'section hit rate @3 s (P, F) | librosa beat F | librosa tempo: correct / double / half / other | librosa every-4th-beat downbeat F |',
             '|---|---|---|---|---|---|---|---|---|']
    def row(name, rs):
        if not rs: return
        m = lambda k: np.nanmean([r[k] for r in rs])
        cnt = lambda k: ' / '.join(str(sum(r[k] == c for r in rs)) for c in ('correct', 'double', 'half')) + \
                        f" / {sum(r[k] not in ('correct', 'double', 'half') for r in rs)}"
        lines.append(f"| {name} | {len(rs)} | {m('beat_f'):.3f} | {m('down_f'):.3f} | {cnt('tempo_class')} | "
                     f"{m('sec_r'):.3f} ({m('sec_p'):.3f}, {m('sec_f'):.3f}) | {m('lib_beat_f'):.3f} | {cnt('lib_tempo_class')} | {m('lib_down_f'):.3f} |")
    for lo, hi in RANGES: row(f'{lo}-{min(hi, 180)}', [r for r in rows if lo <= r['bpm'] < hi])
    row('**all**', rows)
    return '\n'.join(lines)


def bench_3min(folder: Path, repeats: int = 3) -> dict:
    "Seconds to analyse a 3-minute song with one thread (median of `repeats`), after one warm-up run."
    import torch
    torch.set_num_threads(1)
    from editorbot.beats import analyze
    p = folder / 'song_3min.npz'
    if not p.exists():
        from editorbot.synth import generate_song
        s = generate_song(1000, duration=180.0, bpm=120.0)
        np.savez(p, y=s.y, sr=s.sr)
    with np.load(p) as z: y, sr = z['y'], int(z['sr'])
    y = y[:180 * sr]
    analyze(y[:30 * sr], sr)
    ts, cpu = [], []
    for _ in range(repeats):
        t0, c0 = time.perf_counter(), time.process_time(); analyze(y, sr)
        ts.append(time.perf_counter() - t0); cpu.append(time.process_time() - c0)
    return dict(seconds=float(np.median(ts)), cpu_seconds=float(np.median(cpu)), all=ts, all_cpu=cpu, duration=len(y) / sr)


if __name__ == '__main__':
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--n', type=int, default=100)
    ap.add_argument('--songs', default='bench/out/beats_songs')
    ap.add_argument('--out', default='bench/out/beats_eval.json')
    ap.add_argument('--no-bench', action='store_true')
    args = ap.parse_args()
    if not args.no_bench:  # one thread everywhere for the timing: set before numpy/torch start their pools
        for k in ('OMP_NUM_THREADS', 'MKL_NUM_THREADS', 'OPENBLAS_NUM_THREADS', 'NUMBA_NUM_THREADS'): os.environ.setdefault(k, '1')
    folder = Path(args.songs)
    from tqdm.auto import tqdm
    rows = []
    for seed in tqdm(range(args.n), desc='songs'):
        r = evaluate(get_song(seed, args.n, folder)); r['seed'] = seed; rows.append(r)
    res = dict(rows=rows, table=summarise(rows))
    if not args.no_bench: res['bench_3min'] = bench_3min(folder)
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    Path(args.out).write_text(json.dumps(res, indent=1, default=float))
    print(res['table'])
    if 'bench_3min' in res: print('3-minute song, one thread:', res['bench_3min'])
