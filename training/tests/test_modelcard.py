"""The model card's sections that come from measurements made after export (bundle comparison, OOD measurement)
describe this bundle only: stale files from another export are left out."""
from ivp_training.attributes import ATTRIBUTES, NAMES
from ivp_training.modelcard import comparison_section, judge_section, ood_section, seed_section, z_section


def _result(psnr):
    return {"patients": 240, "psnr_ssim": {"psnr": psnr, "ssim": 0.5, "fd": 14.0}, "mean_image": {"psnr": 18.9},
            "nearest_patient": {"fd": 1.3},
            "sharpness": {"min": {"laplacian_var_ratio": 0.06, "hf_share_ratio": 0.2}},
            "attributes": {n: [0.9, 0.7, 10] for n in NAMES}, "embedding_probe": {n: 0.8 for n in NAMES}}


def test_comparison_lists_every_bundle_when_it_includes_this_one():
    manifest = {"id": "ivp-demo-phantom", "version": "0.2.1"}
    lines = comparison_section({"ivp-demo-phantom 0.1.2": _result(19.4), "ivp-demo-phantom 0.2.1": _result(18.4)},
                               manifest)
    text = "\n".join(lines)
    assert "| | ivp-demo-phantom 0.1.2 | ivp-demo-phantom 0.2.1 |" in text
    assert "19.40 / 0.500 | 18.40 / 0.500" in text
    assert "AUROC embedding probe: fixed braces | 0.80 | 0.80" in text
    assert "Semantic nudge" not in text


def test_nudge_rows_appear_when_every_bundle_was_measured():
    nudge = {"test_patients": 30, "l1_to_true_after_alpha0": 0.08, "l1_to_true_after_alpha1": 0.07,
             "frac_patients_closer_l1": 0.6, "featdist_to_true_after_alpha0": 0.2, "featdist_to_true_after_alpha1": 0.15,
             "frac_patients_closer_feat": 0.8, "oracle_true_after_embedding": {"l1": 0.065}}
    both = {"a 1": dict(_result(19.0), nudge=nudge), "ivp-demo-phantom 0.2.1": dict(_result(18.4), nudge=nudge)}
    text = "\n".join(comparison_section(both, {"id": "ivp-demo-phantom", "version": "0.2.1"}))
    assert "Semantic nudge on 30 NEW patients" in text
    assert "0.0800 → 0.0700 (60 %)" in text


def test_comparison_of_other_bundles_is_left_out():
    assert comparison_section({"ivp-demo-phantom 0.1.2": _result(19.4)}, {"id": "ivp-demo-phantom",
                                                                         "version": "0.2.1"}) == []


def test_ood_measurement_is_shown_only_for_the_threshold_it_measured():
    manifest = {"ood": {"threshold": 16.5, "space": "unit", "shrinkage": 0.01, "percentile": 99,
                        "calibration": {"count": 232, "fit_count": 962}}}
    measured = {"chosen": {"threshold": 16.5, "false_alarms": {"new phantom patients (128 px)": 0.008},
                           "detection": {"other photographs (/usr/share)": 1.0},
                           "reference": {"real photo: front": {"score": 20.1, "flagged": True}}},
                "counts": {"new phantom patients (128 px)": 120, "other photographs (/usr/share)": 31}}
    text = "\n".join(ood_section(manifest, measured))
    assert "**16.50**" in text and "false alarms: new phantom patients (128 px) (120) | 0.8 %" in text
    assert "flagged (20.1)" in text
    stale = dict(measured, chosen=dict(measured["chosen"], threshold=15.0))
    text = "\n".join(ood_section(manifest, stale))
    assert "**16.50**" in text and "false alarms" not in text


def test_z_sensitivity_says_whether_the_seed_controls_stay():
    assert "keeps the seed controls" in z_section({"generator": {"z_sensitivity": {"mean_abs_change": 2.1}}})[1]
    assert "hides the seed controls" in z_section({"generator": {"z_sensitivity": {"mean_abs_change": 0.2}}})[1]
    assert z_section({"generator": {}}) == []


