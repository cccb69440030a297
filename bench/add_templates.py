"""Give a checkpoint edit templates of its styles (`editorbot.template`, `06a`): read one off each style's training pairs (the
network's own cleanup edits of the raws as the songs), and store it where it edits the validation songs better by name than
the network does (`editorbot.finetune.fit_style_templates`, as `editorbot_finetune` does for a user's styles).

    python bench/add_templates.py editorbot/pretrained/editorbot_real_mini.pt --pointer-dir corpus/mix4/truth --cache-dir corpus/cache \
        --fractions 0.9,0.1,0 --skip synth,-s60 --max-train 40 --json models/real_e12/templates.json
"""
import argparse, json, time
from collections import defaultdict
from pathlib import Path
import torch
from editorbot.evaluate import load_items, item_style
from editorbot.finetune import fit_style_templates
from editorbot.core import atomic_torch_save, atomic_write_text

if __name__ == '__main__':
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument('checkpoint'); ap.add_argument('--pointer-dir', required=True); ap.add_argument('--cache-dir', required=True)
    ap.add_argument('--fractions', default='0.9,0.1,0'); ap.add_argument('--skip', default='', help='comma-separated name parts: songs whose names hold one are left out')
    ap.add_argument('--max-train', type=int, default=40, help='training songs per style to read a template off')
    ap.add_argument('--json', default='', help='write the per-style results here')
    ap.add_argument('--dry-run', action='store_true', help='fit and score, but leave the checkpoint as it is')
    ap.add_argument('--min-support', type=float, default=0.5, help='a template must explain this share of a style training pairs')
    ap.add_argument('--styles', default='', help='comma-separated styles to try (default: all but cleanup)')
    a = ap.parse_args()
    torch.set_num_threads(1)
    t0 = time.time()
    fr = tuple(float(x) for x in a.fractions.split(','))
    skip = [s for s in a.skip.split(',') if s]
    keep = lambda items: [i for i in items if not any(s in str(i['name']) for s in skip)]
    train, by = [], defaultdict(int)
    for it in keep(load_items(a.pointer_dir, a.cache_dir, 'train', fr, progress=False)):
        if a.styles and item_style(it) not in a.styles.split(','): continue
        if by[item_style(it)] < a.max_train: train.append(it); by[item_style(it)] += 1
    valid = keep(load_items(a.pointer_dir, a.cache_dir, 'valid', fr, progress=False))
    print(f"{len(train)} training songs ({dict(by)}), {len(valid)} validation songs")
    res = fit_style_templates(a.checkpoint, a.checkpoint, train, valid, min_support=a.min_support, log=print)
    adopted = {s: d['template'] for s, d in res.items() if d['adopted']}
    if adopted and not a.dry_run:
        ck = torch.load(a.checkpoint, map_location='cpu', weights_only=True)
        ck['style_templates'] = {**(ck.get('style_templates') or {}), **adopted}
        card = ck.setdefault('card', {})
        card['templates'] = {**(card.get('templates') or {}), **{s: dict(d, n_train=by[s], n_valid=sum(item_style(i) == s for i in valid)) for s, d in res.items()}}   # styles not tried keep their entries
        atomic_torch_save(ck, a.checkpoint)
    if a.json: atomic_write_text(Path(a.json), json.dumps(res, indent=1))
    print(f"templates stored: {', '.join(adopted) or 'none'}{' (dry run)' if a.dry_run else ''}; {time.time() - t0:.0f} s")
