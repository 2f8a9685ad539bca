"""How typed and stored texts are folded before they are compared (mailleurs.text.normalize,
actors.directory.folding): accents, case, ligature-like letters and separators, the same way
on both sides of a search whatever the script."""

import unicodedata

import pytest

from actors.directory.folding import folded_words, sort_name
from mailleurs.text import normalize


@pytest.mark.parametrize(
    ("typed", "folded"),
    [
        ("École des Sœurs", "ecole des sœurs"),
        ("  Mobilité\u00a0 solidaire\n", "mobilite solidaire"),
        ("L’épicerie", "l'epicerie"),
        ("ﬁlière ①", "filiere 1"),  # compatibility forms: a ligature, a circled digit
        ("İstanbul", "istanbul"),  # the dot above is a combining mark once decomposed
        ("Ελληνικά", "ελληνικα"),  # accents of other scripts too
        ("a\U0001d167b", "ab"),  # a combining mark beyond the Basic Multilingual Plane
        ("", ""),
        (None, ""),
    ],
)
def test_a_text_is_compared_without_accents_case_or_extra_spaces(typed, folded):
    assert normalize(typed) == folded


def test_no_combining_mark_survives_after_a_letter():
    marks = [chr(code) for code in range(0x110000) if unicodedata.combining(chr(code))]
    assert len(marks) > 900
    assert {normalize(f"a{mark}b") for mark in marks} == {"ab"}


def test_words_are_cut_at_anything_but_letters_and_digits_and_put_in_the_singular():
    assert folded_words("Centres sociaux — accès_aux droits (2024) / tiers-lieux") == [
        "centre", "socia", "acce", "aux", "droit", "2024", "tier", "lieu",
    ]  # fmt: skip


def test_names_sort_in_french_alphabetical_order():
    names = ["Zèbre et Cie", "« Les Amis »", "Œuvre du Diois", "École de Die", "ecole de Crest"]
    assert sorted(names, key=sort_name) == [
        "ecole de Crest",
        "École de Die",
        "« Les Amis »",
        "Œuvre du Diois",
        "Zèbre et Cie",
    ]
    assert sort_name("L’Œuvre d'Émile") == "l oeuvre d emile"
