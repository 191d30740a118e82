#!/usr/bin/python3
"""Checks credentials and linksets against outside truth, offline, from the copies in
Tests/Conformance/ (see its README for sources and digests).

  UNTP credentials (DPP, DCC, DTE, DFR, DIA): the UNTP JSON Schema of the version the
    credential's @context names (0.7.0; 0.6.1 and 0.6.0 so older passports still read),
    the W3C VCDM 2.0 schema, and JSON-LD expansion in which every term must be defined by
    a published context.
  Bitstring Status List credentials (W3C Bitstring Status List v1.0): the VCDM 2.0 schema,
    the list's shape, `encodedList` as multibase base64url ("u", no padding) of GZIP data
    that expands to at least 16 KB (131,072 entries), JSON-LD expansion as above.
  Linksets (RFC 9264): the UNTP 0.7.0 linkset schema.

Usage: check_credentials.py [--kind KIND] [--site DIR] [--conformance DIR] PATH...

PATH is a .json file, a .jwt file (its payload is checked; the signature is not), or a
folder, in which every .json file that is a verifiable credential or a linkset is checked.
KIND is auto (the default: by `type`, or a `linkset` member), dpp, dcc, dte, dfr, dia,
status-list or linkset. --site DIR serves our own extension context: any context URL that
ends in /contexts/passport-v1.jsonld is read from DIR/contexts/passport-v1.jsonld.
Prints one line per problem, then a summary; exits 1 if there is any problem, 2 on bad usage.
"""
import argparse, base64, datetime, gzip, json, os, re, sys
import jsonschema
from pyld import jsonld
import pyld.resolved_context

# pyld 2.0.3 (Debian 12) caches a processed scoped context by the active context alone, although
# the result also depends on how it was applied; when two terms of one type-scoped context carry
# identical scoped contexts (UNTP 0.7.0's Product: productImage and relatedDocument; MakeEvent:
# inputProduct and outputProduct), the second one's terms then expand as undefined. Processing
# every scoped context afresh gives the result the JSON-LD 1.1 algorithm defines.
pyld.resolved_context.ResolvedContext.get_processed = lambda self, active_ctx: None

V2 = 'https://www.w3.org/ns/credentials/v2'
UNTP_070 = 'https://vocabulary.uncefact.org/untp/0.7.0/context/'
OUR_CONTEXT_SUFFIX = '/contexts/passport-v1.jsonld'
CREDENTIAL_KINDS = {'DigitalProductPassport': 'dpp', 'DigitalConformityCredential': 'dcc',
                    'DigitalTraceabilityEvent': 'dte', 'DigitalFacilityRecord': 'dfr',
                    'DigitalIdentityAnchor': 'dia', 'BitstringStatusListCredential': 'status-list'}
KINDS = sorted(set(CREDENTIAL_KINDS.values()) | {'linkset'})


def old_untp(version, kind):
    """The @context URL of a 0.6.x credential, its context file and its schema file."""
    folder = f'untp-0.6.1/untp-{kind}/artefacts/'
    # 0.6.1's folder keeps a stale 0.6.0 schema beside the 0.6.1 one (see the README); the
    # release left no separate 0.6.0 context, so 0.6.0 URLs read the 0.6.1 context, as before.
    schema = {'0.6.0': {'dpp': 'DigitalProductPassport-schema.json', 'dcc': 'DigitalConformityCredential-schema.json'},
              '0.6.1': {'dpp': 'untp-dpp-schema.json', 'dcc': 'untp-dcc-schema.json'}}[version][kind]
    return f'https://test.uncefact.org/vocabulary/untp/{kind}/{version}/', folder + 'context.jsonld', folder + schema


# (version, kind) -> schema file, and context URL -> (version, kind or None for "any"), relative to the folder.
SCHEMAS = {('0.7.0', k): f'untp-0.7.0/schema/{k}.json' for k in ('dpp', 'dcc', 'dte', 'dfr', 'dia')}
CONTEXT_FILES = {V2: 'w3c/credentials-v2.jsonld', UNTP_070: 'untp-0.7.0/context/untp.jsonld'}
UNTP_VERSIONS = {UNTP_070: ('0.7.0', None)}
for _version in ('0.6.0', '0.6.1'):
    for _kind in ('dpp', 'dcc'):
        _url, _context, _schema = old_untp(_version, _kind)
        SCHEMAS[(_version, _kind)] = _schema
        CONTEXT_FILES[_url] = _context
        UNTP_VERSIONS[_url] = (_version, _kind)
