"""Writes docs/model-card.md from the training summary and evaluation metrics."""
from __future__ import annotations

import json
import os
from pathlib import Path

from .attributes import ATTRIBUTES, PIPELINE_JUDGE
from .models import VIEWS


def _f(x, nd=1):
    return "n/a" if x is None else f"{x:.{nd}f}"


def _row(name, m):
    cells = [name]
    for v in VIEWS + ["all"]:
        cells.append(f"{m[v]['psnr']:.2f} / {m[v]['ssim']:.3f} / {m[v]['feat_cos']:.3f}")
    cells.append(_f(m['all']['fd'], 1))
    return "| " + " | ".join(cells) + " |"


def _relative_image(cfg: dict, key: str, card: Path, default: str) -> str:
    """The config's image path (relative to training/) as the card links it (relative to the card's folder)."""
    p = cfg.get("bundle", {}).get(key)
    if not p:
        return default
    image = (Path(__file__).resolve().parents[1] / p).resolve()
    return os.path.relpath(image, Path(card).resolve().parent)


def write_model_card(path: Path, cfg: dict, training: dict, ev: dict, stats: dict, bundle: Path) -> None:
    grid = _relative_image(cfg, "grid", path, "images/demo-model-grid.png")
    curves = _relative_image(cfg, "curves", path, "images/demo-model-loss-curves.png")
    e, g = training["encoder"], training["generator"]
    r, n = ev["retrieval"], ev.get("nudge")
    mdl, mean, nn = ev["model"], ev["baseline_mean_image"], ev["baseline_nearest_train_patient"]
    lin = ev.get("baseline_linear_from_front")
    beats_mean = [v for v in VIEWS if all(mdl[v][k] > mean[v][k] for k in ("psnr", "ssim", "feat_cos"))]
    beats_nn = [v for v in VIEWS if mdl[v]["psnr"] > nn[v]["psnr"]]
    lines = [
        f"# Model card: IVP Studio demo model {cfg['bundle'].get('version', '')} (synthetic phantom CLIP-IVP)",
        "",
        "> **Synthetic demonstration model — not for clinical use.** Trained only on procedurally generated",
        "> phantom intraoral photos; it has never seen a real patient and its outputs carry no clinical meaning.",
        "",
        f"Bundle: `{Path(bundle).name}/` (format `ivp-model-bundle` v1, see [model-bundle.md](model-bundle.md)).",
        "Regenerate with one command (about 2 hours on 2 CPU cores):",
        "",
        "```",
        training["command"],
        "```",
        "",
        f"Trained on: **{training['device']}**." + (" " + training["reproduction"] if training.get("reproduction") else ""),
        "",
        "## Method",
        "CLIP-IVP (MICCAI 2023 MedAGI workshop) with stand-ins for the pretrained parts:",
        f"- **Encoder**: a small CLIP trained from scratch — ResNet image tower at {cfg['encoder']['input_size']} px "
        f"(widths {cfg['encoder']['widths']}), text transformer width {cfg['encoder']['text_width']}, depth "
        f"{cfg['encoder']['text_depth']}, context {cfg['text']['context']}, embedding {cfg['encoder']['embed_dim']}; "
        f"contrastive on phantom front photos and their captions. {e['steps']} steps × batch {e['batch']} in "
        f"{e['seconds'] / 60:.1f} min; loss {e['loss_first']:.3f} → {e['loss_last']:.3f}." + refreshed_line(e)
        + " Frozen afterwards.",
        f"- **Generator**: StyleGAN2-style G(κ, c, z): mapping (κ→FC, unit 2nd moment; + normalised z; + embedded "
        f"one-hot view) → 4 FC → w, tracked w̄ for truncation ψ; synthesis {g['config']['resolution']} px, channels "
        f"{g['config']['channels']}, modulated/demodulated 3×3 convs, toRGB skips, nearest upsampling, fixed "
        f"(\"const\") noise buffers. Trained with reconstruction losses "
        f"{', '.join(x for x in g['losses'] if not x.startswith('conditional GAN'))}: "
        f"{g['steps']} steps × batch {g['batch']} in {g['seconds'] / 60:.1f} min; L1 {g['l1_first']:.3f} → "
        f"{g['l1_last']:.3f}, feature loss {g['feat_first']:.3f} → {g['feat_last']:.3f}." + (
            f" Then a refinement of {g['refine_steps']} steps ({g['refine_seconds'] / 60:.1f} min) on L1 + "
            f"{g['config']['refine']['mse_weight']:g}·MSE + {g['config']['refine']['feat_weight']:g}·feature loss "
            f"with a decaying learning rate (MSE {g['refine_mse_last']:.4f} at the end): it pulls each view "
            "towards the average of what the front photo allows, which is what pixel metrics reward."
            if g.get("refine_steps") else ""),
        adversarial_line(g),
        f"- Data: {training['data']['train_samples']} training samples (patient, stage); images "
        f"{training['data']['image_size']} px, 5:3 frame squashed to square (display aspect 5:3).",
        f"- Embedding norms (training fronts): mean {stats['norm_mean']:.2f}, std {stats['norm_std']:.2f}.",
        "",
        f"## Evaluation on {ev['test_samples']} held-out test phantom samples",
        "Cells: PSNR (dB) / SSIM / feature cosine (frozen image tower). FD: Fréchet distance between predicted",
        "and true views in image-tower embedding space (all views pooled; lower is better).",
        "",
        "| method | " + " | ".join(VIEWS) + " | mean | FD |",
        "|---|" + "---|" * (len(VIEWS) + 2),
        _row("**model** (ψ=1, z seed 0)", mdl),
        _row("per-view mean image", mean),
        _row("nearest training patient (embedding)", nn),
    ] + ([_row("linear regression from front pixels (reference)", lin)] if lin else []) + [
        "",
        f"Versus the per-view mean image the model gains {mdl['all']['psnr'] - mean['all']['psnr']:+.2f} dB PSNR "
        f"and {mdl['all']['ssim'] - mean['all']['ssim']:+.3f} SSIM (better on PSNR, SSIM and feature cosine for: "
        f"{', '.join(beats_mean) or 'no view'}). Versus nearest-neighbour retrieval of a real "
        f"training patient: {mdl['all']['psnr'] - nn['all']['psnr']:+.2f} dB PSNR, "
        f"{mdl['all']['ssim'] - nn['all']['ssim']:+.3f} SSIM, feature cosine "
        f"{mdl['all']['feat_cos'] - nn['all']['feat_cos']:+.3f}, FD {_f(mdl['all']['fd'])} vs {_f(nn['all']['fd'])} "
        f"(model better on PSNR for: {', '.join(beats_nn) or 'no view'}). Pixel metrics favour blurry averages; "
        "nearest-neighbour outputs are sharp real phantom images, so it tends to win on FD/realism." + (
            f" The linear regression row is a reference for how much pixel metrics can reward at all here: "
            f"every view is photographed with its own small camera jitter (a few pixels of shift and a few degrees "
            f"of rotation) and shows teeth the front photo cannot see, so even that blurry conditional average is "
            f"only {lin['all']['psnr'] - mean['all']['psnr']:+.2f} dB / {lin['all']['ssim'] - mean['all']['ssim']:+.3f} "
            f"SSIM from the mean image; the model is {mdl['all']['psnr'] - lin['all']['psnr']:+.2f} dB / "
            f"{mdl['all']['ssim'] - lin['all']['ssim']:+.3f} SSIM from it, and the feature metrics (cosine, FD) are "
            "where patient-specific content shows." if lin else ""),
        "",
        "### Text → image retrieval (test split)",
        f"{r['n']} test front photos, {r['unique_captions']} distinct captions. Own-image top-1 "
        f"{r['top1']:.3f}, top-5 {r['top5']:.3f} (chance {r['chance_top1']:.4f}); retrieving an image with the "
        f"identical caption: top-1 {r['top1_caption_match']:.3f}, top-5 {r['top5_caption_match']:.3f}.",
        "",
        "### Nudge accuracy",
    ]
    if n:
        lines += [
            f"{n['test_patients']} {'NEW patients (never in training)' if n.get('new_patients') else 'test patients'} "
            "with treatment stages; each gets ANOTHER patient's "
            f"κ(after) − κ(before) added at α=1 to its own before-embedding. Mean L1 (0–1 scale) of the four "
            f"predicted views to the patient's true after-state: α=0 {n['l1_to_true_after_alpha0']:.4f} → α=1 "
            f"{n['l1_to_true_after_alpha1']:.4f} ({100 * n['l1_rel_improvement']:+.1f}%; closer for "
            f"{100 * n['frac_patients_closer_l1']:.0f}% of patients). Feature distance (1 − cos): "
            f"{n['featdist_to_true_after_alpha0']:.4f} → {n['featdist_to_true_after_alpha1']:.4f} "
            f"({100 * n['featdist_rel_improvement']:+.1f}%; closer for {100 * n['frac_patients_closer_feat']:.0f}%). "
            f"Reference points: mean donor difference L1 {n['mean_donor_delta']['l1']:.4f}; using the patient's "
            f"own true after-embedding (oracle) L1 {n['oracle_true_after_embedding']['l1']:.4f}; true before vs "
            f"after views differ by L1 {n['true_before_vs_after_l1']:.4f}.",
        ]
    else:
        lines.append("Not evaluated (no staged test patients).")
    lines += [
    ]
    lines += new_patient_section(ev.get("new_patients"), training, curves)
    manifest = _manifest(bundle)
    lines += comparison_section(training.get("comparison"), manifest)
    lines += judge_section(training.get("judge_strength"), manifest, (ev.get("new_patients") or {}).get("attribute_judge"),
                           training.get("front_readability"))
    lines += attribute_set_note(ev.get("new_patients"), training.get("judge_strength"))
    if training.get("default_decision"):
        lines += ["", "### Why this bundle is the default", training["default_decision"]]
    lines += ood_section(manifest, training.get("ood_measurement"), training.get("picture_ood"),
                         training.get("orientation_ood"))
    lines += z_section(manifest)
    lines += seed_section(manifest, training.get("seed_variation"))
    lines += [
        "",
        f"![demo grid]({grid})",
        "",
        f"`{grid}`: new patients (never in training); columns: input front, true",
        "left/right/lower/upper, predicted left/right/lower/upper (stretched back to the 5:3 display aspect); under",
        "each row the attributes the phantom gave that patient.",
        "",
        "## Limitations",
        "- Synthetic phantom data only; no clinical validity. Real CLIP-IVP weights must be exported into the",
        "  same bundle format to be meaningful.",
        "- Small model trained for minutes: fine detail (bracket wires, small crowns) is drawn less crisply than",
        "  the phantom renders it, and attributes the front photo cannot show are guessed.",
        "- The text tower only knows the phantom caption vocabulary plus a short list of clinical words.",
        "",
        "Full metrics: `models/demo/manifest.json` → `evaluation`.",
        "",
    ]
    Path(path).write_text("\n".join(lines))


