"""The orientation study (training/scripts/orientation_study.py) turns photos the way the reader's classes name them
and judges by the rule in its header."""
import numpy as np

from ivp_training import orientation
from training_scripts import load_script


def _rows(false_alarm=0.0, found=1.0, real_right=1.0):
    return {"new fronts (128 px)": {"flagged": false_alarm, "read_as_that_turn": 1 - false_alarm},
            "new fronts (128 px) turned 180": {"flagged": found, "read_as_that_turn": found},
            "real front": {"flagged": 0.0, "read_as_that_turn": real_right},
            "real front, mirrored": {"flagged": 0.0, "read_as_that_turn": 1.0}}


def test_turned_sets_are_named_after_the_class_they_show():
    study = load_script("orientation_study")
    photo = np.arange(2 * 3 * 3, dtype=np.uint8).reshape(2, 3, 3)
    sets = study.turned_sets("x", [photo])
    assert list(sets) == ["x turned 90", "x turned 180", "x turned 270"]
    np.testing.assert_array_equal(sets["x turned 90"][0], np.rot90(photo, 1))  # class 1: counterclockwise
    assert orientation.CLASSES[1] == "rotated_90_counterclockwise"


def test_the_rule_needs_few_false_alarms_found_turns_and_a_right_reading_of_the_real_front():
    study = load_script("orientation_study")
    assert study.judge(_rows(), {"new fronts (128 px)": 0.008})["worth_shipping"]
    assert not study.judge(_rows(false_alarm=0.01), {"new fronts (128 px)": 0.008})["worth_shipping"]
    assert not study.judge(_rows(), {"new fronts (128 px)": 0.02})["worth_shipping"]
    assert not study.judge(_rows(found=0.9), {"new fronts (128 px)": 0.008})["worth_shipping"]
    assert not study.judge(_rows(real_right=0.0), {"new fronts (128 px)": 0.008})["worth_shipping"]
