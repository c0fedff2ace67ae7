"""CPU seconds per training step of each phase for a config (process time, so other jobs on a shared machine
do not distort it; it counts the kernel's time too): the numbers the CPU step budget of configs/demo.json is sized
from. Each phase is measured twice in the same process, first with glibc's allocator as it comes and then with
allocator.keep_freed_memory (what the pipeline runs with).

    cd training && /usr/bin/python3 scripts/profile_cpu_steps.py configs/demo.json [steps] [batch]
"""
import json
import sys
import time
from pathlib import Path

import numpy as np
import torch
import torch.nn.functional as F

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from ivp_training import allocator, losses  # noqa: E402
from ivp_training.models import one_hot_views  # noqa: E402
from ivp_training.train import adversarial_d_step, build_clip, build_discriminator, build_generator  # noqa: E402


def cpu_per_step(fn, steps):
    fn()  # warm-up
    t = time.process_time()
    for _ in range(steps):
        fn()
    return (time.process_time() - t) / steps


def main():
    cfg = json.loads(Path(sys.argv[1]).read_text())
    steps = int(sys.argv[2]) if len(sys.argv) > 2 else 3
    if len(sys.argv) > 3:  # one batch for both generator phases (the GPU runs and the CPU pilots use others)
        cfg["generator"]["batch"] = cfg["generator"]["adversarial"]["batch"] = int(sys.argv[3])
    torch.set_num_threads(2)
    e, g = cfg["encoder"], cfg["generator"]
    a = g["adversarial"]
    S = cfg["data"]["size"]
    clip, G, D = build_clip(cfg, 250), build_generator(cfg), build_discriminator(cfg)
    optc = torch.optim.AdamW(clip.parameters())
    optG = torch.optim.Adam(G.parameters())
    optD = torch.optim.Adam(D.parameters())

    def enc():
        x = torch.rand(e["batch"], 3, S, S) * 255
        ids = torch.randint(4, 250, (e["batch"], cfg["text"]["context"]))
        ids[:, -1] = 3
        i1, i2 = clip.encode_image(x), clip.encode_image(x.flip(3))
        loss = losses.clip_loss(i1, clip.encode_text(ids), clip.logit_scale) + losses.instance_nce(i1, i2)
        optc.zero_grad(); loss.backward(); optc.step()

    def batch(B):
        c = one_hot_views(torch.arange(B) % 4)
        return torch.rand(B, 3, G.resolution, G.resolution) * 2 - 1, c, torch.randn(B, e["embed_dim"]), torch.randn(B, G.z_dim)

    def rec():
        tgt, c, k, z = batch(g["batch"])
        fake = G(c, k, z)
        loss = (fake - tgt).abs().mean() + losses.feature_loss(clip.image, clip.preprocess_unit(fake), clip.preprocess_unit(tgt))
        optG.zero_grad(); loss.backward(); optG.step()

    def adv():
        tgt, c, k, z = batch(a["batch"])
        kn = F.normalize(k, dim=1)
        with torch.no_grad():
            fake = G(c, k, z)
        adversarial_d_step(D, optD, tgt, fake, c, kn, 2.5 * a["r1_every"], True)
        fake = G(c, k, z)
        loss = losses.g_nonsat(D(losses.diff_augment(fake), c, kn)) + (fake - tgt).abs().mean() + losses.feature_loss(
            clip.image, clip.preprocess_unit(fake), clip.preprocess_unit(tgt))
        optG.zero_grad(); loss.backward(); optG.step()

    phases = {"encoder": enc, "generator": rec, "adversarial (with R1 every step: upper bound)": adv}
    out = {"glibc defaults": {k: round(cpu_per_step(f, steps), 3) for k, f in phases.items()}}
    if allocator.keep_freed_memory():
        out["freed memory kept (allocator.keep_freed_memory)"] = {k: round(cpu_per_step(f, steps), 3)
                                                                 for k, f in phases.items()}
    print(json.dumps(out))


if __name__ == "__main__":
    main()
