"""Make one training folder of two synthetic sets (short songs and full-length songs) without leaking songs across splits.

Usage: python bench/mix_data.py SHORT_ROOT LONG_ROOT OUT_ROOT [--fractions 0.78,0.07,0.15]

OUT_ROOT gets input/, desired_output/, truth/ and pointer_sequences/ made of symbolic links (nothing is copied or changed).
The short set keeps its names. The two sets share seeds (synth00003_loop exists in both, as a short and a full-length take of
related material), so each long song gets a new name `synth00003L{k}_loop` with the smallest k whose `song_split` equals that of
the original name: a song and its long sibling always land in the same split, and the test songs of either set stay unseen.
"""
import argparse, os
from pathlib import Path
from editorbot.data import song_split

def link(src: Path, dst: Path):
    dst.parent.mkdir(parents=True, exist_ok=True)
    if dst.is_symlink() or dst.exists():
        if dst.resolve() == src.resolve(): return
        raise FileExistsError(f"{dst} exists and is not a link to {src}")
    os.symlink(src.resolve(), dst)

def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument('short'); ap.add_argument('long'); ap.add_argument('out')
    ap.add_argument('--fractions', default='0.78,0.07,0.15')
    a = ap.parse_args(); fr = tuple(float(x) for x in a.fractions.split(','))
    short, long, out = Path(a.short), Path(a.long), Path(a.out)
    n = {'short': 0, 'long': 0}
    for kind, root in (('short', short), ('long', long)):
        for lab in sorted((root / 'pointer_sequences').glob('*.npz')):
            name = lab.stem; new = name
            if kind == 'long':
                base, style = name.rsplit('_', 1)
                k = 0
                while song_split(f"{base}L{k}_{style}", fr) != song_split(name, fr): k += 1
                new = f"{base}L{k}_{style}"
            for sub, pat, rep in (('input', f"{name}_raw.*", f"{new}_raw"), ('desired_output', f"{name}_edit.*", f"{new}_edit"),
                                  ('truth', f"{name}.*", new), ('pointer_sequences', f"{name}.*", new)):
                for f in (root / sub).glob(pat): link(f, out / sub / (rep + f.suffix))
            n[kind] += 1
    print(f"{out}: {n['short']} short and {n['long']} long songs linked")

if __name__ == '__main__': main()
