"""Downbeat check on real instrument timbres: the synthesiser's songs rendered through a General MIDI soundfont, scored with mir_eval.

What it does: for each seed, `editorbot.synth.plan_song` composes a song (tempo spread over 70-180 BPM, with or without the
synthesiser's tempo drift, 4/4 as the synthesiser writes it); every note event of every bar (`_bar_events`) is written to a MIDI
file with General MIDI programs per part (drums on channel 10, bass, pad, keys, arpeggio, a lead instrument for the vocal line;
programs drawn per song) and rendered to a wav with fluidsynth and the FluidR3 GM soundfont. Some songs play without drums
(where downbeat tracking is hardest), some without bass. The bar lines are exact: the truth beats and downbeats are the times the
bars were written at. `editorbot.beats.analyze` is then scored against them: beat F-measure and downbeat F-measure (mir_eval,
70 ms window), the tempo octave (is the tracked tempo the true one, double, half or other), meter, and the bar phase the tracker
chose (which beat of the true bar its downbeats fall on: 0 = right).

Needs (for this bench only, not the package): the Debian packages `fluidsynth` and `fluid-soundfont-gm`
(`apt-get install -y fluidsynth fluid-soundfont-gm`) and `pip install pretty_midi` (writes the MIDI files); mir_eval (dev extra).

Run (heavy: use nice on a shared machine):
    nice -n 15 python bench/real_downbeats.py                      # dev set: seeds 0..39
    nice -n 15 python bench/real_downbeats.py --set heldout        # held-out set: seeds 1000..1039 (report figures on this one)
    nice -n 15 python bench/real_downbeats.py --n 20 --min-down-f 0.8 --json /tmp/rd.json
Renders go to /tmp/editorbot_real_downbeats/ (wav + truth json per song, reused by later runs; `--clean` removes them after).
Never commit them.

Prints one row per song (seed, true BPM, drift, parts, tracked tempo and its octave class, beat F, downbeat F, meter, bar phase)
and a summary: all songs, with drums, without drums, and per tempo range (mean beat F, mean downbeat F, tempo octave counts,
analysis seconds per minute of audio). Exits 1 when the overall mean downbeat F is below `--min-down-f` (default 0.9) or the
mean beat F below `--min-beat-f` (default 0.9), 2 when the renderer or soundfont is missing.
"""
from __future__ import annotations
import argparse, json, os, shutil, subprocess, sys, time
from pathlib import Path
import numpy as np

SOUNDFONT = '/usr/share/sounds/sf2/FluidR3_GM.sf2'
OUT = Path('/tmp/editorbot_real_downbeats')
SETS = dict(dev=0, heldout=1000)
RANGES = ((70, 100), (100, 130), (130, 160), (160, 181))
RENDER_VERSION = 1   # bump when the rendering of a seed changes (cached renders are redone)

# General MIDI: drum notes (channel 10) and programs per part (0-based program numbers)
DRUM_NOTE = dict(kick=36, snare=38, hat=42, ohat=46, crash=49, stick=37)
TOM_NOTES = (50, 47, 45)     # `_bar_events` gives toms pitch 0 (high) .. 2 (low)
PROGRAMS = dict(
    bass=(32, 33, 34, 35, 38, 39),                       # acoustic, finger, pick, fretless, synth basses
    pad=(48, 49, 50, 52, 88, 89, 19, 16),                # strings, synth strings, choir, pads, organs
    keys=(0, 1, 2, 4, 5, 24, 25, 26, 27),                # pianos, electric pianos, guitars
    arp=(8, 10, 11, 12, 46, 80, 81, 24),                 # celesta, music box, vibraphone, marimba, harp, square/saw lead, guitar
    voice=(52, 53, 54, 56, 65, 66, 71, 73, 40, 85))      # choir aahs, voice oohs, synth voice, trumpet, saxes, clarinet, flute, violin, voice lead


