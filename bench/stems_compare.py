"""Does the beat-level network edit better with stems? No stems / exact stems / separated stems, same songs, same steps.

Takes N synthetic pairs (they carry their exact stems) from a pair folder made by `editorbot_synth`, lays them out twice by
links (WORK/exact: the exact stems; WORK/sep: stems separated from the raws by `editorbot_stems --model-path SEPARATOR`),
trains the beat-level network three times for the same number of steps (one torch thread; `use_stems` off on WORK/exact,
on with WORK/exact, on with WORK/sep), scores each on the same held-out songs free-running (`editorbot_eval`) and counts
how many of the raws' mistakes and false starts each edit removes (the edit plays under half of the artefact's raw span),
against the true edits. Every stage is skipped when its output exists, so a stopped run resumes.

    python bench/stems_compare.py --src corpus/synth_short --work bench/out/stems_compare --separator models/stems_small.pt
"""
import argparse, json, os, subprocess, sys, time
from pathlib import Path
import numpy as np

CONDITIONS = (('none', 'exact', False), ('exact', 'exact', True), ('separated', 'sep', True))   # name, data folder, use_stems


def sh(*args, log=None):
    "Run a command; its output goes to `log`; fail loudly."
    t = time.time()
    with open(log, 'a') if log else open(os.devnull, 'w') as f:
        r = subprocess.run([str(a) for a in args], stdout=f, stderr=subprocess.STDOUT, env=dict(os.environ, OMP_NUM_THREADS='1'))
    if r.returncode: raise SystemExit(f"error: {' '.join(map(str, args[:3]))} ... exited with {r.returncode} (see {log})")
    return time.time() - t


def layout(src: Path, dest: Path, names: list, stems: bool):
    "Link the pairs' raw, edit and truth (and exact stems) into a pair layout at `dest`."
    for sub in ('input', 'desired_output', 'truth') + (('stems',) if stems else ()):
        (dest / sub).mkdir(parents=True, exist_ok=True)
    for n in names:
        files = [src / 'input' / f'{n}_raw.wav', src / 'desired_output' / f'{n}_edit.wav', src / 'truth' / f'{n}.npz', src / 'truth' / f'{n}.json']
        if stems: files += [src / 'stems' / f'{n}_{k}.wav' for k in ('drums', 'bass', 'other', 'vocals')]
        for f in files:
            link = dest / f.parent.name / f.name
            if not link.exists(): link.symlink_to(f.resolve())


def removed(runs, truth: dict, kinds=('mistake', 'false_start')) -> dict:
    "{kind: [removed?, ...]} for the raw's artefacts of `kinds`: True where the edit (pointer runs) plays under half of the artefact's raw frames."
    hop, sr = truth['hop_length'], truth['sr']
    used = np.zeros(int(truth['n_raw_samples'] / hop) + 2, bool)
    for a, n in runs:
        if a >= 0: used[a:a + n] = True
    out = {k: [] for k in kinds}
    for art in truth['artefacts']:
        if art['kind'] in kinds:
            a, b = int(art['start'] * sr / hop), max(int(art['start'] * sr / hop) + 1, int(art['end'] * sr / hop))
            out[art['kind']].append(bool(used[a:b].mean() < 0.5))
    return out


def true_runs(truth_npz: Path) -> list:
    "The true edit's pointer runs."
    with np.load(truth_npz) as z: p = z['pointers']
    p = p[p != -2]
    brk = np.flatnonzero((np.diff(p) != 1) | (p[1:] < 0) | (p[:-1] < 0)) + 1
    return [[int(p[a]), int(b - a)] for a, b in zip(np.r_[0, brk], np.r_[brk, len(p)])]