def refreshed_line(e: dict) -> str:
    """The encoder's later fine-tuning on more phantom patients (encoder_refresh), when it had one."""
    r = e.get("refreshed")
    if not r:
        return ""
    return (f" Then refreshed on {r['train_fronts']} training fronts ({r['extra_patients']['count']} more phantom "
            f"patients, seeds disjoint from every held-out set): {r['steps']} steps × batch {r['batch']}, "
            f"loss {r['loss_last']:.3f}.")


def adversarial_line(g: dict) -> str:
    a = g.get("adversarial")
    if not a:
        return "- **Adversarial phase**: not run (reconstruction losses only)."
    return (f"- **Adversarial phase (CLIP-IVP objective)**: {a['steps']} steps ({a['seconds'] / 60:.1f} min) with a "
            "projection discriminator conditioned on the view class and the normalised embedding (as the paper's D "
            f"takes c and img_emb), non-saturating logistic loss, lazy R1 (γ={a['r1_gamma']:g} every "
            f"{a['r1_every']} steps), DiffAugment (colour, translation, cutout) on everything D sees, EMA generator; "
            f"plus {a['rec_weight']:g} × (L1 + {a['feat_weight']:g} × feature loss) because the phantom has ground "
            f"truth (weight chosen by measurement, below). Final D loss {a['d_last']:.3f}, G adversarial loss "
            f"{a['g_adv_last']:.3f}." + adversarial_parts(a))