def song_bpm(seed: int, n: int, base: int) -> float:
    "Tempi spread evenly over 70-180 BPM over the n seeds of a set, in a scrambled order."
    i = seed - base
    return round(70 + 110 * ((i * 37) % n) / max(1, n - 1), 1)


def song_setup(seed: int, n: int, base: int) -> dict:
    "Tempo, drift, length, parts and programs of a rendered song (deterministic in the seed)."
    rng = np.random.default_rng([seed, 4242])
    u = rng.random()
    parts = 'no drums' if u < 0.35 else ('no bass' if u < 0.5 else 'full')
    return dict(bpm=song_bpm(seed, n, base), drift=float(rng.uniform(0.003, 0.008)) if rng.random() < 0.5 else 0.0,
                duration=float(rng.uniform(60, 120)), parts=parts,
                programs={k: int(rng.choice(v)) for k, v in PROGRAMS.items()})


def song_events(seed: int, setup: dict):
    "Note events `(part, onset s, dur s, pitch, velocity 0-1)`, truth beats and downbeats (s) of the song."
    from editorbot.synth import plan_song, _bar_events, _STEM_OF
    plan = plan_song(seed, setup['duration'], setup['bpm'])
    plan.drift = setup['drift']
    durs = plan.bar_durations(np.random.default_rng([seed, 5]), plan.n_bars)
    starts = np.r_[0.0, np.cumsum(durs)[:-1]]
    rng = np.random.default_rng([seed, 2])
    events = []
    for b in range(plan.n_bars):
        kind = 'ending' if b == plan.n_bars - 1 else 'song'
        bs = durs[b] / 4
        for instr, beat, dur, pitch, vel, extra in _bar_events(plan, b, kind, rng):
            stem = _STEM_OF[instr]
            if setup['parts'] == 'no drums' and stem == 'drums': continue
            if setup['parts'] == 'no bass' and stem == 'bass': continue
            jit = float(np.clip(rng.normal(0, 0.004 if stem == 'drums' else 0.008), -0.015, 0.015))
            vel = float(np.clip(vel * np.exp(rng.normal(0, 0.1)), 0.05, 1.0))
            events.append((instr, max(0.0, starts[b] + beat * bs + jit), max(0.05, dur * bs), int(pitch), vel))
    beats = (starts[:, None] + durs[:, None] / 4 * np.arange(4)).ravel()[:-3]   # the ending bar plays one final hit: its beat 1 only
    return events, beats, starts


def write_midi(events, programs: dict, path: Path):
    import pretty_midi
    pm = pretty_midi.PrettyMIDI(initial_tempo=120.0)
    inst = {'drums': pretty_midi.Instrument(program=0, is_drum=True, name='drums')}
    for part in ('bass', 'pad', 'keys', 'arp', 'voice'):
        inst[part] = pretty_midi.Instrument(program=programs[part], name=part)
    for instr, on, dur, pitch, vel in events:
        if instr in DRUM_NOTE or instr == 'tom':
            note = TOM_NOTES[min(2, max(0, pitch))] if instr == 'tom' else DRUM_NOTE[instr]
            inst['drums'].notes.append(pretty_midi.Note(int(round(20 + 107 * vel)), note, on, on + 0.1))
        else:
            g = 0.8 if instr in ('pad', 'arp') else 1.0
            inst[instr].notes.append(pretty_midi.Note(int(np.clip(round(127 * vel * g), 1, 127)), int(pitch), on, on + dur))
    pm.instruments = [i for i in inst.values() if i.notes]
    pm.write(str(path))


