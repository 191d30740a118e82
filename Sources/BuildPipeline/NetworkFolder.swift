public import Credentials
public import Foundation
public import PassportNetwork
import Output
import PassportModel
import Site
import DigitalLink

/// A co-op's, market's or association's network folder: `network.yaml`, `keys/`, and one folder
/// per member under `members/` (its DID document, its latest bundle, and when it joined). `build`
/// publishes the signed, versioned member list, a catalogue page and a schema.org feed.
public enum NetworkFolder {
    static let membersFolder = "members"
    static let memberFile = "member.json"
    static let publishedFile = "published.json"

    /// Creates the folder with its profile and a signing key. Returns the key's fingerprint.
    public static func initialize(at root: URL, display: String, name: String, baseURL: String) throws(BuildError) -> String {
        if let contents = try? FileManager.default.contentsOfDirectory(atPath: root.path), !contents.isEmpty {
            throw .invalid("\(display) already exists and is not empty — choose a new folder name")
        }
        do { _ = try DIDWeb(baseURL: baseURL) } catch { throw .credential(error, context: "--base-url") }
        let escaped = name.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
        try BuildError.output(try FileWriter.write("""
            # The network's own folder: its name, the https address its member list and catalogue are
            # published at (also its did:web identity), and the key in keys/ that signs the list.
            name: "\(escaped)"
            base_url: \(baseURL)
            signing_key: main

            """, to: root.appendingPathComponent(PartyProfile.Kind.network.rawValue)))
        try BuildError.output(try FileWriter.write("keys/\noutput/\n", to: root.appendingPathComponent(".gitignore")))
        try BuildError.output(try FileWriter.makeFolder(root.appendingPathComponent(membersFolder)))
        do { return try KeyStore(projectDirectory: root).create(id: "main").publicKey.fingerprint } catch {
            throw .credential(error, context: "creating the network's key")
        }
    }

    /// Adds (or refreshes) a member from its published files.
    public static func addMember(root: URL, source: String, baseDirectory: URL, now: Date) async throws(BuildError) -> MemberOffer {
        _ = try profile(root: root, display: "")
        let offer: MemberOffer
        do { offer = try await MemberOffer.load(source, baseDirectory: baseDirectory) } catch { throw .network(error) }
        try record(offer, root: root, now: now)
        return offer
    }

    /// Adds a member from a local output folder or bundle file.
    public static func addMemberLocal(root: URL, source: String, now: Date) throws(BuildError) -> MemberOffer {
        let offer: MemberOffer
        do { offer = try MemberOffer.loadLocal(source, baseDirectory: root) } catch { throw .network(error) }
        try record(offer, root: root, now: now)
        return offer
    }

    private static func record(_ offer: MemberOffer, root: URL, now: Date) throws(BuildError) {
        let folder = memberFolder(root: root, did: offer.did)
        var since = CalendarDate(containing: now).description
        if let data = FileManager.default.contents(atPath: folder.appendingPathComponent(memberFile).path),
           let held = try? JSONValue(parsing: data), let date = held["since"]?.stringValue {
            since = date
        }
        var record: JSONValue = ["did": .string(offer.did), "name": .string(offer.name), "since": .string(since)]
        if let website = offer.website { record["website"] = .string(website) }
        for (name, json) in [(memberFile, record), ("did.json", offer.didDocument), ("bundle.json", offer.bundle.json)] {
            try BuildError.output(try FileWriter.writeAtomically(json.serialized(pretty: true) + Data("\n".utf8),
                                                                 to: folder.appendingPathComponent(name)))
        }
    }

    /// Recognises a certifier for `schemes`, with the keys of its DID document.
    public static func addCertifier(root: URL, did: String, name: String?, schemes: [String],
                                    didDocument: JSONValue) throws(BuildError) -> RecognisedCertifier {
        _ = try profile(root: root, display: "")
        let schemes = schemes.map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        guard !schemes.isEmpty else { throw .invalid("say which schemes \(did) certifies, e.g. --scheme \"EU organic\"") }
        let keys: [PublicKey]
        do { keys = try DIDDocument(parsing: didDocument, expectedID: did).assertionKeys } catch {
            throw .credential(error, context: "the certifier's DID document")
        }
        guard !keys.isEmpty else { throw .invalid("the DID document of \(did) lists no signing key") }
        let host = (try? DIDWeb(did: did))?.host ?? did
        let record: JSONValue = ["did": .string(did), "name": .string(name ?? host),
                                 "schemes": .array(schemes.map { .string($0) }), "didDocument": didDocument]
        try BuildError.output(try FileWriter.writeAtomically(record.serialized(pretty: true) + Data("\n".utf8),
            to: root.appendingPathComponent(certifiersFolder).appendingPathComponent(UpstreamStore.folderName(for: did) + ".json")))
        return RecognisedCertifier(did: did, name: name ?? host, schemes: schemes, keys: keys)
    }

