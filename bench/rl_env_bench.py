"""Speed of `editorbot.rl.env.EditEnv` over a 3-minute song, against its first implementation in the same run.

Run from the repository root: `python bench/rl_env_bench.py [--duration 180] [--repeats 5]`.
The reference ("before") is the first implementation of the two hot spots, copied here verbatim: `EditEnv._obs` (per-step index
arithmetic and concatenation) and `action_masks` (a Python loop over the types). Nothing renders audio (effects are only rendered by
`render_edit`). Timings are wall-clock medians over `--repeats` episodes, one torch thread.
"""
import argparse, platform, time, os
import numpy as np
import torch
from editorbot.rl.actions import (ActionType, MaskConfig, EditState, N_TYPES, N_SIZES, N_AMOUNTS, SIZE_BEATS, LOOP_TYPES, EFFECT_TYPES,
                                  FADE_TYPES, LENGTHENING, valid_amounts, jump_back_beats, skip_target, unpack_masks)
import editorbot.rl.env as envmod
from editorbot.rl.env import EditEnv, EnvConfig, _LAST


def action_masks_before(state, cfg=None):
    cfg = cfg or MaskConfig(); T = ActionType
    size_m = np.zeros((N_TYPES, N_SIZES), bool); amt_m = np.zeros((N_TYPES, N_AMOUNTS), bool)
    if state.done: return np.zeros(N_TYPES, bool), size_m, amt_m
    sizes = np.array(SIZE_BEATS); rem = state.remaining
    fits = sizes <= rem
    started = state.beats_out > 0
    after_fade_out = state.last_type == T.FADE_OUT
    max_out = None if state.target_beats is None else cfg.max_length_factor * state.target_beats
    for t in cfg.types:
        sm = fits.copy(); am = valid_amounts(t)
        if t == T.SWAP_NEXT: sm = 2 * sizes <= rem
        elif t == T.SKIP: sm = np.array([skip_target(state.pos, n) <= state.n_beats for n in sizes])
        elif t == T.REPEAT_PREV: sm = sizes <= state.beats_out
        elif t == T.JUMP_BACK:
            dist = np.array([jump_back_beats(a) if am[a] else 0 for a in range(N_AMOUNTS)])
            am = am & (dist <= state.pos); sm = sizes <= state.pos
        if t in LOOP_TYPES and (not started or state.n_loops >= cfg.max_loops): sm[:] = False
        if t in EFFECT_TYPES and state.n_effects >= cfg.max_effects: sm[:] = False
        if t in FADE_TYPES and state.n_fades >= cfg.max_fades: sm[:] = False
        if t == T.REORDER and state.n_reorders >= cfg.max_reorders: sm[:] = False
        if t == T.FADE_IN and started and state.last_type not in (T.FADE_OUT, T.CUT, T.SKIP): sm[:] = False
        if after_fade_out and t not in (T.FADE_IN, T.CUT, T.SKIP): sm[:] = False
        if max_out is not None and t in LENGTHENING and t != T.KEEP:
            added = 2 * sizes if t in (T.LOOP, T.SWAP_NEXT) else sizes
            sm &= state.final_beats + added <= max_out
        size_m[t] = sm; amt_m[t] = am if sm.any() else False
    type_m = size_m.any(1) & amt_m.any(1)
    if after_fade_out and not type_m.any():
        type_m[T.KEEP] = True; size_m[T.KEEP] = fits; amt_m[T.KEEP] = valid_amounts(T.KEEP)
    size_m[~type_m] = False; amt_m[~type_m] = False
    return type_m, size_m, amt_m


class EditEnvBefore(EditEnv):
    "EditEnv with the first implementations of `_obs` and of the masks."
    def masks(self):
        if self._masks is None or self._masks[0] is not self.state: self._masks = (self.state, action_masks_before(self.state, self.cfg.mask))
        return self._masks[1]

    def _obs(self):
        c, s = self.cfg, self.state
        idx = np.arange(s.pos - c.past_beats, s.pos - c.past_beats + c.context_beats)
        win = np.where(((idx >= 0) & (idx < self.n_beats))[:, None], self.feats[np.clip(idx, 0, self.n_beats - 1)], 0.0)
        last_out = self.feats[self.out[-1]] if self.out else np.zeros(c.n_bands, np.float32)
        phase = np.zeros(c.beats_per_bar); phase[(min(s.pos, self.n_beats - 1) - self.downbeat) % c.beats_per_bar] = 1
        m = c.mask
        scal = [s.pos / self.n_beats, s.remaining / self.n_beats, s.final_beats / (2 * self.target),
                np.clip((self.target - s.final_beats) / self.target, -1, 1),
                s.n_loops / max(m.max_loops, 1), s.n_fades / max(m.max_fades, 1), s.n_reorders / max(m.max_reorders, 1), float(bool(self.out))]
        last = np.zeros(_LAST); last[N_TYPES if s.last_type is None else int(s.last_type)] = 1
        return np.clip(np.concatenate([win.reshape(-1), last_out, phase, scal, last]), -1, 1).astype(np.float32)


