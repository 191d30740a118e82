#!/usr/bin/python3
"""Self-test of check_credentials.py: it accepts hand-made valid documents and rejects broken
ones, each for the reason given. Run by CommandTests (CheckerSelfTests); prints one line per
failed expectation and exits 1 if there is any.

The valid UNTP 0.7.0 DPP below is made by hand from the 0.7.0 schema: exactly the members the
schema requires (envelope: @context, id, issuer, validFrom, name, credentialSubject; Product:
id, name, idScheme, idGranularity, productCategory, producedAtFacility, countryOfProduction),
plus `type` on every node the context scopes by type. Values are the schema's own `example`
values where it gives one (the product category code as a string, as the schema's type says);
the country is Italy.
"""
import base64, copy, gzip, json, os, subprocess, sys, tempfile

CHECKER = os.path.join(os.path.dirname(os.path.abspath(__file__)), 'check_credentials.py')
V2 = 'https://www.w3.org/ns/credentials/v2'
UNTP = 'https://vocabulary.uncefact.org/untp/0.7.0/context/'

DPP = {
    '@context': [V2, UNTP],
    'type': ['DigitalProductPassport', 'VerifiableCredential'],
    'id': 'https://example-company.com/credentials/2a423366-a0d6-4855-ba65-2e0c926d09b0',
    'issuer': {'type': ['CredentialIssuer'], 'id': 'did:web:identifiers.example-company.com:12345',
               'name': 'Example Company Pty Ltd'},
    'validFrom': '2024-03-15T12:00:00Z',
    'name': 'Digital product passport of a 600 Ah lithium battery',
    'credentialSubject': {
        'type': ['Product'],
        'id': 'did:web:manufacturer.com:product:123456789',
        'name': '600 Ah Lithium Battery',
        'idScheme': {'type': ['IdentifierScheme'], 'id': 'https://id.gs1.org/01/', 'name': 'GS1 GTIN'},
        'idGranularity': 'model',
        'productCategory': [{'code': '46410', 'name': 'Primary cells and primary batteries',
                             'schemeId': 'https://unstats.un.org/unsd/classifications/Econ/cpc/',
                             'schemeName': 'UN Central Product Classification (CPC)'}],
        'producedAtFacility': {'type': ['Facility'], 'id': 'https://sample-location-register.com/987654321',
                               'name': 'Sample Factory A'},
        'countryOfProduction': {'countryCode': 'IT'},
    },
}

# The W3C Bitstring Status List v1.0 specification's example list: GZIP of 16 KB of zeros.
SPEC_LIST = 'uH4sIAAAAAAAAA-3BMQEAAADCoPVPbQwfoAAAAAAAAAAAAAAAAAAAAIC3AYbSVKsAQAAA'
STATUS_LIST = {
    '@context': [V2],
    'id': 'https://example.com/credentials/status/3',
    'type': ['VerifiableCredential', 'BitstringStatusListCredential'],
    'issuer': 'did:example:12345',
    'validFrom': '2021-04-05T14:27:40Z',
    'credentialSubject': {'id': 'https://example.com/status/3#list', 'type': 'BitstringStatusList',
                          'statusPurpose': 'revocation', 'encodedList': SPEC_LIST},
}

LINKSET = {'linkset': [{
    'anchor': 'https://id.gs1.org/01/09520123456788',
    'https://gs1.org/voc/pip': [{'href': 'https://example.com/products/09520123456788', 'title': 'Product page',
                                 'type': 'text/html', 'hreflang': ['en']}],
    'https://test.uncefact.org/vocabulary/linkTypes/dpp': [
        {'href': 'https://example.com/01/09520123456788/dpp.jwt', 'title': 'Digital product passport',
         'type': 'application/vc+jwt'}],
}]}


def changed(document, edit):
    copied = copy.deepcopy(document)
    edit(copied)
    return copied


def encoded(data):
    return 'u' + base64.urlsafe_b64encode(data).decode().rstrip('=')


def status_list(encoded_list):
    return changed(STATUS_LIST, lambda d: d['credentialSubject'].update(encodedList=encoded_list))


def with_status(index):
    entry = {'type': 'BitstringStatusListEntry', 'statusPurpose': 'revocation', 'statusListIndex': index,
             'statusListCredential': STATUS_LIST['id']}
    return changed(DPP, lambda d: d.update(credentialStatus=entry))


