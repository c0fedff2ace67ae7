"""The push diagnostic (training/scripts/attribute_push.py) moves embeddings toward the patients who have an attribute,
and compares ceramic brackets with metal ones rather than with everyone (that would be "braces or not")."""
import numpy as np

from ivp_training import attributes as A
from training_scripts import load_script



def _script():
    return load_script("attribute_push")


def test_direction_points_from_the_patients_without_to_those_with_at_the_mean_norm():
    push = _script()
    k = np.array([[2.0, 0.0], [4.0, 0.0], [0.0, 3.0], [0.0, 3.0]])
    has = np.array([True, True, False, False])
    d = push.direction(k, has, ~has)
    np.testing.assert_allclose(d, [3.0, -3.0])  # (unit with - unit without) * mean norm 3


def test_ceramic_brackets_are_compared_with_metal_brackets_and_others_with_the_rest():
    push = _script()
    y = np.zeros((4, len(A.NAMES)), np.float32)
    braces, metal, ceramic, crown = (A.NAMES.index(n) for n in ("braces", "metal_brackets", "ceramic_brackets", "crown"))
    y[0, [braces, ceramic]] = 1
    y[1, [braces, metal]] = 1
    y[2, crown] = 1
    has, lacks = push.groups(y, "ceramic_brackets")
    assert has.tolist() == [True, False, False, False] and lacks.tolist() == [False, True, False, False]
    has, lacks = push.groups(y, "crown")
    assert has.tolist() == [False, False, True, False] and lacks.tolist() == [True, True, False, True]
