public import Foundation

/// An output folder (`output/`) written whole into a staging folder beside it, then swapped in
/// with one atomic exchange: at every instant the destination is exactly the previous complete
/// output or exactly the new one, even if the process is killed.
///
/// A run declares the parts it produces (`part("site")`, or a nested `part("labels/lot-a/run-1")`);
/// everything else the previous output held is carried over by hard links, so a run that makes
/// one part leaves the others as they were, at the cost of a link per file. Leftovers of a killed
/// run (staging folders and old trees beside the destination) are removed by the next run; a
/// staging folder still locked by a live run is left alone.
public final class StagedOutput {
    /// The output folder, symbolic links resolved.
    public let destination: URL
    /// The folder this run writes into; it becomes `destination` on `commit()`.
    public let staging: URL
    private var parts: Set<String> = []
    private let lock: Int32
    private var settled = false

    /// Prepares a staging folder beside `destination` and removes leftovers of killed runs.
    public init(destination: URL) throws(OutputError) {
        let parent = destination.deletingLastPathComponent().resolvingSymlinksInPath()
        let name = destination.lastPathComponent
        self.destination = parent.appendingPathComponent(name)
        try FileWriter.makeFolder(parent)
        Self.recoverAndClean(parent: parent, name: name)
        staging = parent.appendingPathComponent(".\(name).staging-\(Syscalls.randomSuffix())")
        guard Syscalls.makeFolder(staging.path), let lock = Syscalls.openFolder(staging.path) else {
            throw .cannotCreateFolder(path: staging.path, reason: Syscalls.lastError)
        }
        _ = Syscalls.tryLock(lock)
        self.lock = lock
        TestHooks.reached(.staged)
    }

    deinit {
        if !settled { try? FileManager.default.removeItem(at: staging) }
        Syscalls.close(lock)
    }

    /// The staging folder of a part this run produces whole (`site`, `labels/lot-a/run-1`), created
    /// empty. The previous output's copy of that part is not carried over.
    public func part(_ relativePath: String) throws(OutputError) -> URL {
        let clean = Self.partPath(relativePath)
        parts.insert(clean)
        let url = staging.appendingPathComponent(clean, isDirectory: true)
        try FileWriter.makeFolder(url)
        return url
    }

    /// A part this run produces whole, written file by file: files whose bytes equal the previous
    /// output's are linked from it, so only what changed is written (see `StagedPart`).
    public func partWriter(_ relativePath: String) throws(OutputError) -> StagedPart {
        let url = try part(relativePath)
        return StagedPart(url: url, previous: destination.appendingPathComponent(Self.partPath(relativePath), isDirectory: true))
    }

    /// `a/b` from `a//./b/`; a part never leaves the output.
    private static func partPath(_ relativePath: String) -> String {
        let clean = relativePath.split(separator: "/").filter { !$0.isEmpty && $0 != "." }.joined(separator: "/")
        precondition(!clean.isEmpty && !clean.split(separator: "/").contains(".."), "a part lies inside the output")
        return clean
    }

    /// Carries over what this run did not produce, makes sure no file holds private key material,
    /// flushes the staging folder to disk and swaps it in place of the destination. On failure the
    /// destination is as it was.
    ///
    /// - Parameter secrets: texts that must appear in no file (the project's private keys as
    ///   base64url, by a name for the message), on top of any JWK with `"d"` or PEM private key.
    public func commit(refusing secrets: [(name: String, text: String)] = []) throws(OutputError) {
        TestHooks.reached(.beforeCarryOver)
        if Syscalls.kind(destination.path) == .folder {
            try carryOver(from: destination.path, to: staging.path, relative: "")
        }
        if let finding = PrivateKeyScan.firstFinding(in: staging.path, secrets: secrets) {
            let produced = parts.contains { finding.path == $0 || finding.path.hasPrefix($0 + "/") }
            throw .privateKeyMaterial(path: destination.appendingPathComponent(finding.path).path, what: finding.what,
                                      leftFromEarlierOutput: !produced)
        }
        Syscalls.syncFileSystem(lock)
        TestHooks.reached(.beforeSwap)
        let old: String
        switch Syscalls.kind(destination.path) {
        case .missing:
            if let reason = Syscalls.rename(staging.path, destination.path) {
                throw .cannotSwap(path: destination.path, reason: reason)
            }
            old = ""
        default:
            switch TestHooks.renameFallback ? .unsupported : Syscalls.exchange(staging.path, destination.path) {
            case .exchanged:
                old = staging.path
            case .failed(let reason):
                throw .cannotSwap(path: destination.path, reason: reason)
            case .unsupported:
                // Two renames; a run killed between them is repaired by the next (`recoverAndClean`).
                let aside = destination.deletingLastPathComponent()
                    .appendingPathComponent(".\(destination.lastPathComponent).old-\(Syscalls.randomSuffix())").path
                if let reason = Syscalls.rename(destination.path, aside) {
                    throw .cannotSwap(path: destination.path, reason: reason)
                }
                TestHooks.reached(.betweenRenames)
                if let reason = Syscalls.rename(staging.path, destination.path) {
                    _ = Syscalls.rename(aside, destination.path)
                    throw .cannotSwap(path: destination.path, reason: reason)
                }
                old = aside
            }
        }
        settled = true
        FileWriter.syncFolder(destination.deletingLastPathComponent().path)
        TestHooks.reached(.afterSwap)
        if !old.isEmpty { Self.remove(old) }
    }

