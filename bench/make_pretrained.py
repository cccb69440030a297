"""Make the shipped editor from a training run: choose between its best.pt and last.pt by free-running cut-point F1 on the
run's validation songs (each in its own style, by name) with each decoding rule the network offers (beat by beat, or from the
play plan: stored as the checkpoint's own, `cfg.decode`), choose the greedy continue-or-jump threshold the step decoder uses
(`--thresholds`, stored as `cfg.jump_threshold`) on the same songs, and write the slim checkpoint with its model card.

    python bench/make_pretrained.py models/real_mini18 --pointer-dir corpus/train/truth --cache-dir corpus/cache \
        --fractions 0.9,0.1,0 --dest editorbot/pretrained/editorbot_real_mini.pt --card card.json --thresholds=-1,0.6,0.7,0.8,0.9 --skip-prefix synth
"""
import argparse, json, time
from pathlib import Path
import torch
from editorbot.evaluate import load_items, evaluate_items
from editorbot.finetune import choose_checkpoint, ship_checkpoint, set_config
from editorbot.models.registry import load_model
from editorbot.core import atomic_torch_save

if __name__ == '__main__':
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument('run'); ap.add_argument('--pointer-dir', required=True); ap.add_argument('--cache-dir', required=True)
    ap.add_argument('--fractions', default='0.9,0.1,0'); ap.add_argument('--dest', required=True)
    ap.add_argument('--card', default='', help='JSON file of model-card fields to store (data, command, training time, ...)')
    ap.add_argument('--force', action='store_true', help='replace DEST')
    ap.add_argument('--thresholds', default='', help='comma-separated jump thresholds to choose from on the validation songs (negative: argmax)')
    ap.add_argument('--skip-prefix', default='', help='leave validation songs whose names start with this out (e.g. synth: choose on the real ones)')
    a = ap.parse_args()
    dest = Path(a.dest)
    if dest.exists() and not a.force: raise SystemExit(f"error: {dest}: exists (use --force to replace it)")
    torch.set_num_threads(1)
    t0 = time.time()
    items = load_items(a.pointer_dir, a.cache_dir, 'valid', tuple(float(x) for x in a.fractions.split(',')), progress=False)
    if a.skip_prefix: items = [i for i in items if not str(i['name']).startswith(a.skip_prefix)]
    cands = [Path(a.run) / f for f in ('best.pt', 'last.pt') if (Path(a.run) / f).exists()]
    if not cands: raise SystemExit(f"error: {a.run}: no best.pt or last.pt")
    best, scores = choose_checkpoint(cands, items)
    card = json.loads(Path(a.card).read_text()) if a.card else {}
    card.update(chosen_from=str(best), validation=dict(songs=len(items), scores={Path(k).name: dict(cut_f1=v[0], length_error_beats=v[1], decode=v[2]) for k, v in scores.items()}))
    ship_checkpoint(best, dest, card)
    set_config(dest, decode=scores[str(best)][2])
    if a.thresholds and scores[str(best)][2] in (None, 'steps'):
        m = load_model(dest); sweep = {}
        for thr in (float(x) for x in a.thresholds.split(',')):
            frs = evaluate_items(m, items, progress=False, style='own', decode_kw=dict(jump_threshold=thr))['free_running']
            fr = frs['overall']
            per = ', '.join(f"{k} {v['cut_f1']:.3f}" for k, v in frs.items() if k != 'overall')
            sweep[thr] = (fr['cut_f1'], fr['length_error_beats'])
            print(f"jump threshold {thr:g}: validation cut-point F1 {fr['cut_f1']:.3f} ({per}), median length error {fr['length_error_beats']:.1f} beats")
        thr = max(sweep, key=lambda t: (sweep[t][0], -sweep[t][1]))
        set_config(dest, jump_threshold=thr)
        ck = torch.load(dest, map_location='cpu', weights_only=True)
        ck['card']['decoding'] = dict(jump_threshold=thr, sweep={str(k): dict(cut_f1=v[0], length_error_beats=v[1]) for k, v in sweep.items()})
        atomic_torch_save(ck, dest); print(f"decodes with jump threshold {thr:g}")
    for k, (f1, le, d) in scores.items(): print(f"{k}: validation cut-point F1 {f1:.3f}, median length error {le:.1f} beats ({len(items)} songs; decoding: {d or 'steps'})")
    print(f"chose {best}; wrote {dest} ({dest.stat().st_size / 2**20:.1f} MiB) in {time.time() - t0:.0f} s")
