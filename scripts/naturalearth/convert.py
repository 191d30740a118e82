#!/usr/bin/env python3
"""Converts Natural Earth admin-0 countries into the journey map's base data.

Run once, by hand, when the source changes (CI never runs it):

    python3 scripts/naturalearth/convert.py \
        /path/to/ne_10m_admin_0_countries_deu.zip Templates/map

Reads the zipped shapefile with the standard library only (no pyshp, no GDAL), so the same
Python 3 gives the same bytes. Writes two files of the same format, one per level of detail
(see LEVELS and Templates/map/README.md):

  countries-detail.bin   regional maps (a valley to a few countries)
  countries-coarse.bin   the locator inset and continent-sized maps

How: coordinates are snapped to a grid of 1/10000 degree; the rings of all countries are cut
into arcs wherever their neighbours change (a shared border becomes one arc used by both
countries, as in TopoJSON), so each border is simplified once and neighbours still meet
exactly; arcs along the 180th meridian and the south pole's edge, which Natural Earth adds to
close polygons, are marked so they are filled but never stroked as coast; each arc is
simplified with Douglas-Peucker in Web Mercator degrees; rings that vanish are dropped.

File format (all integers are LEB128 varints; signed ones zigzag-encoded):
  magic  b"JMAP"  version 1
  grid   units per degree (10000)
  arcs   count, then per arc: kind (0 coast, 1 border, 2 edge not to stroke), point count,
         points as signed deltas from the previous point (x = longitude, y = latitude; the
         first from 0,0)
  countries  count, then per country: ISO A2, ISO A3, English name, Italian name,
         continent (each a varint byte length + UTF-8), polygon count, per polygon ring
         count (first ring outside, then holes), per ring arc count and signed arc
         references (i, or -1-i for arc i walked backwards)
"""
import hashlib
import io
import math
import struct
import sys
import zipfile

GRID = 10000  # units per degree
# (file name, Douglas-Peucker tolerance in Mercator degrees, smallest island kept: bounding
# box diagonal in Mercator degrees). The largest polygon of every country is always kept.
LEVELS = [
    ("countries-detail.bin", 0.002, 0.01),
    ("countries-coarse.bin", 0.06, 0.6),
]
BASENAME = "ne_10m_admin_0_countries_deu"


def read_dbf(data):
    count, header_len, record_len = struct.unpack("<4xIHH", data[:12])
    fields, offset = [], 32
    while data[offset] != 0x0D:
        name = data[offset:offset + 11].split(b"\0")[0].decode("ascii")
        fields.append((name, data[offset + 16]))
        offset += 32
    records = []
    for i in range(count):
        raw = data[header_len + i * record_len: header_len + (i + 1) * record_len]
        position, record = 1, {}
        for name, length in fields:
            record[name] = raw[position:position + length].decode("utf-8").strip("\0 ")
            position += length
        records.append(record)
    return records


def read_shp(data):
    """Polygons (shape type 5) as lists of rings of (lon, lat) grid points."""
    shapes, offset = [], 100
    while offset < len(data):
        _, length = struct.unpack(">ii", data[offset:offset + 8])
        body = data[offset + 8: offset + 8 + 2 * length]
        offset += 8 + 2 * length
        shape_type = struct.unpack("<i", body[:4])[0]
        if shape_type == 0:
            shapes.append([])
            continue
        assert shape_type == 5, shape_type
        parts_count, points_count = struct.unpack("<ii", body[36:44])
        parts = list(struct.unpack("<%di" % parts_count, body[44:44 + 4 * parts_count]))
        start = 44 + 4 * parts_count
        values = struct.unpack("<%dd" % (2 * points_count), body[start:start + 16 * points_count])
        points = [(round(values[2 * i] * GRID), round(values[2 * i + 1] * GRID)) for i in range(points_count)]
        rings = []
        for index, first in enumerate(parts):
            last = parts[index + 1] if index + 1 < parts_count else points_count
            ring = []
            for point in points[first:last]:
                if not ring or ring[-1] != point:
                    ring.append(point)
            if len(ring) > 1 and ring[0] == ring[-1]:
                ring.pop()
            if len(ring) >= 3:
                rings.append(ring)
        shapes.append(rings)
    return shapes


def signed_area(ring):
    return sum(ring[i - 1][0] * ring[i][1] - ring[i][0] * ring[i - 1][1] for i in range(len(ring))) / 2


def group_polygons(rings):
    """Shapefile outer rings run clockwise (negative area), holes counter-clockwise; a hole
    belongs to the outer ring before it."""
    polygons = []
    for ring in rings:
        if signed_area(ring) <= 0 or not polygons:
            polygons.append([ring])
        else:
            polygons[-1].append(ring)
    return polygons


