#!/usr/bin/python3
"""Checks every credential a build published against external truth, offline:
the UNTP 0.6.1 JSON Schemas, the W3C VCDM 2.0 schema, and JSON-LD expansion in which
every term must be defined by a published context (UNTP defines no @vocab).

Usage: check_credentials.py SHARED_CONFORMANCE_DIR SITE_DIR
Prints one line per problem and exits 1 if there are any; prints a summary otherwise.
"""
import json, os, sys
import jsonschema
from pyld import jsonld

conf, site = sys.argv[1], sys.argv[2]
untp = os.path.join(conf, 'untp-0.6.1')
schemas = {
    'DigitalProductPassport': json.load(open(os.path.join(untp, 'untp-dpp/artefacts/DigitalProductPassport-schema.json'))),
    'DigitalConformityCredential': json.load(open(os.path.join(untp, 'untp-dcc/artefacts/DigitalConformityCredential-schema.json'))),
}
vc_schema = json.load(open(os.path.join(conf, 'w3c/verifiable-credential-schema.json')))
contexts = {
    'https://www.w3.org/ns/credentials/v2': os.path.join(conf, 'w3c/credentials-v2.jsonld'),
    'https://test.uncefact.org/vocabulary/untp/dpp/0.6.0/': os.path.join(untp, 'untp-dpp/artefacts/context.jsonld'),
    'https://test.uncefact.org/vocabulary/untp/dcc/0.6.0/': os.path.join(untp, 'untp-dcc/artefacts/context.jsonld'),
}

def loader(url, options=None):
    path = contexts.get(url)
    if path is None and url.endswith('/contexts/passport-v1.jsonld'):
        path = os.path.join(site, 'contexts/passport-v1.jsonld')
    if path is None:
        raise jsonld.JsonLdError('no offline copy of context', 'loading document failed', {'url': url})
    return {'contextUrl': None, 'documentUrl': url, 'document': json.load(open(path))}

UNDEFINED = 'urn:undefined-term#'

def undefined_terms(node, found):
    if isinstance(node, dict):
        for key, value in node.items():
            if key.startswith(UNDEFINED):
                found.add(key[len(UNDEFINED):])
            if key == '@type':
                for t in (value if isinstance(value, list) else [value]):
                    if isinstance(t, str) and t.startswith(UNDEFINED):
                        found.add('type ' + t[len(UNDEFINED):])
            undefined_terms(value, found)
    elif isinstance(node, list):
        for item in node:
            undefined_terms(item, found)

problems, checked = [], 0
for root, _, files in sorted(os.walk(site)):
    for name in sorted(files):
        if name not in ('dpp.json', 'dcc.json'):
            continue
        path = os.path.join(root, name)
        rel = os.path.relpath(path, site)
        doc = json.load(open(path))
        kind = next((t for t in doc.get('type', []) if t in schemas), None)
        if kind is None:
            problems.append(f'{rel}: type is neither a DPP nor a DCC: {doc.get("type")}')
            continue
        for label, schema in (('UNTP 0.6.1 ' + kind, schemas[kind]), ('W3C VCDM 2.0', vc_schema)):
            cls = jsonschema.validators.validator_for(schema)
            for error in cls(schema, format_checker=cls.FORMAT_CHECKER).iter_errors(doc):
                where = '/'.join(str(p) for p in error.absolute_path)
                problems.append(f'{rel}: {label} schema: at /{where}: {error.message[:300]}')
        # JSON-LD: with a catch-all @vocab in front, any term no context defines shows up under it.
        try:
            expanded = jsonld.expand(doc, {'documentLoader': loader, 'expandContext': {'@vocab': UNDEFINED}})
        except Exception as error:  # pyld raises its own error types
            problems.append(f'{rel}: JSON-LD expansion failed: {error}')
            continue
        found = set()
        undefined_terms(expanded, found)
        for term in sorted(found):
            problems.append(f'{rel}: JSON-LD term not defined by any context: {term}')
        checked += 1

for line in problems:
    print(line)
if checked == 0:
    print('no credentials found under', site)
    sys.exit(1)
print(f'checked {checked} credentials: {len(problems)} problems')
sys.exit(1 if problems else 0)
