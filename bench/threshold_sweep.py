"""Choose the beat network's greedy continue-or-jump threshold (`generate(jump_threshold=)`) on validation songs.

For each threshold, free-running edits of every validation song are scored against the true edit (cut-point F1 at +-1 beat,
median length error in beats, raw IoU), decoded with the song's own edit's style latent ('reference') and with the stored
preset of the song's style ('preset': what `editorbot_edit --style radio` uses). A negative threshold is the plain argmax.

    python bench/threshold_sweep.py --checkpoint models/beat_mini_mixb32/best.pt --thresholds -1,0.6,0.7,0.8,0.85,0.9
"""
import argparse, time
import numpy as np, torch
from editorbot.evaluate import load_items, evaluate_items, item_style
from editorbot.models.pointer import load_pointer_network

def sweep(model, items, style, thr):
    "Per-song free-running rows of all items under one latent protocol and threshold."
    kw = dict(jump_threshold=thr)   # negative: plain argmax
    if style == 'reference': return evaluate_items(model, items, progress=False, decode_kw=kw)['songs']
    songs = []
    for st in sorted({item_style(i) for i in items}):
        songs += evaluate_items(model, [i for i in items if item_style(i) == st], progress=False, style=st, decode_kw=kw)['songs']
    return songs

def summary(songs):
    o = {k: float(np.mean([s[k] for s in songs])) for k in ('cut_f1', 'cut_precision', 'cut_recall', 'iou')}
    o['length_error_beats'] = float(np.median([s['length_error_beats'] for s in songs])); return o

if __name__ == '__main__':
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument('--checkpoint', required=True)
    ap.add_argument('--cache-dir', default='bench/out/cache'); ap.add_argument('--pointer-dir', default='bench/out/synth/truth')
    ap.add_argument('--fractions', default='0.78,0.07,0.15'); ap.add_argument('--split', default='valid')
    ap.add_argument('--thresholds', default='-1,0.6,0.7,0.8,0.85,0.9'); ap.add_argument('--styles', default='reference,preset')
    ap.add_argument('--threads', type=int, default=1)
    a = ap.parse_args(); torch.set_num_threads(a.threads)
    model = load_pointer_network(a.checkpoint)
    items = load_items(a.pointer_dir, a.cache_dir, a.split, tuple(float(x) for x in a.fractions.split(',')), 0, progress=False)
    print(f"{len(items)} {a.split} songs; {a.checkpoint}\n")
    print('| latent | threshold | cut F1 | precision | recall | length error (beats) | IoU | ' + ' | '.join(f'{s} cut F1' for s in sorted({item_style(i) for i in items})) + ' |')
    print('|---' * (7 + len({item_style(i) for i in items})) + '|')
    for style in a.styles.split(','):
        for thr in (float(x) for x in a.thresholds.split(',')):
            t0 = time.time(); songs = sweep(model, items, style, thr); o = summary(songs)
            per = [np.mean([s['cut_f1'] for s in songs if s['style'] == st]) for st in sorted({s['style'] for s in songs})]
            print(f"| {style} | {'argmax' if thr < 0 else thr} | {o['cut_f1']:.3f} | {o['cut_precision']:.3f} | {o['cut_recall']:.3f} | {o['length_error_beats']:.1f} | {o['iou']:.3f} | "
                  + ' | '.join(f'{x:.3f}' for x in per) + f' |  <!-- {time.time() - t0:.0f} s -->', flush=True)
