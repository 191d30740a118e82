import Foundation

/// Reads a template JSON file into a `Decodable` value, with errors that name the file and
/// the field, and that catch misspelt keys (which JSON decoding would silently ignore).
enum TemplateDecoding {
    /// The keys a template object may have.
    indirect enum Schema: Sendable {
        /// An object with exactly these optional keys.
        case object([String: Schema])
        /// An object with any keys, each value of one schema.
        case map(Schema)
        /// Anything (checked by decoding).
        case value
    }

    static func decode<T: Decodable>(_ type: T.Type, from url: URL, data given: Data? = nil,
                                     schema: Schema) throws(LabelError) -> T {
        let file = url.path
        let data: Data
        if let given {
            data = given
        } else {
            do {
                data = try Data(contentsOf: url)
            } catch {
                throw .templateInvalid(file: file, field: nil, problem: "it cannot be read (\(error.localizedDescription))")
            }
        }
        let json: Any
        do {
            json = try JSONSerialization.jsonObject(with: data)
        } catch {
            throw .templateInvalid(file: file, field: nil, problem: "it is not valid JSON (\(jsonProblem(error)))")
        }
        try check(json, schema: schema, path: [], file: file)
        do {
            return try JSONDecoder().decode(T.self, from: data)
        } catch let error as DecodingError {
            throw describe(error, file: file)
        } catch let error as LabelError {
            throw error
        } catch {
            throw .templateInvalid(file: file, field: nil, problem: "\(error)")
        }
    }

    private static func check(_ json: Any, schema: Schema, path: [String], file: String) throws(LabelError) {
        switch schema {
        case .value:
            return
        case let .map(inner):
            guard let object = json as? [String: Any] else {
                throw .templateInvalid(file: file, field: dotted(path), problem: "expected an object { … }")
            }
            for (key, value) in object { try check(value, schema: inner, path: path + [key], file: file) }
        case let .object(keys):
            guard let object = json as? [String: Any] else {
                throw .templateInvalid(file: file, field: dotted(path), problem: "expected an object { … }")
            }
            for key in object.keys.sorted() {
                guard let inner = keys[key] else {
                    let known = keys.keys.sorted().joined(separator: ", ")
                    throw .templateInvalid(file: file, field: dotted(path + [key]),
                                           problem: "unknown key '\(key)' (known keys here: \(known))")
                }
                if let value = object[key] { try check(value, schema: inner, path: path + [key], file: file) }
            }
        }
    }

    static func describe(_ error: DecodingError, file: String) -> LabelError {
        switch error {
        case let .keyNotFound(key, context):
            return .templateInvalid(file: file, field: dotted(context.codingPath + [key]),
                                    problem: "this required value is missing")
        case let .typeMismatch(type, context):
            return .templateInvalid(file: file, field: dotted(context.codingPath),
                                    problem: "expected \(typeName(type))")
        case let .valueNotFound(type, context):
            return .templateInvalid(file: file, field: dotted(context.codingPath),
                                    problem: "expected \(typeName(type)), found null")
        case let .dataCorrupted(context):
            return .templateInvalid(file: file, field: context.codingPath.isEmpty ? nil : dotted(context.codingPath),
                                    problem: context.debugDescription)
        @unknown default:
            return .templateInvalid(file: file, field: nil, problem: "\(error)")
        }
    }

    static func dotted(_ path: [any CodingKey]) -> String {
        dotted(path.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue })
    }

    static func dotted(_ path: [String]) -> String {
        path.reduce("") { result, part in
            part.hasPrefix("[") || result.isEmpty ? result + part : result + "." + part
        }
    }

    private static func typeName(_ type: Any.Type) -> String {
        switch type {
        case is Double.Type, is Float.Type: "a number"
        case is Int.Type: "a whole number"
        case is String.Type: "text in quotes"
        case is Bool.Type: "true or false"
        default:
            String(describing: type).hasPrefix("Array") ? "a list [ … ]" : "an object { … }"
        }
    }

    private static func jsonProblem(_ error: any Error) -> String {
        let nsError = error as NSError
        if let detail = nsError.userInfo[NSDebugDescriptionErrorKey] as? String { return detail }
        return nsError.localizedDescription
    }
}

/// Fields decoded with a clear message when a value is out of range.
struct TemplateProblem: Error {
    let field: String
    let problem: String
}