def _judges(bundle: str, chosen: str = "128px-12ep") -> dict:
    def setting(size, validation, true, pred):
        return {"size": size, "epochs": 12, "width": 32, "validation_mean_visible": validation,
                "new_true": {n: true for n in NAMES}, "new_predicted": {bundle: {n: pred for n in NAMES}}}
    settings = {"64px-12ep": setting(64, 0.80, 0.85, 0.70), "128px-12ep": setting(128, 0.90, 0.95, 0.92)}
    settings["128px-12ep"]["new_true"]["missing_tooth"] = 0.70
    return {"rule": "highest mean AUROC", "chosen": chosen, "settings": settings,
            "patients": {"train": 900, "validation": 60, "new": 240}}


def test_the_judge_section_counts_targets_only_where_the_chosen_judge_reads_true_views():
    text = "\n".join(judge_section(_judges("ivp-demo-phantom 0.2.2"), {"id": "ivp-demo-phantom", "version": "0.2.2"}))
    assert "Chosen: **128px-12ep**. 64px-12ep is the judge of the attribute-fidelity table above." in text
    stronger = judge_section(_judges("ivp-demo-phantom 0.2.2"), {"id": "ivp-demo-phantom", "version": "0.2.2"},
                             {"size": 128, "epochs": 12, "width": 32})
    assert "128px-12ep is the judge of the attribute-fidelity table above." in "\n".join(stronger)
    assert "| missing front or side tooth | yes | 0.85 / 0.70 | 0.70 / 0.92 |" in text
    visible = sum(1 for n in NAMES if ATTRIBUTES[n][1])
    assert f"reach ≥ 0.9 for {visible - 1} of {visible - 1}" in text
    assert "cannot be judged there: missing front or side tooth (0.70)" in text


def test_a_judge_measurement_of_another_bundle_or_unfinished_is_left_out():
    manifest = {"id": "ivp-demo-phantom", "version": "0.2.2"}
    assert judge_section(_judges("ivp-demo-phantom 0.2.1"), manifest) == []
    unfinished = _judges("ivp-demo-phantom 0.2.2")
    del unfinished["chosen"]
    assert judge_section(unfinished, manifest) == []


def test_the_front_photo_reading_is_a_last_column_and_names_what_the_front_photo_shows_faintly():
    manifest = {"id": "ivp-demo-phantom", "version": "0.2.2"}
    front = {"size": 128, "train_patients": 962, "new_true_front": {n: 0.95 for n in NAMES}}
    front["new_true_front"]["stain"] = 0.57
    text = "\n".join(judge_section(_judges("ivp-demo-phantom 0.2.2"), manifest, None, front))
    assert "| 64px-12ep | 128px-12ep | true front photo only (128 px) |" in text
    assert "| stains near the gums | yes | 0.85 / 0.70 | 0.95 / 0.92 | 0.57 |" in text
    assert "Read below 0.9 from the front photo: stains near the gums 0.57." in text
    assert "true front photo" not in "\n".join(judge_section(_judges("ivp-demo-phantom 0.2.2"), manifest))


def test_a_judge_measurement_made_before_an_attribute_existed_shows_n_a_for_it():
    judges = _judges("ivp-demo-phantom 0.2.2")
    for r in judges["settings"].values():
        del r["new_true"]["molar_crown"], r["new_predicted"]["ivp-demo-phantom 0.2.2"]["molar_crown"]
    text = "\n".join(judge_section(judges, {"id": "ivp-demo-phantom", "version": "0.2.2"}))
    assert "| gold or metal crown on a molar | no | n/a / n/a | n/a / n/a |" in text


def test_the_card_says_when_the_judge_counted_attributes_the_export_did_not():
    from ivp_training.modelcard import attribute_set_note
    judges = _judges("ivp-demo-phantom 0.2.2")
    exported = {"attributes": {n: {} for n in NAMES if n != "molar_crown"}}
    note = "\n".join(attribute_set_note(exported, judges))
    assert "the judge table counts also: gold or metal crown on a molar" in note
    assert attribute_set_note({"attributes": {n: {} for n in NAMES}}, judges) == []
    assert attribute_set_note(None, judges) == []


