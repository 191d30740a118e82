import Foundation
import Testing
@testable import Credentials

/// The typed passport model: what the issuer writes is what the verifier and the site read.
@Suite("UNTP 0.7.0 model")
struct UNTPModelTests {
    static let conformance = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Conformance")

    /// Writes, serialises, parses and reads back.
    func roundTrip<T: Codable & Sendable & Hashable>(_ credential: UNTPCredential<T>) throws -> UNTPCredential<T> {
        let text = try credential.json().serialized()
        #expect(try credential.json().serialized() == text, "the same value must give the same bytes")
        return try UNTPCredential<T>(json: try JSONValue(parsing: text))
    }

    @Test("every credential type comes back from its JSON equal, field for field")
    func roundTrips() throws {
        #expect(try roundTrip(UNTPSamples.passport) == UNTPSamples.passport)
        #expect(try roundTrip(UNTPSamples.conformity) == UNTPSamples.conformity)
        #expect(try roundTrip(UNTPSamples.traceability) == UNTPSamples.traceability)
        let list = try UNTPSamples.statusList()
        #expect(try roundTrip(list) == list)
    }

    @Test("the samples set every field of every type, so the round trip covers fields added later")
    func everyFieldIsSet() throws {
        var fields = Set<String>(), set = Set<String>()
        func walk(_ value: Any) {
            for child in Mirror(reflecting: value).children {
                guard let label = child.label else { walk(child.value); continue }
                let name = "\(type(of: value)).\(label)"
                fields.insert(name)
                let mirror = Mirror(reflecting: child.value)
                if mirror.displayStyle == .optional {
                    guard let wrapped = mirror.children.first?.value else { continue }
                    set.insert(name)
                    walk(wrapped)
                } else if mirror.displayStyle == .collection {
                    if !mirror.children.isEmpty { set.insert(name) }
                    mirror.children.forEach { walk($0.value) }
                } else {
                    set.insert(name)
                    walk(child.value)
                }
            }
        }
        walk(UNTPSamples.passport)
        walk(UNTPSamples.conformity)
        walk(UNTPSamples.traceability)
        walk(try UNTPSamples.statusList())
        #expect(fields.subtracting(set).sorted() == [], "set these fields in UNTPSamples")
    }

    @Test("the keys written are the 0.7.0 names: one JSON object for product and extension")
    func keys() throws {
        let json = try UNTPSamples.passport.json()
        let subject = try #require(json["credentialSubject"])
        #expect(subject["type"] == ["Product"])
        #expect(subject["productCategory"]?[0]?["code"] == "21673")
        #expect(subject["journey"]?[0]?["actorName"] == "Podere Rossi")
        #expect(json["credentialStatus"]?["statusListIndex"] == 7, "one entry is an object, its index an integer")
        #expect(json["suspensionStatus"]?["statusPurpose"] == "suspension")
        #expect(json["issuingSoftware"]?["version"] == .string(PassportSoftware.version))
        let events = try UNTPSamples.traceability.json()["credentialSubject"]
        #expect(events?[0]?["type"] == ["MakeEvent", "LifecycleEvent"])
        #expect(events?[1]?["toFacility"]?["name"] == "Siena")
        #expect(events?[1]?["fromFacility"]?["id"] == .string(UNTPSamples.facility.id))
        #expect(events?[2]?["modifiedAtFacility"] != nil)
    }

    @Test("our context defines every key the extension writes")
    func contextDefinesExtension() throws {
        let defined = Set(PassportContext.document["@context"]?.objectValue?.keys.map { $0 } ?? [])
        func keys(_ value: JSONValue) -> Set<String> {
            switch value {
            case .object(let members): return members.values.reduce(Set(members.keys)) { $0.union(keys($1)) }
            case .array(let items): return items.reduce(Set()) { $0.union(keys($1)) }
            default: return []
            }
        }
        let written = keys(try JSONValue(encoding: UNTPSamples.extensions))
        #expect(written.subtracting(defined).sorted() == [])
        #expect(defined.contains("suspensionStatus"))
    }

    @Test("a status index written as the W3C decimal string is read; a negative or fractional one is not")
    func statusIndexForms() throws {
        func entry(_ index: JSONValue) throws -> BitstringStatusListEntry {
            try CredentialCoding.decode(BitstringStatusListEntry.self, from: [
                "type": "BitstringStatusListEntry", "statusPurpose": "revocation", "statusListIndex": index,
                "statusListCredential": "https://oliveto.example/status/revocation.jwt",
            ])
        }
        #expect(try entry("94567").statusListIndex == 94567)
        #expect(try entry(94567).statusListIndex == 94567)
        for bad: JSONValue in ["-1", -1, "1.5", "x", ""] {
            #expect(throws: CredentialError.self) { try entry(bad) }
        }
    }

    @Test("a bitstring keeps index 0 in the left-most bit, survives GZIP and multibase, and is at least 16 KiB")
    func bitstring() throws {
        var bits = StatusBitstring()
        #expect(bits.count == 131_072)
        bits.set(0)
        bits.set(131_071)
        #expect(bits.bytes[0] == 0x80 && bits.bytes[16_383] == 0x01)
        let encoded = try bits.encodedList()
        #expect(encoded.hasPrefix("u") && !encoded.contains("=") && encoded.count < 200)
        let back = try StatusBitstring(encodedList: encoded)
        #expect(back.setIndexes == [0, 131_071])
        #expect(try bits.encodedList() == encoded, "compression is deterministic")
        let small = "u" + Base64URL.encode(try Gzip.compress(Data(count: 100)))
        #expect(throws: CredentialError.self) { try StatusBitstring(encodedList: small) }
        #expect(throws: CredentialError.self) { try StatusBitstring(encodedList: "zNotBase64url") }
    }