if __name__ == '__main__':
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument('--src', default='corpus/synth_short'); ap.add_argument('--work', default='bench/out/stems_compare')
    ap.add_argument('--separator', default='models/stems_small.pt'); ap.add_argument('--n', type=int, default=120)
    ap.add_argument('--max-steps', type=int, default=300); ap.add_argument('--fractions', default='0.6,0.1,0.3')
    ap.add_argument('--config', default='mini'); ap.add_argument('--only', default='', help='comma-separated conditions to run (default: all)')
    a = ap.parse_args()
    src, work = Path(a.src), Path(a.work); work.mkdir(parents=True, exist_ok=True); log = work / f"log_{a.only or 'all'}.txt"
    names = sorted(p.stem for p in (src / 'truth').glob('*.npz'))[::max(1, len(list((src / 'truth').glob('*.npz'))) // a.n)][:a.n]
    if not names: raise SystemExit(f"error: {src}/truth: no pairs")
    layout(src, work / 'exact', names, stems=True); layout(src, work / 'sep', names, stems=False)
    tfile = work / 'times.json'
    times = json.loads(tfile.read_text()) if tfile.exists() else {}
    def record(k, v):   # conditions may run in parallel processes: merge with what the file holds now
        cur = json.loads(tfile.read_text()) if tfile.exists() else {}
        cur[k] = v; times.update(cur); tfile.write_text(json.dumps(cur, indent=1))
    only = set(a.only.split(',')) - {''} or {c for c, *_ in CONDITIONS}
    if 'separated' in only and 'separate' not in times:
        record('separate', sh('editorbot_stems', work / 'sep', '--model-path', a.separator, '--quiet', '--threads', 1, log=log))
        record('separated_seconds', sum(float(json.loads((src / 'truth' / f'{n}.json').read_text())['n_raw_samples']) / 22050 for n in names))
    base = json.loads(Path(a.config).read_text()) if a.config.endswith('.json') else {'arch': 'beat', 'd_model': 128, 'n_heads': 4, 'n_encoder_layers': 3, 'n_decoder_layers': 2, 'd_ff': 512}
    for cond, data, st in CONDITIONS:
        if cond not in only: continue
        cfg = work / f'config_{cond}.json'; cfg.write_text(json.dumps(dict(base, use_stems=st)))
        run = work / 'runs' / cond
        if f'train_{cond}' not in times:
            record(f'train_{cond}', sh('editorbot_train', '--pointer-dir', work / data / 'truth', '--cache-dir', work / 'cache', '--config', cfg, '--save-dir', run,
                                        '--epochs', 10000, '--max-steps', a.max_steps, '--batch-size', 8, '--lr', '1e-3', '--warmup-steps', 50,
                                        '--fractions', a.fractions, '--threads', 1, log=log))
        ev = work / f'eval_{cond}.json'
        if not ev.exists():
            record(f'eval_{cond}', sh('editorbot_eval', '--checkpoint', run / 'last.pt', '--pointer-dir', work / data / 'truth', '--cache-dir', work / 'cache',
                                       '--split', 'test', '--fractions', a.fractions, '--no-style-examples', '--threads', 1, '--out', ev, log=log))
    ev = work / 'eval_exact_on_sep.json'      # the network trained on exact stems, editing with separated ones (what it meets on real recordings)
    if not ev.exists() and (work / 'runs' / 'exact' / 'last.pt').exists() and only >= {'exact', 'separated'}:
        record('eval_exact_on_sep', sh('editorbot_eval', '--checkpoint', work / 'runs' / 'exact' / 'last.pt', '--pointer-dir', work / 'sep' / 'truth', '--cache-dir', work / 'cache',
                                       '--split', 'test', '--fractions', a.fractions, '--no-style-examples', '--threads', 1, '--out', ev, log=log))
    rows = []
    for cond, data, st in CONDITIONS + (('exact_on_sep', 'sep', True),):
        ev = work / f'eval_{cond}.json'
        if not ev.exists(): continue
        r = json.loads(ev.read_text()); fr = r['free_running']['overall']; songs = r['songs']
        rem, ref = {'mistake': [], 'false_start': []}, {'mistake': [], 'false_start': []}
        for s in songs:
            tr = json.loads((src / 'truth' / f"{s['name']}.json").read_text())
            for k, v in removed(s['runs'], tr).items(): rem[k] += v
            for k, v in removed(true_runs(src / 'truth' / f"{s['name']}.npz"), tr).items(): ref[k] += v
        rows.append(dict(condition=cond, songs=fr['n_songs'], cut_f1=fr['cut_f1'], length_error_beats=fr['length_error_beats'], iou=fr.get('iou'),
                         pointer_acc=r['teacher_forced']['overall']['pointer_acc'],
                         mistakes_removed=f"{sum(rem['mistake'])}/{len(rem['mistake'])}", false_starts_removed=f"{sum(rem['false_start'])}/{len(rem['false_start'])}",
                         true_edit=f"{sum(ref['mistake'])}/{len(ref['mistake'])} and {sum(ref['false_start'])}/{len(ref['false_start'])}",
                         copy_cut_f1=fr.get('copy_cut_f1'), train_minutes=times.get(f"train_{cond.replace('_on_sep', '')}", float('nan')) / 60))
    (work / 'summary.json').write_text(json.dumps(dict(rows=rows, times=times, n_pairs=len(names), max_steps=a.max_steps, fractions=a.fractions), indent=1))
    print(f"{len(names)} pairs from {src}, split {a.fractions}, {a.max_steps} steps each, one thread\n")
    label = dict(none='none', exact='exact', separated='separated', exact_on_sep='exact in training, separated when editing')
    print('| stems | test songs | cut-point F1 | median length error (beats) | raw IoU | teacher-forced pointer acc. | mistakes removed | false starts removed | training (min) |')
    print('|---|---|---|---|---|---|---|---|---|')
    for r in rows:
        print(f"| {label[r['condition']]} | {r['songs']} | {r['cut_f1']:.3f} | {r['length_error_beats']:.1f} | {r['iou']:.3f} | {r['pointer_acc']:.3f} | {r['mistakes_removed']} | {r['false_starts_removed']} | {r['train_minutes']:.1f} |")
    if rows: print(f"\nthe true edits remove {rows[0]['true_edit']} (mistakes and false starts); copying the raw scores cut-point F1 {rows[0]['copy_cut_f1']:.3f}")
    if 'separate' in times: print(f"separating {times['separated_seconds'] / 60:.1f} min of raws took {times['separate'] / 60:.1f} min" + (f" ({times['separate_note']})" if 'separate_note' in times else ''))
    for x, y in (('none', 'exact'), ('none', 'separated'), ('none', 'exact_on_sep')):
        if (work / f'eval_{x}.json').exists() and (work / f'eval_{y}.json').exists():
            r = subprocess.run([sys.executable, str(Path(__file__).parent / 'paired_bootstrap.py'), str(work / f'eval_{x}.json'), str(work / f'eval_{y}.json')], capture_output=True, text=True)
            print(f"paired bootstrap, {y} - {x}: " + ' '.join(l for l in r.stdout.splitlines() if l.startswith('cut_f1')))
