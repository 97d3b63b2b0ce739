"""The first-push claim: exactly one box of a shared library pushes the Kodi-only plays of a first sync."""
import logging

from .lease import FIRST_PUSH
from .mysql import DbError

LOG = logging.getLogger("simklsync.household")


def claim_first_push(table):
    """True for the one box that claims it first. On a database error nothing is pushed: a later first sync may
    still do it, a double push cannot be taken back."""
    try:
        return table.claim_once(FIRST_PUSH)
    except DbError as error:
        LOG.warning("first push not claimed: %s", error)
        return False
