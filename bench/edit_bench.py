"""Time and measure `editorbot_edit` on a 4-minute recording, the way a user runs it: the console script in a fresh process.

Usage:
    python bench/edit_bench.py --model models/real_mini18/last.pt [--input SONG] [--seconds 240] [--style radio]
                               [--format wav] [--repeats 3] [--pythonpath DIR] [--baseline DIR] [--bound] [--json out.json]
                               [-- EXTRA EDIT FLAGS]

The input: `--input` (any audio file: it is cut to `--seconds`, keeping its rate and channels), else the first of
`real_music/hedgewars-data/*pirate.ogg` (260 s, 44.1 kHz stereo; `scripts/fetch_music.sh` fetches it) found, else a song
from `editorbot.synth.generate_song` upsampled to 44.1 kHz stereo. It is written (`--format`: 16-bit WAV or FLAC, or OGG or MP3,
which the load step then decodes) to a temporary folder, with the edits and their side files; the folder is removed at the end. Each repeat runs `editorbot_edit IN -o OUT --model M
--style S --force --quiet` (the script next to this Python, or `python -c` on `editorbot.edit.main` with `--pythonpath DIR`
first on `PYTHONPATH`: another copy of the package) and reports, per run and as medians. `--baseline DIR` times the package in
DIR too, alternating run by run with the first (a before/after comparison under the same load):

- wall: seconds from the start of the process to its exit (start-up, imports and writing the files included);
- peak RSS: the child's own `ru_maxrss` (`os.wait4`), in MB (1 MB = 2^20 bytes);
- the split `editorbot_edit` prints (load, analysis, decoding, rendering) and `other` = wall minus their sum
  (Python and torch start-up, the checkpoint, writing the audio, decision lists and picture);
- the 1-minute load average before the run (timings on a shared machine are noisy: compare figures taken back to back).

`--bound` also measures what no edit can go below: the peak RSS of `python -c "import torch"` and of
`python -c "import editorbot.edit"`, each ending as `editorbot_edit` does (`os._exit`, without the interpreter's teardown of torch). Exits 1 when a run fails (non-zero exit, or no output file), printing its stderr.
"""
from __future__ import annotations
import argparse, json, os, re, shutil, statistics, subprocess, sys, tempfile, time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SPLIT = re.compile(r"load ([\d.]+) s, analysis ([\d.]+) s, decoding ([\d.]+) s, rendering ([\d.]+) s")
STEPS = ('load', 'analysis', 'decoding', 'rendering')


def make_input(dest: Path, src: str | None, seconds: float) -> str:
    "Write the first `seconds` of `src` (or of the default real recording, or a synthetic song) to `dest` (its suffix: the format); return a description."
    import numpy as np, soundfile as sf
    if src is None:
        cands = sorted((ROOT / 'real_music').glob('*/*pirate.ogg'))
        src = str(cands[0]) if cands else None
    if src is not None:
        sub = 'PCM_16' if dest.suffix in ('.wav', '.flac') else None
        with sf.SoundFile(src) as f, sf.SoundFile(dest, 'w', f.samplerate, f.channels, subtype=sub) as g:
            left = int(seconds * f.samplerate)
            while left > 0:
                b = f.read(min(left, 1 << 16), dtype='float32', always_2d=True)
                if not len(b): break
                g.write(b); left -= len(b)
        info = sf.info(dest)
        return f"{src}, first {info.duration:.1f} s ({info.samplerate} Hz, {info.channels} channels)"
    from editorbot.synth import generate_song
    from editorbot.audio import resample
    s = generate_song(0, duration=seconds)
    y = resample(s.y, s.sr, 44100)
    with sf.SoundFile(dest, 'w', 44100, 2, subtype='PCM_16' if dest.suffix in ('.wav', '.flac') else None) as g:
        for a in range(0, len(y), 1 << 16): g.write(np.stack([y[a:a + (1 << 16)], 0.9 * y[a:a + (1 << 16)]]).T)
    return f"synthetic song (generate_song(0), {len(y) / 44100:.1f} s, 44100 Hz, 2 channels)"


def run(cmd: list, env: dict | None = None, cwd=None) -> dict:
    "Run `cmd`; wall seconds, the child's own peak RSS (MB, from `os.wait4`), exit code, stdout and stderr."
    with tempfile.TemporaryFile('w+') as o, tempfile.TemporaryFile('w+') as e:
        t0 = time.perf_counter()
        p = subprocess.Popen(cmd, stdout=o, stderr=e, env=env, cwd=cwd, text=True)
        _, status, ru = os.wait4(p.pid, 0)                       # reaps the child with its resource usage
        wall = time.perf_counter() - t0
        p.returncode = os.waitstatus_to_exitcode(status)
        o.seek(0); e.seek(0)
        return dict(wall=wall, rss_mb=ru.ru_maxrss / 1024, rc=p.returncode, stdout=o.read(), stderr=e.read())


