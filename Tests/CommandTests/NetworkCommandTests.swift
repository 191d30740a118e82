import Credentials
import Foundation
import PassportTestSupport
import Testing

/// The value network through the `passport` binary, on the example `passport init` makes:
/// upstream passports checked at build, value shares confirmed by their actors, and a co-op's
/// member list that a shop imports once. Every refusal: its message, exit code, nothing written.
@Suite("Value network", .serialized)
struct NetworkCommandTests {
    @Test("the chain verifies: check, build, the page, and a shop that imports only the co-op's list")
    func chainVerifies() throws {
        let net = try NetworkFixture()
        let check = try net.run(["check", "farm"])
        #expect(check.status == 0, "\(check.stderr)")
        #expect(check.stdout.contains("2 certificates; 4 upstream inputs verified, 5 value shares confirmed."), "\(check.stdout)")
        let build = try net.build()
        #expect(build.status == 0, "\(build.stderr)")
        #expect(build.stdout.contains("Checked 4 upstream inputs against their signed passports; 5 value shares confirmed by their actors."))

        let page = try String(contentsOf: net.out.appendingPathComponent("site/01/08012345000012/10/L2026A/index.html"), encoding: .utf8)
        #expect(page.contains("signature of Podere Rossi checked"))
        #expect(page.contains("href=\"https://podere-rossi.example/01/08055555000014/10/R2026-10/\""))
        #expect(page.contains("confirmed by Fattoria Verdi"))
        #expect(page.contains("declared by the producer"))
        #expect(page.contains("from the passport of Vetreria Toscana"))
        let dpp = try JSONValue(parsing: try Data(contentsOf: net.out.appendingPathComponent("site/01/08012345000012/10/L2026A/dpp.json")))
        let inputs = dpp["credentialSubject"]?["upstreamInputs"]?.arrayValue ?? []
        #expect(inputs.count == 3)
        let rossi = try Data(contentsOf: net.rossiPassport)
        let rossiDigest = try sha256Hex(rossi.prefix { $0 != 0x0A })
        #expect(inputs.first?["sha256"]?.stringValue == rossiDigest)
        #expect(inputs.first?["upstreamPassport"]?.stringValue == "https://podere-rossi.example/01/08055555000014/10/R2026-10/dpp.json")
        #expect(inputs.first?["upstreamProducer"]?.stringValue == "did:web:podere-rossi.example")
        // The UNTP 0.7.0 shape: each upstream passport is a related document of link type untp:dpp, by digest.
        let links = (dpp["credentialSubject"]?["relatedDocument"]?.arrayValue ?? [])
            .filter { $0["linkType"]?.stringValue == "https://vocabulary.uncefact.org/untp/linkType#dpp" }
        #expect(links.count == 3)
        #expect(links.first?["linkURL"]?.stringValue == "https://podere-rossi.example/01/08055555000014/10/R2026-10/dpp.jwt")
        #expect(links.first?["digestMultibase"]?.stringValue == ResourceDigest.multibase(hex: rossiDigest))
        #expect(FileManager.default.fileExists(atPath: net.out.appendingPathComponent("site/01/08012345000012/10/L2026A/attestations/verdi.jwt").path))

        let refused = try net.run(["trust", "import", net.trustList.path])
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("Rete Olivicola Val d'Orcia (did:web:rete-valdorcia.example) is not a trusted network. Its keys: did:web:rete-valdorcia.example#main "))
        #expect(!FileManager.default.fileExists(atPath: net.store.path))
        let imported = try net.run(["trust", "import", net.trustList.path, "--trust-network"])
        #expect(imported.status == 0, "\(imported.stderr)")
        #expect(imported.stdout.contains("Imported the member list of Rete Olivicola Val d'Orcia, version 1"))
        let verdict = try net.run(["verify", try net.code()])
        #expect(verdict.status == 0, "\(verdict.stdout)\(verdict.stderr)")
        #expect(verdict.stdout.hasPrefix("GENUINE — Olio Novello, first pressing · lot N2026S · serial 000001 · Oliveto Val d'Orcia Cooperative · member of Rete Olivicola Val d'Orcia\n"))
        #expect(verdict.stdout.contains("  ✓ inputs: 1 of 1 verified, each signed by its producer (Podere Rossi lot R2026-10)"))
        #expect(verdict.stdout.contains("  ✓ value shares: 2 of 2 confirmed by Podere Rossi, Fattoria Verdi"))
        #expect(verdict.stdout.contains("  ✓ certificate EU organic: EU organic IT-BIO-009-2026-1187 certified by Terra Viva Certification"))
    }

    @Test("the co-op's catalogue page and schema.org feed list the members' products")
    func catalogue() throws {
        let net = try NetworkFixture()
        let site = net.network.appendingPathComponent("output/site")
        let html = try String(contentsOf: site.appendingPathComponent("index.html"), encoding: .utf8)
        #expect(html.contains("<h1>Rete Olivicola Val d&#39;Orcia</h1>"))
        #expect(html.contains("<a href=\"https://vetreria.example/01/08098765000016/10/V2026-09/\">lot V2026-09</a>"))
        #expect(!html.contains("<script"))
        let feed = try JSONValue(parsing: try Data(contentsOf: site.appendingPathComponent("catalogue.json")))
        #expect(feed["@type"]?.stringValue == "ItemList")
        let items = feed["itemListElement"]?.arrayValue ?? []
        #expect(items.count == 5)
        #expect(items.contains { $0["item"]?["gtin14"]?.stringValue == "08012345000029" && $0["item"]?["manufacturer"]?["name"]?.stringValue == "Oliveto Val d'Orcia Cooperative" })
        let list = try String(contentsOf: site.appendingPathComponent("members.jwt"), encoding: .utf8)
        #expect(list.split(separator: ".").count == 3)
    }

    @Test("a byte changed in an upstream dpp.jwt is refused at build, located, nothing written")
    func changedByte() throws {
        let net = try NetworkFixture()
        let jwt = try String(contentsOf: net.rossiPassport, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
        try alteredPayload(jwt).write(to: net.rossiPassport, atomically: true, encoding: .utf8)
        let line = try net.line(of: "batch: https://podere-rossi.example", in: "batches/evo-2026-a.yaml") - 1
        let result = try net.build()
        #expect(result.status == 1)
        #expect(result.stderr.contains("farm/batches/evo-2026-a.yaml:\(line):5: inputs[1]: upstream/podere-rossi.example/01/08055555000014/10/R2026-10/dpp.jwt: the passport: its signature does not match for key did:web:podere-rossi.example#main: it was changed after signing — do not use this file"), "\(result.stderr)")
        #expect(result.stderr.contains("farm/batches/novello-2026-s.yaml:"))
        #expect(!FileManager.default.fileExists(atPath: net.out.path))
        #expect(try net.run(["check", "farm"]).status == 1)
    }

    @Test("an upstream passport re-signed with another key is refused, at import and at build")
    func resignedUpstream() throws {
        let net = try NetworkFixture()
        let jwt = try String(contentsOf: net.rossiPassport, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
        let intruder = try SigningKey.generate(id: "intruder")
        let forged = try resigned(jwt, key: intruder, keyID: "did:web:podere-rossi.example#intruder")
        try forged.write(to: net.rossiPassport, atomically: true, encoding: .utf8)
        let build = try net.build()
        #expect(build.status == 1)
        #expect(build.stderr.contains("inputs[1]: upstream/podere-rossi.example/01/08055555000014/10/R2026-10/dpp.jwt: the passport: it is signed with did:web:podere-rossi.example#intruder, which is not a key in did:web:podere-rossi.example's DID document: it was signed by someone else"), "\(build.stderr)")
        #expect(!FileManager.default.fileExists(atPath: net.out.path))

        // The same forgery in the upstream's published bundle: `inputs add` refuses it and writes nothing.
        let bundleURL = net.farm.appendingPathComponent("partners/podere-rossi/output/bundle/bundle.json")
        var bundle = try JSONValue(parsing: try Data(contentsOf: bundleURL))
        bundle["passports"]?["08055555000014/R2026-10"] = .string(try resigned(jwt, key: intruder, keyID: "did:web:podere-rossi.example#main"))
        try bundle.serialized().write(to: bundleURL)
        let before = try TreeSnapshot(net.farm.appendingPathComponent("upstream"))
        let added = try net.run(["inputs", "add", "farm/partners/podere-rossi/output", "--project", "farm"])
        #expect(added.status == 1)
        #expect(added.stderr == "farm/partners/podere-rossi/output: the passport: its signature does not match for key did:web:podere-rossi.example#main: it was changed after signing — nothing was imported; ask the upstream producer for its current published files\n", "\(added.stderr)")
        #expect(try TreeSnapshot(net.farm.appendingPathComponent("upstream")) == before)
    }

    @Test("a recorded digest that does not match the upstream passport is refused, located")
    func digestMismatch() throws {
        let net = try NetworkFixture()
        let line = try net.line(of: "sha256:", in: "batches/novello-2026-s.yaml") - 2
        let text = try String(contentsOf: net.farm.appendingPathComponent("batches/novello-2026-s.yaml"), encoding: .utf8)
        let recorded = try #require(text.split(separator: "\n").first { $0.contains("sha256:") }?.split(separator: " ").last)
        let wrong = String(repeating: "0", count: 64)
        try net.edit("batches/novello-2026-s.yaml", String(recorded), wrong)
        let result = try net.build()
        #expect(result.status == 1)
        #expect(result.stderr.hasPrefix("farm/batches/novello-2026-s.yaml:\(line):5: inputs[1]: the recorded sha256 \(wrong) is not the digest of the upstream passport in upstream/ (\(recorded)) — if podere-rossi.example re-issued this passport, review the change and write `sha256: \(recorded)`; otherwise re-import it\n"), "\(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: net.out.path))
    }

    @Test("a recalled upstream batch: inputs add warns, check and build refuse")
    func recalledUpstream() throws {
        let net = try NetworkFixture()
        let batch = net.farm.appendingPathComponent("partners/podere-rossi/batches/r2026-10.yaml")
        try (try String(contentsOf: batch, encoding: .utf8) + "recall: {date: 2026-10-30, reason: Olive fly damage found in the crates}\n")
            .write(to: batch, atomically: true, encoding: .utf8)
        let rebuilt = try net.run(["build", "farm/partners/podere-rossi", "-o", "farm/partners/podere-rossi/output", "--no-labels"])
        #expect(rebuilt.status == 0, "\(rebuilt.stderr)")
        let added = try net.run(["inputs", "add", "farm/partners/podere-rossi/output", "--project", "farm"])
        #expect(added.status == 0, "\(added.stderr)")
        #expect(added.stdout.contains("warning: https://podere-rossi.example/01/08055555000014/10/R2026-10 is recalled (2026-10-30: Olive fly damage found in the crates); a batch cannot use it."))
        for command in [["check", "farm"], ["build", "farm", "-o", net.out.path, "--no-labels"]] {
            let result = try net.run(command)
            #expect(result.status == 1)
            #expect(result.stderr.contains("inputs[1]: the upstream batch R2026-10 was recalled by podere-rossi.example on 2026-10-30: Olive fly damage found in the crates — do not use it: remove this input and the batch that used it"), "\(result.stderr)")
        }
        #expect(!FileManager.default.fileExists(atPath: net.out.path))
    }

    @Test("mass balance: drawing more than the upstream batch made, or mixing units without a yield, is refused")
    func massBalance() throws {
        let net = try NetworkFixture()
        try net.edit("batches/novello-2026-s.yaml", "quantity: 75 l", "quantity: 200 l")
        let over = try net.build()
        #expect(over.status == 1)
        #expect(over.stderr.contains("inputs[1]: mass balance exceeded: this project's batches draw 3333.333 kg from https://podere-rossi.example/01/08055555000014/10/R2026-10, which produced only 3000 kg (farm/batches/evo-2026-a.yaml 2000 kg, farm/batches/novello-2026-s.yaml 1333.333 kg) — check the quantities and yields"), "\(over.stderr)")
        #expect(!FileManager.default.fileExists(atPath: net.out.path))

        try net.edit("batches/novello-2026-s.yaml", "quantity: 200 l\n    yield: 0.15 l/kg", "quantity: 75 l")
        let line = try net.line(of: "batch: https://podere-rossi.example", in: "batches/novello-2026-s.yaml") - 1
        let units = try net.run(["check", "farm"])
        #expect(units.status == 1)
        #expect(units.stderr.hasPrefix("farm/batches/novello-2026-s.yaml:\(line):5: inputs[1]: the quantity is in l but the upstream batch is counted in kg, and no yield converts them — add `yield: <l per kg>`"), "\(units.stderr)")
    }

    @Test("an attestation for another amount or another batch is refused, naming both figures")
    func attestationMismatch() throws {
        let net = try NetworkFixture()
        try net.edit("batches/evo-2026-a.yaml", "{actor: rossi, amount: 2.40, currency: EUR}", "{actor: rossi, amount: 2.50, currency: EUR}")
        let amount = try net.build()
        #expect(amount.status == 1)
        #expect(amount.stderr.contains("farm/attestations/L2026A-rossi.attestation.jwt: Podere Rossi confirms 2.40 EUR per unit for lot L2026A, but farm/batches/evo-2026-a.yaml:"), "\(amount.stderr)")
        #expect(amount.stderr.contains("declares 2.50 EUR per unit — correct the share in the batch record, or ask Podere Rossi to confirm the figure you declare"))
        #expect(!FileManager.default.fileExists(atPath: net.out.path))
        try net.edit("batches/evo-2026-a.yaml", "amount: 2.50", "amount: 2.40")

        // A request changed to another lot, signed by the right actor: not a batch of this project.
        let requested = try net.run(["attest", "request", "--batch", "N2026S", "--actor", "verdi", "farm", "-o", "requests"])
        #expect(requested.status == 0, "\(requested.stderr)")
        let request = net.folder.url.appendingPathComponent("requests/N2026S-verdi.request.json")
        let text = try String(contentsOf: request, encoding: .utf8).replacingOccurrences(of: "N2026S", with: "N2025X")
        try text.write(to: request, atomically: true, encoding: .utf8)
        let signed = try net.run(["attest", "sign", request.path, "--folder", "farm/partners/verdi", "-o", "farm/attestations"])
        #expect(signed.status == 0, "\(signed.stderr)")
        let other = try net.build()
        #expect(other.status == 1)
        #expect(other.stderr.contains("farm/attestations/N2025X-verdi.attestation.jwt: it confirms a share of lot N2025X (GTIN 08012345000029), which is not a batch of this project with value shares"), "\(other.stderr)")
        #expect(!FileManager.default.fileExists(atPath: net.out.path))
    }

    @Test("an attestation signed by someone else is refused, when signing and at build")
    func attestationImpostor() throws {
        let net = try NetworkFixture()
        let impostor = net.folder.url.appendingPathComponent("impostor")
        try FileManager.default.createDirectory(at: impostor, withIntermediateDirectories: true)
        try "name: Fattoria Verdi\nsigning_key: main\n".write(to: impostor.appendingPathComponent("actor.yaml"), atomically: true, encoding: .utf8)
        let key = try net.run(["keys", "new", "main", "--project", impostor.path])
        #expect(key.status == 0)
        #expect(key.stdout.contains("your identity as did:key:z6Mk"))
        #expect(try net.run(["attest", "request", "--batch", "L2026A", "--actor", "verdi", "farm", "-o", "requests"]).status == 0)
        let request = net.folder.url.appendingPathComponent("requests/L2026A-verdi.request.json")
        let refused = try net.run(["attest", "sign", request.path, "--folder", impostor.path, "-o", impostor.path])
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("this request is for Fattoria Verdi (did:key:z6Mk"), "\(refused.stderr)")
        #expect(!FileManager.default.fileExists(atPath: impostor.appendingPathComponent("L2026A-verdi.attestation.jwt").path))

        // Without the DID in the request, the impostor can sign; the build sees whose signature it is.
        var json = try JSONValue(parsing: try Data(contentsOf: request))
        json["actor"]?["did"] = nil
        try json.serialized(pretty: true).write(to: request)
        let signed = try net.run(["attest", "sign", request.path, "--folder", impostor.path, "-o", "farm/attestations"])
        #expect(signed.status == 0, "\(signed.stderr)")
        let build = try net.build()
        #expect(build.status == 1)
        #expect(build.stderr.contains("farm/attestations/L2026A-verdi.attestation.jwt: it is signed by did:key:z6Mk"), "\(build.stderr)")
        #expect(build.stderr.contains("but Fattoria Verdi's DID in passport.yaml is did:key:z6Mk"))
        #expect(build.stderr.contains("it was signed by someone else — remove it; only Fattoria Verdi can confirm their share"))
        #expect(!FileManager.default.fileExists(atPath: net.out.path))
    }

    @Test("a removed member's codes become UNKNOWN ISSUER after the newer list; an older list is refused")
    func removedMemberAndOlderList() throws {
        let net = try NetworkFixture()
        #expect(try net.build().status == 0)
        let first = net.folder.url.appendingPathComponent("list-v1.json")
        try FileManager.default.copyItem(at: net.trustList, to: first)
        #expect(try net.run(["trust", "import", first.path, "--trust-network"]).status == 0)
        #expect(try net.run(["verify", try net.code(serial: "000007")]).status == 0)

        let removed = try net.run(["network", "remove-member", "did:web:oliveto.example", "--network", "farm/network"])
        #expect(removed.status == 0, "\(removed.stderr)")
        let rebuilt = try net.run(["network", "build", "--network", "farm/network"])
        #expect(rebuilt.status == 0, "\(rebuilt.stderr)")
        #expect(rebuilt.stdout.contains("version 2: 3 members"))
        let second = try net.run(["trust", "import", net.trustList.path])
        #expect(second.status == 0, "\(second.stderr)")
        #expect(second.stdout.contains("No longer members, no longer trusted: did:web:oliveto.example"))
        let verdict = try net.run(["verify", try net.code(serial: "000008")])
        #expect(verdict.status == 1)
        #expect(verdict.stdout.hasPrefix("UNKNOWN ISSUER — oliveto.example (did:web:oliveto.example) is not a producer this shop trusts\n"))

        let storeBefore = try TreeSnapshot(net.store.appendingPathComponent("bundles"))
        let trustBefore = try Data(contentsOf: net.store.appendingPathComponent("trust.json"))
        let older = try net.run(["trust", "import", first.path])
        #expect(older.status == 1)
        #expect(older.stderr == "This member list of did:web:rete-valdorcia.example is version 1, older than version 2 already imported. An older list could bring back a removed member, so it was not imported; get the current one from the network's site.\n")
        #expect(try Data(contentsOf: net.store.appendingPathComponent("trust.json")) == trustBefore)
        #expect(try TreeSnapshot(net.store.appendingPathComponent("bundles")) == storeBefore)
    }

    @Test("inputs add fetches a batch over loopback HTTP; plain http elsewhere is refused")
    func fetchOverLoopback() throws {
        let net = try NetworkFixture()
        let insecure = try net.run(["inputs", "add", "http://podere-rossi.example/01/08055555000014/10/R2026-10", "--project", "farm"])
        #expect(insecure.status == 1)
        #expect(insecure.stderr.contains("plain http is only accepted for this computer"))
        try FileManager.default.removeItem(at: net.farm.appendingPathComponent("upstream/podere-rossi.example"))
        #expect(try net.run(["check", "farm"]).status == 1)
        let server = try LoopbackServer(serving: net.farm.appendingPathComponent("partners/podere-rossi/output/site"))
        defer { server.stop() }
        let added = try net.run(["inputs", "add", "http://127.0.0.1:\(server.port)/01/08055555000014/10/R2026-10", "--project", "farm"])
        #expect(added.status == 0, "\(added.stderr)")
        #expect(added.stdout.contains("Imported Podere Rossi (did:web:podere-rossi.example) into upstream/podere-rossi.example: signatures checked."))
        #expect(added.stdout.contains("batch: https://podere-rossi.example/01/08055555000014/10/R2026-10"))
        let check = try net.run(["check", "farm"])
        #expect(check.status == 0, "\(check.stderr)")
    }

    @Test("an independent checker (Python, not our code) verifies every credential of the network")
    func independentCheck() throws {
        let net = try NetworkFixture()
        #expect(try net.build().status == 0)
        let script = Checkout.path("Tests/Support/verify_network.py")
        let checked = try Command.python(script, [net.farm.path, net.out.path])
        #expect(checked.status == 0, "\(checked.stdout)\(checked.stderr)")
        #expect(checked.stdout.contains(", 0 problems"), "\(checked.stdout)")
        // It is not a checker that cannot fail: one changed byte in a published attestation.
        let attestation = net.out.appendingPathComponent("site/01/08012345000029/10/N2026S/attestations/rossi.jwt")
        let jwt = try String(contentsOf: attestation, encoding: .utf8)
        try alteredPayload(jwt).write(to: attestation, atomically: true, encoding: .utf8)
        let broken = try Command.python(script, [net.farm.path, net.out.path])
        #expect(broken.status == 1)
        #expect(broken.stdout.contains("N2026S/attestations/rossi.jwt"), "\(broken.stdout)")
    }
}

/// `python3 -m http.server` on an ephemeral loopback port, serving one folder.
final class LoopbackServer {
    let process = Process()
    let port: Int

    init(serving folder: URL) throws {
        process.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        process.arguments = ["-u", "-m", "http.server", "0", "--bind", "127.0.0.1", "--directory", folder.path]
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        try process.run()
        var text = ""
        while !text.contains("\n") {
            let data = out.fileHandleForReading.availableData
            if data.isEmpty { break }
            text += String(decoding: data, as: UTF8.self)
        }
        // "Serving HTTP on 127.0.0.1 port 45678 (http://127.0.0.1:45678/) ..."
        guard let range = text.range(of: "port "), let port = Int(text[range.upperBound...].prefix { $0.isNumber }) else {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            throw NetworkFixture.Failure(description: "http.server did not say its port: \(text)")
        }
        self.port = port
    }

    /// SIGKILL: a child of the test runner may inherit a signal mask that blocks SIGTERM.
    func stop() {
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }
}
