"""Beat-level vs run-level pointer network, same process, same inputs (2-core CPU, one thread):
training step (forward + backward) on a batch of whole songs (the beat network with and without its play plan), and greedy decoding
of a 3-minute song; peak memory per decode in a child process; the analysis of that song (mel and beats, what `editorbot_edit` does first)."""
import sys, time, subprocess, json
import numpy as np, torch
torch.set_num_threads(1)
from editorbot.models.pointer import PointerNetwork, PointerConfig
from editorbot.models.beat_pointer import BeatPointerNetwork, BeatPointerConfig

def raw(seconds=180.0, seed=0):
    from editorbot.synth import generate_song
    return generate_song(seed, duration=seconds)

def song(seconds=180.0, seed=0):
    from editorbot.edit import analyze_raw
    s = raw(seconds, seed)
    return analyze_raw(s.y, s.sr)

def decode(kind, an):
    torch.manual_seed(0)
    m = (BeatPointerNetwork(BeatPointerConfig.mini()) if kind == 'beat' else PointerNetwork(PointerConfig.mini())).eval()
    t = time.perf_counter()
    g = m.generate(torch.from_numpy(an['raw_mel']), beat_times=an['beat_times'], downbeat_times=an['downbeat_times'], min_length=len(an['raw_mel']) // 2)
    return time.perf_counter() - t, int(g['length'][0]), int(g['n_steps'][0])

if len(sys.argv) > 1:   # child: one decode, report time and peak RSS
    an = song(); import gc; gc.collect()
    kb = lambda key: int(next(l for l in open('/proc/self/status') if l.startswith(key)).split()[1])
    open('/proc/self/clear_refs', 'w').write('5')      # reset the peak (VmHWM) to the current RSS, so the peak is the decode's
    base = kb('VmRSS')
    dt, n, k = decode(sys.argv[1], an)
    print(json.dumps(dict(seconds=round(dt, 3), frames=n, steps=k, rss_before_mb=round(base / 1024), peak_added_mb=round((kb('VmHWM') - base) / 1024, 1)))); sys.exit()

from editorbot.evaluate import load_items, _collate
items = load_items('bench/out/synth/pointer_sequences', 'bench/out/cache', 'test', (0.78, 0.07, 0.15), max_songs=4, progress=False)
b = _collate(items)
for kind, m in (('beat-level mini', BeatPointerNetwork(BeatPointerConfig.mini())), ('beat-level mini, no play plan', BeatPointerNetwork(BeatPointerConfig.mini(use_plan=False))),
                ('run-level mini', PointerNetwork(PointerConfig.mini()))):
    m.train(); ts = []
    for _ in range(3):
        t = time.perf_counter(); out = m(b); out['loss'].backward(); ts.append(time.perf_counter() - t); m.zero_grad()
    print(f"train step, {kind}, batch of {len(items)} whole songs ({b['raw_mel'].shape[1]} raw frames): median {np.median(ts):.2f} s")
for kind in ('beat', 'run'):
    r = subprocess.run([sys.executable, __file__, kind], capture_output=True, text=True)
    print(kind, r.stdout.strip().splitlines()[-1] if r.stdout.strip() else r.stderr[-500:])
from editorbot.edit import analyze_raw
s3 = raw()
ts = []
for _ in range(2):
    t = time.perf_counter()
    analyze_raw(s3.y, s3.sr)
    ts.append(time.perf_counter() - t)
print(f"analysis of a {len(s3.y) / s3.sr:.0f}-s song (mel and beats): {min(ts):.2f} s")
