"""The numbers of ranking and decision are defined once, and the README shows them as defined."""

from __future__ import annotations

from kb import decision, fit, generation, impacts, matching, measured, ranking, settings, snippets


def test_the_modules_use_the_measured_values():
    assert generation.BOOSTS is measured.value("BOOSTS")
    assert (impacts.K1, impacts.B) == (measured.value("K1"), measured.value("B"))
    assert (ranking.MIN_RELATIVE_SCORE, ranking.COMMON_SHARE) == (
        measured.value("MIN_RELATIVE_SCORE"), measured.value("COMMON_SHARE"))
    assert (snippets.WIDTH, snippets.LEAD) == (measured.value("SNIPPET_WIDTH"), measured.value("SNIPPET_LEAD"))
    assert decision.CANDIDATES == measured.value("CANDIDATES")
    assert (fit.MAX_WRONG, fit.MAX_NEAR_ANSWERED, fit.RELATED_CHOICES, fit.FOLDS) == (
        measured.value("MAX_WRONG"), measured.value("MAX_NEAR_ANSWERED"), measured.value("RELATED_CHOICES"),
        measured.value("FOLDS"))
    assert matching.ASKED_WEIGHT == measured.value("ASKED_WEIGHT")


def test_every_measured_number_says_how_it_was_chosen_and_what_remeasures_it():
    for name, m in measured.TABLE.items():
        assert m.chosen.strip() and m.command.strip(), name


def test_the_readme_table_lists_the_numbers_as_defined():
    readme = (settings.PROJECT_ROOT / "README.md").read_text(encoding="utf-8")
    for name, m in measured.TABLE.items():
        assert f"| `{name}` | `{m.value}` | {m.chosen} | `{m.command}` |" in readme, name
