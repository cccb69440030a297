"""Make one training folder of several pair folders with truth labels (editorbot_corpus, editorbot_synth), by symbolic links.

    python bench/mix_corpora.py OUT FOLDER[:TAG] [FOLDER[:TAG] ...]

OUT gets input/, desired_output/ and truth/ made of links (nothing is copied or changed). A folder given with a TAG has its pairs
renamed `SONG-TAG_STYLE` (the style stays the last `_` part), so that two folders may hold the same song names (a recording cut to
60 s and the same recording at full length).
"""
import os, sys
from pathlib import Path
from mix_data import link   # bench/mix_data.py: a link that must not replace another file

def main(argv):
    if len(argv) < 2 or argv[0] in ('-h', '--help'): print(__doc__); return 0 if argv[:1] in (['-h'], ['--help']) else 2
    out, n = Path(argv[0]), 0
    for spec in argv[1:]:
        folder, _, tag = spec.partition(':'); root = Path(folder)
        if not (root / 'truth').is_dir(): raise SystemExit(f"error: {root}: has no truth/ folder")
        for lab in sorted((root / 'truth').glob('*.npz')):
            name = lab.stem; song, _, style = name.rpartition('_')
            new = f"{song}-{tag}_{style}" if tag else name
            link(lab, out / 'truth' / f"{new}.npz"); link(lab.with_suffix('.json'), out / 'truth' / f"{new}.json")
            link(root / 'input' / f"{name}_raw.wav", out / 'input' / f"{new}_raw.wav")
            link(root / 'desired_output' / f"{name}_edit.wav", out / 'desired_output' / f"{new}_edit.wav")
            n += 1
    print(f"{n} pairs linked into {out}")
    return 0

if __name__ == '__main__': sys.exit(main(sys.argv[1:]))