def adversarial_parts(a: dict) -> str:
    """The phase's parts when it ran in several sessions (device_train --phase continue)."""
    if not a.get("parts"):
        return ""
    rows = "; ".join(f"{p['when']}: {p['steps']} steps at batch {p['batch']}, reconstruction weight "
                     f"{p['rec_weight']:g}" + (f", matching-aware discriminator (mismatch weight {p['mismatch_weight']:g}: "
                     "real views shown with another patient's embedding count as fake)" if p.get("mismatch_weight") else "")
                     for p in a["parts"])
    return f" In {len(a['parts'])} parts — {rows}."


def _cell(x, nd=2):
    return "n/a" if x is None else f"{x:.{nd}f}"


def new_patient_section(nv: dict, training: dict, curves: str = "images/demo-model-loss-curves.png") -> list:
    if not nv:
        return []
    m, mean, nn, vm = nv["model"], nv["baseline_mean_image"], nv["baseline_nearest_train_patient"], nv["model_vs_mean_image"]
    sh, shn = nv["sharpness"], nv["sharpness_nearest_train_patient"]
    out = ["", f"## Fidelity on {nv['patients']} NEW patients (ψ=1, z seed 0)",
           "Phantom patient seeds disjoint from every training patient (checked in `evaluate.check_disjoint_patients`).",
           "PSNR (dB) / SSIM per view:", "",
           "| | " + " | ".join(VIEWS) + " | mean | FD (encoder features) |", "|---|" + "---|" * (len(VIEWS) + 2)]
    for name, x, fd in (("model vs truth", m, m["all"]["fd"]), ("per-view average image vs truth", mean, mean["all"]["fd"]),
                        ("nearest training patient vs truth", nn, nn["all"]["fd"]), ("model vs per-view average image", vm, None)):
        out.append("| " + " | ".join([name] + [f"{x[v]['psnr']:.2f} / {x[v]['ssim']:.3f}" for v in VIEWS + ["all"]]
                                     + [_cell(fd, 1)]) + " |")
    out += ["", "Sharpness, predicted / true (1.0 = as sharp as the phantom's own views): variance of the Laplacian of",
            "the luma, and share of spectral energy above a quarter of the Nyquist frequency.", "",
            "| | " + " | ".join(VIEWS) + " |", "|---|" + "---|" * len(VIEWS)]
    for k, lab in (("laplacian_var_ratio", "Laplacian variance ratio"), ("hf_share_ratio", "high-frequency share ratio")):
        out.append("| " + " | ".join([f"model: {lab}"] + [f"{sh[v][k]:.2f}" for v in VIEWS]) + " |")
        out.append("| " + " | ".join([f"nearest training patient: {lab}"] + [f"{shn[v][k]:.2f}" for v in VIEWS]) + " |")
    attrs = nv.get("attributes")
    if attrs:
        out += ["", "### Attribute fidelity",
                "A small CNN trained on the TRUE views of training patients reads each attribute from all four views"
                + (f" (classifier input {nv['attribute_judge']['size']} px, {nv['attribute_judge']['epochs']} epochs)"
                   if nv.get("attribute_judge") else "") + ";",
                "labels come from the phantom's parameters. AUROC on true views says the attribute is readable at all;",
                "on predicted views, that the generator drew it.", "",
                "| attribute | visible in the front photo | positives / patients | AUROC true views | AUROC predicted views |",
                "|---|---|---|---|---|"]
        for a in attrs.values():
            out.append(f"| {a['label']} | {'yes' if a['front_visible'] else 'no'} | {a['positives']} / {a['n']} | "
                       f"{_cell(a['auroc_true'], 3)} | {_cell(a['auroc_pred'], 3)} |")
    out += ["", "### Targets (issue #16)", ""] + targets(nv)
    if training.get("selection"):
        out += ["", "### Choosing among the device runs", training["selection"]]
    if training.get("convergence"):
        out += ["", "### Convergence", training["convergence"], "",
                f"![loss curves]({curves})"]
    return out


def targets(nv: dict) -> list:
    sh = nv["sharpness"]["min"]
    m, mean, nn = nv["model"]["all"], nv["baseline_mean_image"]["all"], nv["baseline_nearest_train_patient"]["all"]
    rows = []

    def row(name, ok, detail):
        rows.append(f"- {'met' if ok else '**missed**'}: {name} — {detail}")
    s = min(sh.values())
    row("sharpness ratios >= 0.5 in every view", s >= 0.5,
        f"lowest ratio {s:.2f} (Laplacian {sh['laplacian_var_ratio']:.2f}, high-frequency {sh['hf_share_ratio']:.2f})")
    attrs = [a for a in nv.get("attributes", {}).values() if a["front_visible"] and a["auroc_pred"] is not None]
    if attrs:
        worst = min(attrs, key=lambda a: a["auroc_pred"])
        below = [f"{a['label']} {a['auroc_pred']:.2f}" for a in attrs if a["auroc_pred"] < 0.9]
        row("AUROC >= 0.9 on predicted views for every attribute visible in the front", not below,
            f"lowest {worst['label']} {worst['auroc_pred']:.3f}" + (f"; below 0.9: {', '.join(below)}" if below else ""))
    row("PSNR at most 1 dB below the per-view average image", m["psnr"] >= mean["psnr"] - 1.0,
        f"model {m['psnr']:.2f} dB vs average image {mean['psnr']:.2f} dB ({m['psnr'] - mean['psnr']:+.2f} dB)")
    if m["fd"] is not None and nn["fd"] is not None:
        row("Fréchet distance below the nearest-training-patient baseline", m["fd"] < nn["fd"],
            f"model {m['fd']:.1f} vs nearest training patient {nn['fd']:.1f}")
    return rows


