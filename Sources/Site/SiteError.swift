public import Output
/// Why the site could not be built, with what to do about it.
public enum SiteError: Error, CustomStringConvertible, Equatable {
    /// A page template or a partial it includes is in neither template folder.
    case missingTemplate(name: String, neededBy: String?, searched: [String])
    /// A template does not parse.
    case templateSyntax(file: String, line: Int?, column: Int?, problem: String)
    /// An interface strings file (`strings/<lang>.json`) is not a flat JSON object of texts.
    case invalidStrings(file: String, problem: String)
    /// A lot or serial cannot be a path on a static host (an empty, `.` or `..` segment).
    case unservablePath(batch: String, text: String)
    /// A file the site needs (image, evidence, asset) cannot be read.
    case unreadableFile(path: String)
    /// A project file the site copies or reads (image, evidence, template override) cannot be used:
    /// outside the project, in a `keys` folder, not a regular file, or too large.
    case projectFile(ProjectFileError)
    /// Writing into the output folder failed.
    case writeFailed(path: String, reason: String)
    /// The bundled base map for journey maps cannot be read (the map module's message).
    case baseMap(String)

    /// The message shown to the user: what went wrong and what to do.
    public var description: String {
        switch self {
        case let .missingTemplate(name, neededBy, searched):
            let by = neededBy.map { ", included by \($0)" } ?? ""
            return "missing template `\(name).mustache`\(by); looked in \(searched.joined(separator: " and ")). "
                + "Restore the file, or remove the `{{>\(name)}}` tag that includes it."
        case let .templateSyntax(file, line, column, problem):
            let position = line.map { ":\($0)" + (column.map { ":\($0)" } ?? "") } ?? ""
            return "template \(file)\(position): \(problem). Check the `{{…}}` tags near that line: "
                + "every `{{#section}}` needs a matching `{{/section}}`."
        case let .invalidStrings(file, problem):
            return "interface strings \(file): \(problem). Write a JSON object of \"key\": \"text\" pairs."
        case let .unservablePath(batch, text):
            return "batch `\(batch)`: `\(text)` cannot be a web path (it has an empty, `.` or `..` part). "
                + "Rename the lot or serial prefix."
        case let .projectFile(error):
            return error.description
        case let .unreadableFile(path):
            return "cannot read \(path). Check the file exists and can be read."
        case let .baseMap(message):
            return message
        case let .writeFailed(path, reason):
            return "cannot write \(path): \(reason). Check the output folder is writable and the disk has room."
        }
    }
}
