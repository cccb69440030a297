"Step-level error breakdown of a BeatPointerNetwork checkpoint on held-out songs (teacher-forced)."
import sys, numpy as np, torch
from collections import Counter
from editorbot.models.beat_pointer import load_model, step_targets
from editorbot.evaluate import load_items, _collate, item_style
torch.set_num_threads(1)
ck = sys.argv[1]; split = sys.argv[2] if len(sys.argv) > 2 else 'valid'
m = load_model(ck)
items = load_items('bench/out/synth/pointer_sequences', 'bench/out/cache', split, (0.78, 0.07, 0.15), progress=False)
C = Counter(); ex = []
for it in items:
    b = _collate([it])
    with torch.no_grad():
        enc = m.encode(b); rt = step_targets(b, enc, m.cfg.null_frames)
        z = m.encode_style(b)
        h = m.decode(m.step_inputs(enc, rt['prev'], rt['start'], rt['jumped'], rt['step'], None, z), enc)
        lg, valid, cb = m.pointer_logits(h, enc, rt['prev'])
    NB = enc['beat'].shape[1]
    pred = lg.masked_fill(~valid, -torch.inf).argmax(-1)[0]; cls = rt['cls'][0]; jump = rt['jump'][0]; cbb = cb[0]
    for s in range(len(cls)):
        t, p = int(cls[s]), int(pred[s])
        kind = 'stop' if t == NB + 1 else ('jump' if jump[s] else 'cont')
        pk = 'stop' if p == NB + 1 else ('null' if p == NB else ('cont' if p == int(cbb[s]) else 'jump'))
        ok = p == t
        C[(kind, pk, ok)] += 1
        if not ok and len(ex) < 40: ex.append((it['name'], s, kind, pk, t, p, int(cbb[s])))
for k, v in sorted(C.items()): print(k, v)
for e in ex: print(e)