def test_a_refreshed_encoder_is_described_with_its_extra_patients():
    from ivp_training.modelcard import refreshed_line
    assert refreshed_line({"steps": 10}) == ""
    line = refreshed_line({"refreshed": {"train_fronts": 4585, "extra_patients": {"count": 4000}, "steps": 600,
                                         "batch": 64, "loss_last": 0.307}})
    assert "refreshed on 4585 training fronts (4000 more phantom patients" in line and "600 steps × batch 64" in line


def _seed_study(bundle="ivp-demo-phantom 0.2.2", map_ok=True):
    interval = {"mean": 0.04, "ci95": [0.03, 0.05]}
    reader = {"braces": (True, 0.04), "crown": (True, 0.08), "molar_crown": (False, 0.02), "crossbite": (False, 0.2)}
    return {"bundle": bundle, "patients": 240, "seeds": list(range(8)), "cell_px": 8,
            "map_agreement": {"spearman_own": {"mean": 0.69, "ci95": [0.68, 0.70]}, "spearman_control": {"mean": 0.66},
                              "own_minus_control": interval, "error_in_brightest_tenth_vs_rest": 2.0},
            "best_of_seeds": {"l1_seed0": 0.085, "l1_best_own": 0.082, "l1_best_control": 0.084,
                              "own_minus_control": interval, "mean_change_levels": 4.5},
            "frequency_content": {"seed_differences": 0.39, "true_views": 0.07, "white_noise": 0.95, "midpoint": 0.51},
            "verdict": {"A_map_marks_errors": map_ok, "B_patient_specific_alternatives": True,
                        "C_structure_not_noise": True},
            "reader_changes": {k: {"front_visible": vis, "score_std_over_seeds": 0.03,
                                   "patients_whose_reading_flips": f,
                                   "auroc_seed0": 0.9, "auroc_range_over_seeds": [0.88, 0.92]}
                               for k, (vis, f) in reader.items()}}


def test_the_seed_study_is_shown_for_its_own_bundle_with_each_rule_and_what_the_readings_say():
    manifest = {"id": "ivp-demo-phantom", "version": "0.2.2"}
    text = "\n".join(seed_section(manifest, _seed_study(map_ok=False)))
    assert "Rule: **fails**" in text and text.count("Rule: holds") == 2
    assert "| gold or metal crown on a molar | no | 0.030 | 2 % | 0.90 (0.88–0.92) |" in text
    assert "flip for 11 % of patients on attributes the front photo cannot show and 6 % on those it shows" in text
    assert "vary what the front photo hides more" in text
    assert seed_section(manifest, _seed_study(bundle="ivp-demo-phantom 0.2.1")) == []
    assert seed_section(manifest, None) == []
    text = "\n".join(seed_section(manifest, _seed_study()))
    assert "96 % of the map's agreement" in text and "comes 3.5 % closer" in text


def test_the_real_front_under_everyday_changes_names_what_it_lets_through_and_the_margin():
    from ivp_training.modelcard import real_front_variations_line
    variations = {"mirrored": {"score": 20.1, "flagged": True},
                  "30 % less saturated": {"score": 18.5, "flagged": False}}
    text = real_front_variations_line(variations, 19.25)[1]
    assert "flagged in 1 of 2" in text and "not flagged: 30 % less saturated (18.5)" in text
    assert "-0.8" in text and "no proof" in text
    steady = {"mirrored": {"score": 25.0, "flagged": True}}
    assert "survives" in real_front_variations_line(steady, 19.25)[1]
    assert real_front_variations_line({}, 19.25) == []


def _two_checks(picture_threshold=4.94):
    manifest = {"ood": {"space": "unit", "shrinkage": 0.01, "threshold": 19.4, "percentile": 99.5, "file": "ood/s.f32",
                        "calibration": {"count": 232, "fit_count": 962, "false_alarm_rate": 0.017,
                                        "embedding_false_alarm_rate": 0.009, "picture_false_alarm_rate": 0.009},
                        "picture": {"module": "ood/picture_statistics.pt", "dim": 13, "threshold": picture_threshold}}}
    sets = {"false alarms: new phantom patients (128 px)": (120, 0.0, 0.008, None),
            "phantom front, greyscale": (100, 0.62, 1.0, None),
            "real photo: front": (1, 1.0, 1.0, (20.6, 12.5)),
            "real photo front, 30 % less saturated": (1, 0.0, 1.0, (18.5, 14.9)),
            "real photo front, mirrored": (1, 1.0, 1.0, (20.1, 9.7))}
    study = {"thresholds": {"embedding_shipped": 19.25}, "sets": {k: {"embedding_alone": v[1]} for k, v in sets.items()},
             "shipped": {"thresholds": {"embedding": 19.4, "pictures": 4.94}, "sets": {}}}
    for k, (count, _, shipped, scores) in sets.items():
        row = {"count": count, "shipped": shipped}
        if scores:
            row.update(embedding_score=scores[0], picture_score=scores[1])
        study["shipped"]["sets"][k] = row
    return manifest, study