def find_junctions(all_rings):
    neighbours, junctions = {}, set()
    for ring in all_rings:
        n = len(ring)
        for i, point in enumerate(ring):
            pair = frozenset((ring[i - 1], ring[(i + 1) % n]))
            seen = neighbours.get(point)
            if seen is None:
                neighbours[point] = pair
            elif seen != pair:
                junctions.add(point)
    return junctions


def is_edge(a, b):
    """A segment Natural Earth adds to close a polygon: along the 180th meridian or the pole."""
    at_meridian = abs(a[0]) == 180 * GRID and a[0] == b[0]
    at_pole = a[1] <= -89.9 * GRID and b[1] <= -89.9 * GRID
    return at_meridian or at_pole


def cut_ring(ring, junctions):
    """A ring as a list of open arcs (each a list of points, consecutive arcs sharing ends)."""
    n = len(ring)
    cuts = [i for i, point in enumerate(ring) if point in junctions]
    # Also cut where a segment turns from closing edge to real boundary, or back.
    for i in range(n):
        if is_edge(ring[i - 1], ring[i]) != is_edge(ring[i], ring[(i + 1) % n]):
            cuts.append(i)
    cuts = sorted(set(cuts))
    if not cuts:
        # A ring with no junction: start it at its smallest point so that the same ring seen
        # from both sides (an enclave and its hole) gives the same arc.
        start = min(range(n), key=lambda i: ring[i])
        rotated = ring[start:] + ring[:start]
        return [rotated + [rotated[0]]]
    arcs = []
    for index, cut in enumerate(cuts):
        end = cuts[(index + 1) % len(cuts)]
        if end > cut:
            arcs.append(ring[cut:end + 1])
        else:
            arcs.append(ring[cut:] + ring[:end + 1])
    return arcs


def mercator(point):
    lon, lat = point[0] / GRID, max(-85.0, min(85.0, point[1] / GRID))
    return lon, math.degrees(math.log(math.tan(math.pi / 4 + math.radians(lat) / 2)))


def douglas_peucker(points, tolerance):
    """Indices of the points kept, endpoints always; in Mercator degrees."""
    projected = [mercator(p) for p in points]
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        ax, ay = projected[first]
        bx, by = projected[last]
        dx, dy = bx - ax, by - ay
        length = math.hypot(dx, dy)
        worst, worst_index = -1.0, -1
        for i in range(first + 1, last):
            px, py = projected[i]
            if length == 0:
                distance = math.hypot(px - ax, py - ay)
            else:
                distance = abs(dy * (px - ax) - dx * (py - ay)) / length
            if distance > worst:
                worst, worst_index = distance, i
        if worst > tolerance:
            keep[worst_index] = True
            stack.append((first, worst_index))
            stack.append((worst_index, last))
    return [p for p, k in zip(points, keep) if k]


def simplify_arc(arc, tolerance):
    if arc[0] == arc[-1] and len(arc) > 3:
        # A closed arc: pin the point farthest from its start too, so it keeps an area.
        far = max(range(len(arc)), key=lambda i: (arc[i][0] - arc[0][0]) ** 2 + (arc[i][1] - arc[0][1]) ** 2)
        return douglas_peucker(arc[:far + 1], tolerance)[:-1] + douglas_peucker(arc[far:], tolerance)
    return douglas_peucker(arc, tolerance)


def varint(value):
    out = bytearray()
    while True:
        byte = value & 0x7F
        value >>= 7
        if value:
            out.append(byte | 0x80)
        else:
            out.append(byte)
            return bytes(out)


def zigzag(value):
    return varint(value * 2 if value >= 0 else -value * 2 - 1)


def text(value):
    data = value.encode("utf-8")
    return varint(len(data)) + data


def country_fields(record):
    def code(*names):
        for name in names:
            value = record.get(name, "")
            if value and value != "-99":
                return value
        return ""
    return (code("ISO_A2", "ISO_A2_EH"), code("ISO_A3", "ISO_A3_EH", "ADM0_A3"),
            record["NAME_EN"] or record["NAME"], record["NAME_IT"] or record["NAME_EN"],
            record["CONTINENT"])


def build_topology(countries):
    """Arcs shared by all levels: (arcs, uses, countries as polygons of rings of arc refs)."""
    all_rings = [ring for _, polygons in countries for polygon in polygons for ring in polygon]
    junctions = find_junctions(all_rings)
    arc_index, arcs, uses = {}, [], []
    topo = []
    for fields, polygons in countries:
        out_polygons = []
        for polygon in polygons:
            out_rings = []
            for ring in polygon:
                refs = []
                for arc in cut_ring(ring, junctions):
                    key, backwards = tuple(arc), tuple(reversed(arc))
                    if key in arc_index:
                        ref = arc_index[key]
                    elif backwards in arc_index:
                        ref = -1 - arc_index[backwards]
                    else:
                        arc_index[key] = len(arcs)
                        ref = len(arcs)
                        arcs.append(arc)
                        uses.append(0)
                    uses[ref if ref >= 0 else -1 - ref] += 1
                    refs.append(ref)
                out_rings.append(refs)
            out_polygons.append(out_rings)
        topo.append((fields, out_polygons))
    return arcs, uses, topo