def jwt(payload):
    part = lambda value: base64.urlsafe_b64encode(json.dumps(value).encode()).decode().rstrip('=')
    return f'{part({"alg": "Ed25519", "typ": "vc+jwt"})}.{part(payload)}.c2lnbmF0dXJl'


# (name, files as name -> document or text, extra arguments, expected exit code, text every problem
# list must contain). Files are written into one folder and named on the command line in order.
CASES = [
    ('valid 0.7.0 DPP', {'dpp.json': DPP}, [], 0, 'dpp 0.7.0: 1'),
    ('valid 0.7.0 DPP as a vc+jwt payload', {'dpp.jwt': jwt(DPP)}, [], 0, 'dpp 0.7.0: 1'),
    ('missing idGranularity', {'dpp.json': changed(DPP, lambda d: d['credentialSubject'].pop('idGranularity'))},
     [], 1, "UNTP 0.7.0 dpp schema: at /credentialSubject: 'idGranularity' is a required property"),
    ('idGranularity outside its list', {'dpp.json': changed(DPP, lambda d: d['credentialSubject'].update(idGranularity='lot'))},
     [], 1, 'at /credentialSubject/idGranularity'),
    ('contexts in the wrong order', {'dpp.json': changed(DPP, lambda d: d.update({'@context': [UNTP, V2]}))},
     [], 1, 'UNTP 0.7.0 dpp schema: at /@context/0'),
    ('a 0.6.1 context on a 0.7.0-shaped DPP', {'dpp.json': changed(DPP, lambda d: d.update(
        {'@context': [V2, 'https://test.uncefact.org/vocabulary/untp/dpp/0.6.1/']}))},
     [], 1, 'UNTP 0.6.1 dpp schema'),
    ('no UNTP context', {'dpp.json': changed(DPP, lambda d: d.update({'@context': [V2]}))},
     [], 1, '@context must name exactly one UNTP context'),
    ('undefined term in the typed product', {'dpp.json': changed(DPP, lambda d: d['credentialSubject'].update(colour='red'))},
     [], 1, 'JSON-LD term not defined by any context: https://vocabulary.uncefact.org/untp/Product#colour'),
    ('undefined term at the top', {'dpp.json': changed(DPP, lambda d: d.update(colour='red'))},
     [], 1, 'JSON-LD term not defined by any context: https://vocabulary.uncefact.org/untp/DigitalProductPassport#colour'),
    ('untyped product: its terms have no definition', {'dpp.json': changed(DPP, lambda d: d['credentialSubject'].pop('type'))},
     [], 1, 'JSON-LD term not defined by any context: idGranularity'),
    ('undefined type', {'dpp.json': changed(DPP, lambda d: d['credentialSubject']['type'].append('Battery'))},
     [], 1, 'JSON-LD term not defined by any context: type Battery'),
    ('free-form characteristics are open by design',
     {'dpp.json': changed(DPP, lambda d: d['credentialSubject'].update(characteristics={'capacityAh': 600}))}, [], 0, 'dpp 0.7.0: 1'),
    ('validFrom not a date-time', {'dpp.json': changed(DPP, lambda d: d.update(validFrom='15 March 2024'))},
     [], 1, "'15 March 2024' is not a 'date-time'"),
    ('issuer id not a URI', {'dpp.json': changed(DPP, lambda d: d['issuer'].update(id='example company'))},
     [], 1, "'example company' is not a 'uri'"),
    ('--kind that does not match the document', {'dpp.json': DPP}, ['--kind', 'dcc'], 1, 'UNTP 0.7.0 dcc schema'),
    ('a JSON file of no kind, named explicitly', {'other.json': {'hello': 'world'}}, [], 1, 'not a credential kind I check'),
    ('valid status list (the specification example)', {'list.json': STATUS_LIST}, [], 0, 'status-list: 1'),
    ('status list without the multibase prefix', {'list.json': status_list(SPEC_LIST[1:])}, [], 1,
     'encodedList must be multibase base64url'),
    ('status list with base64 padding', {'list.json': status_list(encoded(gzip.compress(bytes(16384), mtime=0)) + '==')},
     [], 1, 'base64url without padding'),
    ('status list that is not GZIP', {'list.json': status_list(encoded(bytes(16384)))}, [], 1, 'is not GZIP data'),
    ('status list below 16 KB', {'list.json': status_list(encoded(gzip.compress(bytes(16383), mtime=0)))}, [], 1,
     'expands to 16383 bytes; the minimum is 16384'),
    ('status list of the wrong subject type', {'list.json': changed(STATUS_LIST, lambda d: d['credentialSubject'].update(
        type='StatusList2021'))}, [], 1, 'credentialSubject.type must be "BitstringStatusList"'),
    ('DPP status entry inside its list', {'dpp.json': with_status(131071), 'list.json': STATUS_LIST}, [], 0, 'checked 2 files'),
    ('a status entry outside credentialStatus is checked too', {'dpp.json': changed(with_status(131071), lambda d: d.update(
        suspensionStatus=dict(d['credentialStatus'], statusListIndex=131072))), 'list.json': STATUS_LIST}, [], 1,
     'index 131072 is outside its list'),
    ('status entry whose id is its list', {'dpp.json': changed(with_status(5), lambda d: d['credentialStatus'].update(
        id=STATUS_LIST['id'])), 'list.json': STATUS_LIST}, [], 1, 'id must not be the URL of the status list'),
    # pyld's scoped-context cache would leave relatedDocument's terms undefined beside productImage.
    ('two links with identical scoped contexts', {'dpp.json': changed(DPP, lambda d: d['credentialSubject'].update(
        productImage={'linkURL': 'https://example.com/p.png', 'linkName': 'Picture'},
        relatedDocument=[{'linkURL': 'https://example.com/d.pdf', 'linkName': 'Manual'}]))}, [], 0, 'dpp 0.7.0: 1'),
    ('DPP status entry past the end of its list', {'dpp.json': with_status(131072), 'list.json': STATUS_LIST}, [], 1,
     'credentialStatus index 131072 is outside its list (131072 bits)'),
    ('valid linkset', {'linkset.json': LINKSET}, [], 0, 'linkset: 1'),
    ('linkset link without a title', {'linkset.json': changed(LINKSET, lambda d: d['linkset'][0]['https://gs1.org/voc/pip'][0].pop(
        'title'))}, [], 1, "UNTP 0.7.0 linkset schema: at /linkset/0/https://gs1.org/voc/pip/0: 'title' is a required property"),
    # The schema's relation-type pattern allows only [a-zA-Z0-9./] after the scheme: no '#', '-' or '_'.
    ('linkset relation type with a fragment', {'linkset.json': changed(LINKSET, lambda d: d['linkset'][0].update(
        {'https://vocabulary.uncefact.org/untp/linkType#dpp': [{'href': 'https://example.com/dpp', 'title': 'DPP'}]}))},
     [], 1, "'https://vocabulary.uncefact.org/untp/linkType#dpp' does not match any of the regexes"),
    ('linkset without an anchor', {'linkset.json': changed(LINKSET, lambda d: d['linkset'][0].pop('anchor'))}, [], 1,
     "'anchor' is a required property"),
]