    static let certifiersFolder = "certifiers"

    /// The certifiers the network recognises.
    static func certifiers(root: URL) throws(BuildError) -> [RecognisedCertifier] {
        let folder = root.appendingPathComponent(certifiersFolder)
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).filter { $0.hasSuffix(".json") }.sorted()
        var result: [RecognisedCertifier] = []
        for name in names {
            guard let data = FileManager.default.contents(atPath: folder.appendingPathComponent(name).path),
                  let json = try? JSONValue(parsing: data), let did = json["did"]?.stringValue,
                  let certifierName = json["name"]?.stringValue, let document = json["didDocument"],
                  let schemes = json["schemes"]?.arrayValue?.compactMap(\.stringValue),
                  let keys = try? DIDDocument(parsing: document, expectedID: did).assertionKeys, !keys.isEmpty else {
                throw .invalid("\(certifiersFolder)/\(name) cannot be read — add the certifier again with `passport network add-certifier`")
            }
            result.append(RecognisedCertifier(did: did, name: certifierName, schemes: schemes, keys: keys))
        }
        return result
    }

    /// Removes a member; the next `build` publishes a list without it.
    public static func removeMember(root: URL, did: String) throws(BuildError) -> String {
        let folder = memberFolder(root: root, did: did)
        guard let data = FileManager.default.contents(atPath: folder.appendingPathComponent(memberFile).path) else {
            let known = (try? members(root: root).map(\.member.did)) ?? []
            throw .invalid("\(did) is not a member — the members are \(known.isEmpty ? "none yet" : known.joined(separator: ", "))")
        }
        let name = (try? JSONValue(parsing: data))?["name"]?.stringValue ?? did
        do { try FileManager.default.removeItem(at: folder) } catch {
            throw .file(path: folder.path, reason: error.localizedDescription)
        }
        return name
    }

    /// What `build` published.
    public struct Report: Sendable {
        public var name: String
        public var did: String
        public var version: Int
        public var changed: Bool
        public var members: [String]
        public var products: Int
        public var trustList: URL
        public var fingerprint: String
    }

    /// Signs the member list and writes the site and the shops' trust list into `output`.
    public static func build(root: URL, display: String, output: URL, now: Date) throws(BuildError) -> Report {
        let profile = try profile(root: root, display: display)
        let identity = try Identity.load(root: root, display: display)
        guard case .web(let web) = identity.signer else { throw .invalid("network.yaml needs a base_url") }
        let entries = try members(root: root)
        let recognised = try certifiers(root: root)
        let list0 = MemberList(networkDID: web.did, networkName: profile.name, version: 0, issued: "",
                               members: entries.map(\.member), certifiers: recognised)
        let digest = SHA256Digest.hex(list0.credential(context: "").serialized())
        var version = 1, issued = XSDDateTime.string(from: now), changed = true
        if let data = FileManager.default.contents(atPath: root.appendingPathComponent(publishedFile).path),
           let held = try? JSONValue(parsing: data), let heldVersion = held["version"]?.intValue {
            if held["members"]?.stringValue == digest, let heldIssued = held["issued"]?.stringValue {
                (version, issued, changed) = (heldVersion, heldIssued, false)
            } else {
                version = heldVersion + 1
            }
        }
        let list = MemberList(networkDID: web.did, networkName: profile.name, version: version, issued: issued,
                              members: entries.map(\.member), certifiers: recognised)
        let context = web.baseURL + "/" + PublishedPaths.context
        let payload = list.credential(context: context)
        let jwt: String
        do { jwt = try JWS.signCredential(payload, key: identity.key, signer: identity.signer) } catch {
            throw .credential(error, context: "signing the member list")
        }
        let trustList = TrustListFile(networkDID: web.did, networkName: profile.name, didDocument: identity.didDocument,
                                      list: jwt, bundles: Dictionary(uniqueKeysWithValues: entries.map { ($0.member.did, $0.bundle.json) }))
        let catalogue = try Catalogue(entries: entries)
        let staged = try BuildError.output(try StagedOutput(destination: output))
        let site = try BuildError.output(try staged.part("site"))
        let listFolder = try BuildError.output(try staged.part("list"))
        let trustJSON = trustList.json.serialized(pretty: true) + Data("\n".utf8)
        let files: [(URL, Data)] = [
            (site.appendingPathComponent(web.didDocumentPath), identity.didDocument.serialized(pretty: true)),
            (site.appendingPathComponent(PublishedPaths.context), PassportContext.document.serialized(pretty: true)),
            (site.appendingPathComponent("members.jwt"), Data((jwt + "\n").utf8)),
            (site.appendingPathComponent("members.json"), payload.serialized(pretty: true)),
            (site.appendingPathComponent("trust-list.json"), trustJSON),
            (site.appendingPathComponent("catalogue.json"), catalogue.feed(network: profile.name, base: web.baseURL).serialized(pretty: true)),
            (site.appendingPathComponent("index.html"), Data(CataloguePage.html(network: profile.name, did: web.did, version: version,
                                                                                 issued: issued, members: catalogue.members).utf8)),
            (listFolder.appendingPathComponent("trust-list.json"), trustJSON),
        ]
        for (url, data) in files { try BuildError.output(try FileWriter.write(data, to: url)) }
        try BuildError.output(try staged.commit())
        let published: JSONValue = ["version": .int(version), "issued": .string(issued), "members": .string(digest)]
        try BuildError.output(try FileWriter.writeAtomically(published.serialized(pretty: true) + Data("\n".utf8),
                                                             to: root.appendingPathComponent(publishedFile)))
        return Report(name: profile.name, did: web.did, version: version, changed: changed,
                      members: entries.map(\.member.name), products: catalogue.productCount,
                      trustList: output.appendingPathComponent("list/trust-list.json"),
                      fingerprint: identity.key.publicKey.fingerprint)
    }

    // MARK: Members

    struct Entry {
        var member: NetworkMember
        var bundle: VerificationBundle
        var party: UpstreamParty
    }

    static func memberFolder(root: URL, did: String) -> URL {
        root.appendingPathComponent(membersFolder).appendingPathComponent(UpstreamStore.folderName(for: did))
    }

    /// Every member, its files checked against each other, sorted by DID.
    static func members(root: URL) throws(BuildError) -> [Entry] {
        let folder = root.appendingPathComponent(membersFolder)
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).filter { !$0.hasPrefix(".") }.sorted()
        var entries: [Entry] = []
        for name in names {
            let member = folder.appendingPathComponent(name)
            let display = "\(membersFolder)/\(name)"
            func json(_ file: String) throws(BuildError) -> JSONValue {
                guard let data = FileManager.default.contents(atPath: member.appendingPathComponent(file).path),
                      let value = try? JSONValue(parsing: data) else {
                    throw .invalid("\(display)/\(file) cannot be read — add the member again with `passport network add-member`")
                }
                return value
            }
            let record = try json(memberFile), document = try json("did.json")
            guard let did = record["did"]?.stringValue, let memberName = record["name"]?.stringValue,
                  let since = record["since"]?.stringValue else {
                throw .invalid("\(display)/\(memberFile) lacks did, name or since — add the member again with `passport network add-member`")
            }
            let bundle: VerificationBundle
            do { bundle = try VerificationBundle(parsing: try json("bundle.json").serialized()) } catch {
                throw .invalid("\(display)/bundle.json is not a verification bundle — add the member again")
            }
            let party: UpstreamParty
            do { party = try UpstreamParty(did: did, didDocument: document, manifest: bundle.manifest, source: display) } catch {
                throw .network(error)
            }
            entries.append(Entry(member: NetworkMember(did: did, name: memberName, since: since, keys: party.didDocument.assertionKeys,
                                                       website: record["website"]?.stringValue),
                                 bundle: bundle, party: party))
        }
        return entries.sorted { $0.member.did < $1.member.did }
    }

    static func profile(root: URL, display: String) throws(BuildError) -> PartyProfile {
        do { return try PartyProfile.load(.network, root: root, displayRoot: display) } catch { throw .project(error) }
    }
}
