"""One markdown row per `editorbot_eval` JSON file: the headline figures of issue 7 (overall), so runs compare side by side.

    python bench/eval_summary.py LABEL=bench/out/eval_a.json LABEL=bench/out/eval_b.json ... [--style radio,cleanup,loop,extended]
Teacher-forced: jump target within +-1 beat, jump-or-continue F1, stop precision, length MAE (frames); free-running: cut-point F1,
median length error (beats), raw-frame IoU, songs. With --style, the style-by-example cut-point F1 per style
(example / preset / prior) is added.
"""
import json, sys

argv = sys.argv[1:]
styles = argv[argv.index('--style') + 1].split(',') if '--style' in argv else []
args = [a for i, a in enumerate(argv) if not a.startswith('--') and (i == 0 or argv[i - 1] != '--style')]
if not args: sys.exit(__doc__)
head = ['run', 'jump target', 'jump F1', 'stop precision', 'length MAE', 'cut F1', 'length error (beats)', 'IoU', 'songs']
head += [f'{s} cut F1 (example / preset / prior)' for s in styles]
print('| ' + ' | '.join(head) + ' |'); print('|' + '---|' * len(head))
for a in args:
    label, path = a.split('=', 1)
    r = json.load(open(path)); tf = r['teacher_forced']['overall']; fr = r.get('free_running', {}).get('overall', {})
    cells = [label, f"{100 * tf['jump_target_acc']:.1f}%", f"{tf['jump_f1']:.3f}", f"{100 * tf['stop_precision']:.1f}%", f"{tf['length_mae']:.0f}",
             f"{fr.get('cut_f1', float('nan')):.3f}", f"{fr.get('length_error_beats', float('nan')):.1f}", f"{fr.get('iou', float('nan')):.3f}", str(fr.get('n_songs', '-'))]
    sb = r.get('style_by_example', {})
    for s in styles:
        x = sb.get(s)
        cells.append(' / '.join(f"{v:.3f}" for v in (x['cut_f1'], x.get('preset', {}).get('cut_f1', float('nan')), x['prior']['cut_f1'])) if x else '-')
    print('| ' + ' | '.join(cells) + ' |')