def render(seed: int, n: int, base: int, sr: int = 22050) -> dict:
    "Render (or reuse) one song: returns dict wav, beats, downbeats, setup."
    OUT.mkdir(parents=True, exist_ok=True)
    wav, meta = OUT / f'song{seed:05d}.wav', OUT / f'song{seed:05d}.json'
    setup = song_setup(seed, n, base)
    if meta.exists() and wav.exists():
        d = json.loads(meta.read_text())
        if d.get('version') == RENDER_VERSION and d['setup'] == json.loads(json.dumps(setup)): return dict(d, wav=str(wav))
    events, beats, downs = song_events(seed, setup)
    mid = OUT / f'song{seed:05d}.mid'
    write_midi(events, setup['programs'], mid)
    tmp = OUT / f'.song{seed:05d}.tmp.wav'
    r = subprocess.run(['fluidsynth', '-ni', '-q', '-g', '0.5', '-r', str(sr), '-T', 'wav', '-F', str(tmp), SOUNDFONT, str(mid)],
                       capture_output=True, text=True)
    mid.unlink()
    if r.returncode != 0 or not tmp.exists(): sys.exit(f"fluidsynth failed on seed {seed}: {r.stderr.strip()[-500:]}")
    os.replace(tmp, wav)
    d = dict(version=RENDER_VERSION, setup=setup, beats=beats.tolist(), downbeats=downs.tolist())
    meta.write_text(json.dumps(d))
    return dict(d, wav=str(wav))


def octave_class(est: float, ref: float) -> str:
    r = est / ref
    for name, k in (('correct', 1.0), ('double', 2.0), ('half', 0.5), ('triple', 3.0), ('third', 1 / 3), ('3/2', 1.5), ('2/3', 2 / 3)):
        if abs(r / k - 1) < 0.04: return name
    return 'other'


def bar_phase(ref_b: np.ndarray, est_d: np.ndarray, tol: float = 0.07):
    "Majority beat-of-the-true-bar (0-3) on which the tracked downbeats fall (None when they hit no true beat)."
    if not len(est_d): return None
    i = np.abs(ref_b[None] - est_d[:, None]).argmin(1)
    ok = np.abs(ref_b[i] - est_d) <= tol
    if not ok.any(): return None
    return int(np.bincount(i[ok] % 4, minlength=4).argmax())


def evaluate(song: dict, diag: bool = False) -> dict:
    import mir_eval, soundfile as sf
    from editorbot.beats import analyze
    y, sr = sf.read(song['wav'], dtype='float32', always_2d=True)
    y = y.mean(1); y = y / max(1e-9, float(np.abs(y).max())) * 0.9
    ref_b, ref_d = np.array(song['beats']), np.array(song['downbeats'])
    t0 = time.perf_counter(); a = analyze(y, sr); dt = time.perf_counter() - t0
    true_bpm = 60.0 / float(np.median(np.diff(ref_b)))
    s = song['setup']
    r = dict(bpm=s['bpm'], drift=s['drift'], parts=s['parts'], duration=len(y) / sr, tempo=a.tempo,
             tempo_class=octave_class(a.tempo, true_bpm), beat_f=mir_eval.beat.f_measure(ref_b, a.beat_times),
             down_f=mir_eval.beat.f_measure(ref_d, a.downbeat_times), meter=a.beats_per_bar,
             phase=bar_phase(ref_b, a.downbeat_times), seconds=dt)
    if diag:   # downbeats from the true beats: the bar-phase decision alone, without beat-tracking errors
        from editorbot.beats import BeatConfig, onset_features, chroma_features, track_downbeats, _check
        cfg = BeatConfig(); yy = _check(y, sr, cfg)
        d, _, _ = track_downbeats(yy, cfg.sr, ref_b, cfg, feats=onset_features(yy, cfg), chroma=chroma_features(yy, cfg))
        r['down_f_true_beats'] = mir_eval.beat.f_measure(ref_d, d)
    return r


