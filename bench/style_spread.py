"""Does the style name change the edit? The same raws edited with each of a checkpoint's named styles.

For each raw (by default the held-out `cleanup` pairs: a raw of each song): one free-running edit per style preset, made as
`editorbot_edit` makes it (the botched takes dropped; a style the checkpoint stores as an edit template is cut from the song by
it; the cleanup style within the song's bounds, `template.song_guard`). Reported per
style: the edit length as a share of the raw; and over all raws, the mean cut-point agreement (F1, +-1 beat) between the edits of
two different styles of the same raw (1.0: the style name changes nothing).

    python bench/style_spread.py pretrained --pointer-dir corpus/heldout4/truth --cache-dir corpus/cache [--max-songs 20]
"""
import argparse, itertools, json, time
from pathlib import Path
import numpy as np
import torch
from editorbot.core import MIN_EDIT_SHARE
from editorbot.evaluate import load_items, generate_item, cut_points, cut_set_scores, beat_frames, bar_frames, item_style, item_song, without_retakes
from editorbot.template import model_template, template_edit, SONG_STYLES
from editorbot.models.registry import load_model, preset_latent

if __name__ == '__main__':
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument('checkpoint'); ap.add_argument('--pointer-dir', required=True); ap.add_argument('--cache-dir', required=True)
    ap.add_argument('--source-style', default='cleanup', help='whose raws to edit'); ap.add_argument('--max-songs', type=int, default=0)
    ap.add_argument('--json', default='')
    a = ap.parse_args()
    torch.set_num_threads(1); t0 = time.time()
    m = load_model(a.checkpoint)
    styles = sorted(s for s in m.style_presets if s != 'all')
    items = [i for i in load_items(a.pointer_dir, a.cache_dir, 'test', (0, 0, 1), progress=False) if item_style(i) == a.source_style]
    if a.max_songs: items = items[:a.max_songs]
    share = {s: [] for s in styles}; agree = []
    for it in items:
        S, beat = len(it['raw_mel']), beat_frames(it)
        cuts, songs = {}, {}
        song = without_retakes(it)[0]                        # as editorbot_edit: the botched takes dropped first
        for s in styles:
            tpl = model_template(m, s)                       # a style stored as an edit template (06a): cut from the song in its base style
            if tpl is not None:
                if tpl.base not in songs: songs[tpl.base] = item_song(m, song, tpl.base)
                est = template_edit(tpl, songs[tpl.base], it['section_frames'], bar_frames(it, 4 * beat))[0]
            else: est = generate_item(m, song, z=preset_latent(m, s), max_length=2 * S, min_length=max(1, int(MIN_EDIT_SHARE * S)), guard=s in SONG_STYLES)
            share[s].append(len(est) / S); cuts[s] = cut_points(est, S)
        agree += [cut_set_scores(cuts[x], cuts[y], tol=beat)['cut_f1'] for x, y in itertools.combinations(styles, 2)]
    print(f"{len(items)} raws ({a.source_style} pairs), {len(styles)} styles, {time.time() - t0:.0f} s\n")
    print("| style | edit length / raw (mean) | (min - max) |\n|---|---|---|")
    for s in styles: print(f"| {s} | {np.mean(share[s]):.2f} | {np.min(share[s]):.2f} - {np.max(share[s]):.2f} |")
    print(f"\nmean cut-point agreement between two styles' edits of the same raw: {np.mean(agree):.3f} (1.0: the style changes nothing)")
    if a.json: Path(a.json).write_text(json.dumps(dict(share=share, agreement=float(np.mean(agree)), n=len(items)), indent=1))