def keep_beat(o, mask, rng): return np.array([0, 0, 2])

def random_valid(o, mask, rng):
    tm, sm, am = unpack_masks(mask); t = rng.choice(np.nonzero(tm)[0])
    return np.array([t, rng.choice(np.nonzero(sm[t])[0]), rng.choice(np.nonzero(am[t])[0])])

def episode(env, policy, seed=0):
    rng = np.random.default_rng(seed); o, info = env.reset(seed=0); n, done = 0, False
    t = time.perf_counter()
    while not done: o, r, done, _, info = env.step(policy(o, info['action_mask'], rng)); n += 1
    return time.perf_counter() - t, n

def policy_only(env, policy, n, seed=0):
    "The same number of policy calls on the reset observation and mask, without stepping (the policy's own share)."
    rng = np.random.default_rng(seed); o, info = env.reset(seed=0); m = info['action_mask']
    t = time.perf_counter()
    for _ in range(n): policy(o, m, rng)
    return time.perf_counter() - t

def main():
    ap = argparse.ArgumentParser(); ap.add_argument('--duration', type=float, default=180.0); ap.add_argument('--repeats', type=int, default=5)
    args = ap.parse_args()
    torch.set_num_threads(1); torch.manual_seed(0)
    from editorbot.synth import generate_pair
    from editorbot.rl.ppo import FactoredActorCritic, ActorCriticConfig
    pair = generate_pair(0, 'radio', duration=args.duration); bt = np.asarray(pair.truth['beat_times'])
    print(f"song: {len(pair.raw) / pair.sr:.1f} s, {len(bt)} beats; {platform.processor() or platform.machine()}, {os.cpu_count()} cores; "
          f"medians of {args.repeats} episodes")
    t = time.perf_counter(); env_new = EditEnv(pair.raw, pair.sr, bt, reference=pair.segments, cfg=EnvConfig(types=ActionType))
    build = time.perf_counter() - t
    env_old = EditEnvBefore(pair.raw, pair.sr, bt, reference=pair.segments, cfg=EnvConfig(types=ActionType))
    print(f"building the environment (beat features of the whole song): {build:.2f} s")
    agent = FactoredActorCritic(ActorCriticConfig(env_new.observation_space.shape[0], (20, 5, 5), 128))
    import torch as th
    def greedy(o, m, rng):
        with th.no_grad(): a, *_ = agent.get_action_and_value(th.as_tensor(o[None]), th.as_tensor(m[None]), deterministic=True)
        return a[0].numpy()
    print("| policy | steps | before: beats/s (steps/s) | now: beats/s (steps/s) | speed-up | policy alone: calls/s |\n|---|---|---|---|---|---|")
    for name, pol in (('KEEP one beat per step', keep_beat), ('random valid actions', random_valid), ('greedy agent (128 wide, untrained)', greedy)):
        res = {}
        for k, env in (('before', env_old), ('now', env_new)):
            runs = [episode(env, pol, seed) for seed in range(args.repeats)]
            dt = float(np.median([r[0] for r in runs])); n = int(np.median([r[1] for r in runs]))
            res[k] = (dt, n, float(np.mean([r[1] / r[0] for r in runs])))
        po = policy_only(env_new, pol, res['now'][1])
        nb = env_new.n_beats
        print(f"| {name} | {res['now'][1]} | {nb / res['before'][0]:.0f} ({res['before'][2]:.0f}) | {nb / res['now'][0]:.0f} ({res['now'][2]:.0f}) | "
              f"{res['before'][0] / res['now'][0]:.1f}x | {res['now'][1] / po:.0f} |")

if __name__ == '__main__':
    main()