VC_SCHEMA = 'w3c/verifiable-credential-schema.json'
LINKSET_SCHEMA = 'untp-0.7.0/schema/linkset.json'

# Terms no context defines. The catch-all @vocab we put in front shows those in untyped nodes;
# UNTP 0.7.0 gives every type its own @vocab (…/untp/Product# and so on), which catches the
# rest. Only `characteristics` is meant to be open (its @vocab is …/untp/Characteristics#).
CATCH_ALL = 'urn:undefined-term#'
CAUGHT = re.compile(r'^(?:urn:undefined-term#|https://www\.w3\.org/ns/credentials/issuer-dependent#'
                    r'|https://vocabulary\.uncefact\.org/untp/(?!Characteristics#)[A-Za-z0-9]+#)(.+)$')

# jsonschema 4.10 checks neither `uri` nor `date-time` without optional modules Debian 12 lacks.
FORMATS = jsonschema.FormatChecker()
URI = re.compile(r"^[A-Za-z][A-Za-z0-9+.\-]*:(?:[A-Za-z0-9\-._~!$&'()*+,;=:@/?#\[\]]|%[0-9A-Fa-f]{2})*$")
DATE_TIME = re.compile(r'^(\d{4}-\d{2}-\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$')


@FORMATS.checks('uri')
def is_uri(value):
    return not isinstance(value, str) or URI.match(value) is not None


@FORMATS.checks('date-time', raises=ValueError)
def is_date_time(value):
    if not isinstance(value, str):
        return True
    match = DATE_TIME.match(value)
    if match is None:
        return False
    date, hour, minute, second, _, zone = match.groups()
    datetime.date.fromisoformat(date)
    offset = (0, 0) if zone in 'Zz' else (int(zone[1:3]), int(zone[4:6]))
    return int(hour) < 24 and int(minute) < 60 and int(second) < 61 and offset[0] < 24 and offset[1] < 60


