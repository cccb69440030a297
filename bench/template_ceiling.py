"""How far an edit template can get when the song is known exactly: each test raw without its studio artefacts (from the corpus'
truth files: lead noise, count-in, false start, mistake and retake, jam, trailing noise) as the song, our analysis' sections of
the raw, and the template applied; cut-point F1 (+-1 beat) and length error against the true edits. The gap to the template
with the shipped editor's cleanup edits is what the cleanup costs; the rest is the analysis (sections found on the raw take,
not on the clean recording the corpus analysed).

    python bench/template_ceiling.py corpus/house_test2 --checkpoint models/house_tpl/model.pt --style house --cache-dir corpus/cache
"""
import argparse, json
from pathlib import Path
import numpy as np
from editorbot.evaluate import load_items, bar_frames, beat_frames, free_running_scores, item_style
from editorbot.template import template_edit, model_template
from editorbot.models.registry import load_model
from editorbot.core import AudioConfig

ARTEFACTS = ('lead_noise', 'count_in', 'false_start', 'mistake', 'retake', 'jam', 'trail_noise')

if __name__ == '__main__':
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument('data'); ap.add_argument('--checkpoint', required=True); ap.add_argument('--style', required=True)
    ap.add_argument('--cache-dir', required=True)
    a = ap.parse_args()
    tpl = model_template(load_model(a.checkpoint), a.style)
    if tpl is None: raise SystemExit(f"error: {a.checkpoint}: no edit template of the style {a.style!r}")
    cfg = AudioConfig(); fr = cfg.sr / cfg.hop_length
    items = [i for i in load_items(Path(a.data) / 'truth', a.cache_dir, 'test', (0, 0, 1), progress=False) if item_style(i) == a.style]
    f1, le = [], []
    for it in items:
        t = json.loads((Path(a.data) / 'truth' / f"{it['name']}.json").read_text())
        S = len(it['raw_mel'])
        keep = np.ones(S, bool)
        for x in t['artefacts']:
            if x['kind'] in ARTEFACTS: keep[int(round(x['start'] * fr)):int(round(x['end'] * fr))] = False
        ref, beat = np.asarray(it['pointers'][:int(it['length'])]), beat_frames(it)
        est = template_edit(tpl, np.flatnonzero(keep), it['section_frames'], bar_frames(it, 4 * beat))[0]
        s = free_running_scores(ref, est, S, beat)
        f1.append(s['cut_f1']); le.append(s['length_error_beats'])
        print(f"{it['name']}: cut-point F1 {s['cut_f1']:.3f}, length error {s['length_error_beats']:.1f} beats")
    print(f"template ({tpl}) on the true songs of {len(items)} raws: cut-point F1 {np.mean(f1):.3f}, median length error {np.median(le):.1f} beats")
