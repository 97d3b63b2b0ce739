"""Long scripted sessions under random faults (fixed seeds): nothing lost, nothing doubled, nothing escapes."""
import os

import pytest
from faultseeds import FAST_SEEDS, FAST_STEPS, SOAK_SEEDS, SOAK_STEPS

CORRUPT_LISTS = os.environ.get("FAULT_CORRUPT_LISTS", "1") == "1"  # broken list answers: on unless told off


@pytest.mark.parametrize("seed", FAST_SEEDS)
def test_session_under_random_faults_ends_in_sync_with_every_event_once(run_session, seed):
    report = run_session(seed, FAST_STEPS)
    assert report.ok, report.describe()
    assert report.faults_injected > 0 and report.events_checked > 0


@pytest.mark.slow
@pytest.mark.parametrize("seed", SOAK_SEEDS)
def test_soak_session_under_random_faults_ends_in_sync_with_every_event_once(run_session, seed):
    report = run_session(seed, SOAK_STEPS, slow_faults=seed % 4 == 0, corrupt_lists=CORRUPT_LISTS)
    assert report.ok, report.describe()