def edit_command(args, inp: Path, out: Path, pythonpath: str | None) -> tuple[list, dict | None]:
    flags = [str(inp), '-o', str(out), '--model', args.model, '--force', '--quiet'] + (['--style', args.style] if args.style else []) + args.extra
    if pythonpath:
        env = dict(os.environ, PYTHONPATH=os.pathsep.join([pythonpath] + [p for p in [os.environ.get('PYTHONPATH')] if p]))
        code = "import sys; sys.argv[0] = 'editorbot_edit'; from editorbot.edit import main; sys.exit(main())"
        return [sys.executable, '-c', code] + flags, env
    exe = Path(sys.executable).parent / 'editorbot_edit'
    return [str(exe) if exe.exists() else (shutil.which('editorbot_edit') or 'editorbot_edit')] + flags, None


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--model', required=True, help="checkpoint (or 'pretrained')")
    ap.add_argument('--input', help='audio file to cut the test recording from (default: a real recording, else a synthetic song)')
    ap.add_argument('--seconds', type=float, default=240.0)
    ap.add_argument('--format', default='wav', choices=('wav', 'flac', 'ogg', 'mp3'), help='how the test recording is written (the load step decodes it)')
    ap.add_argument('--style', default='radio', help="style name ('' for none)")
    ap.add_argument('--repeats', type=int, default=3)
    ap.add_argument('--pythonpath', help='a folder holding another editorbot package to time instead of the installed one')
    ap.add_argument('--baseline', help='a folder holding another editorbot package to time as well, alternating runs')
    ap.add_argument('--bound', action='store_true', help='also measure the peak RSS of importing torch and editorbot.edit alone')
    ap.add_argument('--json', help='write the runs here')
    ap.add_argument('extra', nargs='*', help='more editorbot_edit flags (after --)')
    args = ap.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix='edit_bench_'))
    try:
        inp = tmp / f'song.{args.format}'
        print('input:', make_input(inp, args.input, args.seconds))
        print('package:', args.pythonpath or 'installed editorbot', '| model:', args.model, '| style:', args.style or 'none', '| extra:', ' '.join(args.extra) or '-')
        versions = [(args.pythonpath or 'installed', args.pythonpath)] + ([(args.baseline, args.baseline)] if args.baseline else [])
        res = dict(input=str(args.input), seconds=args.seconds, model=args.model, style=args.style, extra=args.extra, bound={},
                   runs={name: [] for name, _ in versions})
        if args.bound:
            for name, pp in versions:
                env = dict(os.environ, PYTHONPATH=pp) if pp else None
                for what in ('torch', 'editorbot.edit'):
                    r = run([sys.executable, '-c', f'import {what}, os, sys; sys.stdout.flush(); os._exit(0)'], env, cwd=tmp)
                    res['bound'][f'{name}: import {what}'] = r['rss_mb']; print(f"{name}: import {what}: peak RSS {r['rss_mb']:.0f} MB, {r['wall']:.2f} s")
        failed = False
        head = f"{'package':>20} {'run':>3} {'load avg':>8} {'wall s':>7} {'peak MB':>8} " + ' '.join(f'{s:>9}' for s in STEPS) + f" {'other':>6}"
        line = lambda name, k, row: (f"{name[-20:]:>20} {k:>3} {row['load_avg']:>8.2f} {row['wall']:>7.2f} {row['rss_mb']:>8.0f} "
                                     + ' '.join(f'{row[s]:>9.2f}' for s in STEPS) + f" {row['other']:>6.2f}")
        print(head)
        for k in range(args.repeats):
            for name, pp in versions:
                out = tmp / f'edit{k}.wav'
                cmd, env = edit_command(args, inp, out, pp)
                la = os.getloadavg()[0]
                r = run(cmd, env, cwd=tmp)      # not the checkout's folder: `python -c` puts the working folder first on the path
                m = SPLIT.search(r['stderr'])
                if r['rc'] != 0 or not out.exists() or not m:
                    print(f"{name}: run {k + 1} failed (exit code {r['rc']}, output {'written' if out.exists() else 'missing'}):\n{r['stderr'][-3000:]}", file=sys.stderr)
                    failed = True; break
                split = dict(zip(STEPS, map(float, m.groups())))
                row = dict(load_avg=la, wall=r['wall'], rss_mb=r['rss_mb'], **split, other=r['wall'] - sum(split.values()))
                res['runs'][name].append(row); print(line(name, k + 1, row), flush=True)
                for f in tmp.glob(f'edit{k}*'): f.unlink()
            if failed: break
        res['median'] = {}
        for name, _ in versions:
            rows = res['runs'][name]
            if rows:
                med = res['median'][name] = {c: statistics.median(r[c] for r in rows) for c in rows[0]}
                print(line(name, 'med', med))
        if args.json: Path(args.json).write_text(json.dumps(res, indent=1))
        sys.exit(1 if failed else 0)
    finally: shutil.rmtree(tmp, ignore_errors=True)


if __name__ == '__main__':
    main()
