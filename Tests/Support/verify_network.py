#!/usr/bin/python3
"""Independent check of a built value network, sharing no code with passport.

Usage: verify_network.py NETWORK_FOLDER COOP_OUTPUT

NETWORK_FOLDER is what `passport init` made (the co-op's project, with partners/*/output,
network/output, upstream/ and attestations/); COOP_OUTPUT is where the co-op was built.

Every compact JWS found (passports, conformity credentials, value-share attestations, bundle
manifests, the member list, the stored upstream files) is verified with Ed25519 (the
`cryptography` package) against the DID document of the DID its `kid` names: did:web documents
are read from the parties' built sites (`.well-known/did.json`, certifiers from the co-op's
`certifiers/`), did:key documents are derived from the key itself. Then every digest that
links them: each input's upstream passport, each confirmed value share's attestation, each
conformity claim's credential (UNTP 0.7.0 links: `relatedDocument` of link type untp:dpp,
`performanceClaim[].evidence`, each with a multibase SHA-256 `digestMultibase`), and each bundle
manifest's passport digests.

Prints one line per problem and a summary; exits 1 if there is any problem, 2 on bad usage.
"""
import base64, glob, hashlib, json, os, sys, urllib.parse
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

B58 = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz'
problems, counts = [], {'signatures': 0, 'digests': 0}


def b64url(text):
    return base64.urlsafe_b64decode(text + '=' * (-len(text) % 4))