def _manifest(bundle: Path) -> dict:
    p = Path(bundle) / "manifest.json"
    return json.loads(p.read_text()) if p.exists() else {}


def comparison_section(comparison: dict, manifest: dict) -> list:
    """Bundles side by side on the same new patients (scripts/compare_bundles.py); shown only when the comparison
    includes this bundle, so a stale file from an earlier export never describes a different model."""
    me = f"{manifest.get('id')} {manifest.get('version')}"
    if not comparison or me not in comparison:
        return []
    names = list(comparison)
    any_ = comparison[names[0]]
    out = ["", f"## Compared with earlier demo bundles on the same {any_['patients']} NEW patients",
           "Each bundle embeds the fronts with its own encoder and draws through its own exported TorchScript modules "
           "(what the app runs); one attribute classifier and one feature space (this bundle's encoder) judge all of "
           "them (`training/scripts/compare_bundles.py`). The last rows are a linear probe on each bundle's front "
           "embedding: whether the embedding carries the attribute at all (what no generator conditioned on it "
           "can draw otherwise).", "",
           "| | " + " | ".join(names) + " |", "|---|" + "---|" * len(names)]

    def row(label, f):
        out.append("| " + " | ".join([label] + [f(comparison[n]) for n in names]) + " |")
    row("PSNR / SSIM vs truth (mean of views)", lambda r: f"{r['psnr_ssim']['psnr']:.2f} / {r['psnr_ssim']['ssim']:.3f}")
    row("per-view average image PSNR", lambda r: f"{r['mean_image']['psnr']:.2f}")
    row("Fréchet distance (nearest training patient)", lambda r: f"{r['psnr_ssim']['fd']:.1f} ({r['nearest_patient']['fd']:.1f})")
    row("lowest sharpness ratio: Laplacian / high-frequency",
        lambda r: f"{r['sharpness']['min']['laplacian_var_ratio']:.3f} / {r['sharpness']['min']['hf_share_ratio']:.2f}")
    for a, (label, _) in ATTRIBUTES.items():
        row(f"AUROC predicted views: {label}", lambda r, a=a: _cell(r["attributes"][a][1], 2))
    for a, (label, _) in ATTRIBUTES.items():
        row(f"AUROC embedding probe: {label}", lambda r, a=a: _cell(r.get("embedding_probe", {}).get(a), 2))
    if all(comparison[n].get("nudge") for n in names):
        nd = comparison[names[0]]["nudge"]
        out += ["", f"Semantic nudge on {nd['test_patients']} NEW patients with treatment stages (another patient's "
                "before→after difference added at α = 1; distance of the four predicted views to the patient's true "
                "after-state; lower is better):", "",
                "| | " + " | ".join(names) + " |", "|---|" + "---|" * len(names)]
        row("L1 (0–1) at α = 0 → α = 1 (patients closer)",
            lambda r: f"{r['nudge']['l1_to_true_after_alpha0']:.4f} → {r['nudge']['l1_to_true_after_alpha1']:.4f} "
                      f"({100 * r['nudge']['frac_patients_closer_l1']:.0f} %)")
        row("feature distance at α = 0 → α = 1 (patients closer)",
            lambda r: f"{r['nudge']['featdist_to_true_after_alpha0']:.4f} → "
                      f"{r['nudge']['featdist_to_true_after_alpha1']:.4f} "
                      f"({100 * r['nudge']['frac_patients_closer_feat']:.0f} %)")
        row("oracle: the patient's own after-embedding, L1", lambda r: f"{r['nudge']['oracle_true_after_embedding']['l1']:.4f}")
    return out