    /// Removes a tree left aside, entry by entry (a run killed halfway leaves the rest to the next run).
    static func remove(_ path: String) {
        for (index, name) in entries(of: path).enumerated() {
            try? FileManager.default.removeItem(atPath: path + "/" + name)
            if index == 0 { TestHooks.reached(.removingOld) }
        }
        try? FileManager.default.removeItem(atPath: path)
    }

    /// Mirrors `from` into `to` by hard links, skipping produced parts and what `to` already has.
    private func carryOver(from: String, to: String, relative: String) throws(OutputError) {
        for name in Self.entries(of: from) {
            let path = relative.isEmpty ? name : relative + "/" + name
            if parts.contains(path) { continue }
            let source = from + "/" + name, target = to + "/" + name
            if parts.contains(where: { $0.hasPrefix(path + "/") }) {
                guard Syscalls.kind(source) == .folder else { continue }
                guard Syscalls.makeFolder(target) else { throw .cannotCreateFolder(path: target, reason: Syscalls.lastError) }
                try carryOver(from: source, to: target, relative: path)
            } else if Syscalls.kind(target) == .missing {
                try Self.linkTree(source, target)
            }
        }
    }

    /// A copy of a tree made of hard links (folders made anew, symbolic links recreated).
    private static func linkTree(_ source: String, _ target: String) throws(OutputError) {
        switch Syscalls.kind(source) {
        case .folder:
            guard Syscalls.makeFolder(target) else { throw .cannotCreateFolder(path: target, reason: Syscalls.lastError) }
            for name in entries(of: source) { try linkTree(source + "/" + name, target + "/" + name) }
        case .file:
            if Syscalls.link(source, target) != nil {
                do { try FileManager.default.copyItem(atPath: source, toPath: target) } catch {
                    throw .cannotWrite(path: target, reason: error.localizedDescription)
                }
            }
        case .symbolicLink:
            if let destination = try? FileManager.default.destinationOfSymbolicLink(atPath: source) {
                try? FileManager.default.createSymbolicLink(atPath: target, withDestinationPath: destination)
            }
        case .missing, .other:
            break
        }
    }

    private static func entries(of folder: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).sorted()
    }

    /// Puts back an output that a run killed between two renames left aside, then removes the
    /// staging folders and old trees of runs that no longer hold their lock.
    static func recoverAndClean(parent: URL, name: String) {
        let staged = ".\(name).staging-", aside = ".\(name).old-"
        let leftovers = entries(of: parent.path).filter { $0.hasPrefix(staged) || $0.hasPrefix(aside) }
        let destination = parent.appendingPathComponent(name).path
        if Syscalls.kind(destination) == .missing, let old = leftovers.first(where: { $0.hasPrefix(aside) }) {
            _ = Syscalls.rename(parent.appendingPathComponent(old).path, destination)
        }
        for leftover in leftovers {
            let path = parent.appendingPathComponent(leftover).path
            guard Syscalls.kind(path) == .folder, let descriptor = Syscalls.openFolder(path) else { continue }
            let abandoned = Syscalls.tryLock(descriptor)
            Syscalls.close(descriptor)
            if abandoned { remove(path) }
        }
    }
}
