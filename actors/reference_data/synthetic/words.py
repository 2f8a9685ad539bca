"""Words and French grammar for synthetic fiches: names, places, people, missions."""

from __future__ import annotations

import random
import re

from mailleurs.text import normalize

# ARCEP keeps 04 65 71 xx xx for fiction: these numbers are never assigned.
FICTION_PHONE_PREFIX = "04 65 71"

# fmt: off
PLACE_NAMES = [
    "des Tilleuls", "du Vieux Moulin", "Les Castors", "La Passerelle", "L'Escale", "Le Lien",
    "des Trois Rivières", "du Pont Vieux", "des Chênes", "de la Gare", "du Bourg", "des Lavandes",
    "Les Coquelicots", "L'Olivier", "La Ruche", "Le Fil d'Ariane", "L'Arche", "La Courte Échelle",
    "Le Trait d'Union", "La Clé des Champs", "Les Hirondelles", "La Boussole", "L'Oustal",
    "Le Relais", "La Source", "La Marelle", "du Plateau", "de la Vallée", "des Peupliers",
    "du Val", "Les Saules", "des Genêts", "La Maison du Partage", "Le Colibri", "La Farandole",
]
TIERS_LIEU_NAMES = [
    "La Fabrique", "Le Hangar", "La Grange", "L'Atelier partagé", "La Coopérative", "Le Bocal",
    "La Manufacture", "Le Quai", "La Miellerie", "L'Établi", "La Forge", "Le Moulinage",
    "La Scierie", "Le Local", "La Cantine", "Le Garage", "Le Grenier", "La Laverie",
    "La Menuiserie", "La Bergerie", "Le Fournil", "La Filature", "La Magnanerie", "Le Lavoir",
]
ASSOCIATION_PREFIXES = [
    "Association", "Association", "Association", "Foyer rural", "Les Amis", "Comité des fêtes",
    "Maison des jeunes et de la culture", "Amicale laïque", "Maison pour tous",
]
STREETS = [
    "rue de la République", "place de la Mairie", "chemin des Écoliers", "avenue de la Gare",
    "rue du Stade", "grande rue", "rue des Écoles", "place du Marché", "route de la Vallée",
    "impasse des Lilas", "rue du Temple", "allée des Platanes", "rue Basse", "rue Haute",
]
PITCH_VERBS = [
    "accompagne les habitants sur les questions",
    "anime des actions sur les questions",
    "met en réseau les acteurs locaux sur les questions",
    "soutient les projets collectifs sur les questions",
    "propose des ateliers et des permanences sur les questions",
    "coordonne les initiatives du territoire sur les questions",
]
MISSIONS = [
    "Accueillir, informer et orienter les habitants {de_commune}",
    "Animer des ateliers collectifs sur les questions {de_theme}",
    "Accompagner les porteurs de projets {de_commune} et des alentours",
    "Coordonner les partenaires locaux autour {de_theme_article}",
    "Soutenir les initiatives d'habitants et la vie associative",
    "Organiser des temps d'échange entre professionnels et élus",
    "Favoriser l'accès aux droits et aux services",
    "Participer au diagnostic partagé du territoire",
]
FIRST_NAMES = [
    "Camille", "Claire", "Léa", "Manon", "Julie", "Sophie", "Nathalie", "Isabelle", "Émilie",
    "Sarah", "Chloé", "Inès", "Louise", "Mathilde", "Anne", "Élodie", "Marion", "Aurélie",
    "Thomas", "Nicolas", "Julien", "Pierre", "Antoine", "Maxime", "Hugo", "Lucas", "Mathieu",
    "Olivier", "Sébastien", "François", "Romain", "Karim", "Yannick", "Benoît", "Rémi", "Samir",
]
LAST_NAMES = [
    "Martin", "Bernard", "Dubois", "Thomas", "Robert", "Richard", "Petit", "Durand", "Leroy",
    "Moreau", "Simon", "Laurent", "Lefebvre", "Michel", "Garcia", "David", "Bertrand", "Roux",
    "Vincent", "Fournier", "Morel", "Girard", "André", "Mercier", "Blanc", "Guérin", "Boyer",
    "Faure", "Chevalier", "Rousseau", "Bonnet", "Brun", "Gauthier", "Perrin", "Fabre", "Arnaud",
]
CONTACT_ROLES = [
    "Direction", "Coordination", "Animation", "Chargé·e de mission", "Présidence",
    "Référent·e familles", "Accueil", "Agent·e de développement local", "Trésorerie",
]
# fmt: on
NAME_STOPWORDS = {"de", "du", "des", "la", "le", "les", "l", "d", "et", "pour", "en", "a", "aux"}
VOWELS = set("AEIOUYÀÂÄÉÈÊËÎÏÔÖÙÛÜŸaeiouyàâäéèêëîïôöùûüÿ")
MUTE_H = ("habit", "heberg", "homme", "hopit", "hygien", "humain", "histoi", "horaire", "hotel")


def de(name: str) -> str:
    """French « de » before a name: « du Teil », « des Vans », « d'Annonay », « de La Motte »."""
    if name.startswith("Le "):
        return "du " + name[3:]
    if name.startswith("Les "):
        return "des " + name[4:]
    if name[:1] in VOWELS or (name[:1] in "hH" and normalize(name).startswith(MUTE_H)):
        return "d'" + name
    return "de " + name


def lower_first(text: str) -> str:
    """« Mobilité » → « mobilité », but « ESS » stays « ESS »."""
    if len(text) > 1 and text[1].isupper():
        return text
    return text[:1].lower() + text[1:]


def make_acronym(name: str) -> str:
    words = re.findall(r"[A-Za-zÀ-ÿ]+", name.replace("(synthétique)", ""))
    letters = [w[0].upper() for w in words if normalize(w) not in NAME_STOPWORDS]
    return "".join(letters)[:10] if len(letters) >= 2 else ""


def phone_number(rng: random.Random) -> str:
    return f"{FICTION_PHONE_PREFIX} {rng.randrange(100):02d} {rng.randrange(100):02d}"