def judge_section(judges: dict, manifest: dict, card_judge: dict = None, front: dict = None) -> list:
    """How well attribute judges of several settings read the attributes from TRUE views, and what the judge chosen
    on validation true views reads from this bundle's predicted views (scripts/judge_strength.py); shown only when
    that measurement includes this bundle. ``card_judge``: the settings of the judge behind the card's attribute
    table (recorded by evaluate_new_patients; the pipeline's default when the evaluation predates the record).
    ``front``: what a reader trained on true FRONT photos alone reads (scripts/front_readability.py), a last column."""
    me = f"{manifest.get('id')} {manifest.get('version')}"
    if not judges or "chosen" not in judges or any(me not in r["new_predicted"] for r in judges["settings"].values()):
        return []
    settings, chosen, n = judges["settings"], judges["chosen"], judges["patients"]
    out = ["", "### How well the attribute judge reads true views",
           "The attribute-fidelity target only means something where the judge reads the TRUE views well. Judges of "
           f"several settings were trained on the true views of the {n['train']} training patients and one was chosen "
           f"on the {n['validation']} validation patients' true views by a rule fixed before measuring ({judges['rule']}; "
           "`training/scripts/judge_strength.py`): "
           + "; ".join(f"{name} (classifier input {r['size']} px, {r['epochs']} epochs) {r['validation_mean_visible']:.3f}"
                       for name, r in settings.items())
           + f". Chosen: **{chosen}**."
           + "".join(f" {name} is the judge of the attribute-fidelity table above."
                     for name, r in settings.items()
                     if all(r.get(k) == v for k, v in (card_judge or PIPELINE_JUDGE).items()))
           + f" AUROC on the {n['new']} NEW patients, true views / this bundle's predicted views:",
           "", "| attribute | visible in the front photo | " + " | ".join(settings)
           + (f" | true front photo only ({front['size']} px) |" if front else " |"),
           "|---|---|" + "---|" * (len(settings) + (1 if front else 0))]
    for a, (label, visible) in ATTRIBUTES.items():
        out.append(f"| {label} | {'yes' if visible else 'no'} | " + " | ".join(
            f"{_cell(r['new_true'].get(a), 2)} / "
            f"{_cell(r['new_predicted'][me].get(a), 2)}" for r in settings.values())
            + (f" | {_cell(front['new_true_front'].get(a), 2)} |" if front else " |"))
    best = settings[chosen]
    visible = [a for a, (_, v) in ATTRIBUTES.items() if v]
    readable = [a for a in visible if (best["new_true"].get(a) or 0) >= 0.9]
    met = [ATTRIBUTES[a][0] for a in readable if (best["new_predicted"][me].get(a) or 0) >= 0.9]
    unjudgeable = [f"{ATTRIBUTES[a][0]} ({_cell(best['new_true'].get(a), 2)})" for a in visible if a not in readable]
    out += ["", f"With the chosen judge, of the front-visible attributes it reads from true views at AUROC ≥ 0.9, the "
            f"predicted views reach ≥ 0.9 for {len(met)} of {len(readable)}"
            + (f" ({', '.join(met)})" if met else "") + "."
            + (f" Not readable even from true views at 0.9, so the target cannot be judged there: "
               f"{', '.join(unjudgeable)}." if unjudgeable else "")]
    if front:
        weak = [f"{ATTRIBUTES[a][0]} {front['new_true_front'][a]:.2f}" for a in visible
                if front["new_true_front"].get(a) is not None and front["new_true_front"][a] < 0.9]
        out += ["", f"The last column is the same network trained on the {front['train_patients']} training patients' "
                f"TRUE front photos alone, at the encoder's input size, read on the new patients' true fronts "
                f"(`training/scripts/front_readability.py`): how plainly the photo every prediction starts from shows "
                f"each attribute to a reader trained on this data. It is no bound (the model's encoder, trained on "
                f"captions, reads some attributes better; see the embedding probe), but an attribute this reader "
                f"misses is faint in the front photo."
                + (f" Read below 0.9 from the front photo: {', '.join(weak)}." if weak else "")]
    return out


def attribute_set_note(nv: dict, judges: dict) -> list:
    """A sentence when the export's attribute table and the later judge measurement count attributes differently
    (the attribute set grew after the bundle was exported), so a reader does not compare rows that differ."""
    exported = set((nv or {}).get("attributes", {}))
    judged = set(next(iter((judges or {}).get("settings", {}).values()), {}).get("new_true", {}))
    if not exported or not judged or exported == judged:
        return []
    added = [ATTRIBUTES[a][0] for a in ATTRIBUTES if a in judged - exported]
    return ["", "The attribute-fidelity table and the targets above were measured at export, before the attribute "
            f"set changed; the judge table counts also: {', '.join(added)}. Since then a crown counts as front-visible "
            "only on a front or side tooth (teeth 1–5): at export, a crown on any tooth counted, molars included, "
            "which the front photo does not show."]


def ood_section(manifest: dict, measured: dict, pictures: dict = None, orientation: dict = None) -> list:
    """The bundle's out-of-distribution statistics and, when scripts/measure_ood.py measured this very threshold,
    its false alarms and detections; with the picture check, scripts/pixel_ood_study.py's measurement of both as
    shipped; with the orientation check, scripts/orientation_study.py's."""
    o = manifest.get("ood")
    if not o:
        return []
    if o.get("picture"):
        return two_checks_section(o, pictures) + orientation_section(o, orientation)
    cal = o.get("calibration", {})
    out = ["", "## Out-of-distribution check",
           "The bundle carries the mean and shrunk-covariance precision of its training fronts' embeddings "
           "(`ood/stats.f32`, [model-bundle.md](model-bundle.md)); the app warns \"This photo is unlike the photos "
           "this model was trained on — predictions are unreliable\" when a front's Mahalanobis distance exceeds "
           f"**{o['threshold']:.2f}** ({o['space']} embeddings, shrinkage {o['shrinkage']:g}), the "
           f"{o.get('percentile', 99):g}th percentile of {cal.get('count', '?')} held-out in-distribution fronts "
           f"(fitted on {cal.get('fit_count', '?')} training fronts)."]
    if measured and abs(measured["chosen"]["threshold"] - o["threshold"]) < 1e-6:
        c = measured["chosen"]
        counts = measured.get("counts", {})
        out += ["Measured with `training/scripts/measure_ood.py` (space and shrinkage chosen over "
                "{unit, raw} × {0.01 … 0.5}: the most detection with ≤ 1 % false alarms and the real photo flagged):",
                "", "| set (count) | warned |", "|---|---|"]
        for k, v in c["false_alarms"].items():
            out.append(f"| false alarms: {k} ({counts.get(k, '?')}) | {100 * v:.1f} % |")
        for k, v in c["detection"].items():
            out.append(f"| {k} ({counts.get(k, '?')}) | {100 * v:.1f} % |")
        for k, v in c.get("reference", {}).items():
            out.append(f"| {k} (the shared reference strip, not in the repository) | "
                       f"{'flagged' if v['flagged'] else 'not flagged'} ({v['score']:.1f}) |")
        out += real_front_variations_line(c.get("real_front_variations"), c["threshold"])
    return out