def b58decode(text):
    number = 0
    for char in text:
        number = number * 58 + B58.index(char)
    raw = number.to_bytes((number.bit_length() + 7) // 8, 'big') if number else b''
    return b'\0' * (len(text) - len(text.lstrip('1'))) + raw


def multikey(value):
    """Ed25519 public key bytes from a Multikey (z + base58btc of 0xed 0x01 + 32 bytes)."""
    raw = b58decode(value[1:]) if value.startswith('z') else b''
    if len(raw) != 34 or raw[:2] != b'\xed\x01':
        raise ValueError(f'not an Ed25519 Multikey: {value[:16]}')
    return raw[2:]


def sha256(data):
    return hashlib.sha256(data).hexdigest()


UNTP_LINK_TYPES = 'https://vocabulary.uncefact.org/untp/linkType#'


def multibase_sha256(value):
    """Hex SHA-256 from a digestMultibase: 'u' + base64url of the multihash 0x12 0x20 + 32 bytes."""
    raw = b64url(value[1:]) if value.startswith('u') else b''
    return raw[2:].hex() if len(raw) == 34 and raw[:2] == b'\x12\x20' else ''


class Network:
    def __init__(self, folder, coop_output):
        self.sites = {}          # host -> site folder
        self.documents = {}      # DID -> DID document
        sites = [os.path.join(coop_output, 'site'), os.path.join(folder, 'network', 'output', 'site')]
        sites += sorted(glob.glob(os.path.join(folder, 'partners', '*', 'output', 'site')))
        for site in sites:
            with open(os.path.join(site, '.well-known', 'did.json'), 'rb') as handle:
                document = json.load(handle)
            self.documents[document['id']] = document
            self.sites[document['id'][len('did:web:'):]] = site
        for path in sorted(glob.glob(os.path.join(coop_output, 'site', 'certifiers', '*.did.json'))):
            with open(path, 'rb') as handle:
                document = json.load(handle)
            self.documents[document['id']] = document

    def key(self, kid):
        did = kid.split('#')[0]
        if did.startswith('did:key:'):
            fragment = did[len('did:key:'):]
            if kid != did + '#' + fragment:
                raise ValueError(f'{kid} is not the key of {did}')
            return did, multikey(fragment)
        document = self.documents.get(did)
        if document is None:
            raise ValueError(f'no DID document for {did}')
        if kid not in [m if isinstance(m, str) else m.get('id') for m in document.get('assertionMethod', [])]:
            raise ValueError(f'{kid} may not sign credentials for {did}')
        for method in document.get('verificationMethod', []):
            if method.get('id') == kid:
                return did, multikey(method['publicKeyMultibase'])
        raise ValueError(f'{kid} is not in the DID document of {did}')

    def verify(self, jws, where):
        """The payload of a compact JWS whose Ed25519 signature holds, or None after a problem."""
        try:
            header_b64, payload_b64, signature_b64 = jws.strip().split('.')
            header = json.loads(b64url(header_b64))
            if header.get('alg') not in ('EdDSA', 'Ed25519'):
                raise ValueError(f'alg is {header.get("alg")}')
            did, raw = self.key(header['kid'])
            Ed25519PublicKey.from_public_bytes(raw).verify(b64url(signature_b64), f'{header_b64}.{payload_b64}'.encode())
            payload = json.loads(b64url(payload_b64))
            issuer = payload.get('issuer', {}).get('id') if isinstance(payload.get('issuer'), dict) else payload.get('iss')
            if issuer is not None and issuer != did:
                raise ValueError(f'issued by {issuer} but signed by {did}')
            counts['signatures'] += 1
            return payload
        except InvalidSignature:
            problems.append(f'{where}: the signature does not hold')
        except (ValueError, KeyError, json.JSONDecodeError) as error:
            problems.append(f'{where}: {error}')
        return None

    def published(self, url):
        """The bytes at a https URL of one of the network's sites, or None."""
        parsed = urllib.parse.urlsplit(url)
        site = self.sites.get(parsed.netloc)
        if site is None:
            return None
        path = os.path.join(site, urllib.parse.unquote(parsed.path.lstrip('/')))
        if not os.path.isfile(path):
            return None
        with open(path, 'rb') as handle:
            return handle.read()

    def digest(self, url, expected, where):
        data = self.published(url)
        if data is None:
            problems.append(f'{where}: {url} is not published')
        elif sha256(data.strip()) != expected and sha256(data) != expected:
            problems.append(f'{where}: {url} does not have the SHA-256 the credential pins')
        else:
            counts['digests'] += 1


def read(path):
    with open(path, encoding='utf-8') as handle:
        return handle.read()


def main(argv):
    if len(argv) != 3:
        print(__doc__, file=sys.stderr)
        return 2
    folder, coop_output = argv[1], argv[2]
    network = Network(folder, coop_output)
    tokens = []
    for site in sorted(set(network.sites.values())):
        tokens += sorted(glob.glob(os.path.join(site, '**', '*.jwt'), recursive=True))
    tokens += sorted(glob.glob(os.path.join(folder, 'attestations', '*.jwt')))
    tokens += sorted(glob.glob(os.path.join(folder, 'upstream', '**', '*.jwt'), recursive=True))
    payloads = {}
    for path in tokens:
        payloads[path] = network.verify(read(path), path)
    bundles = [os.path.join(coop_output, 'bundle', 'bundle.json')]
    bundles += sorted(glob.glob(os.path.join(folder, 'partners', '*', 'output', 'bundle', 'bundle.json')))
    for path in bundles:
        bundle = json.loads(read(path))
        manifest = network.verify(bundle['manifest'], f'{path} manifest')
        for batch in (manifest or {}).get('batches', []):
            jws = bundle['passports'].get(f'{batch["gtin"]}/{batch["lot"]}', '')
            if sha256(jws.encode()) != batch['passportSHA256']:
                problems.append(f'{path}: the passport of {batch["lot"]} is not the one the manifest lists')
            else:
                counts['digests'] += 1
        # The network evidence a bundle carries is covered by the signed manifest's member digests:
        # each credential (compact JWS text) under its member name, each upstream passport verified.
        members = (manifest or {}).get('members', {})
        evidence = bundle.get('network', {})
        signed_texts = {}
        for did, party in evidence.get('upstream', {}).items():
            signed_texts[f'network/upstream/{did}/manifest'] = party['manifest']
            for jws in party.get('passports', []):
                signed_texts[f'network/upstream/{did}/passports/{sha256(jws.encode())}'] = jws
                network.verify(jws, f'{path} upstream passport of {did}')
        for jws in evidence.get('attestations', []):
            signed_texts[f'network/attestations/{sha256(jws.encode())}'] = jws
            network.verify(jws, f'{path} attestation')
        for name, jws in sorted(signed_texts.items()):
            if members.get(name) != sha256(jws.encode()):
                problems.append(f'{path}: {name} is not covered by the signed manifest')
            else:
                counts['digests'] += 1
    trust_list = json.loads(read(os.path.join(folder, 'network', 'output', 'list', 'trust-list.json')))
    network.verify(trust_list['list'], 'trust-list.json list')
    for path, payload in payloads.items():
        if not payload or 'DigitalProductPassport' not in payload.get('type', []):
            continue
        subject = payload['credentialSubject']
        # UNTP 0.7.0: each upstream passport is a related document of link type untp:dpp, pinned by
        # a multibase SHA-256 multihash; our extension's upstreamInputs name the same digest.
        linked = {}
        for link in subject.get('relatedDocument', []):
            if link.get('linkType') == UNTP_LINK_TYPES + 'dpp':
                linked[multibase_sha256(link.get('digestMultibase', ''))] = link
                network.digest(link['linkURL'], multibase_sha256(link.get('digestMultibase', '')),
                               f'{path} input {link.get("linkName")}')
        for entry in subject.get('upstreamInputs', []):
            if entry.get('sha256') not in linked:
                problems.append(f'{path}: input {entry.get("inputName")} is not linked as a untp:dpp related document')
        for share in subject.get('valueShares', []):
            if 'confirmation' in share:
                url = share['confirmation']
                network.digest(url, share.get('confirmationSHA256', ''), f'{path} share of {share["actorId"]}')
                attestation = network.published(url)
                confirmed = network.verify(attestation.decode(), url) if attestation else None
                if confirmed and confirmed['issuer']['id'] != share.get('confirmedBy'):
                    problems.append(f'{path}: the share of {share["actorId"]} is confirmed by someone else')
        for claim in subject.get('performanceClaim', []):
            for evidence in claim.get('evidence', []):
                network.digest(evidence['linkURL'], multibase_sha256(evidence.get('digestMultibase', '')),
                               f'{path} claim {evidence.get("linkName")}')
    for line in problems:
        print(line)
    print(f'verified {counts["signatures"]} signatures and {counts["digests"]} digests, {len(problems)} problems')
    return 1 if problems else 0


if __name__ == '__main__':
    sys.exit(main(sys.argv))
