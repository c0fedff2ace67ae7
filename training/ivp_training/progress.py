"""Progress lines of a training loop: throttled, with the step rate and the time left."""
from __future__ import annotations

import time
from typing import Callable

import torch


class Progress:
    """At most one line every ``every`` seconds (or when forced). The rate counts the time of earlier runs
    (``seconds_before``, from a resumed checkpoint); the time left is the shorter of "steps left at that rate"
    and "until the deadline"."""

    def __init__(self, log: Callable[[str], None], name: str, max_steps: int, deadline: float,
                 seconds_before: float = 0.0, every: float = 30.0, clock: Callable[[], float] = time.time):
        self.log, self.name, self.max_steps, self.deadline = log, name, max_steps, deadline
        self.seconds_before, self.every, self.clock = seconds_before, every, clock
        self.start = self.last = clock()

    def due(self, force: bool = False) -> bool:
        return force or self.clock() - self.last > self.every

    def report(self, step: int, metrics: str) -> None:
        """``<name> step s/max <metrics> r steps/s threads n left m min``"""
        now = self.clock()
        rate = step / max(1e-6, self.seconds_before + now - self.start)
        left = min((self.max_steps - step) / max(rate, 1e-6), self.deadline - now)
        self.note(f"{self.name} step {step}/{self.max_steps} {metrics} {rate:.2f} steps/s "
                  f"threads {torch.get_num_threads()} left {left / 60:.1f} min")

    def note(self, line: str) -> None:
        """A line of a later phase with its own budget (refinement, GAN fine-tune); restarts the throttle."""
        self.log(line)
        self.last = self.clock()

    def left_until(self, until: float) -> str:
        return f"left {(until - self.clock()) / 60:.1f} min"
