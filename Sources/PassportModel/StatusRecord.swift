import DigitalLink
import Output

/// Reads `status/allocation.yaml` (positions, written by `passport build`) and
/// `status/revoked.yaml` (withdrawn credentials, written by `passport revoke`).
enum StatusRecord {
    static let allocationFile = "status/allocation.yaml"
    static let revokedFile = "status/revoked.yaml"
    static let allocationFields = ["positions"]
    static let positionFields = ["credential", "index"]
    static let revokedFields = ["revoked"]
    static let revocationFields = ["credential", "date", "reason"]

    /// Both files of `files`' folder, when present.
    static func read(_ files: ProjectFiles, language: String) -> StatusRecords {
        var status = StatusRecords()
        if files.folder.hasFile(allocationFile), let text = files.read(allocationFile) {
            status.positions = RecordReader(file: files.display(allocationFile), sink: files.sink, defaultLanguage: language)
                .topLevel(text, allowed: allocationFields).map(readPositions) ?? [:]
        }
        if files.folder.hasFile(revokedFile), let text = files.read(revokedFile) {
            status.revocations = RecordReader(file: files.display(revokedFile), sink: files.sink, defaultLanguage: language)
                .topLevel(text, allowed: revokedFields).map(readRevocations) ?? []
        }
        return status
    }

    static func readPositions(_ map: MapReader) -> [String: Int] {
        var positions: [String: Int] = [:]
        var owners: [Int: String] = [:]
        _ = map.list("positions", required: false, allowed: positionFields,
                     example: "[{credential: passport 08012345000012/L2026A, index: 40321}]") { entry, _ -> Bool? in
            let credential = readKey(entry)
            let index = entry.int("index", example: "40321")
            guard let credential, let index else { return nil }
            guard (0..<StatusRecords.listSize).contains(index) else {
                entry.reader.report(entry.value("index"), entry.field("index"),
                                    "\(index) is outside the status lists (0 to \(StatusRecords.listSize - 1))",
                                    fix: "restore this file from your version history; positions are written by `passport build`")
                return nil
            }
            if let other = owners[index] {
                entry.reader.report(entry.value("index"), entry.field("index"),
                                    "position \(index) is also given to `\(other)`",
                                    fix: "restore this file from your version history: two credentials must never share a position")
                return nil
            }
            if positions[credential] != nil {
                entry.reader.report(entry.value("credential"), entry.field("credential"),
                                    "`\(credential)` has two positions", fix: "restore this file from your version history")
                return nil
            }
            owners[index] = credential
            positions[credential] = index
            return true
        }
        return positions
    }

    static func readRevocations(_ map: MapReader) -> [StatusRecords.Revocation] {
        map.list("revoked", required: false, allowed: revocationFields,
                 example: "[{credential: passport 08012345000012/L2026A, date: 2026-11-03, reason: …}]") { entry, _ in
            let credential = readKey(entry)
            let date = entry.date("date")
            let reason = entry.string("reason", required: false, example: "Wrong best-before date printed") ?? ""
            guard let credential, let date else { return nil }
            return StatusRecords.Revocation(credential: credential, date: date, reason: reason)
        }
    }

    private static func readKey(_ entry: MapReader) -> String? {
        guard let key = entry.string("credential", example: "passport 08012345000012/L2026A") else { return nil }
        guard StatusRecords.isKey(key) else {
            entry.reader.report(entry.value("credential"), entry.field("credential"),
                                "`\(key)` does not name a passport or a certificate",
                                fix: "write `passport <14-digit GTIN>/<lot>` or `certificate <id>`, as `passport build` and `passport revoke` wrote it")
            return nil
        }
        return key
    }
}
