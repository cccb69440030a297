"""Shared set-up of the validation probes (`cut_misses.py`, `jump_kinds.py`, `stop_by_end.py`): the same flags, a loaded
network and the songs of one split with their truth."""
import argparse
import torch
from editorbot.evaluate import load_items
from editorbot.models.pointer import load_pointer_network

def probe_parser(doc: str) -> argparse.ArgumentParser:
    "The flags every probe takes: --checkpoint, --cache-dir, --pointer-dir, --fractions, --split, --threads."
    ap = argparse.ArgumentParser(description=doc.splitlines()[0])
    ap.add_argument('--checkpoint', required=True)
    ap.add_argument('--cache-dir', default='bench/out/cache'); ap.add_argument('--pointer-dir', default='bench/out/synth/truth')
    ap.add_argument('--fractions', default='0.78,0.07,0.15'); ap.add_argument('--split', default='valid')
    ap.add_argument('--threads', type=int, default=1)
    return ap

def load_probe(a, beat_only: bool = False):
    "The network (eval mode) and the split's songs of parsed probe flags `a`."
    torch.set_num_threads(a.threads)
    model = load_pointer_network(a.checkpoint).eval()
    if beat_only and getattr(model.cfg, 'arch', '') != 'beat': raise SystemExit(f"{a.checkpoint}: not a beat-level network (arch {getattr(model.cfg, 'arch', '?')!r})")
    items = load_items(a.pointer_dir, a.cache_dir, a.split, tuple(float(x) for x in a.fractions.split(',')), 0, progress=False,
                       chroma=bool(getattr(model.cfg, 'use_chroma', False)))
    return model, items