def summarise(rows: list[dict]) -> str:
    lines = ['| songs | n | beat F | downbeat F | downbeat F >= 0.9 | tempo correct / double / half / other | s per audio min |',
             '|---|---|---|---|---|---|---|']
    def row(name, rs):
        if not rs: return
        m = lambda k: float(np.mean([r[k] for r in rs]))
        cnt = ' / '.join(str(sum(r['tempo_class'] == c for r in rs)) for c in ('correct', 'double', 'half')) + \
              f" / {sum(r['tempo_class'] not in ('correct', 'double', 'half') for r in rs)}"
        spm = sum(r['seconds'] for r in rs) / sum(r['duration'] for r in rs) * 60
        lines.append(f"| {name} | {len(rs)} | {m('beat_f'):.3f} | {m('down_f'):.3f} | {sum(r['down_f'] >= 0.9 for r in rs)} | {cnt} | {spm:.2f} |")
    row('**all**', rows)
    for p in ('full', 'no bass', 'no drums'): row(p, [r for r in rows if r['parts'] == p])
    row('with drift', [r for r in rows if r['drift'] > 0]); row('steady', [r for r in rows if r['drift'] == 0])
    for lo, hi in RANGES: row(f'{lo}-{min(hi, 180)} BPM', [r for r in rows if lo <= r['bpm'] < hi])
    if 'down_f_true_beats' in rows[0]:
        lines.append(f"\ndownbeat F from the true beats (bar phase alone): {np.mean([r['down_f_true_beats'] for r in rows]):.3f}")
    return '\n'.join(lines)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--set', choices=sorted(SETS), default='dev', help='dev: seeds 0.., heldout: seeds 1000.. (report on heldout)')
    ap.add_argument('--n', type=int, default=40, help='songs')
    ap.add_argument('--min-down-f', type=float, default=0.9)
    ap.add_argument('--min-beat-f', type=float, default=0.9)
    ap.add_argument('--diag', action='store_true', help='also downbeats tracked from the true beats')
    ap.add_argument('--json', default=None, help='write the per-song rows here')
    ap.add_argument('--clean', action='store_true', help=f'remove {OUT} afterwards')
    args = ap.parse_args()
    if shutil.which('fluidsynth') is None or not Path(SOUNDFONT).exists():
        print(f"needs fluidsynth and {SOUNDFONT}: apt-get install -y fluidsynth fluid-soundfont-gm", file=sys.stderr); sys.exit(2)
    try: import pretty_midi  # noqa: F401
    except ImportError: print("needs pretty_midi: pip install pretty_midi", file=sys.stderr); sys.exit(2)
    base = SETS[args.set]
    rows = []
    print('| seed | BPM | drift | parts | s | tempo | octave | beat F | downbeat F | meter | phase |' +
          (' downbeat F (true beats) |' if args.diag else ''))
    print('|---|---|---|---|---|---|---|---|---|---|---|' + ('---|' if args.diag else ''))
    for seed in range(base, base + args.n):
        r = evaluate(render(seed, args.n, base), args.diag); r['seed'] = seed; rows.append(r)
        print(f"| {seed} | {r['bpm']:.1f} | {r['drift']:.3f} | {r['parts']} | {r['duration']:.0f} | {r['tempo']:.1f} | {r['tempo_class']} | "
              f"{r['beat_f']:.3f} | {r['down_f']:.3f} | {r['meter']} | {r['phase']} |" +
              (f" {r['down_f_true_beats']:.3f} |" if args.diag else ''), flush=True)
    print(); print(summarise(rows))
    if args.json: Path(args.json).write_text(json.dumps(rows, indent=1, default=float))
    if args.clean: shutil.rmtree(OUT, ignore_errors=True)
    bf, df = np.mean([r['beat_f'] for r in rows]), np.mean([r['down_f'] for r in rows])
    ok = df >= args.min_down_f and bf >= args.min_beat_f
    print(f"\n{'PASS' if ok else 'FAIL'}: mean downbeat F {df:.3f} (need {args.min_down_f}), mean beat F {bf:.3f} (need {args.min_beat_f}) "
          f"on {len(rows)} {args.set} songs")
    sys.exit(0 if ok else 1)


if __name__ == '__main__':
    main()
