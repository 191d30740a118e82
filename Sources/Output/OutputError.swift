/// What can go wrong while writing output, with the path and the system's own words.
public enum OutputError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A folder could not be made.
    case cannotCreateFolder(path: String, reason: String)
    /// A file could not be written.
    case cannotWrite(path: String, reason: String)
    /// The finished output could not be put in place of the previous one; the previous one is intact.
    case cannotSwap(path: String, reason: String)
    /// A file of the finished output holds private key material; nothing was published.
    /// `leftFromEarlierOutput`: the file was not made by this run but kept from the previous output.
    case privateKeyMaterial(path: String, what: String, leftFromEarlierOutput: Bool)
    /// Another passport command is writing the same output folder right now.
    case busy(path: String)
    /// The bundled templates and fonts were not found in any of these folders.
    case resourcesNotFound(searched: [String])

    public var description: String {
        switch self {
        case .cannotCreateFolder(let path, let reason):
            return "\(path): cannot create this folder (\(reason)) — check that the parent folder exists and is writable"
        case .cannotWrite(let path, let reason):
            return "\(path): cannot write this file (\(reason)) — check free disk space and permissions"
        case .cannotSwap(let path, let reason):
            return "\(path): cannot put the new output in place (\(reason)); the previous output is unchanged — check permissions of its parent folder"
        case .privateKeyMaterial(let path, let what, let earlier):
            let fix = earlier
                ? "it was left there by an earlier run: delete it (and treat that key as exposed if the folder was ever published)"
                : "find the project file it was copied from (an evidence file, a product image or a template asset) and point to another file"
            return "\(path): holds \(what), which must never be published; nothing was written and the previous output is unchanged — \(fix)"
        case .busy(let path):
            return "\(path): another passport command is writing this output folder right now — wait for it to finish, or use --output for another folder"
        case .resourcesNotFound(let searched):
            return "The label templates and fonts were not found. Looked in: \(searched.joined(separator: ", ")). "
                + "Set PASSPORT_RESOURCES to the folder holding Templates/ and Fonts/, or install with scripts/install.sh"
        }
    }
}
