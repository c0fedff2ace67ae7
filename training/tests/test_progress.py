"""Training progress lines: throttled, rate over resumed runs, time left bounded by the deadline."""
import torch

from ivp_training.progress import Progress


class Clock:
    def __init__(self):
        self.now = 1000.0

    def __call__(self):
        return self.now


def test_a_line_at_most_every_period_unless_forced():
    clock, lines = Clock(), []
    p = Progress(lines.append, "encoder", 100, deadline=clock.now + 3600, every=30, clock=clock)
    clock.now += 10
    assert not p.due()
    assert p.due(force=True)
    clock.now += 25
    assert p.due()
    p.report(35, "loss 1.0000")
    assert not p.due()
    assert len(lines) == 1


def test_the_rate_counts_resumed_time_and_the_time_left_is_capped_by_the_deadline():
    clock, lines = Clock(), []
    # 40 s before the resume + 60 s now for 100 steps: 1 step/s; 900 steps left but only 300 s to the deadline
    p = Progress(lines.append, "generator", 1000, deadline=clock.now + 360, seconds_before=40, clock=clock)
    clock.now += 60
    p.report(100, "l1 0.1000 feat 0.2000")
    assert lines == [f"generator step 100/1000 l1 0.1000 feat 0.2000 1.00 steps/s threads "
                     f"{torch.get_num_threads()} left 5.0 min"]


def test_a_later_phase_writes_its_own_line_and_restarts_the_throttle():
    clock, lines = Clock(), []
    p = Progress(lines.append, "generator", 10, deadline=clock.now + 600, clock=clock)
    clock.now += 31
    p.note("gan step 3 " + p.left_until(clock.now + 120))
    assert lines == ["gan step 3 left 2.0 min"]
    assert not p.due()
