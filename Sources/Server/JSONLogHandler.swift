internal import Credentials
internal import Foundation
public import Logging

/// Logs as one JSON object per line on standard error (`--log-format json`), for log collectors:
/// `time`, `level`, `label`, `message` and the metadata as string fields.
public struct JSONLogHandler: LogHandler {
    public var metadata: Logger.Metadata = [:]
    public var logLevel: Logger.Level = .info
    let label: String

    public init(label: String) { self.label = label }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        var fields: [String: JSONValue] = [
            "time": .string(XSDDateTime.string(from: Date())), "level": .string(event.level.rawValue),
            "label": .string(label), "message": .string(event.message.description),
        ]
        if let error = event.error { fields["error"] = .string("\(error)") }
        for (key, value) in metadata.merging(event.metadata ?? [:], uniquingKeysWith: { _, new in new }) where fields[key] == nil {
            fields[key] = .string(value.description)
        }
        FileHandle.standardError.write(Data((JSONValue.object(fields).serializedString() + "\n").utf8))
    }
}