def two_checks_section(o: dict, study: dict = None) -> list:
    """Both checks of the ood section and, when the study measured these very thresholds as shipped, a table of
    what each warns about next to the embedding check alone at its former threshold."""
    p, cal = o["picture"], o.get("calibration", {})
    out = ["", "## Out-of-distribution check",
           "Two checks, each a Mahalanobis distance to the training fronts ([model-bundle.md](model-bundle.md)): the "
           f"front's embedding ({o['space']} embeddings, shrinkage {o['shrinkage']:g}, threshold **{o['threshold']:.2f}**)"
           f" and {p['dim']} colour and brightness statistics of the photo at the encoder's input size "
           f"(`{p['module']}`: channel means and spreads, saturation, brightness, shares of gum-red, tooth-white and "
           f"dark pixels; threshold **{p['threshold']:.2f}**). The encoder was trained to ignore colour, so the "
           "embedding alone let a 30 % less saturated real photo through; the statistics of edges and fine detail "
           "were left out because they depend on a photo's original size. Each threshold is the "
           f"{o['percentile']:g}th percentile of the same {cal.get('count', '?')} held-out in-distribution fronts "
           f"(fitted on {cal.get('fit_count', '?')} training fronts); the app warns \"This photo is unlike the photos "
           "this model was trained on — predictions are unreliable\" when either is exceeded, says which, and the "
           "provenance records both scores. On the held-out fronts themselves "
           + (f"each warned for {100 * cal.get('embedding_false_alarm_rate', 0):.1f} % / "
              f"{100 * cal.get('picture_false_alarm_rate', 0):.1f} %." if o.get("orientation") else
              f"it warned for {100 * cal.get('false_alarm_rate', 0):.1f} % (each check "
              f"{100 * cal.get('embedding_false_alarm_rate', 0):.1f} % / "
              f"{100 * cal.get('picture_false_alarm_rate', 0):.1f} %).")]
    shipped = (study or {}).get("shipped")
    if not shipped or abs(shipped["thresholds"]["pictures"] - p["threshold"]) > 1e-6 \
            or abs(shipped["thresholds"]["embedding"] - o["threshold"]) > 1e-6:
        return out
    former = study["thresholds"]["embedding_shipped"]
    out += ["", f"Measured with `training/scripts/pixel_ood_study.py` (rule written in the script before its runs; "
                f"this table from the exported module and the stored statistics). \"Embedding alone\" is the former "
                f"single check at its 99th percentile ({former:.2f}):",
            "", "| set (count) | embedding alone | both checks |", "|---|---|---|"]
    for k, v in shipped["sets"].items():
        if k.startswith("real photo front,"):
            continue
        before = study["sets"][k]["embedding_alone"]
        if v["count"] == 1:
            out.append(f"| {k} (the shared reference strip, not in the repository) | "
                       f"{'flagged' if before else 'not flagged'} ({v['embedding_score']:.1f}) | "
                       f"{'flagged' if v['shipped'] else 'not flagged'} ({v['embedding_score']:.1f} / "
                       f"{v['picture_score']:.1f}) |")
        else:
            out.append(f"| {k} ({v['count']}) | {100 * before:.1f} % | {100 * v['shipped']:.1f} % |")
    changes = {k.split(", ", 1)[1]: v for k, v in shipped["sets"].items() if k.startswith("real photo front,")}
    flagged = sum(1 for v in changes.values() if v["shipped"])
    lowest = min(changes, key=lambda k: changes[k]["picture_score"] / p["threshold"]) if changes else None
    if changes:
        out += ["", f"The real front photo taken a little differently ({len(changes)} everyday changes: "
                + ", ".join(changes) + f") is flagged in {flagged} of {len(changes)}; the embedding alone missed "
                + ", ".join(k.split(", ", 1)[1] for k, v in study["sets"].items()
                            if k.startswith("real photo front,") and not v["embedding_alone"]) + ". "
                f"Its picture scores are {min(v['picture_score'] for v in changes.values()):.1f}–"
                f"{max(v['picture_score'] for v in changes.values()):.1f} against {p['threshold']:.2f} "
                f"(lowest: {lowest}). The embedding's margin stays thin ({min(v['embedding_score'] for v in changes.values()) - o['threshold']:+.1f}"
                " at its lowest): what flags real photos is mostly their colours. "
                + ("Neither check knows which way up a mouth is (upside-down and rotated fronts pass them): that is "
                   "the third check's job (below). " if o.get("orientation") else
                   "Neither check knows which way up a mouth is (upside-down and rotated fronts pass). ")
                + "A photo whose colours happen to match the phantom's would rest on the embedding alone: a missing "
                "warning is no proof that a photo is like the training photos."]
    return out