def run(files, arguments):
    with tempfile.TemporaryDirectory() as folder:
        paths = []
        for name, content in files.items():
            path = os.path.join(folder, name)
            with open(path, 'w', encoding='utf-8') as handle:
                handle.write(content if isinstance(content, str) else json.dumps(content, indent=2))
            paths.append(path)
        result = subprocess.run([sys.executable, CHECKER, *arguments, *paths], capture_output=True, text=True)
    return result.returncode, result.stdout + result.stderr


def main():
    failures = 0
    for name, files, arguments, status, expected in CASES:
        code, output = run(files, arguments)
        if code != status or expected not in output:
            failures += 1
            print(f'FAIL {name}: expected exit {status} and "{expected}", got exit {code}:\n{output}')
    # Every schema the checker can select is a valid schema of its draft for this jsonschema.
    sys.path.insert(0, os.path.dirname(CHECKER))
    import check_credentials as checker
    conformance = os.path.join(os.path.dirname(CHECKER), '..', 'Conformance')
    for relative in sorted(set(checker.SCHEMAS.values()) | {checker.VC_SCHEMA, checker.LINKSET_SCHEMA}):
        with open(os.path.join(conformance, relative), encoding='utf-8') as handle:
            schema = json.load(handle)
        validator = checker.jsonschema.validators.validator_for(schema, default=None)
        try:
            validator.check_schema(schema)
        except Exception as error:  # None (unknown draft) or a SchemaError
            failures += 1
            print(f'FAIL {relative} is not a schema this jsonschema knows: {error}'[:400])
    print(f'{len(CASES) - failures} of {len(CASES)} checker cases pass')
    return 1 if failures else 0


if __name__ == '__main__':
    sys.exit(main())
