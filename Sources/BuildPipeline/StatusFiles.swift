import Credentials
public import DigitalLink
public import Foundation
import Output
public import PassportModel

/// The project's `status/` files: where each credential sits in the status lists
/// (`allocation.yaml`, kept up to date by `passport build`) and which credentials were withdrawn
/// (`revoked.yaml`, written by `passport revoke`). Both are records to keep (commit them): a
/// credential keeps its position for ever, a position is never given to another credential, and
/// a revocation is never undone.
public enum StatusFiles {
    static let allocationPath = "status/allocation.yaml"
    static let revokedPath = "status/revoked.yaml"

    /// The keys of every credential the project issues with a status entry.
    static func keys(_ project: Project) -> [String] {
        var keys = project.certificates.map { StatusRecords.certificateKey(id: $0.id) }
        for batch in project.batches {
            guard let product = project.product(batch.product) else { continue }
            keys.append(StatusRecords.passportKey(gtin: product.gtin, lot: batch.lot))
        }
        return keys.sorted()
    }

    /// Positions of credentials in the status lists, and the `status/allocation.yaml` that records
    /// new ones: written by `record()` only once the run that uses them has succeeded, so a
    /// refused build or certify leaves the project as it was.
    struct Allocation: Sendable {
        let positions: [String: Int]
        /// The new allocation file, when positions were added.
        let pending: (file: URL, text: String)?

        func record() throws(BuildError) {
            guard let pending else { return }
            try BuildError.output(try FileWriter.writeAtomically(Data(pending.text.utf8), to: pending.file))
        }
    }

    /// Positions for every credential of the project: those already given, and new ones for the
    /// rest, to be recorded in `status/allocation.yaml` when there are new ones.
    ///
    /// A new position is found from the credential's key (SHA-256, modulo the list size), moving
    /// on to the next free one if taken: positions say nothing about when a credential was issued
    /// or how many there are (W3C asks for that), and the same records give the same positions.
    static func allocate(_ project: Project) throws(BuildError) -> Allocation {
        try allocate(keys(project), records: project.status, root: URL(fileURLWithPath: project.root))
    }

    /// As `allocate(_:)`, for the folder `root` (a project's or a certifier's) whose status files hold `records`.
    static func allocate(_ keys: [String], records: StatusRecords, root: URL) throws(BuildError) -> Allocation {
        var positions = records.positions
        var taken = Set(positions.values)
        var added = false
        for key in keys where positions[key] == nil {
            guard taken.count < StatusRecords.listSize else {
                throw .invalid("\(allocationPath): every one of the \(StatusRecords.listSize) status positions is taken")
            }
            let digest = SHA256Digest.hex(Data(key.utf8))
            var position = Int(digest.prefix(8), radix: 16).map { $0 % StatusRecords.listSize } ?? 0
            while taken.contains(position) { position = (position + 1) % StatusRecords.listSize }
            positions[key] = position
            taken.insert(position)
            added = true
        }
        guard added else { return Allocation(positions: positions, pending: nil) }
        let lines = positions.keys.sorted().map { key in
            "  - credential: \(quoted(key))\n    index: \(positions[key] ?? 0)\n"
        }
        let text = """
            # Positions of your credentials in the status lists published under status/ on your site.
            # Written by `passport build`. Keep this file with your records (commit it): a credential
            # keeps its position for ever and a position is never given to another credential.
            positions:

            """ + lines.joined()
        return Allocation(positions: positions, pending: (root.appendingPathComponent(allocationPath), text))
    }

    /// Records the revocation of `key` in `status/revoked.yaml` (a credential revoked twice keeps
    /// its first date and reason). Returns false when it was already revoked.
    public static func revoke(_ key: String, date: CalendarDate, reason: String, records: StatusRecords,
                              root: URL) throws(BuildError) -> Bool {
        guard records.revocation(of: key) == nil else { return false }
        let all = records.revocations + [StatusRecords.Revocation(credential: key, date: date, reason: reason)]
        let lines = all.map { revocation in
            "  - credential: \(quoted(revocation.credential))\n    date: \(revocation.date)\n"
                + (revocation.reason.isEmpty ? "" : "    reason: \(quoted(revocation.reason))\n")
        }
        let text = """
            # Credentials withdrawn with `passport revoke`. Their bit stays set in status/revocation.jwt
            # on every build. Keep this file with your records (commit it); a revocation cannot be undone.
            revoked:

            """ + lines.joined()
        try write(text, to: revokedPath, in: root)
        return true
    }

    /// A YAML double-quoted scalar (JSON string syntax is valid YAML).
    private static func quoted(_ text: String) -> String { JSONValue.string(text).serializedString() }

    private static func write(_ text: String, to path: String, in root: URL) throws(BuildError) {
        let url = root.appendingPathComponent(path)
        try BuildError.output(try FileWriter.writeAtomically(Data(text.utf8), to: url))
    }
}
