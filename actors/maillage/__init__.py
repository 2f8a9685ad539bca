"""The maillage of a territory: its actors, linked by relations and by shared local schemes.

Domain code, no HTTP. ``build.build_maillage`` returns a :class:`~actors.maillage.build.Maillage`
that a template can draw as an SVG and as a table.

Definitions (what the page says, and what the tests check):

- **Actors of a territory** (the nodes): the directory's rule (``ActorQuerySet.in_territory``),
  so the maillage, the territory page and ``/acteurs/?territoire=`` always agree: actors the
  user may see that are *located* in the territory, or that *intervene* on it, on a territory
  containing it, or on a part of it. With a theme, only the actors having that theme.
- **Edges**: every :class:`~actors.models.Relation` between two nodes (kind and direction kept),
  and one "shared local scheme" edge per pair of nodes taking part in the same local scheme(s),
  listing those schemes (weight = their number). Two actors are *linked* when at least one edge
  of either kind joins them; degree = number of linked actors.
- **Cap**: above ``max_nodes`` actors, the ``max_nodes`` with the highest degree are drawn (ties
  by name); the counts of shown and total actors say so. Isolated actors are counted and listed on
  the whole territory; every other figure describes the network that is drawn.
- **Isolated actor**: an actor of the territory linked to no other actor of the territory.
- **Passerelle** between action sociale (sphere slug ``action-sociale``) and développement local
  (``developpement-local``): a drawn actor that either

  1. *belongs to both spheres* ("double appartenance"), or
  2. *links both spheres*: among the actors it is linked to, one belongs to action sociale and
     not to développement local, and another belongs to développement local and not to action
     sociale ("relie" two actors who would otherwise not meet).

  Passerelles are ranked by betweenness centrality in the drawn network (the share of shortest
  paths between two other actors that go through them: high values mark actors the maillage
  relies on), then by degree and name.
- **Density**: linked pairs / possible pairs among drawn actors. **Groups**: connected components
  of the drawn network with at least two actors (isolated actors are not counted as groups).

Layout: a Fruchterman–Reingold force-directed layout (the algorithm behind networkx's
``spring_layout``) computed in pure Python with a fixed seed, because networkx's own
``spring_layout`` needs NumPy, which the project does not install. Same data, same coordinates.
The layout is cached by graph structure (it only depends on it). Isolated actors are set apart
in rows under the network. Coordinates are scaled into an SVG viewBox ``0..WIDTH × 0..height``
with margins; a mark's size grows with the square root of its degree; its colour *and its shape*
are those of the actor's first sphere (by sphere order), so the category reads without colour.
Names are written whole (two lines when long, never cut): every name with few actors, the most
linked ones otherwise, placed where they overlap no other name. The nodes are links out of the
Tab order; the list of actors under the drawing (buttons, static/js/maillage.js) is the
keyboard's way in and highlights a node, its links and neighbours. networkx computes degree,
betweenness, density and components.

Filters (large territories): a sphere, and a minimum number of linked actors (counted on the
whole territory); the page says how many actors they hide.

Queries are bounded whatever the size of the territory: actors (1) and their spheres (1),
relations (1), participations (1).

Modules: ``territories`` (which territory, which actors), ``graph`` (nodes and edges from the
queries), ``metrics`` (degree, betweenness, density, groups, passerelles), ``spring`` (the force
layout and its cache), ``layout`` (coordinates in the SVG), ``labels`` (which names are written),
``shapes`` (a shape per sphere), ``selection`` (the page's filters), ``build`` (the steps put
together).
"""