def orientation_section(o: dict, study: dict = None) -> list:
    """The orientation check of the ood section and, when the study measured this very reader as shipped, what it
    reads on new and turned fronts and on the real front photo."""
    r = o.get("orientation")
    if not r:
        return []
    c, cal = r["calibration"], o.get("calibration", {})
    out = ["", "### Which way up: the orientation check",
           f"A third check (`{r['module']}`, [model-bundle.md](model-bundle.md)) reads which way up the front photo "
           "is: a small CNN on the encoder's input halved (four stride-2 convolutions), trained on the training fronts "
           "turned at random by 0, 90, 180 or 270 degrees, with colour, framing, tilt (±10°) and mirror augmentation "
           "so that it learns the turn and nothing else. The app warns when the most probable turn is not upright and "
           "says which way to turn the photo (\"The photo seems to be upside down: turn it by 180° and upload it "
           "again\"); the case page offers to turn it upright in one click (the turned photo then replaces it, view, "
           f"label and date kept, audited as a replacement). On the {c['count']} held-out fronts it took {100 * c['false_alarm_rate']:.1f} % of the upright "
           f"ones for turned and found {100 * c['detection_rate']:.1f} % of their turns; the three checks together "
           f"warned for {100 * cal.get('false_alarm_rate', 0):.1f} % of those fronts (the two thresholds were set on "
           "them)."]
    shipped = (study or {}).get("shipped")
    if not shipped or shipped.get("orientation_calibration") != c:
        return out
    out += ["", f"Measured with `training/scripts/orientation_study.py` (rule written in the script before its run; "
                f"the reader trained {study['steps']} steps, seed {study['seed']}, on {study['fit']} training fronts). "
                "\"Turned 90\" is a quarter turn counterclockwise (`numpy.rot90`); \"upside down\" and \"rotated 90 "
                "degrees\" are the sets of the table above, which the two statistics checks let through at 98 % and 76 %:",
            "", "| set (count) | read as turned | read as exactly that turn |", "|---|---|---|"]
    for k, v in study["sets"].items():
        if k.startswith("real front,"):
            continue
        exact = f"{100 * v['read_as_that_turn']:.1f} %" if "turned" in k or k.startswith(("new fronts", "real front")) \
            else "–"
        name = k + (" (the shared reference strip, not in the repository)" if k == "real front" else "")
        out.append(f"| {name} ({v['count']}) | {100 * v['flagged']:.1f} % | {exact} |")
    changes = {k.split(", ", 1)[1]: v for k, v in study["sets"].items() if k.startswith("real front,")}
    upright = sum(1 for v in changes.values() if not v["flagged"])
    together = shipped["all_checks_false_alarms"]
    out += ["", f"The real front photo taken a little differently ({len(changes)} everyday changes, as above, tilts of "
                f"±5° included) reads as upright in {upright} of {len(changes)}. All three checks together warned for "
            + ", ".join(f"{100 * v:.1f} % of {k}" for k, v in together.items()) + " (upright, never in training). "
            "The reader knows phantom fronts only: for a photo that is not a front at all (an occlusal or side view) "
            "its reading means nothing, and the other two checks are what flags such photos."]
    return out


def real_front_variations_line(variations: dict, threshold: float) -> list:
    """Whether the real front stays flagged when taken a little differently: the margin a warning needs."""
    if not variations:
        return []
    missed = {k: v["score"] for k, v in variations.items() if not v["flagged"]}
    lowest = min(variations, key=lambda k: variations[k]["score"])
    text = (f"The real front photo taken a little differently ({len(variations)} everyday changes: "
            + ", ".join(variations) + f") is flagged in {len(variations) - len(missed)} of {len(variations)}; ")
    if missed:
        text += "not flagged: " + ", ".join(f"{k} ({s:.1f})" for k, s in missed.items()) + ". "
    else:
        text += f"the lowest score is {variations[lowest]['score']:.1f} ({lowest}). "
    margin = variations[lowest]["score"] - threshold
    return ["", text + f"Margin of the lowest score over the threshold: {margin:+.1f} — "
            + ("a real photo of another patient or camera may well score below it: a missing warning is no proof that "
               "a photo is like the training photos." if margin < 2
               else "the warning survives everyday differences in this photo.")]


def z_section(manifest: dict) -> list:
    z = manifest.get("generator", {}).get("z_sensitivity")
    if not z:
        return []
    level = z.get("mean_abs_change") if isinstance(z, dict) else z
    return ["", f"Z-sensitivity (manifest `generator.z_sensitivity`): two seeds change the displayed pictures by "
            f"**{level:.2f}** levels of 255 on average (ψ = 1) — "
            + ("at least 1 level, so the studio keeps the seed controls." if level >= 1 else
               "below 1 level, so the studio hides the seed controls and says why.")]