def test_the_card_shows_both_checks_next_to_the_embedding_check_alone():
    manifest, study = _two_checks()
    text = "\n".join(ood_section(manifest, None, study))
    assert "**19.40**" in text and "**4.94**" in text and "99.5th percentile of the same 232" in text
    assert "| phantom front, greyscale (100) | 62.0 % | 100.0 % |" in text
    assert "| real photo: front (the shared reference strip, not in the repository) | flagged (20.6) | flagged " \
           "(20.6 / 12.5) |" in text
    assert "is flagged in 2 of 2; the embedding alone missed 30 % less saturated" in text
    assert "9.7–14.9 against 4.94" in text and "-0.9 at its lowest" in text


def test_a_study_of_other_thresholds_is_not_shown_as_the_bundles():
    manifest, study = _two_checks(picture_threshold=5.5)
    text = "\n".join(ood_section(manifest, None, study))
    assert "**5.50**" in text and "| set (count)" not in text


def _orientation(manifest, detection=0.9986):
    calibration = {"count": 232, "false_alarm_rate": 0.0043, "detection_rate": detection}
    manifest["ood"]["orientation"] = {"module": "ood/orientation.pt", "calibration": calibration}
    manifest["ood"]["calibration"].update(false_alarm_rate=0.0216, orientation_false_alarm_rate=0.0043)
    study = {"steps": 2000, "seed": 0, "fit": 962,
             "sets": {"new fronts (128 px)": {"count": 120, "flagged": 0.0, "read_as_that_turn": 1.0},
                      "new fronts (128 px) turned 180": {"count": 120, "flagged": 0.992, "read_as_that_turn": 0.992},
                      "phantom front, upside down": {"count": 100, "flagged": 1.0, "read_as_that_turn": 0.0},
                      "real front": {"count": 1, "flagged": 0.0, "read_as_that_turn": 1.0},
                      "real front, mirrored": {"count": 1, "flagged": 0.0, "read_as_that_turn": 1.0},
                      "real front, 15 % darker": {"count": 1, "flagged": 1.0, "read_as_that_turn": 0.0}},
             "shipped": {"orientation_calibration": {"count": 232, "false_alarm_rate": 0.0043, "detection_rate": 0.9986},
                         "all_checks_false_alarms": {"new fronts (128 px)": 0.008}}}
    return study


def test_the_card_shows_the_orientation_check_and_what_its_study_measured():
    manifest, pictures = _two_checks()
    study = _orientation(manifest)
    text = "\n".join(ood_section(manifest, None, pictures, study))
    assert "### Which way up: the orientation check" in text
    assert "took 0.4 % of the upright ones for turned and found 99.9 % of their turns" in text
    assert "the three checks together warned for 2.2 %" in text and "each warned for 0.9 % / 0.9 %." in text
    assert "| new fronts (128 px) turned 180 (120) | 99.2 % | 99.2 % |" in text
    assert "| phantom front, upside down (100) | 100.0 % | – |" in text
    assert "| real front (the shared reference strip, not in the repository) (1) | 0.0 % | 100.0 % |" in text
    assert "reads as upright in 1 of 2" in text and "0.8 % of new fronts (128 px)" in text
    assert "that is the third check's job" in text


def test_a_study_of_another_reader_is_not_shown_as_the_bundles():
    manifest, pictures = _two_checks()
    study = _orientation(manifest, detection=0.97)
    text = "\n".join(ood_section(manifest, None, pictures, study))
    assert "found 97.0 % of their turns" in text and "| set (count) | read as turned" not in text
