"""Kill-and-resume check on real data: a short editorbot_train run straight, and the same run killed with SIGKILL
during epoch 3 and restarted with --resume; prints both runs' final step, val_accuracy curve and the largest weight difference."""
import os, signal, subprocess, sys, time, shutil
from pathlib import Path
import torch
out = Path(sys.argv[1] if len(sys.argv) > 1 else 'models/resume_check')
args = ['--cache-dir', 'bench/out/cache', '--pointer-dir', 'bench/out/synth/pointer_sequences', '--config', 'mini', '--batch-size', '8',
        '--lr', '1e-3', '--warmup-steps', '10', '--fractions', '0.78,0.07,0.15', '--threads', '1', '--epochs', '6',
        '--batches-per-epoch', '10', '--val-batches', '2']
shutil.rmtree(out, ignore_errors=True)
a, b = out / 'straight', out / 'killed'
subprocess.run(['editorbot_train', '--save-dir', str(a), *args], capture_output=True, check=True)
p = subprocess.Popen(['editorbot_train', '--save-dir', str(b), *args], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
while True:   # kill -9 once the end of epoch 2 is on disk (step 20), i.e. during epoch 3
    time.sleep(0.5)
    if (b / 'last.pt').exists():
        try:
            if torch.load(b / 'last.pt', weights_only=True)['step'] >= 20: break
        except Exception: pass
os.kill(p.pid, signal.SIGKILL); p.wait()
killed_at = torch.load(b / 'last.pt', weights_only=True)['step']
subprocess.run(['editorbot_train', '--save-dir', str(b), *args, '--resume'], capture_output=True, check=True)
ca, cb = (torch.load(d / 'last.pt', weights_only=True) for d in (a, b))
diff = max((ca['model_state_dict'][k].float() - cb['model_state_dict'][k].float()).abs().max().item() for k in ca['model_state_dict'])
print(f"killed at step {killed_at}; final steps {ca['step']} / {cb['step']}; val_accuracy {ca['val_accuracy']:.4f} / {cb['val_accuracy']:.4f}; "
      f"best {ca['best_val_accuracy']:.4f} / {cb['best_val_accuracy']:.4f}; largest weight difference {diff:.3g}")