def seed_section(manifest: dict, study: dict, figure: str = "images/demo-model-seeds.png") -> list:
    """What the seeds change, as scripts/seed_variation.py measured it for this very bundle (else nothing)."""
    if not study or study.get("bundle") != f"{manifest.get('id')} {manifest.get('version')}":
        return []
    a, b, c, r = study["map_agreement"], study["best_of_seeds"], study["frequency_content"], study["reader_changes"]
    v = study["verdict"]

    def ci(x, nd):
        return f"{x['mean']:.{nd}f} (95 % interval {x['ci95'][0]:.{nd}f}–{x['ci95'][1]:.{nd}f})"

    def holds(key):
        return "holds" if v[key] else "**fails**"

    out = ["", f"### What the seeds change ({study['patients']} NEW patients, seeds {study['seeds'][0]}–"
           f"{study['seeds'][-1]}, ψ = 1)",
           "Measured by `training/scripts/seed_variation.py` with a rule written in the script before the first run.",
           f"- **Does the uncertainty map mark errors?** Rank correlation, over {study['cell_px']}×{study['cell_px']}"
           "-pixel cells, of the spread map (the studio's, over the 8 seeds) with the error of seed 0: "
           f"{ci(a['spearman_own'], 2)}; "
           f"another new patient's map against the same errors: {a['spearman_control']['mean']:.2f}; difference "
           f"{ci(a['own_minus_control'], 3)}. The map's brightest tenth of cells carry "
           f"{a['error_in_brightest_tenth_vs_rest']:.1f}× the error of the rest (median). "
           f"Rule: {holds('A_map_marks_errors')}.",
           f"- **Are the variations alternatives for this patient?** L1 to truth (0–1): seed 0 {b['l1_seed0']:.4f}, "
           f"best of the 8 seeds {b['l1_best_own']:.4f}, best of seed 0 plus another patient's 8 seed changes "
           f"{b['l1_best_control']:.4f}; own gain minus borrowed gain {ci(b['own_minus_control'], 4)}. Two seeds "
           f"differ by {b['mean_change_levels']:.1f} of 255 levels on average. "
           f"Rule: {holds('B_patient_specific_alternatives')}.",
           f"- **Structure or pixel noise?** Share of spectral energy above a quarter of Nyquist: seed differences "
           f"{c['seed_differences']:.2f}, true views {c['true_views']:.2f}, white noise {c['white_noise']:.2f} "
           f"(rule: below the midpoint {c['midpoint']:.2f}). Rule: {holds('C_structure_not_noise')}.",
           f"- **In short:** {100 * a['spearman_control']['mean'] / max(a['spearman_own']['mean'], 1e-9):.0f} % of the "
           "map's agreement with the errors is what another patient's map shows too (where predictions go wrong for "
           f"everyone), and the best of 8 seeds comes {100 * (1 - b['l1_best_own'] / b['l1_seed0']):.1f} % closer to "
           "the truth than seed 0: the variations are real and belong to the patient, but small.",
           "",
           "What the attribute judge (64 px, trained on TRUE training views) reads in each seed's views: how much its "
           "score moves between seeds (standard deviation, mean over patients), the share of patients whose 0.5 "
           "decision differs between two of the seeds, and the AUROC over the seeds.",
           "",
           "| attribute | visible in the front photo | score spread | readings that flip "
           "| AUROC seed 0 (range over seeds) |",
           "|---|---|---|---|---|"]
    for name, row in r.items():
        rng = row.get("auroc_range_over_seeds")
        auc = (f"{_cell(row['auroc_seed0'])} ({_cell(rng[0])}–{_cell(rng[1])})" if rng else "n/a")
        out.append(f"| {ATTRIBUTES[name][0]} | {'yes' if row['front_visible'] else 'no'} | "
                   f"{row['score_std_over_seeds']:.3f} | {100 * row['patients_whose_reading_flips']:.0f} % | {auc} |")

    def flips(visible):
        rows = [row["patients_whose_reading_flips"] for row in r.values() if row["front_visible"] == visible]
        return sum(rows) / max(1, len(rows))

    hidden, shown = flips(False), flips(True)
    out += ["", f"Readings flip for {100 * hidden:.0f} % of patients on attributes the front photo cannot "
            f"show and {100 * shown:.0f} % on those it shows (means over attributes): "
            + ("the seeds vary what the front photo hides more than what it shows."
               if hidden > shown else
               "the seeds do not vary what the front photo hides more than what it shows — they move borderline "
               "readings, they do not draw other hidden teeth."),
            "", f"![seeds]({figure})", "",
            f"`{figure}`: three new patients (the grid's choice rule); per view: truth, seeds 0–3, the spread over "
            "8 seeds in the studio's colours, the error of seed 0 (both scaled to their own maximum)."]
    return out


def convergence_text(work: Path) -> str:
    """How convergence was judged: relative drop of each phase's loss over the last fifth of its run."""
    import json as _json
    from .curves import flattening
    parts = []
    for fname, key, label in (("encoder-history.json", "contrastive", "encoder contrastive loss"),
                              ("adversarial-history.json", "rec", "adversarial-phase reconstruction term"),
                              ("adversarial-history.json", "d", "discriminator loss")):
        p = Path(work) / fname
        if p.exists():
            v = _json.loads(p.read_text()).get(key) or []
            f = flattening(v)
            if f is not None:
                tail = sum(v[-len(v) // 5:]) / max(1, len(v) // 5)
                parts.append(f"{label}: {100 * f:+.1f}% over the last fifth of {len(v)} steps (level {tail:.3f})")
    p = Path(work) / "generator-history.json"
    if p.exists():
        v = _json.loads(p.read_text()).get("reconstruction", {}).get("l1") or []
        f = flattening(v)
        if f is not None:
            parts.append(f"generator L1 before the adversarial phase: {100 * f:+.1f}% over the last fifth of "
                         f"{len(v)} steps")
    if not parts:
        return ""
    return ("Judged by the relative drop of the mean loss over the last fifth of each phase compared with the fifth "
            "before it (a flat curve changes by a few per cent at most): " + "; ".join(parts) + ".")


def enrich_training(training: dict, work: Path, cfg: dict) -> dict:
    """Adds what the card explains beyond the numbers: convergence, the reconstruction-weight choice (written by
    the selection step to ``work/selection.md``), and how to reproduce without a GPU."""
    out = dict(training)
    out["convergence"] = convergence_text(work)
    sel = Path(work) / "selection.md"
    if sel.exists():
        out["selection"] = sel.read_text().strip()
    for key, fname in (("comparison", "compare-bundles.json"), ("ood_measurement", "ood-measure.json"),
                       ("judge_strength", "judge-strength.json"), ("front_readability", "front-readability.json"),
                       ("seed_variation", "seed-variation.json"), ("picture_ood", "pixel-ood-shipped.json"),
                       ("orientation_ood", "orientation-study.json")):
        f = Path(work) / fname
        if f.exists():
            out[key] = json.loads(f.read_text())
    for key in ("reproduction", "default_decision"):
        if cfg.get("bundle", {}).get(key):
            out[key] = cfg["bundle"][key]
    return out


def main(argv=None):
    """Rewrites the model card from a bundle's manifest (training + evaluation) and the work directory."""
    import argparse
    import json as _json
    ap = argparse.ArgumentParser(description=main.__doc__)
    ap.add_argument("--config", required=True)
    ap.add_argument("--bundle", required=True)
    ap.add_argument("--work", required=True)
    ap.add_argument("--out", required=True)
    a = ap.parse_args(argv)
    cfg = _json.loads(Path(a.config).read_text())
    m = _json.loads((Path(a.bundle) / "manifest.json").read_text())
    training = enrich_training(m["training"], Path(a.work), cfg)
    stats = m.get("embedding_stats") or m.get("encoder", {}).get("embedding_stats") or {}
    write_model_card(Path(a.out), cfg, training, m["evaluation"], stats, Path(a.bundle))


if __name__ == "__main__":
    main()