    @Test("GZIP refuses damaged data and data that expands beyond the limit")
    func gzipLimits() throws {
        let packed = try Gzip.compress(Data(count: 1 << 20))
        #expect(try Gzip.decompress(packed).count == 1 << 20)
        #expect(throws: CredentialError.self) { try Gzip.decompress(packed, limit: 1 << 19) }
        var damaged = packed
        damaged[damaged.count / 2] ^= 0xFF
        #expect(throws: CredentialError.self) { try Gzip.decompress(damaged) }
        #expect(throws: CredentialError.self) { try Gzip.decompress(packed.prefix(packed.count - 9)) }
        #expect(throws: CredentialError.self) { try Gzip.decompress(Data("not gzip at all, really".utf8)) }
    }

    @Test("a digestMultibase holds the SHA-256 it was made from")
    func digests() throws {
        let hex = SHA256Digest.hex(Data("credential".utf8))
        let multibase = try #require(ResourceDigest.multibase(hex: hex))
        #expect(multibase.hasPrefix("uEi"))
        #expect(ResourceDigest.sha256Hex(multibase: multibase) == hex)
        #expect(ResourceDigest.multibase(of: Data("credential".utf8)) == multibase)
        #expect(ResourceDigest.sha256Hex(multibase: "z" + multibase.dropFirst()) == nil)
    }

    @Test("a missing required field is named with its path")
    func locatedError() throws {
        var json = try UNTPSamples.passport.json()
        json["credentialSubject"]?["productCategory"] = [["code": "21673"]]
        let error = credentialError { try ProductPassport(json: json) }
        #expect(error?.description.contains("credentialSubject.productCategory[0]: \"name\" is missing") == true,
                "\(String(describing: error))")
    }

    @Test("UNTP 0.6.1's sample passport and conformity credential read into the 0.7.0 model")
    func legacySamples() throws {
        let dpp = try JSONValue(parsing: Data(contentsOf: Self.conformance
            .appendingPathComponent("untp-0.6.1/untp-dpp/artefacts/untp-dpp-instance.json")))
        let passport = try ProductPassport.read(dpp)
        #expect(passport.credentialSubject.product.name == "EV battery 300Ah.")
        #expect(passport.credentialSubject.product.batchNumber == "6789")
        #expect(passport.credentialSubject.product.idGranularity == dpp["credentialSubject"]?["granularityLevel"]?.stringValue)
        #expect(passport.issuer.id == dpp["issuer"]?["id"]?.stringValue)
        #expect(passport.credentialSubject.product.performanceClaim?.isEmpty == false)
        let dcc = try JSONValue(parsing: Data(contentsOf: Self.conformance
            .appendingPathComponent("untp-0.6.1/untp-dcc/artefacts/untp-dcc-instance.json")))
        let conformity = try ConformityCredential.read(dcc)
        #expect(conformity.credentialSubject.name == dcc["credentialSubject"]?["name"]?.stringValue)
        // 0.6.1's `scope` is the conformity scheme, 0.7.0's `referenceScheme`.
        #expect(conformity.credentialSubject.referenceScheme.name == dcc["credentialSubject"]?["scope"]?["name"]?.stringValue)
        #expect(conformity.validUntil == dcc["validUntil"]?.stringValue)
    }

    @Test("a passport of passport's own 0.6 days reads: GTIN and lot, claims by digest, journey")
    func legacyOwnPassport() throws {
        let digest = String(repeating: "0f", count: 32)
        let old: JSONValue = [
            "@context": ["https://www.w3.org/ns/credentials/v2", "https://test.uncefact.org/vocabulary/untp/dpp/0.6.0/"],
            "type": ["DigitalProductPassport", "VerifiableCredential"], "id": "https://oliveto.example/01/08012345000012/10/L1/dpp.json",
            "issuer": ["type": ["CredentialIssuer"], "id": "did:web:oliveto.example", "name": "Oliveto"],
            "validFrom": "2026-10-20T00:00:00Z",
            "credentialSubject": [
                "type": ["ProductPassport"], "granularityLevel": "batch", "unitsProduced": 100, "expiryDate": "2027-01-01",
                "product": ["id": "https://oliveto.example/01/08012345000012/10/L1", "name": "Olive oil",
                            "registeredId": "08012345000012", "batchNumber": "L1"],
                "conformityClaim": [["conformityTopic": "governance.compliance",
                                     "conformityEvidence": ["linkURL": "https://oliveto.example/c/dcc.jwt", "linkName": "EU organic",
                                                            "hashDigest": .string(digest)]]],
                "journey": [["actorId": "a", "actorName": "A", "actorRole": "grower", "place": "P", "latitude": 1.5,
                             "longitude": 2, "stepDate": "2026-10-18"]],
            ],
        ]
        let passport = try ProductPassport.read(old)
        let product = passport.credentialSubject.product
        #expect(product.id == "https://oliveto.example/01/08012345000012/10/L1")
        #expect(product.expiryDate == "2027-01-01")
        #expect(passport.credentialSubject.extensions.unitsProduced == 100)
        #expect(passport.credentialSubject.extensions.journey?.first?.latitude == 1.5)
        let evidence = try #require(product.performanceClaim?.first?.evidence?.first)
        #expect(evidence.digestMultibase.flatMap(ResourceDigest.sha256Hex(multibase:)) == digest)
        #expect(product.performanceClaim?.first?.name == "EU organic")
    }
}
