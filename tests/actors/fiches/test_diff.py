"""The side-by-side changes: words marked, every text escaped."""

from mailleurs.diff import MAX_ITEMS, word_diff


def test_only_the_changed_words_are_marked_and_everything_is_escaped():
    old, new = word_diff(
        "Ateliers <i>cuisine</i> & jardin partagé", "Ateliers <i>couture</i> & jardin ouvert"
    )
    assert old == "Ateliers <del>&lt;i&gt;cuisine&lt;/i&gt;</del> &amp; jardin <del>partagé</del>"
    assert new == "Ateliers <ins>&lt;i&gt;couture&lt;/i&gt;</ins> &amp; jardin <ins>ouvert</ins>"


def test_neighbouring_changed_words_read_as_one_change_and_lines_are_kept():
    old, new = word_diff(
        "Un lieu ouvert à tous\nle lundi", "Un espace réservé aux adhérents\nle lundi"
    )
    assert old == "Un <del>lieu ouvert à tous</del><br>le lundi"
    assert new == "Un <ins>espace réservé aux adhérents</ins><br>le lundi"


def test_very_long_texts_are_marked_whole():
    long_text = "mot " * MAX_ITEMS
    old, new = word_diff(long_text, long_text + "<fin>")
    assert old == f"<del>{long_text.strip()}</del> "
    assert new == f"<ins>{long_text}&lt;fin&gt;</ins>"