def ring_points(refs, arcs):
    points = []
    for ref in refs:
        arc = arcs[ref] if ref >= 0 else list(reversed(arcs[-1 - ref]))
        points.extend(arc if not points else arc[1:])
    return points[:-1] if len(points) > 1 and points[0] == points[-1] else points


def diagonal(points):
    projected = [mercator(p) for p in points]
    xs, ys = [p[0] for p in projected], [p[1] for p in projected]
    return math.hypot(max(xs) - min(xs), max(ys) - min(ys))


def encode_level(arcs, uses, topo, tolerance, smallest):
    simplified = [simplify_arc(arc, tolerance) for arc in arcs]
    kept_polygons = []
    used = set()
    for fields, polygons in topo:
        sizes = [abs(signed_area(ring_points(polygon[0], arcs))) for polygon in polygons]
        largest = max(range(len(polygons)), key=lambda i: sizes[i]) if polygons else -1
        out = []
        for index, polygon in enumerate(polygons):
            rings = []
            for ring_index, refs in enumerate(polygon):
                points = ring_points(refs, simplified)
                island = all(uses[r if r >= 0 else -1 - r] == 1 for r in refs)
                if len(set(points)) < 3 or signed_area(points) == 0:
                    continue
                if island and index != largest and diagonal(ring_points(refs, arcs)) < smallest:
                    continue
                if ring_index > 0 and not rings:
                    break  # the outside ring vanished, so do its holes
                rings.append(refs)
            if rings:
                out.append(rings)
                used.update(r if r >= 0 else -1 - r for ring in rings for r in ring)
        kept_polygons.append((fields, out))
    # Renumber the arcs still in use, in their original order.
    number = {old: new for new, old in enumerate(sorted(used))}
    data = bytearray(b"JMAP") + varint(1) + varint(GRID) + varint(len(number))
    points_written = 0
    for old in sorted(used):
        arc = simplified[old]
        kind = 2 if all(is_edge(arc[i], arc[i + 1]) for i in range(len(arc) - 1)) else (1 if uses[old] > 1 else 0)
        data += varint(kind) + varint(len(arc))
        previous = (0, 0)
        for point in arc:
            data += zigzag(point[0] - previous[0]) + zigzag(point[1] - previous[1])
            previous = point
        points_written += len(arc)
    data += varint(len(kept_polygons))
    for fields, polygons in kept_polygons:
        for value in fields:
            data += text(value)
        data += varint(len(polygons))
        for polygon in polygons:
            data += varint(len(polygon))
            for refs in polygon:
                data += varint(len(refs))
                for ref in refs:
                    data += zigzag(number[ref] if ref >= 0 else -1 - number[-1 - ref])
    return bytes(data), len(number), points_written


def main():
    if len(sys.argv) != 3:
        sys.exit("usage: convert.py ne_10m_admin_0_countries_deu.zip OUTPUT_FOLDER")
    source, folder = sys.argv[1], sys.argv[2]
    raw = open(source, "rb").read()
    with zipfile.ZipFile(io.BytesIO(raw)) as archive:
        records = read_dbf(archive.read(BASENAME + ".dbf"))
        shapes = read_shp(archive.read(BASENAME + ".shp"))
        version = archive.read(BASENAME + ".VERSION.txt").decode().strip()
    assert len(records) == len(shapes)
    countries = [(country_fields(r), group_polygons(s)) for r, s in zip(records, shapes) if s]
    # A stable order that does not depend on the shapefile's: by ISO A3, then English name.
    countries.sort(key=lambda c: (c[0][1], c[0][2]))
    arcs, uses, topo = build_topology(countries)
    print("source %s version %s sha256 %s" % (source.split("/")[-1], version, hashlib.sha256(raw).hexdigest()))
    print("countries %d, arcs %d, points %d" % (len(topo), len(arcs), sum(len(a) for a in arcs)))
    for name, tolerance, smallest in LEVELS:
        data, arc_count, points = encode_level(arcs, uses, topo, tolerance, smallest)
        with open(folder.rstrip("/") + "/" + name, "wb") as out:
            out.write(data)
        print("%s: tolerance %g, smallest island %g, arcs %d, points %d, bytes %d, sha256 %s"
              % (name, tolerance, smallest, arc_count, points, len(data), hashlib.sha256(data).hexdigest()))


if __name__ == "__main__":
    main()