class Checker:
    def __init__(self, conformance, site):
        self.conformance, self.site = conformance, site
        self.problems, self.counts, self.status_lists, self.status_entries = [], {}, {}, []
        self._json = {}

    def file(self, relative):
        if relative not in self._json:
            with open(os.path.join(self.conformance, relative), encoding='utf-8') as handle:
                self._json[relative] = json.load(handle)
        return self._json[relative]

    def problem(self, where, text):
        self.problems.append(f'{where}: {text}')

    # JSON Schema

    def schema(self, where, doc, relative, label):
        schema = self.file(relative)
        validator = jsonschema.validators.validator_for(schema)(schema, format_checker=FORMATS)
        for error in sorted(validator.iter_errors(doc), key=lambda e: list(map(str, e.absolute_path))):
            path = '/'.join(str(p) for p in error.absolute_path)
            self.problem(where, f'{label} schema: at /{path}: {error.message[:300]}')

    # JSON-LD

    def load_context(self, url, options=None):
        relative = CONTEXT_FILES.get(url)
        if relative is not None:
            document = self.file(relative)
        elif url.endswith(OUR_CONTEXT_SUFFIX) and self.site is not None:
            with open(os.path.join(self.site, OUR_CONTEXT_SUFFIX.lstrip('/')), encoding='utf-8') as handle:
                document = json.load(handle)
        else:
            raise jsonld.JsonLdError(f'no offline copy of context {url}', 'loading document failed', {'url': url})
        return {'contextUrl': None, 'documentUrl': url, 'document': document}

    def expand(self, where, doc):
        try:
            expanded = jsonld.expand(doc, {'documentLoader': self.load_context, 'expandContext': {'@vocab': CATCH_ALL}})
        except Exception as error:  # pyld raises its own error types
            cause = getattr(error, 'cause', None)
            self.problem(where, f'JSON-LD expansion failed: {error}' + (f' ({cause})' if cause else ''))
            return
        found = set()
        self.undefined_terms(expanded, found)
        for term in sorted(found):
            self.problem(where, f'JSON-LD term not defined by any context: {term}')

    def undefined_terms(self, node, found):
        if isinstance(node, dict):
            for key, value in node.items():
                match = CAUGHT.match(key)
                if match:
                    found.add(match.group(1) if key.startswith(CATCH_ALL) else key)
                if key == '@type':
                    for name in value if isinstance(value, list) else [value]:
                        match = CAUGHT.match(name) if isinstance(name, str) else None
                        if match:
                            found.add('type ' + (match.group(1) if name.startswith(CATCH_ALL) else name))
                self.undefined_terms(value, found)
        elif isinstance(node, list):
            for item in node:
                self.undefined_terms(item, found)

    # Documents

    def check(self, where, doc, kind):
        if not isinstance(doc, dict):
            self.problem(where, 'not a JSON object')
            return
        if kind == 'linkset':
            self.schema(where, doc, LINKSET_SCHEMA, 'UNTP 0.7.0 linkset')
            label = 'linkset'
        elif kind == 'status-list':
            self.status_list(where, doc)
            label = 'status-list'
        else:
            version = self.untp_version(where, doc, kind)
            if version is None:
                return
            self.schema(where, doc, SCHEMAS[(version, kind)], f'UNTP {version} {kind}')
            self.schema(where, doc, VC_SCHEMA, 'W3C VCDM 2.0')
            self.expand(where, doc)
            self.remember_status_entries(where, doc)
            label = f'{kind} {version}'
        self.counts[label] = self.counts.get(label, 0) + 1

    def untp_version(self, where, doc, kind):
        contexts = doc.get('@context')
        contexts = contexts if isinstance(contexts, list) else [contexts]
        named = [UNTP_VERSIONS[c] for c in contexts if isinstance(c, str) and c in UNTP_VERSIONS]
        if len(named) != 1:
            self.problem(where, f'@context must name exactly one UNTP context I have a copy of, found {len(named)}: '
                                f'{json.dumps(contexts)[:200]}')
            return None
        version, context_kind = named[0]
        if context_kind not in (None, kind) or (version, kind) not in SCHEMAS:
            self.problem(where, f'a {kind} credential with the UNTP {version} {context_kind or ""} context: '
                                f'no UNTP {version} schema for {kind}')
            return None
        return version

    def status_list(self, where, doc):
        self.schema(where, doc, VC_SCHEMA, 'W3C VCDM 2.0')
        types = doc.get('type') if isinstance(doc.get('type'), list) else [doc.get('type')]
        for needed in ('VerifiableCredential', 'BitstringStatusListCredential'):
            if needed not in types:
                self.problem(where, f'type must contain {needed}')
        if not isinstance(doc.get('id'), str):
            self.problem(where, 'a status list credential needs the id that entries name as statusListCredential')
        subject = doc.get('credentialSubject')
        if not isinstance(subject, dict):
            self.problem(where, 'credentialSubject must be one BitstringStatusList object')
            return
        if subject.get('type') != 'BitstringStatusList':
            self.problem(where, f'credentialSubject.type must be "BitstringStatusList", not {json.dumps(subject.get("type"))}')
        purposes = subject.get('statusPurpose')
        purposes = purposes if isinstance(purposes, list) else [purposes]
        if not purposes or any(p not in ('revocation', 'suspension', 'refresh', 'message') for p in purposes):
            self.problem(where, f'credentialSubject.statusPurpose must be revocation, suspension, refresh or message, '
                                f'not {json.dumps(subject.get("statusPurpose"))}')
        bits = self.encoded_list_bits(where, subject.get('encodedList'))
        if bits is not None and isinstance(doc.get('id'), str):
            self.status_lists[doc['id']] = (bits, purposes)
        self.expand(where, doc)

    def encoded_list_bits(self, where, encoded):
        """The number of bits in a valid encodedList, or None after saying what is wrong."""
        label = 'credentialSubject.encodedList'
        if not isinstance(encoded, str) or not encoded.startswith('u'):
            self.problem(where, f'{label} must be multibase base64url: a string starting with "u"')
            return None
        body = encoded[1:]
        if not re.fullmatch(r'[A-Za-z0-9_-]+', body) or len(body) % 4 == 1:
            self.problem(where, f'{label} must be base64url without padding after the "u"')
            return None
        data = base64.urlsafe_b64decode(body + '=' * (-len(body) % 4))
        if data[:2] != b'\x1f\x8b':
            self.problem(where, f'{label} is not GZIP data (RFC 1952)')
            return None
        try:
            bitstring = gzip.decompress(data)
        except (OSError, EOFError, ValueError) as error:
            self.problem(where, f'{label} does not decompress: {error}')
            return None
        if len(bitstring) < 16384:
            self.problem(where, f'{label} expands to {len(bitstring)} bytes; the minimum is 16384 (131,072 entries)')
        return len(bitstring) * 8

    def remember_status_entries(self, where, node):
        """Every BitstringStatusListEntry in the credential (`credentialStatus` or elsewhere)."""
        if isinstance(node, dict):
            types = node.get('type') if isinstance(node.get('type'), list) else [node.get('type')]
            if 'BitstringStatusListEntry' in types:
                self.status_entries.append((where, node))
            for value in node.values():
                self.remember_status_entries(where, value)
        elif isinstance(node, list):
            for item in node:
                self.remember_status_entries(where, item)

    def cross_check_status(self):
        """Entries follow W3C Bitstring Status List v1.0; those that point at a status list
        checked in the same run must fit in it."""
        for where, entry in self.status_entries:
            index = entry.get('statusListIndex')
            if not (isinstance(index, int) and index >= 0 or isinstance(index, str) and index.isdigit()):
                self.problem(where, f'credentialStatus statusListIndex {json.dumps(index)} is not a whole number 0 or more')
            if not isinstance(entry.get('statusPurpose'), str):
                self.problem(where, 'credentialStatus statusPurpose must be a string')
            if not isinstance(entry.get('statusListCredential'), str) or not URI.match(entry['statusListCredential']):
                self.problem(where, 'credentialStatus statusListCredential must be a URL')
            elif entry.get('id') == entry['statusListCredential']:
                self.problem(where, 'credentialStatus id must not be the URL of the status list')
            found = self.status_lists.get(entry.get('statusListCredential'))
            if found is None:
                continue
            bits, purposes = found
            size = entry.get('statusSize', 1)
            index = entry.get('statusListIndex')
            index = int(index) if isinstance(index, str) and index.isdigit() else index
            if not isinstance(index, int) or not isinstance(size, int) or (index + 1) * size > bits:
                self.problem(where, f'credentialStatus index {entry.get("statusListIndex")} is outside its list '
                                    f'({bits} bits)')
            if entry.get('statusPurpose') not in purposes:
                self.problem(where, f'credentialStatus purpose {entry.get("statusPurpose")} is not the list\'s {purposes}')


