"""The fine-tuning test: networks scored free-running on held-out songs of one style (the corpus' `house`), by name and by example.

For each checkpoint: the songs edited by name, as `editorbot_edit --style` edits them (its stored preset of the style, or its edit
template of the style where it stores one; the botched takes dropped first), and with the style latent of one example pair (`--example-dir`: the first pair of the fine-tuning folder); cut-point F1 (+-1 beat), median
length error in beats, the share within 2 beats, against copy-raw.

    python bench/house_compare.py pretrained models/house_ft/model.pt models/house_scratch/model.pt \
        --test-dir corpus/house_test --example-dir corpus/house_ft --cache-dir corpus/cache --style house
"""
import argparse, json, time
from pathlib import Path
import numpy as np
import torch
from editorbot.evaluate import load_items, evaluate_items, style_by_example
from editorbot.models.registry import load_model

def row(name: str, fr: dict) -> str:
    return f"| {name} | {fr['n_songs']} | {fr['cut_f1']:.3f} | {fr['length_error_beats']:.1f} | {fr.get('within_2_beats', float('nan')):.0%} | {fr['copy_cut_f1']:.3f} |"

if __name__ == '__main__':
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument('checkpoints', nargs='+'); ap.add_argument('--test-dir', required=True); ap.add_argument('--example-dir', required=True)
    ap.add_argument('--cache-dir', required=True); ap.add_argument('--style', default='house'); ap.add_argument('--json', default='')
    ap.add_argument('--keep-retakes', action='store_true', help="by name: decode from the whole raw (by default the botched takes editorbot_edit drops are dropped)")
    ap.add_argument('--no-templates', action='store_true', help="the network alone: no stored template by name, no template read off the example pair")
    ap.add_argument('--n-examples', type=int, default=1, help='by example: each of the first N pairs of --example-dir in turn, and their mean')
    a = ap.parse_args()
    torch.set_num_threads(1)
    t0 = time.time()
    items = load_items(Path(a.test_dir) / 'truth', a.cache_dir, 'test', (0, 0, 1), progress=False)
    exs = load_items(Path(a.example_dir) / 'truth', a.cache_dir, 'test', (0, 0, 1), progress=False)[:a.n_examples]
    out, lines = {}, ["| network | style given | songs | cut-point F1 | median length error (beats) | within 2 beats | copy-raw cut F1 |", "|---|---|---|---|---|---|---|"]
    for ck in a.checkpoints:
        m = load_model(ck); r = {}
        if a.style in (getattr(m, 'style_presets', None) or {}) or (a.style in m.style_templates and not a.no_templates):
            res = evaluate_items(m, items, progress=False, style=a.style, retakes=not a.keep_retakes, templates=not a.no_templates)
            fr = res['free_running']['overall']
            le = np.array([s['length_error_beats'] for s in res['songs']]); fr['within_2_beats'] = float(np.mean(le <= 2))
            r['by_name'] = fr; lines.append(row(f"{ck} | by name ({a.style}{', template' if res['templates'].get(a.style) else ''})", fr))
        r['by_example'] = []
        for ex in exs:
            sb = style_by_example(m, {a.style: ex}, items, progress=False, templates=not a.no_templates)[a.style]
            r['by_example'].append(sb)
            lines.append(f"| {ck} | by example ({ex['name']}{', a template' if sb.get('template') else ''}) | {sb['n_songs']} | {sb['cut_f1']:.3f} | {sb['length_error_beats']:.1f} | - | - |")
        if len(exs) > 1:
            f1, le = np.mean([x['cut_f1'] for x in r['by_example']]), np.median([x['length_error_beats'] for x in r['by_example']])
            lines.append(f"| {ck} | by example, mean of {len(exs)} pairs ({sum(bool(x.get('template')) for x in r['by_example'])} templates) | {len(items)} | {f1:.3f} | {le:.1f} | - | - |")
        out[ck] = r
    print('\n'.join(lines)); print(f"\n{len(items)} test songs, {time.time() - t0:.0f} s")
    if a.json: Path(a.json).write_text(json.dumps(out, indent=1, default=float))
