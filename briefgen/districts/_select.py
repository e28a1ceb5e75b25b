"""Which slides a deck keeps: `only:` and `except:` against the district being built.

Maps (a slide, the district's name or None, the outline's `variables: district:`) → keep or
drop. A plain build (no --district) acts as the district `variables: district:` names, so a
trainer's own `only:` slides are in the deck without a roster; with no such default, `only:`
slides are dropped and `except:` slides kept, because the generic deck is no district's.
"""

from __future__ import annotations

from briefgen.errors import Diagnostic
from briefgen.outline import LoadedOutline, Slide


def norm(name: str) -> str:
    """A district name as compared: runs of whitespace as one space, none around it."""
    return " ".join(name.split())


def keeps(slide: Slide, district: str | None, default: str | None = None) -> bool:
    """Whether a slide belongs in this district's deck (`only:`/`except:`).

    `default` is the outline's `variables: district:`, used when no district is given.
    """
    name = district if district is not None else default
    if name is None:
        return slide.only is None
    wanted = norm(name)
    if slide.only is not None:
        return wanted in {norm(n) for n in slide.only}
    if slide.except_ is not None:
        return wanted not in {norm(n) for n in slide.except_}
    return True


def unknown_district_names(loaded: LoadedOutline, names: list[str]) -> list[Diagnostic]:
    """Warnings for `only:`/`except:` names that are not in the roster (likely typos)."""
    known = {norm(n) for n in names}
    found: list[Diagnostic] = []
    for s, section in enumerate(loaded.outline.sections):
        for k, slide in enumerate(section.slides):
            for key, listed in (("only", slide.only), ("except", slide.except_)):
                for i, name in enumerate(listed or ()):
                    if norm(name) not in known:
                        found.append(
                            loaded.diagnostic(
                                ("sections", s, "slides", k, key, i),
                                f"{name!r} is not a district in the roster",
                                severity="warning",
                            )
                        )
    return found


__all__ = ["keeps", "norm", "unknown_district_names"]