def detect(doc):
    if isinstance(doc, dict) and 'linkset' in doc:
        return 'linkset'
    types = doc.get('type') if isinstance(doc, dict) else None
    types = types if isinstance(types, list) else [types]
    kinds = {CREDENTIAL_KINDS[t] for t in types if t in CREDENTIAL_KINDS}
    return kinds.pop() if len(kinds) == 1 else None


def read(path):
    with open(path, encoding='utf-8') as handle:
        text = handle.read()
    if path.endswith('.jwt'):
        payload = text.strip().split('~')[0].split('.')[1]
        text = base64.urlsafe_b64decode(payload + '=' * (-len(payload) % 4)).decode('utf-8')
    return json.loads(text)


def main(argv):
    default_conformance = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'Conformance')
    parser = argparse.ArgumentParser(description=__doc__.split('\n\n')[0])
    parser.add_argument('--kind', default='auto', choices=['auto'] + KINDS)
    parser.add_argument('--site', help='a built site whose contexts/passport-v1.jsonld is our extension context')
    parser.add_argument('--conformance', default=os.path.normpath(default_conformance))
    parser.add_argument('paths', nargs='+', metavar='PATH')
    options = parser.parse_args(argv)
    checker = Checker(options.conformance, options.site)
    for path in options.paths:
        if os.path.isdir(path):
            names = sorted(os.path.join(root, name) for root, _, files in os.walk(path)
                           for name in files if name.endswith('.json'))
            explicit = False
        else:
            names, explicit = [path], True
        for name in names:
            where = name if explicit else os.path.relpath(name, path)
            try:
                doc = read(name)
            except (OSError, ValueError, IndexError) as error:
                checker.problem(where, f'cannot read: {error}')
                continue
            kind = detect(doc) if options.kind == 'auto' else options.kind
            if kind is None:
                types = doc.get('type') if isinstance(doc, dict) else None
                if explicit or 'VerifiableCredential' in (types if isinstance(types, list) else [types]):
                    checker.problem(where, f'not a credential kind I check (type {json.dumps(types)}) nor a linkset; '
                                           f'name one with --kind')
                continue
            checker.check(where, doc, kind)
    checker.cross_check_status()
    for line in checker.problems:
        print(line)
    total = sum(checker.counts.values())
    detail = ', '.join(f'{label}: {count}' for label, count in sorted(checker.counts.items()))
    print(f'checked {total} files ({detail}): {len(checker.problems)} problems')
    return 1 if checker.problems or total == 0 else 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
