"""The personal report's "Self and others": other raters' view beside the self-rating,
per skill, with the gaps that matter (|self - others| >= 1.5). The numbers come from
``assess.scoring.raters`` (the 3-peer rule lives there); plain data here."""

from __future__ import annotations

from dataclasses import dataclass

from assess.model.result import OtherRaters, OtherSkill


@dataclass(frozen=True)
class OthersView:
    raters: OtherRaters
    area_of: dict[str, str]
    """Skill id -> area name (for the table's area rows)."""
    unused: int = 0
    """Rating files that could not be used (counted only: their names may name a rater)."""

    @property
    def rows(self) -> list[OtherSkill]:
        return self.raters.skills

    @property
    def flagged(self) -> list[OtherSkill]:
        return [s for s in self.raters.skills if s.flag]

    @property
    def compared(self) -> int:
        return sum(1 for s in self.raters.skills if s.delta is not None)

    @property
    def shown(self) -> bool:
        """Whether anyone's view may be shown (a manager, or enough peers)."""
        return bool(self.raters.managers) or self.raters.peers_shown

    @property
    def who(self) -> str:
        """ "your manager (Grace Hopper) and 4 peers" — the raters whose view is shown."""
        parts = []
        managers = self.raters.managers
        if len(managers) == 1:
            parts.append(f"your manager ({managers[0]})")
        elif managers:
            parts.append(f"{len(managers)} managers ({', '.join(managers)})")
        if self.raters.peers_shown:
            parts.append(f"{self.raters.peers} peers")
        return " and ".join(parts) or "nobody yet"


def others_view(raters: OtherRaters, area_of: dict[str, str], unused: int = 0) -> OthersView:
    return OthersView(raters, area_of, unused)


def radar_levels(raters: OtherRaters) -> dict[str, float | None]:
    """The others' level per skill, as the radar draws it (None: a gap in the line)."""
    return {s.skill: s.others for s in raters.skills}
