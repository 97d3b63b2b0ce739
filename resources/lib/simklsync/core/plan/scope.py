"""Which Simkl titles a cycle plans: everything (first syncs, scans, manual syncs), nothing (Simkl moved in a
way no library write reflects, e.g. a rating), or the titles Simkl's answers changed (a delta cycle)."""
from typing import FrozenSet, Iterable, Iterator, Optional


class Scope:
    """Scope.everything(), Scope.nothing() or Scope.of(ids). `simkl in scope` holds for every id when it is
    everything; iterating, or `ids`, lists the ids of a scope that is not everything (it has no truth value of
    its own: ask is_everything or is_nothing)."""

    __slots__ = ("_ids",)

    def __init__(self, ids: Optional[FrozenSet[int]]):
        self._ids = ids  # None: everything

    @classmethod
    def everything(cls) -> "Scope":
        return cls(None)

    @classmethod
    def nothing(cls) -> "Scope":
        return cls(frozenset())

    @classmethod
    def of(cls, ids: Iterable[int]) -> "Scope":
        return cls(frozenset(ids))

    @property
    def is_everything(self) -> bool:
        return self._ids is None

    @property
    def is_nothing(self) -> bool:
        return self._ids is not None and not self._ids

    def plus(self, ids: Iterable[int]) -> "Scope":
        """This scope with `ids` added (everything stays everything)."""
        return self if self._ids is None else Scope(self._ids | frozenset(ids))

    def __contains__(self, simkl: object) -> bool:
        return self._ids is None or simkl in self._ids

    def __iter__(self) -> Iterator[int]:
        return iter(self.ids)

    @property
    def ids(self) -> FrozenSet[int]:
        if self._ids is None:
            raise TypeError("the whole library's scope lists no ids")
        return self._ids

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Scope) and self._ids == other._ids

    def __hash__(self) -> int:
        return hash(self._ids)

    def __repr__(self) -> str:
        if self._ids is None:
            return "Scope.everything()"
        return f"Scope.of({sorted(self._ids)!r})"


EVERYTHING = Scope.everything()  # the default of the planners' scope parameters
